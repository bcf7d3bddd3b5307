import Dispatch
import Foundation
import JourneyKit

/// A progress line on standard error while logs are read: bytes, events per second, time
/// left. Drawn only when standard error is a terminal (and not with `--quiet`), five times a
/// second, from a timer on its own queue; `finish()` erases it.
final class ProgressBar: @unchecked Sendable {
    let progress = ReadProgress()
    private let timer: DispatchSourceTimer
    private let start = DispatchTime.now()
    private let lock = NSLock()
    private var drawn = false
    private var phaseText: String?
    /// What an engine is doing (`mine --engine`): drawn instead of the reading bar.
    var phase: String? {
        get { lock.withLock { phaseText } }
        set { lock.withLock { phaseText = newValue } }
    }

    /// nil when nothing should be drawn.
    static func start(quiet: Bool) -> ProgressBar? {
        guard !quiet, isatty(STDERR_FILENO) != 0 else { return nil }
        return ProgressBar()
    }

    private init() {
        timer = DispatchSource.makeTimerSource(queue: DispatchQueue(label: "journeymap.progress"))
        timer.schedule(deadline: .now() + .milliseconds(300), repeating: .milliseconds(200))
        timer.setEventHandler { [weak self] in self?.draw() }
        timer.resume()
    }

    private func draw() {
        // Readers of byte ranges read a little past their range to finish its last row, so
        // the bytes read can pass the file's size: shown as at most the size.
        let total = progress.totalBytes, done = total > 0 ? min(progress.bytesRead, total) : progress.bytesRead
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
        guard seconds > 0 else { return }
        if let phase {
            lock.lock(); defer { lock.unlock() }
            Console.write("\r\(phase)  \(Int(seconds)) s\u{1B}[K", to: STDERR_FILENO)
            drawn = true
            return
        }
        let fraction = total > 0 ? Double(done) / Double(total) : 0
        let width = 24
        let filled = Int(fraction * Double(width))
        let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
        let rate = Double(progress.eventsRead) / seconds
        let left = fraction > 0.01 ? seconds * (1 - fraction) / fraction : nil
        var line = "\r\(bar) \(Self.megabytes(done))/\(Self.megabytes(total)) MB  \(Self.count(rate)) events/s"
        line += left.map { "  \(Int($0.rounded(.up))) s left" } ?? ""
        line += fraction >= 1 ? "  mining…" : ""
        lock.lock(); defer { lock.unlock() }
        Console.write(line + "\u{1B}[K", to: STDERR_FILENO)
        drawn = true
    }

    /// Stops drawing and clears the line.
    func finish() {
        timer.cancel()
        lock.lock(); defer { lock.unlock() }
        if drawn { Console.write("\r\u{1B}[K", to: STDERR_FILENO) }
        drawn = false
    }

    static func megabytes(_ bytes: Int) -> String { String(format: "%.0f", Double(bytes) / 1e6) }
    static func count(_ n: Double) -> String {
        n >= 1e6 ? String(format: "%.1fM", n / 1e6) : n >= 1e3 ? String(format: "%.0fk", n / 1e3) : String(format: "%.0f", n)
    }
}
