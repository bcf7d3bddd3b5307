import JourneyCore

/// Node positions, stage column boxes and edge splines from Graphviz, in the graph's own
/// coordinates (points, y down, origin at the top-left of the graph's bounding box).
struct PlacedGraph {
    var size: Size
    var nodeFrames: [String: Rect]
    /// Cluster box per stage id.
    var stageFrames: [String: Rect]
    /// Spline control points (1 + 3k) per selection edge index.
    var edgePoints: [Int: [Point]]
    /// Selection edge indices that go back to an earlier stage.
    var backEdges: Set<Int>
    /// Widest arrow head (points) at the end of an edge whose end had to share a short side.
    var headRoom: [Int: Double] = [:]

    /// True when two stage columns, taken in `order`, overlap or come in another order.
    func columnsOverlap(order: [String]) -> Bool {
        let frames = order.compactMap { stageFrames[$0] }
        return zip(frames, frames.dropFirst()).contains { a, b in a.maxX > b.minX }
    }

    /// The graph with the empty bands above and below its boxes and edges cut off (keeping
    /// `padding` around the boxes); unchanged when there are none.
    func trimmedVertically(padding: Double) -> PlacedGraph {
        guard !nodeFrames.isEmpty else { return self }
        var top = nodeFrames.values.map(\.minY).min()! - padding, bottom = nodeFrames.values.map(\.maxY).max()! + padding
        for pts in edgePoints.values {
            for p in pts { top = min(top, p.y - 2); bottom = max(bottom, p.y + 2) }
        }
        top = max(0, top)
        bottom = min(size.height, bottom)
        guard top > 0.5 || size.height - bottom > 0.5 else { return self }
        var out = self
        out.size.height = bottom - top
        out.nodeFrames = nodeFrames.mapValues { Rect(x: $0.x, y: $0.y - top, width: $0.width, height: $0.height) }
        out.stageFrames = stageFrames.mapValues { Rect(x: $0.x, y: $0.y - top, width: $0.width, height: $0.height) }
        out.edgePoints = edgePoints.mapValues { $0.map { Point($0.x, $0.y - top) } }
        return out
    }

    func nodeFrame(_ name: String, offset: Point) -> Rect? {
        nodeFrames[name].map { Rect(x: $0.x + offset.x, y: $0.y + offset.y, width: $0.width, height: $0.height) }
    }

    /// Stage columns on the canvas, left to right, at least as wide as the header asks.
    func columns(offset: Point, header: StageHeader) -> [StageColumn] {
        header.cells.compactMap { cell in
            guard let f = stageFrames[cell.stage.id] else { return nil }
            return StageColumn(stage: cell.stage.id, minX: f.minX + offset.x, maxX: f.maxX + offset.x)
        }
    }
}

