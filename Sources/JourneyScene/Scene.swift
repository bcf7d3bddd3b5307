/// A positioned drawing: what layout produces and what every renderer draws.
///
/// Coordinates are in points (1/72 inch), origin at the top-left corner, y pointing down.
/// Items are drawn in array order (painter's order), so the same `Scene` always gives the
/// same bytes from a deterministic renderer.
public struct Scene: Sendable, Equatable, Codable {
    /// Canvas size in points.
    public var width: Double
    public var height: Double
    /// Filled over the whole canvas before any item.
    public var background: Color
    /// Document title (SVG `<title>`, PDF title metadata).
    public var title: String
    /// Longer description (SVG `<desc>`, PDF subject metadata).
    public var summary: String
    public var items: [SceneItem]
    /// What kind of picture this is (nil: not said); the text exports choose their form by it.
    public var kind: SceneKind?
    /// The picture's language (`en`, `th`): the semantic SVG's `xml:lang`.
    public var language: String?

    public init(width: Double, height: Double, background: Color = .white,
                title: String = "", summary: String = "", items: [SceneItem] = [],
                kind: SceneKind? = nil, language: String? = nil) {
        self.width = width
        self.height = height
        self.background = background
        self.title = title
        self.summary = summary
        self.items = items
        self.kind = kind
        self.language = language
    }
}

/// The kinds of picture journeymap draws.
public enum SceneKind: String, Sendable, Equatable, Codable, CaseIterable {
    case journeyMap = "journey-map"
    case sankeySteps = "sankey-steps"
    case sankeyStages = "sankey-stages"
    case compare
    case diffSankey = "diff-sankey"
    case persona
}

/// One drawable thing.
public enum SceneItem: Sendable, Equatable, Codable {
    case rect(RectItem)
    case path(PathItem)
    case text(TextItem)
    case image(ImageItem)
}

/// A PNG picture (a persona's photo) scaled to cover `frame` (cropped, never stretched), clipped
/// to a circle inscribed in the frame when `circular`.
public struct ImageItem: Sendable, Equatable, Codable {
    public var frame: Rect
    /// The PNG file's bytes.
    public var png: [UInt8]
    public var circular: Bool
    /// What the item stands for (ignored when drawing); see `SceneTag`.
    public var tag: SceneTag?

    public init(frame: Rect, png: [UInt8], circular: Bool = false, tag: SceneTag? = nil) {
        self.tag = tag
        self.frame = frame
        self.png = png
        self.circular = circular
    }
}

/// An axis-aligned rectangle, optionally with rounded corners.
public struct RectItem: Sendable, Equatable, Codable {
    public var frame: Rect
    public var cornerRadius: Double
    public var fill: Color?
    public var stroke: Stroke?
    /// What the item stands for (ignored when drawing); see `SceneTag`.
    public var tag: SceneTag?

    public init(frame: Rect, cornerRadius: Double = 0, fill: Color? = nil, stroke: Stroke? = nil, tag: SceneTag? = nil) {
        self.tag = tag
        self.frame = frame
        self.cornerRadius = cornerRadius
        self.fill = fill
        self.stroke = stroke
    }
}

/// A path of lines and cubic Bézier curves, filled and/or stroked, with optional arrow heads.
public struct PathItem: Sendable, Equatable, Codable {
    public var segments: [PathSegment]
    public var fill: Color?
    public var stroke: Stroke?
    /// Filled triangle drawn at the end of the path, pointing along its last direction.
    public var arrowAtEnd: Arrow?
    /// What the item stands for (ignored when drawing); see `SceneTag`.
    public var tag: SceneTag?

    public init(segments: [PathSegment], fill: Color? = nil, stroke: Stroke? = nil, arrowAtEnd: Arrow? = nil,
                tag: SceneTag? = nil) {
        self.tag = tag
        self.segments = segments
        self.fill = fill
        self.stroke = stroke
        self.arrowAtEnd = arrowAtEnd
    }
}

public enum PathSegment: Sendable, Equatable, Codable {
    case move(Point)
    case line(Point)
    /// Cubic Bézier from the current point through control points `c1`, `c2` to `to`.
    case curve(c1: Point, c2: Point, to: Point)
    case close
}

public struct Arrow: Sendable, Equatable, Codable {
    public var length: Double
    public var width: Double
    public var color: Color
    public init(length: Double, width: Double, color: Color) {
        self.length = length
        self.width = width
        self.color = color
    }
}

public struct Stroke: Sendable, Equatable, Codable {
    public var color: Color
    public var width: Double
    /// Dash pattern in points (on, off, …); empty for a solid line.
    public var dash: [Double]
    public init(color: Color, width: Double, dash: [Double] = []) {
        self.color = color
        self.width = width
        self.dash = dash
    }
}

/// A block of text laid out by the renderer's text engine (Pango) inside `frame`.
///
/// The text wraps at `frame.width` (at word boundaries; Thai wraps at words too) when `wrap`
/// is true, else it is drawn on one line. Layout code sizes `frame` with a `TextMeasurer`
/// so that measured size equals drawn size.
public struct TextItem: Sendable, Equatable, Codable {
    public var text: String
    public var frame: Rect
    public var font: FontSpec
    public var color: Color
    public var alignment: TextAlignment
    public var verticalAlignment: VerticalAlignment
    public var wrap: Bool
    /// Optional halo/background box behind the text (for labels drawn over edges).
    public var background: Color?
    /// What the item stands for (ignored when drawing); see `SceneTag`.
    public var tag: SceneTag?

    public init(text: String, frame: Rect, font: FontSpec, color: Color,
                alignment: TextAlignment = .left, verticalAlignment: VerticalAlignment = .top,
                wrap: Bool = false, background: Color? = nil, tag: SceneTag? = nil) {
        self.tag = tag
        self.text = text
        self.frame = frame
        self.font = font
        self.color = color
        self.alignment = alignment
        self.verticalAlignment = verticalAlignment
        self.wrap = wrap
        self.background = background
    }
}

public enum TextAlignment: String, Sendable, Equatable, Codable { case left, center, right }
public enum VerticalAlignment: String, Sendable, Equatable, Codable { case top, middle, bottom }

/// A font request: a fontconfig family list (comma-separated fallbacks), size in points, weight.
public struct FontSpec: Sendable, Equatable, Hashable, Codable {
    public var family: String
    public var size: Double
    public var bold: Bool
    public var italic: Bool

    /// Families tried in order; DejaVu Sans covers Latin, Loma / Noto Sans Thai cover Thai.
    public static let defaultFamily = "DejaVu Sans, Noto Sans Thai, Loma, sans-serif"

    public init(family: String = FontSpec.defaultFamily, size: Double, bold: Bool = false, italic: Bool = false) {
        self.family = family
        self.size = size
        self.bold = bold
        self.italic = italic
    }
}

/// Measures text the way the renderer will draw it. Layout depends on this protocol only;
/// the Pango implementation lives in JourneyRender and is wired in by JourneyKit.
public protocol TextMeasurer: Sendable {
    /// Size in points of `text` set in `font`, wrapped at `maxWidth` when given.
    func measure(_ text: String, font: FontSpec, maxWidth: Double?) -> Size
}
