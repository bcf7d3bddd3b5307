import Foundation

/// Phase times on standard error when `JOURNEYMAP_TIMING=1`, for finding where a run spends
/// its time (benchmarks time whole processes; this says which part to look at).
struct PhaseTimer {
    private let enabled = ProcessInfo.processInfo.environment["JOURNEYMAP_TIMING"] == "1"
    private var last = ContinuousClock.now

    mutating func mark(_ phase: String) {
        guard enabled else { return }
        let now = ContinuousClock.now
        let ms = (now - last).components.attoseconds / 1_000_000_000_000_000 + (now - last).components.seconds * 1000
        Console.error("timing: \(phase) \(ms) ms\n")
        last = now
    }
}
