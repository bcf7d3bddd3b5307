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
/// - Forward flows between columns: an S-curve from the tail's right side to the head's left
///   side; flows within a column and back flows: `EdgeRouter`'s shortest route round the
///   boxes, as are S-curves that would cross a box. Arrow heads spread by `EdgeEndSpreading`.
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

        let gap = style.laneNodeGap, pad = style.lanePadding, margin = style.laneColumnMargin
        var bands: [Band] = []
        var y = 0.0
        for p in 0..<laneValues.count {
            var tallest = minLaneHeight
            for c in cells.indices {
                guard let list = cells[c][p], !list.isEmpty else { continue }
                tallest = max(tallest, list.reduce(0) { $0 + $1.size.height } + gap * Double(list.count - 1) + 2 * pad)
            }
            bands.append(Band(lane: laneValues[order[p]], minY: y, maxY: y + tallest))
            y += tallest
        }
        let height = y
        var nodeFrames: [String: Rect] = [:], stageFrames: [String: Rect] = [:]
        var x = left
        for (c, stage) in stages.enumerated() {
            let widest = boxes.filter { $0.stage == stage.id }.map(\.size.width).max() ?? 0
            let frame = Rect(x: x, y: 0, width: widest + 2 * margin, height: height)
            stageFrames[stage.id] = frame
            for (p, list) in cells[c] {
                let stack = list.reduce(0) { $0 + $1.size.height } + gap * Double(list.count - 1)
                var top = bands[p].minY + (bands[p].maxY - bands[p].minY - stack) / 2
                for box in list {
                    nodeFrames[box.name] = Rect(x: frame.center.x - box.size.width / 2, y: top, width: box.size.width, height: box.size.height)
                    top += box.size.height + gap
                }
            }
            x = frame.maxX + style.laneRankGap
        }
        let width = (stages.last.flatMap { stageFrames[$0.id]?.maxX } ?? left)

        // Edges.
        let router = EdgeRouter(boxes: boxes.compactMap { nodeFrames[$0.name] })
        var edgePoints: [Int: [Point]] = [:]
        var back = Set<Int>()
        for (i, e) in selection.edges.enumerated() {
            guard let tail = nodeFrames[e.from], let head = nodeFrames[e.to] else { continue }
            let a = column(e.from), b = column(e.to)
            if b < a { back.insert(i) }
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
