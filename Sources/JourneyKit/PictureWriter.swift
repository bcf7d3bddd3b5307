import Foundation
import JourneyCore
import JourneyScene
import JourneyRender

/// Renders a scene to every requested output (format from each file's extension) and writes
/// each atomically. All outputs are rendered before any is written, so a rendering error
/// leaves every target untouched.
public enum PictureWriter {
    public struct Page: Sendable {
        public var size: PageSize
        public var landscape: Bool
        public init(size: PageSize, landscape: Bool) {
            self.size = size
            self.landscape = landscape
        }
        /// Parses `A3`, `a1-landscape`, `A4-portrait`.
        public init?(parsing text: String) {
            let parts = text.uppercased().split(separator: "-")
            guard let first = parts.first, let size = PageSize(rawValue: String(first)) else { return nil }
            let orientation = parts.count > 1 ? String(parts[1]) : "LANDSCAPE"
            guard parts.count <= 2, ["LANDSCAPE", "PORTRAIT"].contains(orientation) else { return nil }
            self.init(size: size, landscape: orientation == "LANDSCAPE")
        }
    }

    public struct UnknownFormat: Error, CustomStringConvertible {
        public var path: String
        public var description: String { "\(path): unknown picture format; use a .svg, .png or .pdf file name" }
    }

    /// The formats of `paths`, checked before any work is done.
    public static func formats(_ paths: [String]) throws -> [OutputFormat] {
        try paths.map { guard let f = OutputFormat.from(path: $0) else { throw UnknownFormat(path: $0) }; return f }
    }

    /// One Pango measurer per process: its cache then serves every picture of a run.
    public static func measurer() throws -> PangoTextMeasurer {
        if let m = sharedMeasurer.value { return m }
        let m = try PangoTextMeasurer()
        sharedMeasurer.value = m
        return m
    }

    public static func write(_ scene: Scene, to paths: [String], render options: RenderOptions = RenderOptions(),
                             page: Page? = nil) throws {
        var s = scene
        if let page {
            s = scene.fitted(to: page.landscape ? page.size.landscape : page.size.portrait, margin: 28)
        }
        let outputs = try zip(paths, formats(paths)).map { path, format in (path, try render(s, format: format, options: options)) }
        for (path, bytes) in outputs { try AtomicFile.write(bytes, to: path) }
    }
}

/// Set once on the main thread before any picture is built.
private final class MeasurerBox: @unchecked Sendable {
    var value: PangoTextMeasurer?
}
private let sharedMeasurer = MeasurerBox()
