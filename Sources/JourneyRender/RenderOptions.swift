/// How an SVG carries its text.
public enum SVGTextMode: String, Sendable, Equatable, CaseIterable {
    case text, outlines
}

/// How a `Scene` becomes bytes. The defaults give reproducible output.
public struct RenderOptions: Sendable, Equatable {
    /// PNG pixels per point (scene unit). 1 gives 72 dpi, 2 (the default) 144 dpi.
    /// Ignored for SVG and PDF, which stay in points.
    public var scale: Double

    /// PDF creation and modification date, ISO 8601 (`2000-01-01T00:00:00Z`, or with an
    /// offset such as `+07:00`). The fixed default makes PDF bytes repeatable; nil writes
    /// the current time.
    public var pdfCreationDate: String?

    /// Largest PNG allowed, in pixels (width × height). Guards against a scale typo
    /// allocating gigabytes; 100 million pixels is 400 MB of image memory.
    public var maxPixels: Int

    /// How SVG carries text: `.text` (the default) writes our semantic SVG with real `<text>`
    /// and embedded font subsets; `.outlines` writes Cairo's SVG, every letter a glyph path, for
    /// viewers without web-font support (`--svg-text outlines`).
    public var svgText: SVGTextMode = .text

    public static let defaultCreationDate = "2000-01-01T00:00:00Z"
    public static let defaultMaxPixels = 100_000_000

    public init(scale: Double = 2, pdfCreationDate: String? = RenderOptions.defaultCreationDate,
                maxPixels: Int = RenderOptions.defaultMaxPixels) {
        self.scale = scale
        self.pdfCreationDate = pdfCreationDate
        self.maxPixels = maxPixels
    }

    /// PNG resolution in dots per inch: `scale × 72`.
    public var dpi: Double {
        get { scale * 72 }
        set { scale = newValue / 72 }
    }

    /// Options with the PNG resolution given in dots per inch.
    public static func dpi(_ dpi: Double) -> RenderOptions {
        RenderOptions(scale: dpi / 72)
    }
}
