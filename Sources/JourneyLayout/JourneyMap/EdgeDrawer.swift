import JourneyCore

/// Draws the transitions as Graphviz's splines, width by flow, and places their labels where
/// they cover no box and no other label (trying points along the curve), leaving a label
/// out — and counting it — when no place is free.
struct EdgeDrawer {
    let selection: MapSelection
    let placed: PlacedGraph
    let offset: Point
    let graph: JourneyGraph
    let options: MapOptions
    let style: MapStyle
    let measurer: any TextMeasurer
    /// Replaces colours, widths and labels per transition; nil draws the map's own.
    let decoration: MapDecoration?
    private(set) var omitted = 0

    init(selection: MapSelection, placed: PlacedGraph, offset: Point, graph: JourneyGraph, options: MapOptions,
         style: MapStyle, measurer: any TextMeasurer, decoration: MapDecoration? = nil) {
        self.decoration = decoration
        self.selection = selection
        self.placed = placed
        self.offset = offset
        self.graph = graph
        self.options = options
        self.style = style
        self.measurer = measurer
    }

    /// Line width in points for `count` moves when the strongest edge has `max`: proportional,
    /// 0.75…12, but never wider than 0.75 + 1.5 × (count − 1), so a flow of 1 is thin however
    /// small the strongest flow is.
    static func width(_ count: Int, max: Int) -> Double {
        min(MapStyle.strokeMinimum + MapStyle.strokeRange * Double(count) / Double(Swift.max(1, max)),
            MapStyle.strokeMinimum + MapStyle.strokePerMove * Double(Swift.max(0, count - 1)))
    }

    /// Width of the arrow head on a stroke `w` points wide.
    static func arrowWidth(_ w: Double) -> Double { MapStyle.arrowBaseWidth + w * MapStyle.arrowPerStroke }

    /// The arrow head for edge `i` on a stroke `w` wide, narrowed to its slot when its box side is crowded.
    private func arrow(_ i: Int, stroke w: Double, color: Color) -> Arrow {
        Arrow(length: MapStyle.arrowBaseLength + w * MapStyle.arrowPerStroke, width: min(Self.arrowWidth(w), placed.headRoom[i] ?? .infinity), color: color)
    }

    /// Contrast of every edge stroke and arrow against the background (WCAG 2 asks 3:1 for
    /// graphics); a little above 3 so the faint column tints do not take it below.
    static let minimumContrast = 3.2

    private var maxCount: Int { selection.edges.map(\.count).max() ?? 1 }

    /// The decorated style of selection edge `i`, when there is a decoration.
    private func decorated(_ i: Int) -> MapDecoration.EdgeStyle? {
        decoration?.edgeStyle(from: selection.edges[i].from, to: selection.edges[i].to)
    }

    /// Edge paths, thinnest first so strong flows stay on top (decorated: lowest priority first).
    func paths() -> [SceneItem] {
        let order = selection.edges.indices.sorted {
            let pa = decorated($0)?.priority ?? 0, pb = decorated($1)?.priority ?? 0
            if pa != pb { return pa < pb }
            return selection.edges[$0].count != selection.edges[$1].count ? selection.edges[$0].count < selection.edges[$1].count : $0 < $1
        }
        return order.compactMap { i -> SceneItem? in
            guard let spline = placed.edgePoints[i], spline.count >= 4 else { return nil }
            let e = selection.edges[i]
            if let d = decorated(i) {
                guard !d.hidden else { return nil }
                let color = d.color.visibleStroke(on: style.theme.background, minimum: Self.minimumContrast, toward: style.theme.text)
                return Self.path(spline, offset: offset, stroke: Stroke(color: color, width: d.width,
                                                                        dash: d.dash ?? (placed.backEdges.contains(i) ? style.backDash : [])),
                                 arrow: arrow(i, stroke: d.width, color: color),
                                 tag: tag(e))
            }
            let w = Self.width(e.count, max: maxCount)
            let back = placed.backEdges.contains(i)
            let color = style.theme.edge.withAlpha(style.edgeAlphaFloor + style.edgeAlphaRange * Double(e.count) / Double(maxCount))
                .visibleStroke(on: style.theme.background, minimum: Self.minimumContrast, toward: style.theme.text)
            return Self.path(spline, offset: offset, stroke: Stroke(color: color, width: w, dash: back ? style.backDash : []),
                             arrow: arrow(i, stroke: w, color: style.theme.edge.withAlpha(style.arrowAlpha)
                                            .visibleStroke(on: style.theme.background, minimum: Self.minimumContrast, toward: style.theme.text)),
                             tag: tag(e))
        }
    }

