import JourneyCore

/// The decorations of the comparison pictures, all over the one layout of the union graph:
/// the diff map (colour by direction of change, width by its size, grey when not
/// significant) and the before and after panels (each side's own counts on one value scale).
struct ComparisonDecorations {
    let comparison: JourneyComparison
    let model: ComparisonDiffModel
    let pair: ComparisonPair
    let union: JourneyGraph
    let theme: Theme
    /// What the map left out, said under each picture.
    let selectionNote: String?
    /// The transitions the maps draw (between two touchpoints kept, self-loops apart): the
    /// legend cites only changes the eye can find.
    let drawnEdges: Set<MapDecoration.EdgeKey>
    let words: ComparisonMapStrings
    /// The data line of a panel's footnote, as the plain map writes it.
    let footnoteWords: FootnoteWords
    /// Every width, shade and dash of the marks.
    var style = ComparisonMapStyle()

    enum Side { case before, after }

    private var neutral: Color { Color(hex: model.palette.notSignificant) ?? theme.neutral }
    private func color(_ mark: ComparisonDiffModel.Mark) -> Color { Color(hex: mark.color) ?? theme.neutral }

    /// Significant transitions between touchpoints: drawn even when weaker than `maxEdges` allows.
    static func significantEdges(_ c: JourneyComparison) -> Set<MapDecoration.EdgeKey> {
        Set(c.transitions.compactMap { t in
            guard t.change.significant, let from = t.from, let to = t.to else { return nil }
            return MapDecoration.EdgeKey(from: from, to: to)
        })
    }

    // MARK: Diff map

    func diff() -> MapDecoration {
        var d = MapDecoration()
        d.subtitle = words.diffSubtitle(comparison)
        for t in model.transitions {
            guard let from = t.from, let to = t.to, from != to else { continue }
            d.edges[MapDecoration.EdgeKey(from: from, to: to)] = diffEdge(t.mark)
        }
        d.otherEdges = MapDecoration.EdgeStyle(color: neutral, width: style.otherEdgeWidth)
        let changes = Dictionary(comparison.touchpoints.map { ($0.name, $0.change) }, uniquingKeysWith: { a, _ in a })
        for t in model.touchpoints {
            guard let change = changes[t.name] else { continue }
            d.nodes[t.name] = diffNode(t.name, t.mark, change)
        }
        for s in comparison.stages {
            guard let mark = model.stage(s.id) else { continue }
            d.stages[s.id] = MapDecoration.StageStyle(
                lines: [MapDecoration.Line(ComparisonMapText.shares(s.change) + words.ofJourneys),
                        MapDecoration.Line(words.verdict(s.change), color: mark.significant ? color(mark) : nil,
                                           bold: mark.significant)],
                accent: mark.significant ? color(mark) : neutral,
                accentHeight: mark.significant ? style.stageAccent + style.stageAccentPerMagnitude * mark.magnitude
                    : style.quietStageAccent)
        }
        d.legend = diffLegend()
        d.footnotes = sideFootnotes() + (comparison.windows.map { [$0.sentence(thai: words.thai)] } ?? [])
            + comparison.warningSentences(thai: words.thai).map(words.warning) + privacyLines
        d.replacesFootnotes = true
        return d
    }

    /// Significant: the palette colour, 1.5…10 pt by the size of the change, labelled, on top.
    /// Not significant: grey, at most 2.5 pt, no label, underneath (`ComparisonMapStyle`).
    func diffEdge(_ mark: ComparisonDiffModel.Mark) -> MapDecoration.EdgeStyle {
        if mark.significant {
            let c = color(mark)
            return MapDecoration.EdgeStyle(color: c, width: mark.width(minimum: style.significantEdgeWidth, maximum: style.largestEdgeWidth),
                                           label: words.points(mark.effect), labelColor: c,
                                           priority: style.significantPriority + mark.magnitude)
        }
        return MapDecoration.EdgeStyle(color: neutral,
                                       width: min(style.quietEdgeMaximum, mark.width(minimum: style.quietEdgeWidth, maximum: style.largestEdgeWidth)),
                                       priority: mark.magnitude)
    }

