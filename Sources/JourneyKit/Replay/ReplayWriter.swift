import Foundation
import JourneyCore
import JourneyRender

extension ReplayPictures {
    public struct UnknownFormat: CategorizedError {
        public var category: ErrorCategory { .usage }
        public var path: String
        public var description: String {
            "\(path): unknown replay format; use a .svg (animated, plays in browsers and slide tools), .apng, .gif or .png (one still frame, --at) file name"
        }
    }

    /// The format of each output, checked before any work is done.
    public static func formats(_ paths: [String]) throws -> [ReplayFormat] {
        try paths.map {
            guard OutputTarget.descriptor(named: $0) == nil, let f = ReplayFormat.from(path: $0) else { throw UnknownFormat(path: $0) }
            return f
        }
    }

    /// Writes `replay` to every path (format by extension), each through `AtomicFile.Stream`:
    /// frames are encoded and written as they are drawn, and a failure leaves the target as it was.
    /// `progress(path, frames done, frames in all)` after each frame.
    public static func write(_ replay: ReplayAnimation, to paths: [String], frames: ReplayFrameOptions,
                             progress: (String, Int, Int) -> Void = { _, _, _ in }) throws {
        for (path, format) in zip(paths, try formats(paths)) {
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
