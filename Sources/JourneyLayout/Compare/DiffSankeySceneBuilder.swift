import JourneyCore

/// Draws a `SankeyDiff` with the Sankey machinery: one layout over both sides, ribbons as wide
/// as the mean of the two sides' shares, coloured by the change of the share (the diff
/// palette's increase and decrease ramps for significant changes, grey for the rest, drawn
/// underneath), node labels with both sides' shares ("31% → 36%"), a legend for colour and
/// width, and notes on the test and the correction.
public struct DiffSankeySceneBuilder {
    public var diff: SankeyDiff
    public var beforeLabel: String
    public var afterLabel: String
    public var options: SankeyLayoutOptions
    public var theme: Theme
    public var measurer: any TextMeasurer

    public init(diff: SankeyDiff, beforeLabel: String, afterLabel: String, options: SankeyLayoutOptions = SankeyLayoutOptions(),
                theme: Theme = .light, measurer: any TextMeasurer) {
        self.diff = diff
        self.beforeLabel = beforeLabel
        self.afterLabel = afterLabel
        self.options = options
        self.theme = theme
        self.measurer = measurer
    }

    /// Fill of each ribbon (by link of `diff.layout`): significant in the palette's colour at the
    /// change's size relative to the largest significant change of a link, else the palette's grey.
    public func ribbonColors() -> [Color] {
        let style = SankeyStyle(theme: theme)
        return colors(diff.links).map { $0.significant ? $0.color.withAlpha(0.85) : $0.color.withAlpha(style.ribbonAlpha) }
    }

    /// Fill of each node: as ribbons (on the scale of the nodes' changes) when significant,
    /// else the muted text colour, darker than grey ribbons.
    public func nodeColors() -> [Color] {
        let style = SankeyStyle(theme: theme)
        return zip(colors(diff.nodes), diff.layout.nodes).map { c, n in
            if c.significant { return c.color }
            return n.kind == .dropOff ? style.dropOff : n.kind == .touchpoint || n.kind == .other ? style.mutedText : style.neutral
        }
    }

    private func colors(_ changes: [ProportionChange]) -> [(color: Color, significant: Bool)] {
        let palette = DiffPalette(theme: theme)
        let largest = changes.filter(\.significant).map { abs($0.absoluteChange) }.max() ?? 1
        return changes.map { c in
            let hex = palette.color(direction: c.direction, significant: c.significant,
                                    magnitude: largest > 0 ? abs(c.absoluteChange) / largest : 0)
            return (Color(hex: hex) ?? theme.neutral, c.significant)
        }
    }

    /// - Complexity: as `SankeySceneBuilder.build()`.
    public func build() -> SankeySceneBuilder.Result {
        let strings = DiffSankeyStrings(language: options.language)
        let style = SankeyStyle(theme: theme), palette = DiffPalette(theme: theme)
        let flows = diff.layout
        let o = diff.options
        let alpha = ComparisonMapText.alpha(o.alpha)

        // Per column, each side's paths still in the flow.
        // With --min-people, each side's published count ("–" where it is withheld): the
        // nodes drawn are only those both sides publish, so their sum is not the column's.
        let headers = flows.columns.map { col -> String in
            if let p = diff.privacy {
                let c = p.columnPaths[col.index]
                return "\(c.before.map(SankeyFormat.count) ?? "–") → \(c.after.map(SankeyFormat.count) ?? "–")"
            }
            let active = col.nodes.filter { [.touchpoint, .other, .skipped].contains(flows.nodes[$0].kind) }
            let b = active.reduce(0) { $0 + diff.nodes[$1].before.count }
            let a = active.reduce(0) { $0 + diff.nodes[$1].after.count }
            return "\(SankeyFormat.count(b)) → \(SankeyFormat.count(a))"
        }
        let numbers = diff.nodes.map { c in
            "\(SankeyFormat.percent(c.before.share)) → \(SankeyFormat.percent(c.after.share))"
                + (c.significant ? " · " + strings.points(c.absoluteChange) : "")
        }
        let priority = diff.links.map { $0.significant ? 1 + abs($0.absoluteChange) : 0 }

        func color(_ hex: String, _ fallback: Color) -> Color { Color(hex: hex) ?? fallback }
        var legend: [(SankeyColors.Mark, String)] = [
            (.swatch(color(palette.increaseStrong, theme.increase)), strings.increase),
            (.swatch(color(palette.decreaseStrong, theme.decrease)), strings.decrease),
            (.swatch(color(palette.notSignificant, theme.neutral)), strings.grey(alpha: alpha, minCount: o.minCount, minEffect: ProportionChange.number(o.minEffect * 100))),
            (.swatch(style.mutedText), strings.node),
        ]
        if flows.nodes.contains(where: { $0.kind == .dropOff }) { legend.append((.swatch(style.dropOff), strings.dropOff)) }
        if let p = diff.privacy { legend.append((.none, p.note(thai: strings.thai))) }

        // The largest significant changes, by size.
        let labels = SankeyNodeLabels(flows: flows, strings: SankeyStrings(language: options.language),
                                      nameFont: style.font(1, bold: true), numberFont: style.font(0.9),
                                      maxWidth: options.maxLabelWidth, maxCharacters: options.maxLabelCharacters,
                                      numberLines: numbers, measurer: measurer)
        var top = diff.nodes.indices.filter { diff.nodes[$0].significant }
            .sorted { (abs(diff.nodes[$0].absoluteChange), -$0) > (abs(diff.nodes[$1].absoluteChange), -$1) }
            .prefix(3).map { i -> String in
                let c = diff.nodes[i]
                return "\(labels.labels[i].name) \(strings.points(c.absoluteChange))" + (c.q.map { " (\(ComparisonMapText.q($0)))" } ?? "")
            }
        top += diff.links.indices.filter { diff.links[$0].significant }
            .sorted { (abs(diff.links[$0].absoluteChange), -$0) > (abs(diff.links[$1].absoluteChange), -$1) }
            .prefix(5).map { i -> String in
                let l = flows.links[i], c = diff.links[i]
                return "\(labels.labels[l.source].name) → \(labels.labels[l.target].name) \(strings.points(c.absoluteChange))"
                    + (c.q.map { " (\(ComparisonMapText.q($0)))" } ?? "")
            }
        var notes = [top.isEmpty ? strings.noneSignificant : strings.largest(top),
                     strings.colourNote, strings.widthNote,
                     strings.testNote(minimumExpected: ComparisonMapText.alpha(o.minimumExpected), tests: diff.testedCount,
                                      alpha: alpha, minCount: o.minCount),
                     diff.mode == .stages ? strings.stagesNote : strings.stepsNote]
        if let p = diff.privacy { notes.append(strings.privacy(p)) }
        if let source = options.source, !source.isEmpty { notes.append(source) }

        let subtitle = strings.side(true, label: beforeLabel, paths: diff.beforeTotal) + " → "
            + strings.side(false, label: afterLabel, paths: diff.afterTotal) + " · "
            + strings.verdict(significant: diff.significantCount, tested: diff.testedCount)
        var layoutOptions = options
        if layoutOptions.title == nil { layoutOptions.title = strings.title(diff.mode) }
        var builder = SankeySceneBuilder(flows: flows, options: layoutOptions, style: style, measurer: measurer)
        builder.overrides = SankeyOverrides(subtitle: subtitle, headers: headers, ribbonFills: ribbonColors(),
                                            ribbonPriority: priority, nodeFills: nodeColors(), numbers: numbers,
                                            legend: legend, notes: notes)
        return builder.build()
    }
}