    private func diffNode(_ name: String, _ mark: ComparisonDiffModel.Mark, _ change: ProportionChange) -> MapDecoration.NodeStyle {
        var lines = [MapDecoration.Line(ComparisonMapText.shares(change) + words.ofJourneys),
                     MapDecoration.Line(words.verdict(change), color: mark.significant ? color(mark) : nil,
                                        bold: mark.significant)]
        // Journey starts, ends and repeats (a→a, no flow of its own) at the touchpoint, when
        // they changed significantly.
        for (badge, from, to) in [(words.startingHere, nil, name), (words.endingHere, name, nil), (words.repeatedHere, name, name)]
            as [(String, String?, String?)] {
            guard let m = model.transition(from: from, to: to), m.significant else { continue }
            lines.append(MapDecoration.Line("\(badge) \(words.points(m.effect))", color: color(m), bold: true))
        }
        guard mark.significant else {
            return MapDecoration.NodeStyle(lines: lines, fill: theme.nodeFill, border: Stroke(color: neutral, width: style.quietBorder))
        }
        let c = color(mark)
        return MapDecoration.NodeStyle(lines: lines, fill: theme.nodeFill.mixed(with: c, style.significantFillMix),
                                       border: Stroke(color: c, width: style.significantBorder + style.borderPerMagnitude * mark.magnitude))
    }

    private func diffLegend() -> [MapDecoration.LegendRow] {
        let p = model.palette
        let inc = Color(hex: p.increaseStrong) ?? theme.increase, incWeak = Color(hex: p.increaseWeak) ?? theme.increase
        let dec = Color(hex: p.decreaseStrong) ?? theme.decrease, decWeak = Color(hex: p.decreaseWeak) ?? theme.decrease
        let o = comparison.options
        let alpha = ComparisonMapText.alpha(o.alpha)
        let significant = model.transitions.filter { t in
            guard t.mark.significant, let from = t.from, let to = t.to, from != to else { return false }
            return drawnEdges.contains(MapDecoration.EdgeKey(from: from, to: to))
        }.map(\.mark)
        func largest(_ direction: ChangeDirection) -> String {
            guard let m = significant.filter({ $0.direction == direction }).max(by: { abs($0.effect) < abs($1.effect) }) else {
                return words.noneAmongTransitions
            }
            return words.points(m.effect)
        }
        let border = Stroke(color: inc, width: style.legendBoxBorder)
        return [
            .init(.line(Stroke(color: incWeak, width: style.legendWeakWidth)), words.increaseSmall),
            .init(.line(Stroke(color: inc, width: style.legendStrongWidth)), words.increaseLarge(largest(.increase))),
            .init(.line(Stroke(color: decWeak, width: style.legendWeakWidth)), words.decreaseSmall),
            .init(.line(Stroke(color: dec, width: style.legendStrongWidth)), words.decreaseLarge(largest(.decrease))),
            .init(.line(Stroke(color: neutral, width: style.legendQuietWidth)), words.grey(alpha: alpha, minCount: o.minCount, minEffect: ProportionChange.number(o.minEffect * 100))),
            .init(.box(fill: theme.nodeFill.mixed(with: inc, style.significantFillMix), border: border), words.boxes),
            .init(.none, words.labels),
            .init(.none, words.significance(minimumExpected: ComparisonMapText.alpha(o.minimumExpected),
                                            tests: comparison.testedCount, alpha: alpha)),
            .init(.none, words.oneLayout),
        ] + (union.privacy.map { [.init(.none, $0.note(thai: words.thai))] } ?? [])
    }

    // MARK: Before and after panels

