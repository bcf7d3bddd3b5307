import Foundation
import Synchronization

/// Phase times of the library's long operations on standard error when `JOURNEYMAP_TIMING=1`
/// (the commands' own phases come from the CLI's `PhaseTimer`): for finding which part of a
/// run to look at. Benchmarks time whole processes.
enum PhaseTiming {
    static let enabled = ProcessInfo.processInfo.environment["JOURNEYMAP_TIMING"] == "1"
    private static let last = Mutex(ContinuousClock.now)

    /// Prints the time since the previous mark.
    static func mark(_ phase: String) {
        guard enabled else { return }
        let now = ContinuousClock.now
        let elapsed = last.withLock { last in defer { last = now }; return now - last }
        note("\(phase) \(elapsed)")
    }

    static func note(_ text: String) {
        guard enabled else { return }
        FileHandle.standardError.write(Data("timing: \(text)\n".utf8))
    }
}
