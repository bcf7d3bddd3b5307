import Foundation
import XCTest

/// What the engine tests share: the services' variables (skip when unset, fail under
/// `JM_CI=1`), the shared logs, running the binary with extra environment, and comparing two
/// journey files byte for byte apart from `source`.
enum EngineTestSupport {
    static let environment = ProcessInfo.processInfo.environment
    static let dataDir = CLI.root.deletingLastPathComponent().appendingPathComponent("shared/data")

    /// The variable's value; skips (or fails under JM_CI=1) when it is unset.
    static func required(_ name: String, for what: String) throws -> String {
        if let v = environment[name], !v.isEmpty { return v }
        if environment["JM_CI"] == "1" { XCTFail("\(name) is unset under JM_CI=1: \(what) cannot run (scripts/services/ start it)") }
        throw XCTSkip("\(name) is unset: \(what) skipped (run scripts/services/… start and export what it prints)")
    }

    /// A shared log; skips (or fails under JM_CI=1) when ../shared/data is absent.
    static func sharedLog(_ name: String) throws -> URL {
        let url = dataDir.appendingPathComponent(name)
        if FileManager.default.fileExists(atPath: url.path) { return url }
        if environment["JM_CI"] == "1" { XCTFail("\(url.path) is absent under JM_CI=1") }
        throw XCTSkip("\(url.path) is absent: skipped")
    }

    /// Runs a program with extra environment variables (and stdin from /dev/null).
    static func run(_ executable: String, _ arguments: [String], environment extra: [String: String] = [:],
                    removing: [String] = []) throws -> CLI.Run {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: executable)
        p.arguments = arguments
        p.currentDirectoryURL = CLI.root
        var env = environment
        for k in removing { env[k] = nil }
        for (k, v) in extra { env[k] = v }
        p.environment = env
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        p.standardInput = FileHandle(forReadingAtPath: "/dev/null")
        try p.run()
        let group = DispatchGroup()
        let box = OutBox()
        DispatchQueue.global().async(group: group) { box.data = out.fileHandleForReading.readDataToEndOfFile() }
        let e = err.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        p.waitUntilExit()
        return CLI.Run(status: p.terminationStatus, stdout: String(decoding: box.data, as: UTF8.self),
                       stderr: String(decoding: e, as: UTF8.self))
    }

    static func journeymap(_ arguments: [String], environment extra: [String: String] = [:], removing: [String] = []) throws -> CLI.Run {
        try run(CLI.binary, arguments, environment: extra, removing: removing)
    }

    /// The journey file's text without its `"source" : { … }` block (pretty-printed, keys
    /// sorted: the block starts at two spaces of indent and ends at the next line `  },` or `  }`).
    static func withoutSource(_ text: String) -> String {
        var out: [Substring] = []
        var skipping = false
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if !skipping && line.hasPrefix("  \"source\" : {") { skipping = true; continue }
            if skipping {
                if line == "  }," || line == "  }" { skipping = false }
                continue
            }
            out.append(line)
        }
        return out.joined(separator: "\n")
    }

    static func temporaryFolder() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("jm-engine-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    /// A template placing the running example's activities and others by globs.
    static let globTemplate = """
        id: glob-test
        names: {en: Glob test}
        stages:
          - id: intake
            names: {en: Intake}
          - id: work
            names: {en: Work}
          - id: outcome
            names: {en: Outcome}
        touchpoints:
          - glob: ["register*", "*receipt*", "Create*", "Insert*", "Assign*"]
            stage: intake
          - glob: ["*examine*", "check*", "*Check*", "T0*", "T1*", "*Fine*", "*Penalty*", "Send*", "Add*", "Take*", "Wait*", "Resolve*"]
            stage: work
          - glob: ["decide", "pay*", "reject*", "reinitiate*", "Payment", "Closed", "*Appeal*", "Notify*"]
            stage: outcome
        """
}

private final class OutBox: @unchecked Sendable { var data = Data() }
