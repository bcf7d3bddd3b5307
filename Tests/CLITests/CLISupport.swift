import Foundation

/// The repository root and the built `journeymap` binary, found from this file, and one way to
/// run it: every CLI test suite goes through `CLI.run`.
enum CLI {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let binary = root.appendingPathComponent(".build/debug/journeymap").path

    struct Run { var status: Int32; var stdout: String; var stderr: String }

    /// Runs the binary in `directory` (default: the repository root, so `samples/` and
    /// `templates/` resolve) and waits for it.
    static func run(_ arguments: [String], in directory: URL? = nil, executable: String = binary) throws -> Run {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: executable)
        p.arguments = arguments
        p.currentDirectoryURL = directory ?? root
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        // Read both pipes concurrently: a full stdout pipe must not block the child while we wait on stderr.
        let stdout = Collected()
        let group = DispatchGroup()
        DispatchQueue.global().async(group: group) { stdout.data = out.fileHandleForReading.readDataToEndOfFile() }
        let e = err.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        let o = stdout.data
        p.waitUntilExit()
        return Run(status: p.terminationStatus, stdout: String(decoding: o, as: UTF8.self), stderr: String(decoding: e, as: UTF8.self))
    }
}

/// Standard output read on another thread; `DispatchGroup.wait` orders the write before the read.
private final class Collected: @unchecked Sendable {
    var data = Data()
}
