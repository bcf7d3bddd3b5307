import JourneyCore

/// Places a journey map's boxes in a grid of stage columns × swimlanes, ourselves rather than
/// by dot: dot orders the nodes of a rank to cut crossings and cannot keep a lane at one
/// height across ranks, so lanes are placed here and edges routed here.
///
/// - Lanes top to bottom in `LaneOrder` (fewest crossing flows); a lane is as high as its
///   tallest cell; boxes of a cell stacked in the middle of it, ordered by where their flows
///   go (towards lanes above first), then by events.
/// - Columns as wide as their widest box plus the cluster margin, `rankGap` apart, starting
///   at `left` (room for the lane labels).
/// - For a print page (`page`): tighter gaps, and the boxes of tall cells set side by side in
///   up to as many sub-columns as it takes to hold every lane to `rows` boxes, the `rows`
///   that lets the page show the map largest (see `pageRows`).
/// - Forward flows between columns: an S-curve from the tail's right side to the head's left
///   side; flows between boxes stacked one above the other with none between: straight
///   across the gap; other flows within a column and back flows: `EdgeRouter`'s shortest
///   route round the boxes, as are S-curves that would cross a box. Arrow heads spread by `EdgeEndSpreading`.
struct LanePlacement {
    let selection: MapSelection
    let boxes: [NodeBox]
    let stages: [JourneyGraph.Stage]
    let lanes: Swimlanes
    let style: MapStyle
    /// Room left of the first column, for the lane labels.
    let left: Double
    /// Least height of a lane (its label's).
    let minLaneHeight: Double
    var decoratedStrokeWidths: [Int: Double] = [:]
    /// The print page (points) the map is fitted to, and what is drawn above and below the
    /// graph (title, header, legend, footnote) and beside it, at scale 1.
    var page: Size?
    var pageOverhead = 0.0
    var pageMargin = 0.0

    /// A lane's band in the graph's coordinates.
    struct Band {
        let lane: String
        let minY: Double
        let maxY: Double
    }

    func run() -> (placed: PlacedGraph, bands: [Band]) {
        let stageIndex = Dictionary(uniqueKeysWithValues: stages.enumerated().map { ($1.id, $0) })
        let laneValues = Array(Set(boxes.map { lanes.lane(of: $0.name) ?? "" })).sorted()
        let laneIndex = Dictionary(uniqueKeysWithValues: laneValues.enumerated().map { ($1, $0) })
        func lane(_ name: String) -> Int { laneIndex[lanes.lane(of: name) ?? ""] ?? 0 }
        func column(_ name: String) -> Int { stageIndex[boxes.first { $0.name == name }?.stage ?? ""] ?? 0 }
        let boxByName = Dictionary(boxes.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })

        let flows = selection.edges.compactMap { e -> (LaneOrder.Flow, Int)? in
            guard boxByName[e.from] != nil, boxByName[e.to] != nil else { return nil }
            return (LaneOrder.Flow(fromColumn: column(e.from), fromLane: lane(e.from), toColumn: column(e.to), toLane: lane(e.to)), e.count)
        }
        let order = LaneOrder.order(lanes: laneValues, flows: flows)
        var position = Array(repeating: 0, count: laneValues.count)
        for (p, l) in order.enumerated() { position[l] = p }

        // Cells: boxes by (column, lane position), ordered towards the lanes their flows reach.
        var cells: [[Int: [NodeBox]]] = Array(repeating: [:], count: stages.count)
        for box in boxes { cells[stageIndex[box.stage] ?? 0][position[lane(box.name)], default: []].append(box) }
        for c in cells.indices {
            for (p, list) in cells[c] {
                cells[c][p] = list.sorted { a, b in
                    let ka = pull(a.name, lanePosition: { position[lane($0)] }), kb = pull(b.name, lanePosition: { position[lane($0)] })
                    if ka != kb { return ka < kb }
                    return a.volume != b.volume ? a.volume > b.volume : a.name < b.name
                }
            }
        }