    /// An edge path's tag: its count (the text exports' weight) and a line with its numbers.
    func tag(_ e: JourneyGraph.Edge) -> SceneTag {
        let tp = graph.touchpoints.first { $0.name == e.from }
        let out = graph.edges.filter { $0.from == e.from }.reduce(0) { $0 + $1.count } + (tp?.ends ?? 0)
        var parts = ["\(e.from) → \(e.to)", formatCount(e.count), formatPercent(Double(e.count) / Double(max(1, out)))]
        if let median = e.duration.quantileSeconds(0.5) { parts.append("⏱ " + formatDuration(median)) }
        return .edge(.edgePath, from: e.from, to: e.to, info: parts.joined(separator: " · "), value: Double(e.count))
    }

    /// A spline (1 + 3k points) moved by `offset`, as a stroked path with an arrow at its end.
    static func path(_ spline: [Point], offset: Point, stroke: Stroke, arrow: Arrow, tag: SceneTag? = nil) -> SceneItem {
        let pts = spline.map { Point($0.x + offset.x, $0.y + offset.y) }
        var segs: [PathSegment] = [.move(pts[0])]
        var k = 1
        while k + 2 < pts.count {
            segs.append(.curve(c1: pts[k], c2: pts[k + 1], to: pts[k + 2]))
            k += 3
        }
        return .path(PathItem(segments: segs, stroke: stroke, arrowAtEnd: arrow, tag: tag))
    }

    func labelText(_ e: JourneyGraph.Edge) -> String {
        switch options.metric {
        case .count: return formatCount(e.count)
        case .share:
            let tp = graph.touchpoints.first { $0.name == e.from }
            let out = graph.edges.filter { $0.from == e.from }.reduce(0) { $0 + $1.count } + (tp?.ends ?? 0)
            return formatPercent(Double(e.count) / Double(max(1, out)))
        case .time:
            return e.duration.quantileSeconds(0.5).map(formatDuration) ?? "–"
        }
    }

    /// Label items: strongest edges choose first. A label goes centred on its flow where that
    /// covers no box (grown by `labelBoxClearance`), arrow head or earlier label, then where it
    /// merely touches none; failing that, beside the flow or beside its arrow head
    /// (`besideFrames`), again first with the clearance — which gives short flows between boxes
    /// stacked one above the other (across a gap about one label high) their number. Labels still left out are
    /// counted in `omitted`, which the footnote states.
    mutating func labels(avoiding nodes: [Rect], within bounds: Rect) -> [SceneItem] {
        let clear = nodes.map { $0.insetBy(dx: -style.labelBoxClearance, dy: -style.labelBoxClearance) }
        var placedLabels: [Rect] = []
        var out: [SceneItem] = []
        let order = selection.edges.indices.sorted {
            let pa = decorated($0)?.priority ?? 0, pb = decorated($1)?.priority ?? 0
            if pa != pb { return pa > pb }
            return selection.edges[$0].count != selection.edges[$1].count ? selection.edges[$0].count > selection.edges[$1].count : $0 < $1
        }
        let font = style.smallFont
        // Where every drawn flow runs (for labels put outside their boxes: nearest their own
        // flow), sampled only when a label needs it: most maps place every label on its flow.
        var sampled: [Int: [Point]]?
        func nearestFlow(_ p: Point) -> Int? {
            if sampled == nil {
                sampled = placed.edgePoints.filter { $0.value.count >= 4 }.mapValues { spline in
                    LayoutDocument.samples(of: EdgeRouter.segments(spline.map { Point($0.x + offset.x, $0.y + offset.y) }))
                }
            }
            var best: (Int, Double)?
            for (i, pts) in sampled! {
                for q in pts {
                    let d = (p.x - q.x) * (p.x - q.x) + (p.y - q.y) * (p.y - q.y)
                    if best == nil || d < best!.1 || (d == best!.1 && i < best!.0) { best = (i, d) }
                }
            }
            return best?.0
        }
        // Outside frames stay off the page's side margins.
        let inner = bounds.insetBy(dx: style.labelOutsideMargin, dy: 0)
        for i in order {
            guard let spline = placed.edgePoints[i], spline.count >= 4 else { continue }
            let d = decorated(i)
            if let d, d.hidden || d.label == nil { continue }
            let text = d?.label ?? labelText(selection.edges[i])
            let size = measurer.measure(text, font: font, maxWidth: nil)
            let pad = style.labelPadding
            let box = Size(width: size.width + 2 * pad, height: size.height + 2 * pad)
            let shifted = spline.map { Point($0.x + offset.x, $0.y + offset.y) }
            func shiftedFrame(_ r: Rect) -> Rect { Rect(x: r.x + offset.x, y: r.y + offset.y, width: r.width, height: r.height) }
            let centred = style.labelPositions.map { t -> Rect in
                let p = Self.point(on: shifted, at: t)
                return Rect(x: p.x - box.width / 2, y: p.y - box.height / 2, width: box.width, height: box.height)
            }
            let stroke = d?.width ?? Self.width(selection.edges[i].count, max: maxCount)
            let beside = Self.besideFrames(on: shifted, size: box, stroke: stroke, arrowWidth: Self.arrowWidth(stroke),
                                           positions: style.labelPositions)
            func free(_ frame: Rect, _ obstacles: [Rect]) -> Bool {
                bounds.contains(frame) && !obstacles.contains(where: { $0.intersects(frame) }) && !placedLabels.contains(where: { $0.intersects(frame) })
            }
            let outside = Self.outsideFrames(of: shifted, tail: placed.nodeFrames[selection.edges[i].from].map(shiftedFrame),
                                             head: placed.nodeFrames[selection.edges[i].to].map(shiftedFrame), size: box)
            let placedFrame = centred.first { free($0, clear) } ?? centred.first { free($0, nodes) }
                ?? beside.first { free($0, clear) } ?? beside.first { free($0, nodes) }
                ?? outside.first { inner.contains($0) && free($0, nodes) && nearestFlow($0.center) == i }
            guard let frame = placedFrame else { omitted += 1; continue }
            placedLabels.append(frame)
            // The halo lets 15 % of what is under it through; contrast is checked on the halo over
            // the darkest (light themes) or lightest (dark themes) thing that can be there: text ink.
            let halo = style.theme.background.withAlpha(style.labelHaloAlpha).composited(over: style.theme.text)
            let color = d?.labelColor.map { $0.readable(on: halo, toward: style.theme.text) } ?? style.theme.text
            out.append(.text(TextItem(text: text, frame: frame.insetBy(dx: pad, dy: pad), font: font, color: color,
                                      alignment: .center, background: style.theme.background.withAlpha(style.labelHaloAlpha),
                                      tag: .edge(.edgeLabel, from: selection.edges[i].from, to: selection.edges[i].to))))
        }
        return out
    }

