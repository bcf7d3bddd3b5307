import JourneyCore

/// Restyles a journey map without moving anything: per transition, touchpoint box and stage
/// header what to draw instead of the map's own counts, and the legend to go with it.
///
/// `JourneyMapBuilder.build(decorations:)` lays the graph out once and draws it once per
/// decoration, so pictures of the same graph with different values (a diff map; before and
/// after panels) share every node position. An empty decoration draws the plain map.
public struct MapDecoration: Sendable {
    /// A transition between two touchpoints.
    public struct EdgeKey: Hashable, Sendable {
        public var from: String
        public var to: String
        public init(from: String, to: String) {
            self.from = from
            self.to = to
        }
    }

    public struct EdgeStyle: Sendable, Equatable {
        public var color: Color
        public var width: Double
        /// Not drawn at all (no path, no label); the layout still reserves its route.
        public var hidden: Bool
        /// Dash pattern; nil keeps the map's own (dashed when going back to an earlier stage).
        public var dash: [Double]?
        /// Label text; nil draws no label.
        public var label: String?
        /// Label colour, raised to 4.5:1 against the label's background when it has less.
        public var labelColor: Color?
        /// Paths of higher priority are drawn later (on top) and their labels choose a place first.
        public var priority: Double

        public init(color: Color, width: Double, hidden: Bool = false, dash: [Double]? = nil, label: String? = nil,
                    labelColor: Color? = nil, priority: Double = 0) {
            self.color = color
            self.width = width
            self.hidden = hidden
            self.dash = dash
            self.label = label
            self.labelColor = labelColor
            self.priority = priority
        }

        public static let hiddenEdge = EdgeStyle(color: .black, width: 0, hidden: true)
    }

    /// A line of text in a box or a stage header.
    public struct Line: Sendable, Equatable {
        public var text: String
        /// nil: the box's usual ink. Raised to 4.5:1 against the fill when it has less.
        public var color: Color?
        public var bold: Bool
        public init(_ text: String, color: Color? = nil, bold: Bool = false) {
            self.text = text
            self.color = color
            self.bold = bold
        }
    }

    public struct NodeStyle: Sendable, Equatable {
        /// Lines under the touchpoint name, instead of its counts and badges.
        public var lines: [Line]
        /// Box fill; nil keeps the map's stage-tinted fill.
        public var fill: Color?
        /// Box border; nil keeps the map's thin border.
        public var border: Stroke?
        public init(lines: [Line], fill: Color? = nil, border: Stroke? = nil) {
            self.lines = lines
            self.fill = fill
            self.border = border
        }
    }

    public struct StageStyle: Sendable, Equatable {
        /// Lines under the stage name, instead of its journeys and funnel share.
        public var lines: [Line]
        /// A bar under the header band, e.g. the colour of the stage's change.
        public var accent: Color?
        /// Height of the accent bar in points.
        public var accentHeight: Double
        public init(lines: [Line], accent: Color? = nil, accentHeight: Double = 4) {
            self.lines = lines
            self.accent = accent
            self.accentHeight = accentHeight
        }
    }

    /// One row of a replacement legend: a swatch and its explanation.
    public struct LegendRow: Sendable, Equatable {
        public enum Swatch: Sendable, Equatable {
            case none
            case line(Stroke)
            case box(fill: Color, border: Stroke)
        }
        public var swatch: Swatch
        public var text: String
        public init(_ swatch: Swatch, _ text: String) {
            self.swatch = swatch
            self.text = text
        }
    }

    /// Replaces the subtitle under the title.
    public var subtitle: String?
    public var edges: [EdgeKey: EdgeStyle]
    /// Style of drawn transitions missing from `edges`; nil keeps the map's own.
    public var otherEdges: EdgeStyle?
    public var nodes: [String: NodeStyle]
    public var stages: [String: StageStyle]
    /// Replaces the legend when non-nil.
    public var legend: [LegendRow]?
    /// Footnote lines added after the map's own.
    public var footnotes: [String]
    /// Leaves out the map's own footnote lines (data, filters, what was hidden).
    public var replacesFootnotes: Bool

    public init(subtitle: String? = nil, edges: [EdgeKey: EdgeStyle] = [:], otherEdges: EdgeStyle? = nil,
                nodes: [String: NodeStyle] = [:], stages: [String: StageStyle] = [:], legend: [LegendRow]? = nil,
                footnotes: [String] = [], replacesFootnotes: Bool = false) {
        self.subtitle = subtitle
        self.edges = edges
        self.otherEdges = otherEdges
        self.nodes = nodes
        self.stages = stages
        self.legend = legend
        self.footnotes = footnotes
        self.replacesFootnotes = replacesFootnotes
    }

    /// True when nothing is restyled: the plain map.
    public var isEmpty: Bool {
        subtitle == nil && edges.isEmpty && otherEdges == nil && nodes.isEmpty && stages.isEmpty && legend == nil
            && footnotes.isEmpty && !replacesFootnotes
    }

    /// The style of the transition `from → to`: its own, else `otherEdges`.
    func edgeStyle(from: String, to: String) -> EdgeStyle? {
        edges[EdgeKey(from: from, to: to)] ?? otherEdges
    }
}

extension Color {
    /// This colour moved toward `ink` just far enough to reach `minimum` contrast on `surface`
    /// (WCAG 2); `ink` itself when even that falls short. Steps of 5 % keep the hue.
    public func readable(on surface: Color, minimum: Double = 4.5, toward ink: Color) -> Color {
        if contrastRatio(with: surface) >= minimum { return self }
        for step in 1...20 {
            let c = mixed(with: ink, Double(step) / 20)
            if c.contrastRatio(with: surface) >= minimum { return c }
        }
        return ink
    }

    /// This colour, made more opaque (then moved toward `ink`) just far enough that painted over
    /// `background` it has `minimum` contrast there (WCAG 2); unchanged when it already has.
    /// Edge strokes use it so no flow fades below 3:1 in any theme.
    public func visibleStroke(on background: Color, minimum: Double = 3, toward ink: Color) -> Color {
        func contrast(_ c: Color) -> Double { c.composited(over: background).contrastRatio(with: background) }
        if contrast(self) >= minimum { return self }
        let opaque = withAlpha(1)
        guard contrast(opaque) >= minimum else { return opaque.readable(on: background, minimum: minimum, toward: ink) }
        var lo = alpha, hi = 1.0
        for _ in 0..<20 {
            let mid = (lo + hi) / 2
            if contrast(withAlpha(mid)) >= minimum { hi = mid } else { lo = mid }
        }
        return withAlpha(hi)
    }

    /// This colour painted with its alpha over an opaque `base`.
    public func composited(over base: Color) -> Color {
        Color(red: base.red + (red - base.red) * alpha, green: base.green + (green - base.green) * alpha,
              blue: base.blue + (blue - base.blue) * alpha)
    }
}
