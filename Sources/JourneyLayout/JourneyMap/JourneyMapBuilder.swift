import JourneyCore

/// Lays out a journey graph as a journey map `Scene`: stage columns in template order,
/// touchpoint boxes placed by Graphviz (dot, in process), edges as Graphviz splines whose
/// width follows the flow, a stage header band with the funnel, a legend and a footnote.
///
/// Text is measured with the given `TextMeasurer` (Pango in production), and boxes are
/// sized to it, so what is drawn fits the boxes Graphviz placed.
public struct JourneyMapBuilder {
    public var graph: JourneyGraph
    public var options: MapOptions
    public var measurer: any TextMeasurer

    public init(graph: JourneyGraph, options: MapOptions = MapOptions(), measurer: any TextMeasurer) {
        self.graph = graph
        self.options = options
        self.measurer = measurer
    }

    /// The map and what it had to leave out.
    public struct Result {
        public var scene: Scene
        public var selection: MapSelection
        /// Edge labels that found no free place and were left out.
        public var omittedEdgeLabels: Int
        /// Node frames by touchpoint name and stage column x-ranges, for tests and persona lanes.
        public var nodeFrames: [String: Rect]
        public var stageColumns: [(stage: String, minX: Double, maxX: Double)]
        public var contentBottom: Double
    }

    public var language: String { options.language ?? graph.source.defaultLanguage }

    public func build() throws -> Result {
        guard let result = try build(decorations: [MapDecoration()]).first else {
            preconditionFailure("one decoration gives one result")
        }
        return result
    }

