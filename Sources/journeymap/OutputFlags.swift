import ArgumentParser
import Foundation
import JourneyKit

extension OutputFormat: ExpressibleByArgument {}

/// Checks shared by every command that writes outputs (issue 15).
enum OutputPaths {
    /// One output at most may go to standard output (`-o -`, `/dev/stdout`): two would mix
    /// their bytes into one stream.
    static func checkOneStandardOutput(_ outputs: [String]) throws {
        let toStdout = outputs.filter(AtomicFile.isStandardOutput)
        if toStdout.count > 1 {
            throw UsageError("\(toStdout.joined(separator: ", ")): \(toStdout.count) outputs go to standard output; at most one can (write the others to files)")
        }
    }

    /// How outputs are named in notes: `-` as "standard output".
    static func describe(_ outputs: [String]) -> String {
        outputs.map { $0 == "-" ? "standard output" : $0 }.joined(separator: ", ")
    }

    /// True when the file name has no extension (`-`, `/dev/stdout`, a FIFO called `pipe`):
    /// its format comes from `--format`.
    static func hasNoExtension(_ path: String) -> Bool {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        guard let dot = name.lastIndex(of: ".") else { return true }
        return dot == name.startIndex
    }
}