        let spacing = page == nil ? Spacing(style) : Spacing(page: style)
        let gap = spacing.node, pad = spacing.padding, margin = spacing.margin
        let widest = stages.map { stage in boxes.filter { $0.stage == stage.id }.map(\.size.width).max() ?? 0 }
        // Sub-columns per stage column: enough that no cell stacks more than the page's rows.
        let subColumns = page.map { Self.subColumns(cells, rows: pageRows(cells: cells, widest: widest, spacing: spacing, page: $0)) }
            ?? Array(repeating: 1, count: cells.count)
        var bands: [Band] = []
        var y = 0.0
        for p in 0..<laneValues.count {
            var tallest = minLaneHeight
            for c in cells.indices {
                guard let list = cells[c][p], !list.isEmpty else { continue }
                tallest = max(tallest, Self.stacks(list, subColumns[c]).map { Self.height($0, gap: gap) }.max()! + 2 * pad)
            }
            bands.append(Band(lane: laneValues[order[p]], minY: y, maxY: y + tallest))
            y += tallest
        }
        let height = y
        var nodeFrames: [String: Rect] = [:], stageFrames: [String: Rect] = [:]
        var x = left
        for (c, stage) in stages.enumerated() {
            let k = Double(subColumns[c])
            let frame = Rect(x: x, y: 0, width: k * widest[c] + (k - 1) * spacing.subColumn + 2 * margin, height: height)
            stageFrames[stage.id] = frame
            for (p, list) in cells[c] {
                for (s, stack) in Self.stacks(list, subColumns[c]).enumerated() {
                    let centre = subColumns[c] == 1 ? frame.center.x : frame.minX + margin + Double(s) * (widest[c] + spacing.subColumn) + widest[c] / 2
                    var top = bands[p].minY + (bands[p].maxY - bands[p].minY - Self.height(stack, gap: gap)) / 2
                    for box in stack {
                        nodeFrames[box.name] = Rect(x: centre - box.size.width / 2, y: top, width: box.size.width, height: box.size.height)
                        top += box.size.height + gap
                    }
                }
            }
            x = frame.maxX + spacing.rank
        }
        let width = (stages.last.flatMap { stageFrames[$0.id]?.maxX } ?? left)

