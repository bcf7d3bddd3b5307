// swift-tools-version:6.0
import PackageDescription

// Architecture (see README "Architecture" and docs/architecture.md):
//   JourneyErrors ErrorCategory and CategorizedError: every error says its exit category (no dependencies;
//                 re-exported by JourneyCore, used directly by the modules that do not import it)
//   JourneyCore   the domain, in Swift (one C kernel, CNearest): events (EventTable), templates, mining (its rules R1-R7 in JourneyRules,
//                 used by both engines: Miner and the direct CSV path), journey graph and its file, compare,
//                 personas, Sankey flows; knows no reader (it is handed an EventTable)
//   CNearest      k-means' assignment distances with AVX2, chosen at run time, bit for bit the portable Swift
//                 loop's (JourneyCore's KMeans; the one C that JourneyCore calls)
//   CRowScan      one static inline C function: a 64-byte block's special CSV bytes with SSE2 (JourneyIO's splitter)
//   CSigbus       a SIGBUS handler that says a mapped input file shrank while read (JourneyIO's MappedRange)
//   JourneyIO     fast input behind one wall: the readers, byte sources and scanners, reader-side interning,
//                 mmap'd partitions and the direct CSV path (DirectCSVMiner); most of the Unsafe* pointer code;
//                 depends on JourneyCore and reaches its internals through `package` access, never the reverse
//   JourneyDeflate the only importer of zlib's compressor (CZlib): gzip output, PNG data
//   JourneyGzip   the only importer of ISA-L (CIsal): gzip byte source for the readers (JourneyIO); opens .gz and .zst logs
//   JourneyZstd   the only importer of libzstd (CZstd): zstd byte source for the readers (JourneyIO)
//   JourneyScene  plain value types where layout and drawing meet (no dependencies)
//   JourneyLayout journey graph -> positioned Scene; the only importer of Graphviz (CGraphviz*)
//   JourneyRender Scene -> SVG/PNG/PDF/HTML; the only importer of Cairo/Pango (CPangoCairo), libjpeg-turbo
//                 (CTurboJPEG) and HarfBuzz's subsetter (CHarfBuzzSubset, through CFontSubsetShim)
//                 and giflib (CGif: the replay's GIF frames)
//   JourneyEngines the mining rules as SQL (MiningQuery), the aggregates rows, DuckDB and Spark runners
//   JourneyPostgres the only importer of libpq (CLibPQ): `--engine postgresql://…` streams a query's rows to CSV
//   JourneyKit    wires reading, mining, layout and rendering; one call per picture (MapPictures,
//                 SankeyPictures.picture, ComparisonPictures, PersonaPictures, AttributionPictures)
//   journeymap    the command line: turns flags into options for JourneyKit
//   JourneyTestSupport (tests only) temporary folders, paths, process runner, the binary, golden files
let package = Package(
    name: "journeymap",
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "JourneyCore", targets: ["JourneyCore"]),
        .library(name: "JourneyKit", targets: ["JourneyKit"]),
        .library(name: "JourneyEngines", targets: ["JourneyEngines"]),
        .executable(name: "journeymap", targets: ["journeymap"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    ],
    targets: [
        .target(name: "JourneyErrors"),
        .target(name: "JourneyCore", dependencies: ["JourneyErrors", "CNearest", .product(name: "Yams", package: "Yams")]),
        // AVX2 distances for k-means, chosen at run time (JourneyCore's KMeans).
        .target(name: "CNearest"),
        // SSE2's byte compares for the direct reader's row splitter (a header of static inline C).
        .target(name: "CRowScan"),
        // A message, not a silent "Bus error", when a mapped input file shrinks while read.
        .target(name: "CSigbus"),
        .target(name: "JourneyIO", dependencies: ["JourneyCore", "CRowScan", "CSigbus"]),

        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        .target(name: "JourneyDeflate", dependencies: ["JourneyErrors", "CZlib"]),
        .systemLibrary(name: "CIsal", pkgConfig: "libisal", providers: [.apt(["libisal-dev"])]),
        .systemLibrary(name: "CZstd", pkgConfig: "libzstd", providers: [.apt(["libzstd-dev"])]),
        .target(name: "JourneyZstd", dependencies: ["JourneyIO", "CZstd"]),
        .target(name: "JourneyGzip", dependencies: ["JourneyIO", "CIsal", "JourneyDeflate", "JourneyZstd"]),

        .target(name: "JourneyScene"),

        .systemLibrary(name: "CGraphviz", pkgConfig: "libgvc", providers: [.apt(["libgraphviz-dev"])]),
        .target(name: "CGraphvizShim", dependencies: ["CGraphviz"]),
        .target(name: "JourneyLayout", dependencies: ["JourneyCore", "JourneyScene", "CGraphviz", "CGraphvizShim"]),

        .systemLibrary(name: "CPangoCairo", pkgConfig: "pangocairo", providers: [.apt(["libpango1.0-dev", "libcairo2-dev"])]),
        .systemLibrary(name: "CTurboJPEG", pkgConfig: "libturbojpeg", providers: [.apt(["libturbojpeg0-dev"])]),
        .systemLibrary(name: "CHarfBuzzSubset", pkgConfig: "harfbuzz-subset", providers: [.apt(["libharfbuzz-dev"])]),
        .target(name: "CFontSubsetShim", dependencies: ["CHarfBuzzSubset", "CPangoCairo"]),
        // giflib: the replay's GIF frames (LZW and the palette's median cut).
        .systemLibrary(name: "CGif", pkgConfig: "libgif", providers: [.apt(["libgif-dev"])]),
        .target(name: "JourneyRender", dependencies: ["JourneyErrors", "JourneyScene", "CPangoCairo", "JourneyDeflate", "CTurboJPEG",
                                                      "CFontSubsetShim", "CGif"]),

        // SQL engines (issue 19): mining rules as SQL, run where the data lives (pure Swift).
        .target(name: "JourneyEngines", dependencies: ["JourneyCore"]),
        // libpq loaded when the PostgreSQL engine first connects, not linked (jm_libpq.h says why).
        .target(name: "CLibPQ", linkerSettings: [.linkedLibrary("dl")]),
        .target(name: "JourneyPostgres", dependencies: ["JourneyErrors", "JourneyEngines", "CLibPQ"]),
        .target(name: "JourneyKit", dependencies: ["JourneyCore", "JourneyIO", "JourneyGzip", "JourneyScene", "JourneyLayout", "JourneyRender", "JourneyEngines", "JourneyPostgres"]),
        // Debug builds (the ones the tests run) may stop as an internal error on request
        // (JOURNEYMAP_TEST_INTERNAL_ERROR=1), so the suite sees exit code 70; release builds,
        // the ones shipped, have no such switch.
        .executableTarget(name: "journeymap", dependencies: [
            "JourneyKit", .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ], swiftSettings: [.define("JOURNEYMAP_INTERNAL_ERROR_PROBE", .when(configuration: .debug))]),

        // Shared by the test targets: temporary folders, repository paths and fixtures, the
        // process runner, the journeymap binary of this build configuration, golden files.
        .target(name: "JourneyTestSupport", path: "Tests/JourneyTestSupport"),
        .testTarget(name: "JourneyCoreTests", dependencies: ["JourneyCore", "JourneyIO", "CRowScan", "CNearest", "JourneyGzip", "JourneyZstd", "JourneyTestSupport"]),
        .testTarget(name: "JourneyLayoutTests", dependencies: ["JourneyLayout", "JourneyCore", "JourneyScene", "JourneyTestSupport"]),
        .testTarget(name: "JourneyRenderTests", dependencies: ["JourneyRender", "JourneyScene", "JourneyTestSupport"]),
        .testTarget(name: "JourneyKitTests", dependencies: ["JourneyKit", "CTurboJPEG", "JourneyTestSupport"]),
        .testTarget(name: "CLITests", dependencies: ["journeymap", "JourneyTestSupport"]),
        .testTarget(name: "JourneyEnginesTests", dependencies: ["JourneyEngines", "JourneyCore", "JourneyTestSupport"]),
    ]
)

// libFuzzer targets (scripts/fuzz), declared only with JOURNEYMAP_FUZZ=1: they call
// libFuzzer's driver, which only links with -sanitize=fuzzer (and with lld: gold fails on them).
if Context.environment["JOURNEYMAP_FUZZ"] == "1" {
    package.targets += [
        .target(name: "CFuzzer", path: "Sources/Fuzz/CFuzzer"),
        .target(name: "FuzzSupport", dependencies: ["JourneyCore", "JourneyIO", "CFuzzer"], path: "Sources/Fuzz/FuzzSupport"),
    ]
    for name in ["CSV", "JSONLines", "XES", "Timestamp", "Template"] {
        package.targets.append(.executableTarget(name: "Fuzz\(name)", dependencies: ["FuzzSupport"],
                                                 path: "Sources/Fuzz/\(name)",
                                                 linkerSettings: [.unsafeFlags(["-use-ld=lld"])]))
    }
}