    /// Lays the graph out once and draws it once per decoration. Every result has the same
    /// canvas size, node frames, stage columns and edge routes: boxes, the header band and
    /// the title are sized for the largest content any decoration asks for.
    ///
    /// An empty `MapDecoration()` draws the plain map (`build()`).
    public func build(decorations: [MapDecoration]) throws -> [Result] {
        let selection = MapSelection(graph: graph, maxTouchpoints: options.maxTouchpoints, maxEdges: options.maxEdges,
                                     keep: options.keepEdges)
        let style = MapStyle(theme: options.theme)
        let stages = visibleStages(selection)
        let channels = ChannelPalette(touchpoints: selection.touchpoints)
        let plainTitle = TitleBlock(graph: graph, options: options, language: language, style: style, measurer: measurer)
        let titles = decorations.map { d in d.subtitle.map { plainTitle.replacingSubtitle($0, measurer: measurer) } ?? plainTitle }
        let words = MapStrings.forLanguage(language)
        let header = StageHeader(graph: graph, stages: stages, language: language, style: style, words: words, measurer: measurer,
                                 alternatives: decorations.map(\.stages).filter { !$0.isEmpty })
        // Boxes at least as wide as the widest stage name, so every header fits its column.
        let labels = distinctLabels(selection.touchpoints.map(\.name), max: options.maxLabelCharacters)
        let boxes = zip(selection.touchpoints, labels).map { t, label in
            NodeBox(touchpoint: t, graph: graph, selfLoops: selection.selfLoops[t.name] ?? 0, style: style, words: words,
                    label: label, minWidth: header.minColumnWidth, measurer: measurer,
                    alternatives: decorations.compactMap { $0.nodes[t.name] }, compact: options.compactBoxes)
        }

        // Arrow heads are spread for the widest stroke any decoration draws.
        var strokeWidths: [Int: Double] = [:]
        for d in decorations where !d.isEmpty {
            for (i, e) in selection.edges.enumerated() {
                if let w = d.edgeStyle(from: e.from, to: e.to)?.width { strokeWidths[i] = max(strokeWidths[i] ?? 0, w) }
            }
        }
        let placed: PlacedGraph
        var laneBands: (bands: LaneBands, placed: [LanePlacement.Band])?
        if let lanes = options.swimlanes {
            let values = Array(Set(boxes.map { lanes.lane(of: $0.name) ?? "" })).sorted()
            let bands = LaneBands(lanes: lanes, values: values, language: language, style: style, measurer: measurer)
            var lanePass = LanePlacement(selection: selection, boxes: boxes, stages: stages, lanes: lanes, style: style,
                                         left: bands.left, minLaneHeight: bands.labelHeight)
            lanePass.decoratedStrokeWidths = strokeWidths
            lanePass.page = options.page
            lanePass.pageOverhead = 2 * style.margin + (titles.map(\.height).max() ?? 0) + header.height + 4 * style.gap + style.base * style.legendAndNoteLinesEm
            lanePass.pageMargin = style.margin
            let run = lanePass.run()
            placed = run.placed
            laneBands = (bands, run.bands)
        } else {
            var pass = GraphLayoutPass(selection: selection, boxes: boxes, stages: stages, options: options, style: style)
            pass.decoratedStrokeWidths = strokeWidths
            // Title, header band, legend and footnote (about `legendAndNoteLinesEm` lines of small type), for PageWrap.
            pass.pageOverhead = 2 * style.margin + (titles.map(\.height).max() ?? 0) + header.height + 4 * style.gap + style.base * style.legendAndNoteLinesEm
            pass.pageMargin = style.margin
            pass.pageRowGap = style.gap * 2
            placed = try pass.run()
        }

        // Vertical bands: title, header, graph, legend, footnote.
        let margin = style.margin
        let titleHeight = titles.map(\.height).max() ?? plainTitle.height
        let top = margin + titleHeight + style.gap
        let graphTop = top + header.height + style.gap
        let offset = Point(margin, graphTop)
        let columns = placed.columns(offset: offset, header: header)
        let graphBottom = graphTop + placed.size.height
        let plainFootnote = Footnote(graph: graph, selection: selection, options: options, style: style,
                                     words: .forLanguage(language), measurer: measurer)
        var footnotes = decorations.map { d -> Footnote in
            var f = plainFootnote
            f.lines = (d.replacesFootnotes ? [] : f.lines) + d.footnotes
            return f
        }
        let contentWidth = max(placed.size.width, columns.last.map { $0.maxX - margin } ?? 0)
        let plainLegend = Legend(selection: selection, channels: channels, style: style, options: options, words: words, measurer: measurer,
                                 privacyNote: graph.privacy.map { $0.note(thai: FootnoteWords.forLanguage(language).thai) })
        let legendWrap = max(contentWidth, plainFootnote.minimumWidth)
        let legends = decorations.map { d in
            d.legend.map { Legend(rows: $0, style: style, maxWidth: legendWrap, measurer: measurer) } ?? plainLegend
        }
        let width = max(contentWidth, titles.map(\.width).max() ?? 0, legends.map(\.width).max() ?? 0,
                        plainFootnote.minimumWidth) + 2 * margin
        let legendTop = graphBottom + style.gap * 2

        var nodeFrames: [String: Rect] = [:]
        for box in boxes {
            if let frame = placed.nodeFrame(box.name, offset: offset) { nodeFrames[box.name] = frame }
        }
        let bounds = Rect(x: 0, y: graphTop - style.gap, width: width, height: graphBottom - graphTop + 2 * style.gap)
        // Flows and their labels first: the footnote says how many labels found no place.
        let drawnEdges = decorations.map { decoration -> (items: [SceneItem], labels: [SceneItem], omitted: Int) in
            var edgeDrawer = EdgeDrawer(selection: selection, placed: placed, offset: offset, graph: graph,
                                        options: options, style: style, measurer: measurer, decoration: decoration.isEmpty ? nil : decoration)
            let edgeItems = edgeDrawer.paths()
            let labels = edgeDrawer.labels(avoiding: Array(nodeFrames.values) + Self.arrowFrames(edgeItems), within: bounds)
            return (edgeItems, labels, edgeDrawer.omitted)
        }
        for (k, drawn) in drawnEdges.enumerated() where drawn.omitted > 0 {
            footnotes[k].lines.append(FootnoteWords.forLanguage(language).unlabelled(drawn.omitted))
        }
        let footnoteBlocks = footnotes.map { $0.layout(width: width - 2 * margin) }
        let height = zip(legends, footnoteBlocks).map { legend, block in
            legendTop + legend.height + style.gap + block.height + margin
        }.max() ?? 0

        var results: [Result] = []
        for (k, decoration) in decorations.enumerated() {
            var items: [SceneItem] = []
            if let lanes = laneBands {
                items += lanes.bands.items(bands: lanes.placed, offset: offset, width: contentWidth)
                items.append(lanes.bands.headingItem(origin: Point(margin, top), height: header.height))
            }
            items += header.columnBackgrounds(columns: columns, top: top, bottom: graphBottom + style.gap)
            items += header.items(columns: columns, top: top, decorations: decoration.stages)
            items += drawnEdges[k].items
            for box in boxes {
                guard let frame = nodeFrames[box.name] else { continue }
                items += box.items(in: frame, channelColor: channels.color(box.channel), stageColor: header.color(of: box.stage),
                                   decoration: decoration.nodes[box.name]).tagged(SceneTag(.touchpointBox, box.name, stage: box.stage, info: box.info,
                                                                                                     lane: options.swimlanes?.lane(of: box.name)))
            }
            items += drawnEdges[k].labels
            items += titles[k].items(origin: Point(margin, margin)).tagged(.title, "title")
            items += legends[k].items(origin: Point(margin, legendTop)).tagged(.legend, "legend")
            let footnoteTop = legendTop + legends[k].height + style.gap
            items += footnoteBlocks[k].items(origin: Point(margin, footnoteTop)).tagged(.note, "footnote")

            let scene = Scene(width: width.rounded(.up), height: height.rounded(.up), background: options.theme.background,
                              title: titles[k].text, summary: footnotes[k].summary, items: items,
                              kind: .journeyMap, language: options.language)
            results.append(Result(scene: scene, selection: selection, omittedEdgeLabels: drawnEdges[k].omitted,
                                  nodeFrames: nodeFrames, stageColumns: columns.map { ($0.stage, $0.minX, $0.maxX) },
                                  contentBottom: graphBottom))
        }
        return results
    }