    /// Frames of `size` beside the flow rather than on it: at each of `positions` along the
    /// spline, and at the arrow head's end (t = 1), right of, left of, above and below the point,
    /// one point clear of the stroke, then clear of the arrow head's width — so a label finds
    /// the free part of a gap whose middle the flow's own (or a neighbour's) arrow head fills.
    static func besideFrames(on spline: [Point], size: Size, stroke: Double, arrowWidth: Double, positions: [Double]) -> [Rect] {
        var out: [Rect] = []
        let near = stroke / 2 + 1, far = max(stroke, arrowWidth) / 2 + 1
        for gap in [near, far] {
            for t in positions + [0.95] {
                let p = point(on: spline, at: t)
                out.append(Rect(x: p.x + gap, y: p.y - size.height / 2, width: size.width, height: size.height))
                out.append(Rect(x: p.x - gap - size.width, y: p.y - size.height / 2, width: size.width, height: size.height))
                out.append(Rect(x: p.x - size.width / 2, y: p.y - gap - size.height, width: size.width, height: size.height))
                out.append(Rect(x: p.x - size.width / 2, y: p.y + gap, width: size.width, height: size.height))
            }
        }
        return out
    }

    /// Frames of `size` just outside the two boxes a flow joins, level with the flow's middle:
    /// a short flow between boxes stacked one above the other across a gap narrower than a
    /// label (bupaR's sepsis log: Leucocytes → CRP, 1,778 moves, the map's strongest) has no
    /// room on or beside it, and its number goes beside the boxes, on the flow's side first.
    static func outsideFrames(of spline: [Point], tail: Rect?, head: Rect?, size: Size) -> [Rect] {
        // Boxes one above the other only (the same column): beside a flow between columns a
        // number outside its boxes is nearer other flows than its own.
        guard let tail, let head, min(tail.maxX, head.maxX) > max(tail.minX, head.minX) else { return [] }
        let middle = point(on: spline, at: 0.5)
        let y = middle.y - size.height / 2
        let right = Rect(x: max(tail.maxX, head.maxX) + 2, y: y, width: size.width, height: size.height)
        let left = Rect(x: min(tail.minX, head.minX) - 2 - size.width, y: y, width: size.width, height: size.height)
        // The side nearer the flow first, so the number is read with it.
        return abs(right.minX - middle.x) <= abs(left.maxX - middle.x) ? [right, left] : [left, right]
    }

    /// The point at parameter t (0…1 over the whole spline, each Bézier piece an equal share).
    static func point(on pts: [Point], at t: Double) -> Point {
        let pieces = (pts.count - 1) / 3
        guard pieces > 0 else { return pts[0] }
        let x = min(Double(pieces) - 1e-9, max(0, t * Double(pieces)))
        let k = Int(x), u = x - Double(k)
        let p0 = pts[3 * k], p1 = pts[3 * k + 1], p2 = pts[3 * k + 2], p3 = pts[3 * k + 3]
        let a = (1 - u) * (1 - u) * (1 - u), b = 3 * (1 - u) * (1 - u) * u, c = 3 * (1 - u) * u * u, d = u * u * u
        return Point(a * p0.x + b * p1.x + c * p2.x + d * p3.x, a * p0.y + b * p1.y + c * p2.y + d * p3.y)
    }
}
