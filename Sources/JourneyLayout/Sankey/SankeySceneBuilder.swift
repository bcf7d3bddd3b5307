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

    /// - Complexity: O(iterations · (N log N + L log L)) for N nodes and L links (the layout),
    ///   plus one text measurement per label.
    public func build() -> Result {
        let strings = SankeyStrings(language: options.language)
        let colors = SankeyColors(flows: flows, style: style, colorBy: options.colorBy)
        let base = style.fontSize, margin = options.margin, gap = base
        let labels = SankeyNodeLabels(flows: flows, strings: strings, nameFont: style.font(1, bold: true),
                                      numberFont: style.font(0.9), maxWidth: options.maxLabelWidth,
                                      maxCharacters: options.maxLabelCharacters, numberLines: overrides?.numbers, measurer: measurer)
        let minNode = max(4, labels.height + 2 - options.nodePadding)
        let overhang = max(0, (labels.height - minNode) / 2) + 2

        // Return arcs: the largest, one level each, shortest spans nearest the plot.
        let arcFont = style.font(0.85)
        let arcLevel = measurer.measure("↩ 0", font: arcFont, maxWidth: nil).height + 4
        let allArcs = flows.links.indices.filter { flows.links[$0].kind == .returnArc }.sorted {
            let a = flows.links[$0], b = flows.links[$1]
            return a.value != b.value ? a.value > b.value : ($0 < $1)
        }
        let drawnArcs = Array(allArcs.prefix(max(0, options.maxReturnArcs))).sorted {
            let a = flows.links[$0], b = flows.links[$1]
            let sa = flows.nodes[a.source].column - flows.nodes[a.target].column
            let sb = flows.nodes[b.source].column - flows.nodes[b.target].column
            return sa != sb ? sa < sb : a.value != b.value ? a.value > b.value : $0 < $1
        }
        let hiddenArcs = allArcs.dropFirst(drawnArcs.count).map { l -> (from: String, to: String, value: Int) in
            let link = flows.links[l]
            return (labels.labels[link.source].name, labels.labels[link.target].name, link.value)
        }
        // Columns: node, label, then room for ribbons.
        let labelGap = base * 0.4, ribbonRoom = max(base * 7, 70)
        let labelWidth = flows.columns.map { col in col.nodes.map { labels.labels[$0].size.width }.max() ?? 0 }
        var columnX: [Double] = []
        // Lanes of return arcs in the gutter left of the first column stay inside the margin.
        let firstLanes = drawnArcs.reduce(0) { n, l in n + (flows.nodes[flows.links[l].target].column == 0 ? 1 : 0) }
        var x = margin + (firstLanes > 0 ? 9 + Double(firstLanes) * 4 : 0)
        for c in flows.columns.indices {
            columnX.append(x)
            x += options.nodeWidth + labelGap + labelWidth[c] + ribbonRoom
        }
        let plotRight = (columnX.last ?? margin) + options.nodeWidth + labelGap + (labelWidth.last ?? 0)

        // Title and headers.
        let titleText = options.title ?? strings.title(flows.mode)
        let titleSize = measurer.measure(titleText, font: style.font(1.7, bold: true), maxWidth: nil)
        let contentWidth = max(plotRight - margin, titleSize.width, base * 45)
        let subtitle = overrides?.subtitle ?? strings.subtitle(flows)
        let title = SankeyTextBlock([.init(text: titleText, font: style.font(1.7, bold: true), color: style.text),
                                     .init(text: subtitle, font: style.font(1), color: style.mutedText)],
                                    wrapWidth: contentWidth, measurer: measurer)
        let headerTop = margin + title.height + gap * 1.5
        let headers = flows.columns.indices.map { c -> SankeyTextBlock in
            let width = c + 1 < columnX.count ? columnX[c + 1] - columnX[c] - base : plotRight - columnX[c]
            let active = overrides?.headers[c] ?? strings.columnCount(flows, c)
            return SankeyTextBlock([.init(text: strings.header(flows, c), font: style.font(1.1, bold: true), color: style.text),
                                    .init(text: active, font: style.font(0.85), color: style.mutedText)],
                                   wrapWidth: max(width, base * 4), measurer: measurer)
        }
        let headerHeight = headers.map(\.height).max() ?? 0

        let bandHeight = drawnArcs.isEmpty ? 0 : Double(drawnArcs.count) * arcLevel + gap * 0.5
        let plotTop = headerTop + headerHeight + gap + bandHeight + overhang

        let layout = SankeyLayout(flows: flows, columnX: columnX, top: plotTop, nodeWidth: options.nodeWidth,
                                  nodePadding: options.nodePadding, plotHeight: options.plotHeight,
                                  minNodeHeight: minNode, iterations: options.iterations)

        var items: [SceneItem] = []
        /// Node tags carry the label's name and numbers; link tags their value (the text exports).
        func nodeTag(_ n: SankeyFlows.Node) -> SceneTag {
            let label = labels.labels[n.id]
            return SceneTag(.touchpointBox, Self.nodeID(n.id), stage: "column\(n.column)", name: label.name,
                            info: label.numbers.isEmpty ? label.name : "\(label.name) · \(label.numbers)")
        }
        func linkTag(_ link: SankeyFlows.Link) -> SceneTag {
            let from = labels.labels[link.source].name, to = labels.labels[link.target].name
            return .edge(.edgePath, from: Self.nodeID(link.source), to: Self.nodeID(link.target),
                         info: "\(from) → \(to) · \(SankeyFormat.count(link.value))", value: Double(link.value))
        }
        // Ribbons: forward and entry under drop-off, so exits never hide where people went.
        var order = layout.ribbons.filter { flows.links[$0.link].kind != .dropOff } + layout.ribbons.filter { flows.links[$0.link].kind == .dropOff }
        if let o = overrides {
            order = layout.ribbons.sorted { (o.ribbonPriority[$0.link], $0.link) < (o.ribbonPriority[$1.link], $1.link) }
        }
        for r in order {
            let link = flows.links[r.link]
            items.append(.path(PathItem(segments: SankeyPaths.ribbon(r), fill: overrides?.ribbonFills[r.link] ?? colors.ribbon(link),
                                        tag: linkTag(link))))
        }
        for n in flows.nodes {
            let frame = layout.nodeFrames[n.id]
            if n.kind == .skipped {
                items.append(.rect(RectItem(frame: frame, cornerRadius: 1.5, fill: style.background,
                                            stroke: Stroke(color: style.neutral, width: 1.2, dash: [3, 2]),
                                            tag: nodeTag(n))))
            } else {
                items.append(.rect(RectItem(frame: frame, cornerRadius: 1.5, fill: overrides?.nodeFills[n.id] ?? colors.node(n.id),
                                            stroke: Stroke(color: style.nodeBorder.withAlpha(0.6), width: 0.5),
                                            tag: nodeTag(n))))
            }
        }
        // Return arcs above the plot, with their count on the level line.
        // Arcs meeting at one node leave or enter it at different heights, each in its own lane
        // of the gutter left of the column.
        var ends: [Int: [Int]] = [:]
        var lanes: [Int: [Int]] = [:]
        for l in drawnArcs {
            let link = flows.links[l]
            ends[link.source, default: []].append(l)
            ends[link.target, default: []].append(l)
            lanes[flows.nodes[link.source].column, default: []].append(l)
            lanes[flows.nodes[link.target].column, default: []].append(l)
        }
        func endY(_ node: Int, _ l: Int) -> Double {
            let list = ends[node] ?? [l], k = list.firstIndex(of: l) ?? 0, f = layout.nodeFrames[node]
            return f.minY + f.height * Double(k + 1) / Double(list.count + 1)
        }
        func laneX(_ node: Int, _ l: Int) -> Double {
            let list = lanes[flows.nodes[node].column] ?? [l], k = list.firstIndex(of: l) ?? 0
            return layout.nodeFrames[node].minX - 9 - Double(k) * 4
        }
        let arcTop = plotTop - overhang
        for (i, l) in drawnArcs.enumerated() {
            let link = flows.links[l]
            let level = arcTop - gap * 0.5 - (Double(i) + 0.5) * arcLevel
            let from = layout.nodeFrames[link.source], to = layout.nodeFrames[link.target]
            let width = min(max(Double(link.value) * layout.scale, 1), 3)
            let path = SankeyPaths.returnArc(source: Point(from.minX, endY(link.source, l)), sourceX: laneX(link.source, l),
                                             target: Point(to.minX, endY(link.target, l)), targetX: laneX(link.target, l),
                                             targetEdge: to.minX, level: level, radius: 4)
            items.append(.path(PathItem(segments: path,
                                        stroke: Stroke(color: style.returnArc, width: width, dash: [4, 2.5]),
                                        arrowAtEnd: Arrow(length: 5 + width, width: 4 + width * 1.5, color: style.returnArc),
                                        tag: linkTag(link))))
            let text = "↩ \(SankeyFormat.count(link.value))"
            let size = measurer.measure(text, font: arcFont, maxWidth: nil)
            let cx = (laneX(link.source, l) + laneX(link.target, l)) / 2
            items.append(.text(TextItem(text: text, frame: Rect(x: cx - size.width / 2, y: level - size.height / 2, width: size.width, height: size.height),
                                        font: arcFont, color: style.text, background: style.background,
                                        tag: .edge(.edgeLabel, from: Self.nodeID(link.source), to: Self.nodeID(link.target)))))
        }
        // Node labels, with a light halo so they read over ribbons.
        var labelFrames: [Rect] = []
        for n in flows.nodes {
            let node = layout.nodeFrames[n.id], label = labels.labels[n.id]
            let frame = Rect(x: node.maxX + labelGap, y: node.center.y - label.size.height / 2,
                             width: label.size.width, height: label.size.height)
            labelFrames.append(frame)
            var tag = nodeTag(n)
            tag.role = .nodeLabel
            items.append(.rect(RectItem(frame: frame.insetBy(dx: -2, dy: -1), cornerRadius: 2, fill: style.background.withAlpha(0.72), tag: tag)))
            items.append(.text(TextItem(text: label.name, frame: Rect(x: frame.x, y: frame.y, width: label.nameSize.width, height: label.nameSize.height),
                                        font: style.font(1, bold: true), color: style.text, tag: tag)))
            items.append(.text(TextItem(text: label.numbers, frame: Rect(x: frame.x, y: frame.y + label.nameSize.height, width: label.numbersSize.width, height: label.numbersSize.height),
                                        font: style.font(0.9), color: style.mutedText, tag: tag)))
        }
        var headerFrames: [Rect] = []
        for (c, h) in headers.enumerated() {
            let origin = Point(columnX[c], headerTop)
            headerFrames.append(Rect(x: origin.x, y: origin.y, width: h.width, height: h.height))
            items += h.placed(at: origin).tagged(.stageHeader, "column\(c)")
        }
        items += title.placed(at: Point(margin, margin)).tagged(.title, "title")

        // Legend and footnote under the plot.
        let legendTop = layout.plot.maxY + overhang + gap * 1.5
        let legend = SankeyLegendBlock(overrides?.legend ?? colors.legend(strings, language: options.language), width: contentWidth,
                                       font: style.font(0.9), textColor: style.text, background: style.background, measurer: measurer)
        items += legend.placed(at: Point(margin, legendTop)).tagged(.legend, "legend")
        let notes = overrides?.notes ?? strings.notes(flows, source: options.source, hiddenArcs: hiddenArcs)
        let footnote = SankeyTextBlock(notes.map { .init(text: $0, font: style.font(0.85), color: style.mutedText) },
                                       wrapWidth: contentWidth, measurer: measurer)
        let footnoteTop = legendTop + legend.height + gap
        items += footnote.placed(at: Point(margin, footnoteTop)).tagged(.note, "footnote")

        let scene = Scene(width: (contentWidth + 2 * margin).rounded(.up), height: (footnoteTop + footnote.height + margin).rounded(.up),
                          background: style.background, title: titleText,
                          summary: ([subtitle] + notes).joined(separator: " "), items: items,
                          kind: flows.mode == .steps ? .sankeySteps : .sankeyStages, language: options.language)
        return Result(scene: scene, layout: layout, labelFrames: labelFrames, headerFrames: headerFrames,
                      returnArcsDrawn: drawnArcs.count, returnArcsHidden: hiddenArcs.count, notes: notes)
    }
}
