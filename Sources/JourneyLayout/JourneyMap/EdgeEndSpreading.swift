import JourneyCore
import JourneyScene

/// Moves the ends of edges that arrive at one side of a box so their arrow heads sit side
/// by side instead of piling on one point (dot, with `dir=none`, often ends several splines at
/// the middle of a side).
///
/// For each box and side, the arriving ends are sorted by where their last curve comes from
/// (so they do not cross at the box) and, only when two heads would touch, laid out along the
/// side: each gets a slot as wide as its head plus a gap, spare room shared out; when the side
/// is too short, slots shrink in proportion and `headRoom` tells the drawer how wide a head
/// may be. Heads are kept off the corners, and every edge arrives square to its side (its last
/// control point straight out from the end), so heads stay in the strip in front of the side.
struct EdgeEndSpreading {
    enum Side: CaseIterable { case left, right, top, bottom }

    /// Spline points per edge index, with ends moved.
    var edgePoints: [Int: [Point]]
    /// Widest arrow head, in points, that fits the slot of an edge whose end was moved.
    var headRoom: [Int: Double] = [:]

    /// `heads[i]`: the box edge `i` arrives at; `arrowWidth[i]`: its head's width.
    init(edgePoints: [Int: [Point]], heads: [Int: Rect], arrowWidth: [Int: Double]) {
        self.edgePoints = edgePoints
        var groups: [String: [Int]] = [:]
        var sideOf: [Int: (Rect, Side)] = [:]
        for i in edgePoints.keys.sorted() {
            guard let pts = edgePoints[i], pts.count >= 4, let box = heads[i], let end = pts.last else { continue }
            let side = Self.side(of: end, on: box)
            sideOf[i] = (box, side)
            groups["\(box.x),\(box.y),\(side)", default: []].append(i)
        }
        for key in groups.keys.sorted() {
            guard let members = groups[key], let (box, side) = sideOf[members[0]] else { continue }
            spread(members, box: box, side: side, arrowWidth: arrowWidth)
            for i in members { arriveSquarely(i, side: side) }
        }
        separateFacingHeads(sideOf: sideOf, arrowWidth: arrowWidth)
    }

    /// What `init(edgePoints:heads:arrowWidth:)` needs for the map's drawn `edges`: the box each
    /// arrives at, and its head's width from its line width (the count's, or a decoration's
    /// wider stroke in `strokeWidths`) — the same for the dot layout and the swimlanes.
    static func ends(of edges: [JourneyGraph.Edge], nodeFrames: [String: Rect],
                     strokeWidths: [Int: Double]) -> (heads: [Int: Rect], arrowWidth: [Int: Double]) {
        let maxCount = edges.map(\.count).max() ?? 1
        var heads: [Int: Rect] = [:], arrowWidth: [Int: Double] = [:]
        for (i, e) in edges.enumerated() {
            heads[i] = nodeFrames[e.to]
            arrowWidth[i] = EdgeDrawer.arrowWidth(max(EdgeDrawer.width(e.count, max: maxCount), strokeWidths[i] ?? 0))
        }
        return (heads, arrowWidth)
    }

    /// Heads pointing down into a box's top and up into the bottom of the box above meet in
    /// the narrow gap between them when their x ranges overlap: the one on the top side moves
    /// sideways, within its side, until they clear (arrow length is width + 1, see `EdgeDrawer`).
    private mutating func separateFacingHeads(sideOf: [Int: (Rect, Side)], arrowWidth: [Int: Double]) {
        let downs = sideOf.keys.filter { sideOf[$0]!.1 == .top }.sorted()
        let ups = sideOf.keys.filter { sideOf[$0]!.1 == .bottom }.sorted()
        for d in downs {
            let (lower, _) = sideOf[d]!
            let wd = arrowWidth[d] ?? 6
            for u in ups {
                let (upper, _) = sideOf[u]!
                let wu = arrowWidth[u] ?? 6
                guard let pd = edgePoints[d]?.last, let pu = edgePoints[u]?.last,
                      lower.minY - upper.maxY < wd + wu + 2.5, lower.minY >= upper.maxY - 0.5 else { continue }
                let need = (wd + wu) / 2 + 2
                guard abs(pd.x - pu.x) < need else { continue }
                let right = pu.x + need, left = pu.x - need
                let lo = lower.minX + 2 + wd / 2, hi = lower.maxX - 2 - wd / 2
                let target = right <= hi && (abs(right - pd.x) <= abs(left - pd.x) || left < lo) ? right : left
                guard target >= lo, target <= hi else { continue }
                move(d, by: target - pd.x, horizontal: true)
                arriveSquarely(d, side: .top)
            }
        }
    }

