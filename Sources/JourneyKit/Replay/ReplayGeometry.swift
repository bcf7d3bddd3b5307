import JourneyScene

/// Where tokens go on a laid-out map: each drawn touchpoint's box and each drawn flow's
/// spline, read from the scene's tags (the same boxes and splines `journeymap map` draws).
public struct ReplayGeometry: Sendable {
    public struct Box: Sendable, Equatable {
        public var frame: Rect
        public var cornerRadius: Double
    }
    /// Drawn touchpoints by name.
    public var boxes: [String: Box]
    /// Drawn flows by `SceneTag.edgeID(from, to)`: the spline flattened into points, from the
    /// source box's side to the target's.
    public var flows: [String: [Point]]

    public init(boxes: [String: Box], flows: [String: [Point]]) {
        self.boxes = boxes
        self.flows = flows
    }

    /// Reads the boxes (the first rectangle of each touchpoint box) and the edge paths of `scene`.
    public init(scene: Scene) {
        var boxes: [String: Box] = [:], flows: [String: [Point]] = [:]
        for item in scene.items {
            guard let tag = item.tag else { continue }
            switch (item, tag.role) {
            case (.rect(let r), .touchpointBox) where boxes[tag.id] == nil:
                boxes[tag.id] = Box(frame: r.frame, cornerRadius: r.cornerRadius)
            case (.path(let p), .edgePath) where flows[tag.id] == nil && p.stroke != nil:
                let points = Self.flatten(p.segments)
                if points.count >= 2 { flows[tag.id] = points }
            default: break
            }
        }
        self.init(boxes: boxes, flows: flows)
    }

    /// The way from box `from` to box `to`: centre, the drawn flow's spline when there is one
    /// (else straight), centre. One point when they are the same box; nil when either is not drawn.
    public func route(from: String, to: String) -> [Point]? {
        guard let a = boxes[from]?.frame.center, let b = boxes[to]?.frame.center else { return nil }
        if from == to { return [a] }
        guard let spline = flows[SceneTag.edgeID(from, to)] else { return [a, b] }
        return [a] + spline + [b]
    }

    /// Lines and cubic curves as points (each curve in 8 straight pieces).
    static func flatten(_ segments: [PathSegment], piecesPerCurve: Int = 8) -> [Point] {
        var points: [Point] = []
        var current = Point(0, 0)
        for s in segments {
            switch s {
            case .move(let p), .line(let p):
                points.append(p); current = p
            case let .curve(c1, c2, to):
                for k in 1...piecesPerCurve {
                    let t = Double(k) / Double(piecesPerCurve), u = 1 - t
                    let x = u * u * u * current.x + 3 * u * u * t * c1.x + 3 * u * t * t * c2.x + t * t * t * to.x
                    let y = u * u * u * current.y + 3 * u * u * t * c1.y + 3 * u * t * t * c2.y + t * t * t * to.y
                    points.append(Point(x, y))
                }
                current = to
            case .close: break
            }
        }
        return points
    }
}
