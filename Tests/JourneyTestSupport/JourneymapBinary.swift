import Foundation

/// The `journeymap` binary of the build configuration the tests were built in: beside the
/// test bundle (`.build/<triple>/debug` or `release`), else `.build/debug` or `.build/release`
/// by this build's configuration. A missing binary makes the CLI tests fail, never skip.
public enum JourneymapBinary {
    #if DEBUG
    public static let configuration = "debug"
    #else
    public static let configuration = "release"
    #endif

    public static let path: String = {
        let beside = URL(fileURLWithPath: CommandLine.arguments.first ?? "").resolvingSymlinksInPath()
            .deletingLastPathComponent()
        var candidates = [beside.appendingPathComponent("journeymap").path]
        // `swift test` on Linux runs `…/debug/journeymapPackageTests.xctest`; the runner's
        // own path may be a helper elsewhere, so look in the bundle's folder too.
        for argument in CommandLine.arguments where argument.hasSuffix(".xctest") {
            candidates.append(URL(fileURLWithPath: argument).deletingLastPathComponent().appendingPathComponent("journeymap").path)
        }
        candidates.append(Repository.path(".build/\(configuration)/journeymap"))
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) && isConfiguration($0) }
            ?? Repository.path(".build/\(configuration)/journeymap")
    }()

    /// Whether `path` lies in a folder of this configuration (not a release binary for a debug run).
    private static func isConfiguration(_ path: String) -> Bool {
        URL(fileURLWithPath: path).deletingLastPathComponent().lastPathComponent == configuration
    }

    /// Runs the binary (in the package root unless `directory`); throws `MissingExecutable` when
    /// it was not built.
    public static func run(_ arguments: [String], in directory: URL? = nil, environment: [String: String] = [:],
                           stdin: Data? = nil) throws -> ProcessResult {
        guard FileManager.default.isExecutableFile(atPath: path) else {
            throw MissingExecutable(path: path, hint: "build it first (swift build\(configuration == "release" ? " -c release" : ""))")
        }
        return try ProcessRunner.run(path, arguments, in: directory, environment: environment, stdin: stdin)
    }
}
