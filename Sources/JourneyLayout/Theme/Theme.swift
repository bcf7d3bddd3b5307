import JourneyCore

/// Colours and type for every picture: journey maps, Sankeys, persona cards, comparisons.
/// Loaded from `templates/themes/NAME.yaml`; four are built in: light, dark, print, colorblind.
public struct Theme: Sendable, Equatable {
    public var name: String
    public var background: Color
    /// Main text; must reach 4.5:1 against `background` (checked by the loader).
    public var text: Color
    /// Secondary text (counts, footnotes); also 4.5:1 against `background`.
    public var mutedText: Color
    /// Touchpoint box fill and border; box text is `text` (4.5:1 against `nodeFill` checked).
    public var nodeFill: Color
    public var nodeBorder: Color
    /// Edges and ribbons.
    public var edge: Color
    /// Fill of the stage header band and column backgrounds (with the stage colour mixed in).
    public var stageBandAlpha: Double
    public var columnAlpha: Double
    /// Stage colours override the template's when non-empty (colour-blind-safe palettes).
    public var stagePalette: [Color]
    /// Diverging pair for comparisons: decrease, increase, not significant.
    public var decrease: Color
    public var increase: Color
    public var neutral: Color
    public var fontFamily: String
    /// Base font size in points; titles and labels scale from it.
    public var fontSize: Double

    public init(name: String, background: Color, text: Color, mutedText: Color, nodeFill: Color, nodeBorder: Color,
                edge: Color, stageBandAlpha: Double, columnAlpha: Double, stagePalette: [Color],
                decrease: Color, increase: Color, neutral: Color, fontFamily: String, fontSize: Double) {
        self.name = name
        self.background = background
        self.text = text
        self.mutedText = mutedText
        self.nodeFill = nodeFill
        self.nodeBorder = nodeBorder
        self.edge = edge
        self.stageBandAlpha = stageBandAlpha
        self.columnAlpha = columnAlpha
        self.stagePalette = stagePalette
        self.decrease = decrease
        self.increase = increase
        self.neutral = neutral
        self.fontFamily = fontFamily
        self.fontSize = fontSize
    }

    /// Colour of stage `index` whose template colour is `hex`.
    public func stageColor(index: Int, hex: String) -> Color {
        if !stagePalette.isEmpty { return stagePalette[index % stagePalette.count] }
        return Color(hex: hex) ?? neutral
    }

    /// `text` or `background`-coloured text, whichever reads better on `fill` (≥ 4.5:1 when possible).
    public func readableText(on fill: Color) -> Color {
        let candidates = [text, background, .black, .white]
        return candidates.max { $0.contrastRatio(with: fill) < $1.contrastRatio(with: fill) }!
    }

    public func font(_ scale: Double = 1, bold: Bool = false) -> FontSpec {
        FontSpec(family: fontFamily, size: (fontSize * scale * 10).rounded() / 10, bold: bold)
    }
}