    /// The boxes around the arrow heads of `items`, which edge labels must not cover.
    static func arrowFrames(_ items: [SceneItem]) -> [Rect] {
        items.compactMap { item -> Rect? in
            guard case .path(let p) = item, let a = p.arrowAtEnd,
                  let head = ArrowHead(endOf: p.segments, length: a.length, width: a.width) else { return nil }
            let xs = [head.tip.x, head.left.x, head.right.x], ys = [head.tip.y, head.left.y, head.right.y]
            return Rect(x: xs.min()!, y: ys.min()!, width: xs.max()! - xs.min()!, height: ys.max()! - ys.min()!)
        }
    }

    /// Stages that hold a shown touchpoint, in the order they are drawn: template order, with
    /// the unassigned stage (when there is one beside template stages) where the fewest moves
    /// go against the drawn order (see `StageOrder`).
    func visibleStages(_ selection: MapSelection) -> [JourneyGraph.Stage] {
        let used = Set(selection.touchpoints.map(\.stage))
        return StageOrder.drawn(graph.stages.filter { used.contains($0.id) }, selection: selection)
    }
}

/// Stable colours for channels (sorted by name), drawn as a stripe on each box (and the
/// replay's dots coloured by channel take them, so that a dot and its box agree).
public struct ChannelPalette: Sendable {
    /// The channels in legend order: sorted by name, "mixed" last.
    public let names: [String]
    public static let colors = ["#0072b2", "#e69f00", "#009e73", "#cc79a7", "#56b4e9", "#d55e00", "#f0e442", "#999999",
                         "#332288", "#88ccee", "#117733", "#aa4499"].compactMap { Color(hex: $0) }

    /// Grey for touchpoints whose channel is "mixed" (none has 60 % of the events); listed last.
    static let mixedColor = Color(hex: "#c8c8c8")!

    public init(touchpoints: [JourneyGraph.Touchpoint]) {
        let mixed = JourneyGraph.Touchpoint.mixedChannel
        let all = Set(touchpoints.compactMap(\.channel))
        names = all.subtracting([mixed]).sorted() + (all.contains(mixed) ? [mixed] : [])
    }

    public func color(_ channel: String?) -> Color? {
        guard let channel, let i = names.firstIndex(of: channel) else { return nil }
        if channel == JourneyGraph.Touchpoint.mixedChannel { return Self.mixedColor }
        return Self.colors[i % Self.colors.count]
    }
}

/// Numbers as people read them: 1,234 and 12.3k above 100,000.
func formatCount(_ n: Int) -> String {
    if n >= 100_000 { return formatDecimal(Double(n) / 1000, digits: n >= 10_000_000 ? 0 : 1) + "k" }
    return CountFormat.grouped(n)
}

func formatDecimal(_ v: Double, digits: Int) -> String {
    var scale = 1.0
    for _ in 0..<digits { scale *= 10 }
    let r = (v * scale).rounded() / scale
    if digits == 0 { return String(Int(r)) }
    let whole = Int(r.rounded(.towardZero))
    var frac = String(Int((abs(r - Double(whole)) * scale).rounded()))
    while frac.count < digits { frac = "0" + frac }
    return "\(r < 0 && whole == 0 ? "-" : "")\(whole).\(frac)"
}

func formatPercent(_ share: Double) -> String {
    let p = share * 100
    if p > 0 && p < 1 { return "<1%" }
    return formatDecimal(p, digits: p < 10 ? 1 : 0) + "%"
}

/// `45 s`, `12 min`, `3.5 h`, `12 d`.
func formatDuration(_ seconds: Double) -> String {
    if seconds < 90 { return formatDecimal(seconds, digits: 0) + " s" }
    if seconds < 90 * 60 { return formatDecimal(seconds / 60, digits: 0) + " min" }
    if seconds < 48 * 3600 { return formatDecimal(seconds / 3600, digits: 1) + " h" }
    return formatDecimal(seconds / 86400, digits: 1) + " d"
}

/// Shortens `text` to `max` characters (grapheme clusters, so Thai marks stay whole) with "…".
func ellipsized(_ text: String, max: Int) -> String {
    guard text.count > max, max > 1 else { return text }
    return String(text.prefix(max - 1)) + "…"
}

/// `names` shortened to `max` characters each (`ellipsized`), except that names whose ends
/// alone tell them apart keep them: when cutting the end makes two different names read the
/// same ("…action.SCREEN_ON" and "…action.SCREEN_OFF" both "…action.SCREEN_…"), those are
/// cut in the middle instead, keeping as much of their end as of their start.
func distinctLabels(_ names: [String], max: Int) -> [String] {
    let cut = names.map { ellipsized($0, max: max) }
    var readers: [String: Set<String>] = [:]
    for (name, label) in zip(names, cut) { readers[label, default: []].insert(name) }
    return zip(names, cut).map { name, label in
        guard readers[label]!.count > 1, max > 4 else { return label }
        let tail = (max - 1) / 2, head = max - 1 - tail
        return String(name.prefix(head)) + "…" + String(name.suffix(tail))
    }
}
