import Foundation
import JourneyTestSupport

/// The repository root and the built `journeymap` binary (of this build configuration:
/// `JourneymapBinary`), and one way to run it: every CLI test suite goes through `CLI.run`.
/// A binary that was not built makes the tests fail, never skip.
enum CLI {
    static let root = Repository.root
    static let binary = JourneymapBinary.path

    struct Run { var status: Int32; var stdout: String; var stderr: String }

    /// Runs the binary in `directory` (default: the repository root, so `samples/` and
    /// `templates/` resolve), with `stdin` on its standard input when given, and waits for it.
    static func run(_ arguments: [String], in directory: URL? = nil, executable: String = binary, environment: [String: String] = [:],
                    stdin: Data? = nil) throws -> Run {
        let r = try ProcessRunner.run(executable, arguments, in: directory ?? root, environment: environment, stdin: stdin)
        return Run(status: r.status, stdout: r.stdout, stderr: r.stderr)
    }

    /// `sh -c command` in `directory`: its exit status.
    static func sh(_ command: String, in directory: URL) throws -> Int32 {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/sh")
        p.arguments = ["-c", command]
        p.currentDirectoryURL = directory
        try p.run()
        p.waitUntilExit()
        return p.terminationStatus
    }

    /// A checker of Tests/Scripts (`script`: its file name) through `.venv/bin/python`
    /// (scripts/install-test-tools) or else `python3`.
    static func checker(_ script: String, _ arguments: [String]) throws -> Run {
        let path = root.appendingPathComponent("Tests/Scripts/\(script)").path
        let venv = root.appendingPathComponent(".venv/bin/python").path
        if FileManager.default.isExecutableFile(atPath: venv) { return try run([path] + arguments, executable: venv) }
        return try run(["python3", path] + arguments, executable: "/usr/bin/env")
    }

    /// `journeymap mine ARGUMENTS -o j.json` in a scratch folder: the journey file parsed
    /// (empty when the run failed) and the run.
    static func mineJourney(_ arguments: [String]) throws -> (journey: [String: Any], run: Run) {
        let dir = try TemporaryDirectory("journeymap-mine")
        let out = dir.path("j.json")
        let run = try CLI.run(["mine"] + arguments + ["-o", out])
        guard run.status == 0 else { return ([:], run) }
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out))) as? [String: Any]
        return (json ?? [:], run)
    }
}
