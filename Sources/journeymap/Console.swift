import Foundation
import JourneyKit
#if canImport(Glibc)
import Glibc
#endif

/// Everything the tool prints for people goes through here (issue 15): text is made
/// `terminalSafe` (an ESC or BEL from a log value is shown as `\x1b`, `\x07`, never sent to
/// the terminal), and a failed write (a closed pipe, a full disk behind `2> file`, a file-size
/// limit) is ignored rather than crashing the run. Data outputs (`mine` to standard output,
/// `-o -`) do not come here: they are written byte for byte by `AtomicFile`.
enum Console {
    /// Writes `text` to standard error.
    static func error(_ text: String) { write(text.terminalSafe, to: STDERR_FILENO) }

    /// Writes `text` to standard output (a report such as `stats`).
    static func out(_ text: String) { write(text.terminalSafe, to: STDOUT_FILENO) }

    /// Lines to standard error, each as `journeymap: line`.
    static func notes(_ lines: [String]) {
        guard !lines.isEmpty else { return }
        error(lines.map { "journeymap: \($0)\n" }.joined())
    }

    /// Raw bytes to `fd` (no escaping): only for text the tool made itself, such as the
    /// progress bar's own control sequences.
    static func write(_ text: String, to fd: Int32) {
        var copy = text
        copy.withUTF8 { bytes in
            var offset = 0
            while offset < bytes.count {
                let n = Glibc.write(fd, bytes.baseAddress! + offset, bytes.count - offset)
                if n < 0 && errno == EINTR { continue }
                if n <= 0 { return }
                offset += n
            }
        }
    }
}