    /// One side's counts on the union layout, with widths and shades on the scale both sides share.
    func side(_ which: Side) -> MapDecoration {
        let graph = which == .before ? pair.before : pair.after
        let info = which == .before ? comparison.before : comparison.after
        func pick(_ c: ProportionChange) -> Proportion { which == .before ? c.before : c.after }
        var d = MapDecoration()
        d.subtitle = (which == .before ? words.before : words.after) + ": " + words.side(info) + " · " + words.events(info.events)
        let maxCount = max(1, model.shared.maxTransitionCount)
        for t in comparison.transitions {
            guard let from = t.from, let to = t.to, from != to else { continue }
            let p = pick(t.change)
            let key = MapDecoration.EdgeKey(from: from, to: to)
            guard p.count > 0 else { d.edges[key] = ghostEdge; continue }
            let f = Double(p.count) / Double(maxCount)
            d.edges[key] = MapDecoration.EdgeStyle(color: theme.edge.withAlpha(style.panelEdgeAlpha + style.panelEdgeAlphaPerShare * f),
                                                   width: style.panelEdgeWidth + style.panelEdgeWidthPerShare * f,
                                                   label: formatPercent(p.share),
                                                   priority: f)
        }
        d.otherEdges = ghostEdge
        let own = Dictionary(graph.touchpoints.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        let stageIndex = Dictionary(union.stages.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        let maxJourneys = max(1, model.shared.maxTouchpointJourneys)
        for t in comparison.touchpoints {
            let p = pick(t.change)
            guard p.count > 0, let tp = own[t.name] else {
                d.nodes[t.name] = MapDecoration.NodeStyle(lines: [MapDecoration.Line(words.notOnThisSide)], fill: theme.background,
                                                          border: Stroke(color: neutral, width: style.absentBorder, dash: style.absentDash))
                continue
            }
            var lines = [MapDecoration.Line("\(words.journeys(p.count)) · \(formatPercent(p.share))")]
            var badges: [String] = []
            if tp.starts > 0 { badges.append("▶ \(formatCount(tp.starts))") }
            if tp.ends > 0 { badges.append("■ \(formatCount(tp.ends))") }
            if !badges.isEmpty { lines.append(MapDecoration.Line(badges.joined(separator: "   "))) }
            let stage = union.stages.first { $0.id == t.stage }
            let stageColor = theme.stageColor(index: stageIndex[t.stage] ?? 0, hex: stage?.color ?? "")
            let fill = theme.nodeFill.mixed(with: stageColor, style.panelFillMix + style.panelFillMixPerShare * Double(p.count) / Double(maxJourneys))
            d.nodes[t.name] = MapDecoration.NodeStyle(lines: lines, fill: fill)
        }
        for s in comparison.stages {
            let p = pick(s.change)
            d.stages[s.id] = MapDecoration.StageStyle(lines: [MapDecoration.Line("\(words.journeys(p.count)) · \(formatPercent(p.share))")])
        }
        d.legend = [
            .init(.line(Stroke(color: theme.edge.withAlpha(style.panelEdgeAlpha), width: style.panelEdgeWidth)), words.oneMove),
            .init(.line(Stroke(color: theme.edge.withAlpha(style.panelLegendStrongAlpha), width: style.panelLegendStrongWidth)),
                  words.mostMoves(maxCount)),
            .init(.line(ghostEdge.strokeForLegend), words.ghosts),
            .init(.box(fill: theme.nodeFill.mixed(with: theme.edge, style.panelLegendFillMix),
                       border: Stroke(color: theme.nodeBorder, width: style.panelLegendBorder)),
                  words.shade),
            .init(.none, words.edgeLabels),
        ]
        var foot = [footnoteWords.source(files: FileNames.shown(info.files), span: nil, journeys: info.journeys,
                                         events: info.events, template: info.template)]
        if let selectionNote { foot.append(selectionNote) }
        d.footnotes = foot + privacyLines
        d.replacesFootnotes = true
        return d
    }

    private var ghostEdge: MapDecoration.EdgeStyle {
        MapDecoration.EdgeStyle(color: neutral, width: style.ghostEdgeWidth, dash: style.ghostEdgeDash, priority: style.ghostPriority)
    }

    private func sideFootnotes() -> [String] {
        func describe(_ s: ComparisonSide) -> String {
            // The files' names, unless they are the side's label already (two files compared).
            (s.files.isEmpty || FileNames.shown(s.files) == s.label ? "" : FileNames.shown(s.files) + " — ") + words.side(s)
        }
        var out = [words.sidesFootnote(describe(comparison.before), describe(comparison.after), template: comparison.after.template)]
        if let selectionNote { out.append(selectionNote) }
        return out
    }

    /// `--min-people`: what the two sides withheld, and the rows left out of the comparison.
    var privacyLines: [String] {
        guard let p = union.privacy else { return [] }
        var lines = [footnoteWords.privacy(p)]
        if let rows = comparison.withheldRows {
            lines.append(words.thai ? "ไม่แสดงและไม่ทดสอบ \(rows) แถวที่ฝั่งใดฝั่งหนึ่งมาจากคนน้อยกว่า \(p.minPeople) คน"
                         : "\(rows) rows resting on fewer than \(p.minPeople) people on either side are left out and not tested.")
        }
        return lines
    }
}

extension MapDecoration.EdgeStyle {
    var strokeForLegend: Stroke { Stroke(color: color, width: width, dash: dash ?? []) }

}
