import JourneyCore

/// A wide map of one stage column (process logs: everything in one stage, dot spreading the
/// flow over many ranks) wrapped into rows of ranks for a print page: read left to right,
/// then the next row, like text. Cuts fall in the gaps between ranks; the number of rows is
/// the one that lets the page show the map largest. Edges within a row move with it; edges
/// between rows leave the tail's bottom (top, going up) and take the shortest route around
/// the boxes into the head's top (bottom) (`EdgeRouter`).
///
/// Maps with several stage columns are left alone (their width is bounded by the number of
/// stages, and wrapping them would need a header band per row).
enum PageWrap {
    /// `overhead`: height in points of what is drawn above and below the graph (title,
    /// header, legend, footnote), and `margin` on each side, at scale 1.
    static func wrapped(_ placed: PlacedGraph, page: Size, overhead: Double, margin: Double, rowGap: Double,
                        edges: [(from: String, to: String)]) -> PlacedGraph {
        guard placed.stageFrames.count == 1, let stage = placed.stageFrames.first?.value, !placed.nodeFrames.isEmpty else { return placed }
        // Rank intervals: x ranges covered by boxes, merged.
        var spans: [(lo: Double, hi: Double)] = []
        for f in placed.nodeFrames.values.sorted(by: { $0.minX < $1.minX }) {
            if let last = spans.last, f.minX <= last.hi { spans[spans.count - 1].hi = max(last.hi, f.maxX) } else { spans.append((f.minX, f.maxX)) }
        }
        guard spans.count >= 4 else { return placed }
        let pad = (left: spans[0].lo - stage.minX, right: stage.maxX - spans[spans.count - 1].hi)
        func scale(rows: Int, width: Double) -> Double {
            let height = Double(rows) * placed.size.height + Double(rows - 1) * rowGap
            return min((page.width - 56) / (width + 2 * margin), (page.height - 56) / (height + overhead))
        }
        var best = (rows: 1, cuts: [Int](), scale: scale(rows: 1, width: placed.size.width))
        for rows in 2...min(6, spans.count) {
            // Cut before span k when the running width passes each row's share.
            let total = spans[spans.count - 1].hi - spans[0].lo
            var cuts: [Int] = []
            for r in 1..<rows {
                let goal = spans[0].lo + total * Double(r) / Double(rows)
                let k = (1..<spans.count).min { abs(spans[$0].lo - goal) < abs(spans[$1].lo - goal) }!
                if !cuts.contains(k) { cuts.append(k) }
            }
            cuts.sort()
            let starts = [0] + cuts, ends = cuts + [spans.count]
            let width = zip(starts, ends).map { spans[$1 - 1].hi - spans[$0].lo }.max()! + pad.left + pad.right
            let s = scale(rows: cuts.count + 1, width: width)
            if s > best.scale * 1.05 { best = (cuts.count + 1, cuts, s) }
        }
        guard best.rows > 1 else { return placed }
        let starts = [0] + best.cuts
        func row(_ x: Double) -> Int { (starts.lastIndex { spans[$0].lo <= x + 0.01 }) ?? 0 }
        func delta(_ r: Int) -> Point {
            Point(-(spans[starts[r]].lo - spans[0].lo), Double(r) * (placed.size.height + rowGap))
        }
        var out = placed
        var rowOf: [String: Int] = [:]
        for (name, f) in placed.nodeFrames {
            let r = row(f.minX)
            rowOf[name] = r
            let d = delta(r)
            out.nodeFrames[name] = Rect(x: f.x + d.x, y: f.y + d.y, width: f.width, height: f.height)
        }
        let boxes = out.nodeFrames.values.sorted { ($0.y, $0.x) < ($1.y, $1.x) }
        let width = (boxes.map(\.maxX).max() ?? 0) + pad.right
        let height = Double(best.rows) * placed.size.height + Double(best.rows - 1) * rowGap
        out.size = Size(width: width, height: height)
        out.stageFrames[placed.stageFrames.keys.first!] = Rect(x: stage.minX, y: stage.minY, width: width - stage.minX,
                                                              height: height - stage.minY - (placed.size.height - stage.maxY))
        let router = EdgeRouter(boxes: boxes)
        for (i, e) in edges.enumerated() {
            guard let spline = placed.edgePoints[i], let a = rowOf[e.from], let b = rowOf[e.to],
                  let tail = out.nodeFrames[e.from], let head = out.nodeFrames[e.to] else { continue }
            if a == b {
                let d = delta(a)
                out.edgePoints[i] = spline.map { Point($0.x + d.x, $0.y + d.y) }
            } else if let route = router.route(from: tail, to: head, down: b > a) {
                out.edgePoints[i] = route
            }
        }
        return out
    }
}
