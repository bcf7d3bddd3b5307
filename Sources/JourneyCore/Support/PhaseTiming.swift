import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// Phase times of the library's long operations on standard error when `JOURNEYMAP_TIMING=1`
/// (the commands' own phases come from the CLI's `PhaseTimer`): for finding which part of a
/// run to look at. Benchmarks time whole processes.
package enum PhaseTiming {
    static let enabled = ProcessInfo.processInfo.environment["JOURNEYMAP_TIMING"] == "1"
    private static let last = Mutex(ContinuousClock.now)

    /// Prints the time since the previous mark.
    package static func mark(_ phase: String) {
        guard enabled else { return }
        let now = ContinuousClock.now
        let elapsed = last.withLock { last in defer { last = now }; return now - last }
        note("\(phase) \(elapsed)")
    }

    package static func note(_ text: String) {
        guard enabled else { return }
        writeToStandardError("timing: \(text)\n")
    }

    /// `write(2)` until done, giving up quietly on an error: `FileHandle.write` traps when the
    /// write fails (a closed standard error, `ulimit -f` behind `2> file`), and a timing note is
    /// never worth a crash.
    static func writeToStandardError(_ text: String) {
        var text = text
        text.withUTF8 { bytes in
            var offset = 0
            while offset < bytes.count {
                let n = write(STDERR_FILENO, bytes.baseAddress! + offset, bytes.count - offset)
                if n < 0 && errno == EINTR { continue }
                guard n > 0 else { return }
                offset += n
            }
        }
    }
}
