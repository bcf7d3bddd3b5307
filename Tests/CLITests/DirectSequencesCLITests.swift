import Foundation
import Testing
import JourneyTestSupport

/// `sankey`, `persona` and `compare` (with its diff Sankey) read a plain or gzipped CSV through
/// the direct path (`DirectCSVMiner.sequences`): through the built binary, every file they
/// write is byte for byte the one the general path writes (`JOURNEYMAP_DIRECT=0`), at any
/// `--threads`, on a shuffled copy of the demo log (cases first seen all over the file).
@Suite struct DirectSequencesCLITests {
    let scratch = ScratchFolders("journeymap-direct-sequences")

    /// The demo log's rows in a fixed shuffled order (header first), plus a gzipped copy.
    func shuffledLog(in dir: URL) throws -> (plain: String, halves: (String, String)) {
        let text = try String(contentsOf: CLI.root.appendingPathComponent("samples/shop-journeys.csv"), encoding: .utf8)
        var lines = text.split(separator: "\n").map(String.init)
        let header = lines.removeFirst()
        var state: UInt64 = 21  // a fixed shuffle (LCG), the same on every run
        for i in stride(from: lines.count - 1, to: 0, by: -1) {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            lines.swapAt(i, Int((state >> 33) % UInt64(i + 1)))
        }
        let plain = dir.appendingPathComponent("log.csv").path
        try ([header] + lines).joined(separator: "\n").appending("\n").write(toFile: plain, atomically: true, encoding: .utf8)
        let half = lines.count / 2
        let a = dir.appendingPathComponent("a.csv").path, b = dir.appendingPathComponent("b.csv").path
        try ([header] + lines[..<half]).joined(separator: "\n").appending("\n").write(toFile: a, atomically: true, encoding: .utf8)
        try ([header] + lines[half...]).joined(separator: "\n").appending("\n").write(toFile: b, atomically: true, encoding: .utf8)
        return (plain, (a, b))
    }

    @Test func sankeyPersonaAndCompareWriteTheGeneralPathsFiles() throws {
        let dir = try scratch.folder().url
        let (log, halves) = try shuffledLog(in: dir)
        let gz = log + ".gz", zst = log + ".zst"
        #expect(try ProcessRunner.run("/bin/sh", ["-c", "gzip -c -n '\(log)' > '\(gz)'"]).status == 0)
        #expect(try ProcessRunner.run("/bin/sh", ["-c", "zstd -q -c '\(log)' > '\(zst)'"]).status == 0)
        let commands: [(String, [String])] = [
            ("steps.svg", ["sankey", log]),
            ("stages.svg", ["sankey", log, "--by", "stage"]),
            ("steps-gz.svg", ["sankey", gz]),
            ("personas.svg", ["persona", log, "--clusters", "auto"]),
            ("personas-gz.svg", ["persona", gz, "--clusters", "3"]),
            // A stream's blocks cut into partitions smaller than a page (packed `CaseRuns` slices).
            ("stages-zst.svg", ["sankey", zst, "--by", "stage"]),
            ("personas-zst.svg", ["persona", zst, "--clusters", "auto"]),
            ("compare.md", ["compare", halves.0, halves.1, "--diff-sankey", dir.appendingPathComponent("diff.svg").path]),
        ]
        for (name, arguments) in commands {
            var outputs: [Data] = []
            for (direct, threads) in [("0", "1"), ("1", "1"), ("1", "3")] {
                let out = dir.appendingPathComponent("\(direct)-\(threads)-\(name)").path
                let r = try JourneymapBinary.run(arguments + ["-o", out, "--threads", threads, "--quiet"],
                                                 environment: ["JOURNEYMAP_DIRECT": direct])
                #expect(r.status == 0, "\(arguments.joined(separator: " ")): \(r.stderr)")
                var bytes = try Data(contentsOf: URL(fileURLWithPath: out))
                if name == "compare.md" { bytes += try Data(contentsOf: dir.appendingPathComponent("diff.svg")) }
                outputs.append(bytes)
            }
            #expect(outputs[0].count > 1000, "\(name)")
            #expect(outputs[1] == outputs[0], "\(name): direct, 1 thread")
            #expect(outputs[2] == outputs[0], "\(name): direct, 3 threads")
        }
    }
}
