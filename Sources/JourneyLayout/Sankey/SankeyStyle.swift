import JourneyCore

/// Colours and type of a Sankey picture. Field names follow the theme's (`background`, `text`,
/// `mutedText`, `nodeBorder`, `neutral`, `stagePalette`, `fontFamily`, `fontSize`), so a theme
/// maps onto it field by field.
public struct SankeyStyle: Sendable, Equatable {
    public var background: Color
    /// Titles, headers and node names; should reach 4.5:1 against `background`.
    public var text: Color
    /// Counts, subtitles and footnotes; should reach 4.5:1 against `background`.
    public var mutedText: Color
    public var nodeBorder: Color
    /// "Other", "Start" and "Skipped" nodes and their ribbons.
    public var neutral: Color
    /// Drop-off nodes and ribbons.
    public var dropOff: Color
    /// Return arcs (stage mode).
    public var returnArc: Color
    /// Stage colours override the template's when non-empty.
    public var stagePalette: [Color]
    /// Categorical colours for `--color-by channel|source`.
    public var palette: [Color]
    public var fontFamily: String
    /// Base size in points; titles and labels scale from it.
    public var fontSize: Double
    /// Opacity of ribbons (0.35…0.5 reads well over one another).
    public var ribbonAlpha: Double
    /// Type sizes, gaps, strokes and dashes, named (`SankeyStyle.Sizes`).
    public var sizes = Sizes()

    public init(background: Color, text: Color, mutedText: Color, nodeBorder: Color, neutral: Color,
                dropOff: Color, returnArc: Color, stagePalette: [Color] = [], palette: [Color] = SankeyStyle.tableau10,
                fontFamily: String = FontSpec.defaultFamily, fontSize: Double = 11, ribbonAlpha: Double = 0.42) {
        self.background = background
        self.text = text
        self.mutedText = mutedText
        self.nodeBorder = nodeBorder
        self.neutral = neutral
        self.dropOff = dropOff
        self.returnArc = returnArc
        self.stagePalette = stagePalette
        self.palette = palette
        self.fontFamily = fontFamily
        self.fontSize = fontSize
        self.ribbonAlpha = ribbonAlpha
    }

    /// Dark text on white, as the light theme.
    public static let light = SankeyStyle(
        background: .white, text: Color(hex: "#1f2328")!, mutedText: Color(hex: "#57606a")!,
        nodeBorder: Color(hex: "#8c959f")!, neutral: Color(hex: "#afb8c1")!, dropOff: Color(hex: "#cf222e")!,
        returnArc: Color(hex: "#8250df")!)

    /// Tableau 10: distinct hues for channels and touchpoints.
    public static let tableau10: [Color] = ["#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f",
                                            "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac"].map { Color(hex: $0)! }

    func font(_ scale: Double = 1, bold: Bool = false) -> FontSpec {
        FontSpec(family: fontFamily, size: (fontSize * scale * 10).rounded() / 10, bold: bold)
    }
}

/// How to draw a Sankey: colours of ribbons, language, title, sizes.
public struct SankeyLayoutOptions: Sendable, Equatable {
    public enum ColorBy: String, Sendable, Equatable, CaseIterable {
        /// The touchpoint's stage colour (template or theme palette).
        case stage
        /// The touchpoint's most frequent channel.
        case channel
        /// Each touchpoint its own colour; a ribbon takes its source's.
        case source
    }

    public var colorBy: ColorBy
    /// `en` or `th` (headers, legend, footnote; other codes fall back to English).
    public var language: String
    /// Title; nil for a default that names the mode.
    public var title: String?
    /// Where the events came from, for the footnote (nil: no source line).
    public var source: String?
    /// Height of the node area before it grows to fit minimum node heights.
    public var plotHeight: Double
    public var nodeWidth: Double
    /// Vertical gap between nodes of a column.
    public var nodePadding: Double
    /// Relaxation passes (d3-sankey's `iterations`).
    public var iterations: Int
    /// Node names longer than this are cut with "…" (by characters, never inside a cluster).
    public var maxLabelWidth: Double
    /// Node names longer than this many characters are cut with "…" (`--max-label`).
    public var maxLabelCharacters: Int
    /// Return arcs drawn at most; smaller ones are listed in the footnote.
    public var maxReturnArcs: Int
    public var margin: Double

    public init(colorBy: ColorBy = .stage, language: String = "en", title: String? = nil, source: String? = nil,
                plotHeight: Double = 420, nodeWidth: Double = 14, nodePadding: Double = 12, iterations: Int = 32,
                maxLabelWidth: Double = 170, maxReturnArcs: Int = 8, margin: Double = 28,
                maxLabelCharacters: Int = 48) {
        self.colorBy = colorBy
        self.language = language
        self.title = title
        self.source = source
        self.plotHeight = plotHeight
        self.nodeWidth = nodeWidth
        self.nodePadding = nodePadding
        self.iterations = iterations
        self.maxLabelWidth = maxLabelWidth
        self.maxLabelCharacters = maxLabelCharacters
        self.maxReturnArcs = maxReturnArcs
        self.margin = margin
    }
}
