import JourneyCore

/// The measuring and placing passes of `SankeySceneBuilder`: what each band needs before
/// anything is drawn.
extension SankeySceneBuilder {
    /// Node labels measured, and what they ask of the layout.
    struct MeasuredLabels {
        var labels: SankeyNodeLabels
        /// Nodes are at least this tall, so the labels of a column never overlap.
        var minNodeHeight: Double
        /// How far labels of short nodes stand out of the plot, above and below.
        var overhang: Double
        subscript(_ node: Int) -> SankeyNodeLabels.Label { labels.labels[node] }
    }

    /// Return arcs drawn (largest first, then placed shortest span nearest the plot) and those
    /// left to the footnote.
    struct ReturnArcs {
        var drawn: [Int]
        var hidden: [(from: String, to: String, value: Int)]
        var font: FontSpec
        /// Height of one arc's level (its label plus padding).
        var level: Double
    }

    /// Left edge of each column, and the right edge of the last label.
    struct ColumnPositions {
        var x: [Double]
        var labelGap: Double
        var plotRight: Double
    }

    /// Title, column headers and the return-arc levels over the plot.
    struct HeaderBand {
        var titleText: String
        var subtitle: String
        var title: SankeyTextBlock
        var headers: [SankeyTextBlock]
        var headerTop: Double
        var plotTop: Double
        var contentWidth: Double
    }

    /// Pass 1: the two-line label of every node, measured once.
    func measureLabels(_ strings: SankeyStrings) -> MeasuredLabels {
        let labels = SankeyNodeLabels(flows: flows, strings: strings, nameFont: style.font(sizes.nodeName, bold: true),
                                      numberFont: style.font(sizes.nodeNumbers), maxWidth: options.maxLabelWidth,
                                      maxCharacters: options.maxLabelCharacters, numberLines: overrides?.numbers, measurer: measurer)
        let minNode = max(sizes.minimumNodeHeight, labels.height + sizes.labelSlack - options.nodePadding)
        let overhang = max(0, (labels.height - minNode) / 2) + sizes.labelOverhang
        return MeasuredLabels(labels: labels, minNodeHeight: minNode, overhang: overhang)
    }

    /// Pass 2: the largest `maxReturnArcs` return arcs, one level each, shortest spans
    /// nearest the plot; the rest named for the footnote.
    func chooseReturnArcs(_ labels: MeasuredLabels) -> ReturnArcs {
        let font = style.font(sizes.returnArcLabel)
        let level = measurer.measure("↩ 0", font: font, maxWidth: nil).height + sizes.arcLevelPadding
        let all = flows.links.indices.filter { flows.links[$0].kind == .returnArc }.sorted {
            let a = flows.links[$0], b = flows.links[$1]
            return a.value != b.value ? a.value > b.value : ($0 < $1)
        }
        let drawn = Array(all.prefix(max(0, options.maxReturnArcs))).sorted {
            let a = flows.links[$0], b = flows.links[$1]
            let sa = flows.nodes[a.source].column - flows.nodes[a.target].column
            let sb = flows.nodes[b.source].column - flows.nodes[b.target].column
            return sa != sb ? sa < sb : a.value != b.value ? a.value > b.value : $0 < $1
        }
        let hidden = all.dropFirst(drawn.count).map { l -> (from: String, to: String, value: Int) in
            let link = flows.links[l]
            return (labels[link.source].name, labels[link.target].name, link.value)
        }
        return ReturnArcs(drawn: drawn, hidden: hidden, font: font, level: level)
    }

    /// Pass 3: columns left to right, each a node, its widest label, then room for ribbons;
    /// lanes of return arcs in the gutter left of the first column stay inside the margin.
    func computeColumnPositions(_ labels: MeasuredLabels, arcs: ReturnArcs) -> ColumnPositions {
        let labelGap = base * sizes.labelGap, ribbonRoom = max(base * sizes.ribbonRoom, sizes.ribbonRoomMinimum)
        let labelWidth = flows.columns.map { col in col.nodes.map { labels[$0].size.width }.max() ?? 0 }
        var columnX: [Double] = []
        let firstLanes = arcs.drawn.reduce(0) { n, l in n + (flows.nodes[flows.links[l].target].column == 0 ? 1 : 0) }
        var x = options.margin + (firstLanes > 0 ? sizes.arcGutterInset + Double(firstLanes) * sizes.arcLaneStep : 0)
        for c in flows.columns.indices {
            columnX.append(x)
            x += options.nodeWidth + labelGap + labelWidth[c] + ribbonRoom
        }
        let plotRight = (columnX.last ?? options.margin) + options.nodeWidth + labelGap + (labelWidth.last ?? 0)
        return ColumnPositions(x: columnX, labelGap: labelGap, plotRight: plotRight)
    }

