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
        /// The page's width and height in points, the way up it is.
        public var points: Size { landscape ? size.landscape : size.portrait }
    }

    public struct UnknownFormat: CategorizedError {
        public var category: ErrorCategory { .usage }
        public var path: String
        public var description: String {
            if AtomicFile.isStandardOutput(path) {
                return "-o \(path) writes the picture to standard output: give its format with --format svg, png or pdf"
            }
            return "\(path): unknown picture format; use a .svg, .png, .pdf, .layout.json, .mmd, .dot, .sankeymatic.txt or .html file name (or --format svg|png|pdf|html for standard output, a device or a FIFO)"
        }
    }

    /// The formats of `paths`, checked before any work is done: each file's extension, else
    /// `fallback` (`--format`, for standard output, devices and FIFOs).
    public static func formats(_ paths: [String], fallback: OutputFormat? = nil) throws -> [OutputFormat] {
        try paths.map {
            guard let f = OutputFormat.from(path: $0) ?? fallback else { throw UnknownFormat(path: $0) }
            return f
        }
    }

    /// Renders `scene` once per format, the formats in parallel (the renderer is thread-safe:
    /// each call has its own surfaces and contexts). Measured on 2 cores: SVG + PNG of the
    /// 23-touchpoint map took about the time of the PNG alone.
    /// `interactive`: the numbers an `.html` page shows (nil: a page without them).
    public static func renderAll(_ scene: Scene, formats: [OutputFormat], options: RenderOptions,
                                 interactive: InteractiveData? = nil) throws -> [[UInt8]] {
        let results = ResultSlots(count: formats.count)
        DispatchQueue.concurrentPerform(iterations: formats.count) { i in
            results.set(i, Result { try render(scene, format: formats[i], options: options, interactive: interactive) })
        }
        return try results.values().map { try $0.get() }
    }

    /// One Pango measurer per process: its cache then serves every picture of a run.
    public static func measurer() throws -> PangoTextMeasurer {
        try sharedMeasurer.lock.withLock {
            if let m = sharedMeasurer.value { return m }
            let m = try PangoTextMeasurer()
            sharedMeasurer.value = m
            return m
        }
    }

    /// Starts the shared measurer and loads `family` (regular and bold, Latin and Thai) on
    /// another thread, for a command that will draw only after a long computation: fontconfig
    /// reading its configuration and matching the families took ~30 ms at the end of
    /// `persona --clusters auto` on one thread, with the other core idle.
    public static func warmUpFonts(family: String) {
        // A thread of its own: Dispatch's workers are all busy computing, and work queued to
        // them waited until the computing was over.
        Thread.detachNewThread {
            guard let m = try? measurer() else { return }
            for bold in [false, true] { _ = m.measure("Persona เพอร์โซนา 0123", font: FontSpec(family: family, size: 12, bold: bold), maxWidth: nil) }
        }
    }

    public static func write(_ scene: Scene, to paths: [String], render options: RenderOptions = RenderOptions(),
                             page: Page? = nil, format fallback: OutputFormat? = nil,
                             interactive: InteractiveData? = nil) throws {
        var s = scene
        if let page {
            s = scene.fitted(to: page.points, margin: 28)
        }
        let formats = try formats(paths, fallback: fallback)
        let outputs = try renderAll(s, formats: formats, options: options, interactive: interactive)
        for (path, bytes) in zip(paths, outputs) { try AtomicFile.write(bytes, to: path) }
        MissingGlyphs.note(s)
    }
}

/// One output: an `.html` page gets `interactive`'s numbers, every other format `render`'s bytes.
func render(_ scene: Scene, format: OutputFormat, options: RenderOptions, interactive: InteractiveData?) throws -> [UInt8] {
    format == .html ? try renderHTML(scene, data: interactive, options: options) : try JourneyRender.render(scene, format: format, options: options)
}

/// The process's measurer, made once under the lock (by the first picture, or by `warmUpFonts`
/// on its own thread).
private final class MeasurerBox: @unchecked Sendable {
    let lock = NSLock()
    var value: PangoTextMeasurer?
}
private let sharedMeasurer = MeasurerBox()

/// Results written by `concurrentPerform` workers, one slot each.
private final class ResultSlots: @unchecked Sendable {
    private var slots: [Result<[UInt8], any Error>?]
    private let lock = NSLock()
    init(count: Int) { slots = Array(repeating: nil, count: count) }
    func set(_ i: Int, _ value: Result<[UInt8], any Error>) { lock.withLock { slots[i] = value } }
    func values() -> [Result<[UInt8], any Error>] { lock.withLock { slots.map { $0! } } }
}
