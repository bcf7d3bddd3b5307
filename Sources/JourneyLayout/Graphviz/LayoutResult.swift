/// The positions dot computed, in scene coordinates: points, origin top-left, y down.
///
/// The y flip (`y' = bb.UR.y − y`) and the shift of the bounding box to (0, 0) are done for you.
/// `Equatable` is exact (no tolerance): the same `LayoutGraph` gives an equal result.
public struct LayoutResult: Sendable, Equatable {
    /// The whole drawing; always at origin (0, 0).
    public var boundingBox: Rect
    /// Keyed by `LayoutNode.id`.
    public var nodes: [String: NodeLayout]
    /// Keyed by `LayoutCluster.id`.
    public var clusters: [String: ClusterLayout]
    /// Same order and count as `LayoutGraph.edges`.
    public var edges: [EdgeLayout]
    /// Graphviz warnings and notes from the wrapper (e.g. an attribute name it does not know).
    public var warnings: [String]

    public init(boundingBox: Rect, nodes: [String: NodeLayout], clusters: [String: ClusterLayout],
                edges: [EdgeLayout], warnings: [String] = []) {
        self.boundingBox = boundingBox
        self.nodes = nodes
        self.clusters = clusters
        self.edges = edges
        self.warnings = warnings
    }
}

/// A laid-out node.
public struct NodeLayout: Sendable, Equatable {
    /// Centre from dot's `ND_coord`, size from `ND_width`/`ND_height` × 72 (whole points: dot
    /// rounds node sizes, and the wrapper rounds requested sizes up first).
    public var frame: Rect
    public init(frame: Rect) { self.frame = frame }
}

/// A laid-out cluster.
public struct ClusterLayout: Sendable, Equatable {
    /// From dot's `GD_bb`; includes the reserved title band at the top.
    public var frame: Rect
    public init(frame: Rect) { self.frame = frame }
}

/// One Bézier piece of an edge.
public struct EdgeCurve: Sendable, Equatable {
    /// 1 + 3k control points: a start point, then (control, control, end) per cubic segment.
    public var points: [Point]
    /// Tip of the arrow at the start, when the edge has one there (`sflag`); the curve then
    /// starts short of it by the arrow's length.
    public var startPoint: Point?
    /// Tip of the arrow at the end, when the edge has one there (`eflag`), e.g. on the head
    /// node's border for the default `arrowhead=normal`.
    public var endPoint: Point?

    public init(points: [Point], startPoint: Point? = nil, endPoint: Point? = nil) {
        self.points = points
        self.startPoint = startPoint
        self.endPoint = endPoint
    }
}

/// A laid-out edge.
public struct EdgeLayout: Sendable, Equatable {
    /// Usually one piece; several only with `concentrate=true`; none when dot routed no spline
    /// (`splines=none` or a routing failure, reported in `LayoutResult.warnings`).
    public var curves: [EdgeCurve]

    public init(curves: [EdgeCurve]) { self.curves = curves }

    /// Control points of the first piece (empty when unrouted).
    public var points: [Point] { curves.first?.points ?? [] }
    /// Arrow tip at the start of the first piece, if any.
    public var startPoint: Point? { curves.first?.startPoint }
    /// Arrow tip at the end of the last piece, if any.
    public var endPoint: Point? { curves.last?.endPoint }
}
