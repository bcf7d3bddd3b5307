import Foundation
import JourneyCore
import JourneyRender

extension ReplayPictures {
    public struct UnknownFormat: CategorizedError {
        public var category: ErrorCategory { .usage }
        public var path: String
        public var description: String {
            if AtomicFile.isStandardOutput(path) {
                return "-o \(path) writes the replay to standard output: give its format with --format svg, apng, gif or png"
            }
            return "\(path): unknown replay format; use a .svg (animated, plays in browsers and slide tools), .apng, .gif or .png (one still frame, --at) file name (or --format for standard output, a device or a FIFO)"
        }
    }

    /// The format of each output, checked before any work is done: its extension, else
    /// `fallback` (`--format`, for standard output, devices and FIFOs).
    public static func formats(_ paths: [String], fallback: ReplayFormat? = nil) throws -> [ReplayFormat] {
        try paths.map {
            let named = OutputTarget.descriptor(named: $0) == nil ? ReplayFormat.from(path: $0) : nil
            guard let f = named ?? fallback else { throw UnknownFormat(path: $0) }
            return f
        }
    }

    /// Writes `replay` to every path (format by extension), each through `AtomicFile.Stream`:
    /// frames are encoded and written as they are drawn, and a failure leaves the target as it was.
    /// `progress(path, frames done, frames in all)` after each frame.
    public static func write(_ replay: ReplayAnimation, to paths: [String], frames: ReplayFrameOptions, format fallback: ReplayFormat? = nil,
                             progress: (String, Int, Int) -> Void = { _, _, _ in }) throws {
        for (path, format) in zip(paths, try formats(paths, fallback: fallback)) {
            let stream = try AtomicFile.Stream(path: path)
            do {
                try renderReplay(replay, format: format, options: frames, sink: { try stream.write($0) },
                                 progress: { progress(path, $0, $1) })
                try stream.commit()
            } catch {
                stream.abandon()
                throw error
            }
        }
    }
}
