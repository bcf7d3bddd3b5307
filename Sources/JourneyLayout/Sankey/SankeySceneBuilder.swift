import JourneyCore

/// Draws `SankeyFlows` as a `Scene`: title and subtitle, a header per column, node columns
/// laid out by `SankeyLayout`, ribbons as filled Bézier bands, return arcs (stage mode) as
/// dashed arrows that run in the gutters left of the columns and over the plot (the largest
/// `maxReturnArcs`; the rest go to the footnote), a two-line label beside every node, a legend
/// and a footnote.
///
/// Bands from top to bottom: title, column headers, return-arc levels, the plot (with room
/// for labels that stand out of short nodes), legend, footnote. Labels sit right of their
/// node; each column is as far from the next as its widest label plus room for ribbons, so
/// labels never reach the next column. Nodes are at least as tall as the tallest label minus
/// the node padding, so labels of one column never overlap either.
///
/// `build()` is a chain of named passes, as d3-sankey's: `measureLabels` → `chooseReturnArcs`
/// → `computeColumnPositions` → `computeHeaderBand` → `SankeyLayout` (node values, breadths,
/// relaxation, link breadths) → `ribbonItems`, `nodeItems`, `returnArcItems`, `labelItems`,
/// `headerItems` → `computeFooterBand`. Every number they use is a named field of
/// `SankeyStyle.Sizes`.
public struct SankeySceneBuilder {
    public var flows: SankeyFlows
    public var options: SankeyLayoutOptions
    public var style: SankeyStyle
    public var measurer: any TextMeasurer
    /// Colours and words in place of the plain Sankey's (the diff Sankey).
    var overrides: SankeyOverrides?

    public init(flows: SankeyFlows, options: SankeyLayoutOptions = SankeyLayoutOptions(), style: SankeyStyle = .light,
                measurer: any TextMeasurer) {
        self.flows = flows
        self.options = options
        self.style = style
        self.measurer = measurer
    }

    /// The picture and where things went, for checks.
    public struct Result: Sendable {
        public var scene: Scene
        public var layout: SankeyLayout
        /// Label frame (both lines) of each node, indexed by node id.
        public var labelFrames: [Rect]
        /// Column header frames, by column.
        public var headerFrames: [Rect]
        /// Return arcs drawn and left to the footnote.
        public var returnArcsDrawn: Int
        public var returnArcsHidden: Int
        /// Footnote sentences.
        public var notes: [String]
    }

    /// The id of node `n` in the layout export: `node<n>` (names repeat across columns).
    public static func nodeID(_ n: Int) -> String { "node\(n)" }

    var sizes: SankeyStyle.Sizes { style.sizes }
    /// The base font size: type sizes and gaps are multiples of it.
    var base: Double { style.fontSize }
    /// The gap between bands.
    var gap: Double { base * sizes.bandGap }

    /// - Complexity: O(iterations · (N log N + L log L)) for N nodes and L links (the layout),
    ///   plus one text measurement per label.
    public func build() -> Result {
        let strings = SankeyStrings(language: options.language)
        let colors = SankeyColors(flows: flows, style: style, colorBy: options.colorBy)
        let labels = measureLabels(strings)
        let arcs = chooseReturnArcs(labels)
        let columns = computeColumnPositions(labels, arcs: arcs)
        let top = computeHeaderBand(strings, columns: columns, arcs: arcs, labels: labels)
        let layout = SankeyLayout(flows: flows, columnX: columns.x, top: top.plotTop, nodeWidth: options.nodeWidth,
                                  nodePadding: options.nodePadding, plotHeight: options.plotHeight,
                                  minNodeHeight: labels.minNodeHeight, iterations: options.iterations)

        var items = ribbonItems(layout, labels: labels, colors: colors)
        items += nodeItems(layout, labels: labels, colors: colors)
        items += returnArcItems(layout, arcs: arcs, labels: labels, top: top)
        let placedLabels = labelItems(layout, labels: labels, labelGap: columns.labelGap)
        items += placedLabels.items
        let headers = headerItems(top, columns: columns)
        items += headers.items
        items += top.title.placed(at: Point(options.margin, options.margin)).tagged(.title, "title")
        let footer = computeFooterBand(strings, colors: colors, layout: layout, labels: labels, arcs: arcs, top: top)
        items += footer.items

        let scene = Scene(width: (top.contentWidth + 2 * options.margin).rounded(.up), height: footer.bottom.rounded(.up),
                          background: style.background, title: top.titleText,
                          summary: ([top.subtitle] + footer.notes).joined(separator: " "), items: items,
                          kind: flows.mode == .steps ? .sankeySteps : .sankeyStages, language: options.language)
        return Result(scene: scene, layout: layout, labelFrames: placedLabels.frames, headerFrames: headers.frames,
                      returnArcsDrawn: arcs.drawn.count, returnArcsHidden: arcs.hidden.count, notes: footer.notes)
    }
}