    /// Pass 4: the title, the column headers (each wrapped to its column) and the band of
    /// return-arc levels; where the plot starts.
    func computeHeaderBand(_ strings: SankeyStrings, columns: ColumnPositions, arcs: ReturnArcs,
                           labels: MeasuredLabels) -> HeaderBand {
        let margin = options.margin, columnX = columns.x
        let titleText = options.title ?? strings.title(flows.mode)
        let titleSize = measurer.measure(titleText, font: style.font(sizes.title, bold: true), maxWidth: nil)
        let contentWidth = max(columns.plotRight - margin, titleSize.width, base * sizes.minimumContentWidth)
        let subtitle = overrides?.subtitle ?? strings.subtitle(flows)
        let title = SankeyTextBlock([.init(text: titleText, font: style.font(sizes.title, bold: true), color: style.text),
                                     .init(text: subtitle, font: style.font(sizes.subtitle), color: style.mutedText)],
                                    wrapWidth: contentWidth, measurer: measurer)
        let headerTop = margin + title.height + gap * sizes.titleGap
        let headers = flows.columns.indices.map { c -> SankeyTextBlock in
            let width = c + 1 < columnX.count ? columnX[c + 1] - columnX[c] - base * sizes.headerMargin : columns.plotRight - columnX[c]
            let active = overrides?.headers[c] ?? strings.columnCount(flows, c)
            return SankeyTextBlock([.init(text: strings.header(flows, c), font: style.font(sizes.header, bold: true), color: style.text),
                                    .init(text: active, font: style.font(sizes.headerCount), color: style.mutedText)],
                                   wrapWidth: max(width, base * sizes.minimumHeaderWidth), measurer: measurer)
        }
        let headerHeight = headers.map(\.height).max() ?? 0
        let bandHeight = arcs.drawn.isEmpty ? 0 : Double(arcs.drawn.count) * arcs.level + gap * sizes.arcBandPadding
        let plotTop = headerTop + headerHeight + gap + bandHeight + labels.overhang
        return HeaderBand(titleText: titleText, subtitle: subtitle, title: title, headers: headers, headerTop: headerTop,
                          plotTop: plotTop, contentWidth: contentWidth)
    }

    /// Last pass: the legend and the footnote under the plot; where the picture ends.
    func computeFooterBand(_ strings: SankeyStrings, colors: SankeyColors, layout: SankeyLayout, labels: MeasuredLabels,
                           arcs: ReturnArcs, top: HeaderBand) -> (items: [SceneItem], notes: [String], bottom: Double) {
        let margin = options.margin
        let legendTop = layout.plot.maxY + labels.overhang + gap * sizes.legendGap
        let legend = SankeyLegendBlock(overrides?.legend ?? colors.legend(strings, language: options.language), width: top.contentWidth,
                                       font: style.font(sizes.legend), textColor: style.text, background: style.background, measurer: measurer)
        var items = legend.placed(at: Point(margin, legendTop)).tagged(.legend, "legend")
        let notes = overrides?.notes ?? strings.notes(flows, source: options.source, hiddenArcs: arcs.hidden)
        let footnote = SankeyTextBlock(notes.map { .init(text: $0, font: style.font(sizes.footnote), color: style.mutedText) },
                                       wrapWidth: top.contentWidth, measurer: measurer)
        let footnoteTop = legendTop + legend.height + gap
        items += footnote.placed(at: Point(margin, footnoteTop)).tagged(.note, "footnote")
        return (items, notes, footnoteTop + footnote.height + margin)
    }
}
