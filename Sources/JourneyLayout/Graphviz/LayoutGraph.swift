/// A graph to lay out, as plain values: what `GraphvizLayout.layout` takes.
///
/// Sizes are in points (1/72 inch). Identifiers are the caller's own strings; Graphviz never
/// sees them as syntax, so any text is allowed.
///
/// **Order matters.** Nodes and edges are created in array order and clusters in
/// `(order, id)` order, and dot's result depends on creation order. Give the arrays in a stable
/// order (for example sorted by stage then by id, never in `Dictionary` or `Set` order) and the
/// same graph lays out to the same `LayoutResult`, bit for bit, in any process.
public struct LayoutGraph: Sendable, Equatable {
    /// Graph attributes set on the root graph, e.g. `[.rankdir: "LR", .newrank: "true"]`.
    public var attributes: [GraphvizAttribute: String]
    public var nodes: [LayoutNode]
    public var clusters: [LayoutCluster]
    public var edges: [LayoutEdge]

    public init(attributes: [GraphvizAttribute: String] = [:], nodes: [LayoutNode] = [],
                clusters: [LayoutCluster] = [], edges: [LayoutEdge] = []) {
        self.attributes = attributes
        self.nodes = nodes
        self.clusters = clusters
        self.edges = edges
    }
}

/// A box of a fixed size in points; Graphviz never measures or draws its text.
///
/// It becomes a dot node with `shape=box fixedsize=true label=""` and width/height in inches.
/// dot rounds node sizes to whole points, so the wrapper rounds `width` and `height` up to whole
/// points first: the laid-out frame is never smaller than asked.
public struct LayoutNode: Sendable, Equatable {
    public var id: String
    /// Width in points (> 0).
    public var width: Double
    /// Height in points (> 0).
    public var height: Double
    /// The `LayoutCluster.id` this node belongs to, or nil for a node outside every cluster.
    public var cluster: String?
    /// Nodes sharing a rank group are put on one rank (one column with `rankdir=LR`) through a
    /// non-cluster `{rank=same}` subgraph. The subgraph sits inside the nodes' cluster when they
    /// all share one; otherwise at the root, where it only works with `newrank=true`.
    public var rankGroup: String?
    /// Extra node attributes (rarely needed; shape, size and label are set by the wrapper).
    public var attributes: [GraphvizAttribute: String]

    public init(id: String, width: Double, height: Double, cluster: String? = nil,
                rankGroup: String? = nil, attributes: [GraphvizAttribute: String] = [:]) {
        self.id = id
        self.width = width
        self.height = height
        self.cluster = cluster
        self.rankGroup = rankGroup
        self.attributes = attributes
    }
}

/// A top-level cluster (a dot `subgraph cluster…`): a box drawn around its nodes.
///
/// Clusters are not nested. Each gets `label=" "` with a `fontsize` chosen so that dot reserves
/// `labelHeight` points above its nodes for a title the caller draws itself.
public struct LayoutCluster: Sendable, Equatable {
    public var id: String
    /// Clusters are created sorted by `(order, id)`; with `rankdir=LR`, rank groups and edges
    /// decide the left-to-right placement, creation order only breaks ties.
    public var order: Int
    /// Space in points reserved at the top of the cluster for its title (0 = none).
    public var labelHeight: Double
    /// Extra cluster attributes, e.g. `[.margin: "12"]`.
    public var attributes: [GraphvizAttribute: String]

    public init(id: String, order: Int, labelHeight: Double = 0,
                attributes: [GraphvizAttribute: String] = [:]) {
        self.id = id
        self.order = order
        self.labelHeight = labelHeight
        self.attributes = attributes
    }
}

/// A directed edge between two `LayoutNode` ids.
public struct LayoutEdge: Sendable, Equatable {
    public var tail: String
    public var head: String
    /// dot's `weight` (≥ 0): heavier edges are kept shorter and straighter.
    public var weight: Int
    /// dot's `constraint`: false for back edges (to an earlier stage), else they reorder stages.
    /// The caller decides which edges are back edges.
    public var constraint: Bool
    /// dot's `minlen` (≥ 0): minimum rank difference between tail and head.
    public var minlen: Int
    /// Extra edge attributes, e.g. `[.arrowhead: "none"]`.
    public var attributes: [GraphvizAttribute: String]

    public init(tail: String, head: String, weight: Int = 1, constraint: Bool = true,
                minlen: Int = 1, attributes: [GraphvizAttribute: String] = [:]) {
        self.tail = tail
        self.head = head
        self.weight = weight
        self.constraint = constraint
        self.minlen = minlen
        self.attributes = attributes
    }
}

/// Guard rails for `GraphvizLayout.layout`.
public struct LayoutOptions: Sendable, Equatable {
    /// Allow `splines=ortho` (and `splines=ortho`-like slow routers). Off by default: ortho took
    /// 20 s at 300 nodes and over 5 minutes at 1000 on this stack (known upstream bugs).
    public var allowSlowSplines: Bool
    /// Refuse graphs with more nodes than this. dot took 0.4–0.7 s at 1000 nodes (8 stages,
    /// 5 edges per node) and grows faster than linearly.
    public var maxNodeCount: Int

    public init(allowSlowSplines: Bool = false, maxNodeCount: Int = 2000) {
        self.allowSlowSplines = allowSlowSplines
        self.maxNodeCount = maxNodeCount
    }
}