        // Edges.
        let router = EdgeRouter(boxes: boxes.compactMap { nodeFrames[$0.name] })
        var edgePoints: [Int: [Point]] = [:]
        let arrowWidths = EdgeEndSpreading.ends(of: selection.edges, nodeFrames: nodeFrames, strokeWidths: decoratedStrokeWidths).arrowWidth
        var back = Set<Int>()
        for (i, e) in selection.edges.enumerated() {
            guard let tail = nodeFrames[e.from], let head = nodeFrames[e.to] else { continue }
            let a = column(e.from), b = column(e.to)
            if b < a { back.insert(i) }
            if a == b, let straight = Self.betweenNeighbours(tail, head, frames: Array(nodeFrames.values),
                                                              arrow: (arrowWidths[i] ?? 0) + 1) { edgePoints[i] = straight; continue }
            if b > a {
                let start = Point(tail.maxX, tail.center.y), end = Point(head.minX, head.center.y)
                let dx = (end.x - start.x) / 2
                let curve = [start, Point(start.x + dx, start.y), Point(end.x - dx, end.y), end]
                if !router.crossesABox(curve, tail: tail, head: head) { edgePoints[i] = curve; continue }
            }
            if let route = route(router, tail, head, back: b < a) { edgePoints[i] = route }
        }
        let (heads, arrowWidth) = EdgeEndSpreading.ends(of: selection.edges, nodeFrames: nodeFrames,
                                                        strokeWidths: decoratedStrokeWidths)
        var spread = EdgeEndSpreading(edgePoints: edgePoints, heads: heads, arrowWidth: arrowWidth)
        for _ in 0..<3 {
            var again = spread.edgePoints
            for (i, e) in selection.edges.enumerated() {
                guard let pts = again[i], let tail = nodeFrames[e.from], let head = nodeFrames[e.to],
                      router.crossesABox(pts, tail: tail, head: head),
                      let route = route(router, tail, head, back: back.contains(i)) else { continue }
                again[i] = route
            }
            if again == spread.edgePoints { break }
            spread = EdgeEndSpreading(edgePoints: again, heads: heads, arrowWidth: arrowWidth)
        }
        // Routes round the top or bottom lane may leave the bands: grow the graph to hold them.
        var top = 0.0, bottom = height
        for pts in spread.edgePoints.values { for p in pts { top = min(top, p.y - 2); bottom = max(bottom, p.y + 2) } }
        var placed = PlacedGraph(size: Size(width: width, height: bottom - top), nodeFrames: nodeFrames, stageFrames: stageFrames,
                                 edgePoints: spread.edgePoints, backEdges: back, headRoom: spread.headRoom)
        if top < 0 {
            placed.nodeFrames = nodeFrames.mapValues { Rect(x: $0.x, y: $0.y - top, width: $0.width, height: $0.height) }
            placed.stageFrames = stageFrames.mapValues { Rect(x: $0.x, y: $0.y - top, width: $0.width, height: $0.height - top) }
            placed.edgePoints = spread.edgePoints.mapValues { $0.map { Point($0.x, $0.y - top) } }
            bands = bands.map { Band(lane: $0.lane, minY: $0.minY - top, maxY: $0.maxY - top) }
        }
        return (placed, bands)
    }

    /// Gaps between boxes, around a lane's boxes, in a column beside its boxes, and between columns.
    struct Spacing {
        var node: Double, padding: Double, margin: Double, rank: Double, subColumn: Double
        init(_ style: MapStyle) {
            (node, padding, margin, rank) = (style.laneNodeGap, style.lanePadding, style.laneColumnMargin, style.laneRankGap)
            subColumn = style.lanePageSubColumnGap
        }
        init(page style: MapStyle) {
            (node, padding, margin, rank) = (style.lanePageNodeGap, style.lanePagePadding, style.lanePageColumnMargin, style.lanePageRankGap)
            subColumn = style.lanePageSubColumnGap
        }
    }

    /// A cell's boxes in `k` sub-columns, top to bottom then left to right, in order.
    static func stacks(_ list: [NodeBox], _ k: Int) -> [[NodeBox]] {
        let k = max(1, min(k, list.count)), perStack = (list.count + k - 1) / k
        return stride(from: 0, to: list.count, by: perStack).map { Array(list[$0..<min(list.count, $0 + perStack)]) }
    }

    /// Sub-columns per stage column: enough that no cell stacks more than `rows` boxes.
    static func subColumns(_ cells: [[Int: [NodeBox]]], rows: Int) -> [Int] {
        cells.map { column in max(1, column.values.map { ($0.count + rows - 1) / rows }.max() ?? 1) }
    }

    static func height(_ stack: [NodeBox], gap: Double) -> Double {
        stack.reduce(0) { $0 + $1.size.height } + gap * Double(max(0, stack.count - 1))
    }

    /// The most boxes a cell stacks on a print page: each choice (every count up to the
    /// tallest cell's) sets the sub-columns of each stage column; the one whose grid the page
    /// shows largest (`page` less 28 pt each side, `pageMargin` beside and `pageOverhead`
    /// above and below the graph) wins, ties to more rows (narrower columns).
    func pageRows(cells: [[Int: [NodeBox]]], widest: [Double], spacing: Spacing, page: Size) -> Int {
        let most = cells.flatMap { $0.values.map(\.count) }.max() ?? 1
        let lanes = (cells.flatMap { $0.keys }.max() ?? 0) + 1
        var best = (rows: most, scale: 0.0)
        for rows in stride(from: most, through: 1, by: -1) {
            let k = Self.subColumns(cells, rows: rows)
            var width = left + spacing.rank * Double(max(0, cells.count - 1))
            for c in cells.indices { width += Double(k[c]) * widest[c] + Double(k[c] - 1) * spacing.subColumn + 2 * spacing.margin }
            var height = 0.0
            for p in 0..<lanes {
                var tallest = minLaneHeight
                for c in cells.indices {
                    guard let list = cells[c][p], !list.isEmpty else { continue }
                    tallest = max(tallest, Self.stacks(list, k[c]).map { Self.height($0, gap: spacing.node) }.max()! + 2 * spacing.padding)
                }
                height += tallest
            }
            let scale = min((page.width - 56) / (width + 2 * pageMargin), (page.height - 56) / (height + pageOverhead))
            if scale > best.scale * 1.02 { best = (rows, scale) }
        }
        return best.rows
    }

    /// A flow between two boxes stacked one right above the other (one x, no box between):
    /// straight across the gap, out of the tail's bottom into the head's top going down (left
    /// of centre), or top into bottom going up (right of centre), instead of round the side of
    /// the column with the flows that pass other boxes; only where the gap holds the arrow
    /// head (`arrow`, its length) with room to spare (tight print-page gaps do not).
    static func betweenNeighbours(_ tail: Rect, _ head: Rect, frames: [Rect], arrow: Double) -> [Point]? {
        guard tail != head, abs(tail.center.x - head.center.x) < 1 else { return nil }
        let down = head.minY >= tail.maxY
        let (upper, lower) = down ? (tail, head) : (head, tail)
        guard lower.minY - upper.maxY >= arrow + 3,
              !frames.contains(where: { $0 != tail && $0 != head && $0.maxX > upper.minX && $0.minX < upper.maxX
                                         && $0.maxY > upper.maxY && $0.minY < lower.minY }) else { return nil }
        let x = tail.center.x + (down ? -1 : 1) * min(12, min(tail.width, head.width) / 4)
        let from = Point(x, down ? tail.maxY : tail.minY), to = Point(x, down ? head.minY : head.maxY)
        return [from, Point(x, from.y + (to.y - from.y) / 3), Point(x, from.y + 2 * (to.y - from.y) / 3), to]
    }

    /// `EdgeRouter`'s route; within one column, flows going down keep to the left of the
    /// column and flows going up to the right, so the two directions do not share one bundle.
    private func route(_ router: EdgeRouter, _ tail: Rect, _ head: Rect, back: Bool) -> [Point]? {
        guard abs(tail.center.x - head.center.x) < 1 else { return router.route(from: tail, to: head, back: back) }
        let up = head.minY < tail.minY
        return router.route(from: tail, to: head, leaveLeft: !up, enterRight: up)
    }

    /// Where a box's flows pull it within its cell: the mean lane position of the boxes it
    /// shares flows with, weighted by moves, minus its own (negative: towards lanes above).
    private func pull(_ name: String, lanePosition: (String) -> Int) -> Double {
        var sum = 0.0, weight = 0.0
        for e in selection.edges where e.from == name || e.to == name {
            let other = e.from == name ? e.to : e.from
            sum += Double(e.count * lanePosition(other)); weight += Double(e.count)
        }
        return weight == 0 ? 0 : sum / weight - Double(lanePosition(name))
    }
}