    /// The last control point put straight out from the side, so the head points square into
    /// the box and stays in the strip in front of that side (a head arriving aslant near a
    /// corner can reach the neighbouring box's heads).
    private mutating func arriveSquarely(_ i: Int, side: Side) {
        guard var pts = edgePoints[i], pts.count >= 4 else { return }
        let end = pts[pts.count - 1], c2 = pts[pts.count - 2]
        let reach = max(8, ((c2.x - end.x) * (c2.x - end.x) + (c2.y - end.y) * (c2.y - end.y)).squareRoot())
        switch side {
        case .left: pts[pts.count - 2] = Point(end.x - reach, end.y)
        case .right: pts[pts.count - 2] = Point(end.x + reach, end.y)
        case .top: pts[pts.count - 2] = Point(end.x, end.y - reach)
        case .bottom: pts[pts.count - 2] = Point(end.x, end.y + reach)
        }
        edgePoints[i] = pts
    }

    private mutating func spread(_ members: [Int], box: Rect, side: Side, arrowWidth: [Int: Double]) {
        let horizontal = side == .top || side == .bottom
        func along(_ p: Point) -> Double { horizontal ? p.x : p.y }
        // Sorted by where the last curve starts, then by the end itself.
        let sorted = members.sorted { a, b in
            let pa = edgePoints[a]!, pb = edgePoints[b]!
            let ka = along(pa[pa.count - 4]), kb = along(pb[pb.count - 4])
            if ka != kb { return ka < kb }
            return along(pa.last!) != along(pb.last!) ? along(pa.last!) < along(pb.last!) : a < b
        }
        let widths = sorted.map { arrowWidth[$0] ?? 6 }
        let gap = 2.0
        let ends = sorted.map { along(edgePoints[$0]!.last!) }
        let lo = (horizontal ? box.minX : box.minY) + 2, hi = (horizontal ? box.maxX : box.maxY) - 2
        // Kept off the corners first; spread out only when heads would still touch.
        let clamped = sorted.indices.map { k in min(max(ends[k], lo + widths[k] / 2), max(lo + widths[k] / 2, hi - widths[k] / 2)) }
        let clash = clamped != clamped.sorted() || zip(sorted.indices.dropLast(), sorted.indices.dropFirst()).contains { a, b in
            abs(clamped[b] - clamped[a]) < (widths[a] + widths[b]) / 2 + gap
        }
        guard clash else {
            for (k, i) in sorted.enumerated() where clamped[k] != ends[k] {
                move(i, by: clamped[k] - ends[k], horizontal: horizontal)
            }
            return
        }
        let span = max(1, hi - lo)
        let need = widths.reduce(0, +) + gap * Double(widths.count)
        var slots = widths.map { $0 + gap }
        if need > span {
            slots = widths.map { span * ($0 + gap) / need }
        } else {
            let spare = (span - need) / Double(widths.count)
            slots = slots.map { $0 + spare }
        }
        var cursor = lo
        for (k, i) in sorted.enumerated() {
            let centre = cursor + slots[k] / 2
            cursor += slots[k]
            move(i, by: centre - ends[k], horizontal: horizontal)
            if need > span { headRoom[i] = max(2, slots[k] - gap) }
        }
    }

    /// Moves edge `i`'s end and last control point along the side by `amount`.
    private mutating func move(_ i: Int, by amount: Double, horizontal: Bool) {
        guard var pts = edgePoints[i], pts.count >= 4 else { return }
        let delta = horizontal ? Point(amount, 0) : Point(0, amount)
        for k in [pts.count - 2, pts.count - 1] { pts[k] = Point(pts[k].x + delta.x, pts[k].y + delta.y) }
        edgePoints[i] = pts
    }

    static func side(of p: Point, on box: Rect) -> Side {
        let d: [(Side, Double)] = [(.left, abs(p.x - box.minX)), (.right, abs(p.x - box.maxX)),
                                   (.top, abs(p.y - box.minY)), (.bottom, abs(p.y - box.maxY))]
        return d.min { $0.1 < $1.1 }!.0
    }
}
