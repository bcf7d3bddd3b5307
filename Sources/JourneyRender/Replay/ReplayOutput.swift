import JourneyScene

/// The files a replay writes, by extension: `.svg` (animated, SMIL), `.apng` (animated PNG),
/// `.gif`, and `.png` (one still frame, `--at`).
public enum ReplayFormat: String, Sendable, CaseIterable {
    case svg, apng, gif, png

    public static func from(path: String) -> ReplayFormat? {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return nil }
        return ReplayFormat(rawValue: name[name.index(after: dot)...].lowercased())
    }
}

/// Frame settings of the raster formats.
public struct ReplayFrameOptions: Sendable {
    /// Frames per second (APNG, GIF).
    public var fps = 12
    /// Frame width in pixels; the height follows the picture.
    public var width = 960
    /// The playback time (s) a `.png` still shows.
    public var at = 0.0
    public init() {}
}

/// Writes `replay` in `format` to `sink`, piece by piece: the animated SVG at once; APNG and
/// GIF one frame at a time (each frame drawn, encoded, handed over and dropped, so memory does
/// not grow with the number of frames). `progress(done, total)` is called after each frame.
public func renderReplay(_ replay: ReplayAnimation, format: ReplayFormat, options: ReplayFrameOptions = ReplayFrameOptions(),
                         sink: @escaping ([UInt8]) throws -> Void, progress: (Int, Int) -> Void = { _, _ in }) throws {
    switch format {
    case .svg:
        try sink(try renderReplaySVG(replay))
    case .png:
        let frames = try ReplayFrameRenderer(replay, width: options.width)
        let pixels = try frames.frame(at: options.at)
        try sink(try PNGEncoder.encode(width: frames.width, height: frames.height, pixels: pixels))
        progress(1, 1)
    case .apng:
        let frames = try ReplayFrameRenderer(replay, width: options.width)
        let total = replay.frameCount(fps: Double(options.fps))
        var stream = try APNGStream(width: frames.width, height: frames.height, frames: total, fps: options.fps, sink: sink)
        for k in 0..<total {
            try stream.add(try frames.frame(at: Double(k) / Double(options.fps)))
            progress(k + 1, total)
        }
    case .gif:
        let frames = try ReplayFrameRenderer(replay, width: options.width)
        let total = replay.frameCount(fps: Double(options.fps))
        let background = replay.scene.background
        let exact = replay.tokens.map { $0.color.withAlpha(1) } + replay.tokens.map { background.mixed(with: $0.color, 0.85) }
            + replay.pulses.map(\.color) + [replay.progressColor]
        let stream = try GIFStream(width: frames.width, height: frames.height, fps: options.fps, base: try frames.basePixels(),
                                   exact: exact, sink: sink)
        for k in 0..<total {
            try stream.add(try frames.frame(at: Double(k) / Double(options.fps)))
            progress(k + 1, total)
        }
        try stream.finish()
    }
}
