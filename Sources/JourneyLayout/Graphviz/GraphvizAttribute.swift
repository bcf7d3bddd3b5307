/// A Graphviz attribute name, with the names this wrapper uses as typed constants.
///
/// Write `.rankdir`, not `"rankdir"`: the constants below are the only place attribute names are
/// spelt. A string literal still works (`["rankdir": "LR"]`) for attributes not listed here; the
/// wrapper then declares the name with `agattr(graph, kind, name, "")` before its first use (an
/// empty default means "Graphviz's own default" for every attribute), and `LayoutResult.warnings`
/// notes that the name is not one the wrapper knows, since Graphviz ignores unknown names silently.
public struct GraphvizAttribute: RawRepresentable, Hashable, Sendable, ExpressibleByStringLiteral,
    CustomStringConvertible
{
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { self.rawValue = value }
    public var description: String { rawValue }

    // MARK: Graph (root)

    /// Direction of ranks: `TB` (default), `LR`, `BT`, `RL`.
    public static let rankdir: GraphvizAttribute = "rankdir"
    /// `true` makes `rank=same` work across and on clusters (dot's newer ranking).
    public static let newrank: GraphvizAttribute = "newrank"
    /// Minimum space between nodes of one rank, inches.
    public static let nodesep: GraphvizAttribute = "nodesep"
    /// Minimum space between ranks, inches.
    public static let ranksep: GraphvizAttribute = "ranksep"
    /// Edge routing: `spline`, `polyline`, `line`, `curved`, `ortho` (refused by default), `none`.
    public static let splines: GraphvizAttribute = "splines"
    /// `true` merges parallel edge runs; an edge may then have several Bézier pieces.
    public static let concentrate: GraphvizAttribute = "concentrate"
    /// `out`/`in`: keep edge order of a node's out/in edges as created.
    public static let ordering: GraphvizAttribute = "ordering"
    /// Crossing-minimisation effort factor (default 1).
    public static let mclimit: GraphvizAttribute = "mclimit"
    /// Network-simplex iteration factor for ranking and positioning.
    public static let nslimit: GraphvizAttribute = "nslimit"
    /// `true` runs crossing minimisation a second time with clusters.
    public static let remincross: GraphvizAttribute = "remincross"

    // MARK: Cluster

    /// Space between a cluster's nodes and its border, points (cluster) / inches (root).
    public static let margin: GraphvizAttribute = "margin"
    /// Set by the wrapper: a blank cluster label reserving the title height.
    public static let label: GraphvizAttribute = "label"
    /// Set by the wrapper on clusters: font size of the blank label (height ≈ 1.2 × fontsize).
    public static let fontsize: GraphvizAttribute = "fontsize"
    /// Cluster label position: `t` (default) or `b`.
    public static let labelloc: GraphvizAttribute = "labelloc"
    /// Cluster label justification: `l`, `r`, `c`.
    public static let labeljust: GraphvizAttribute = "labeljust"
    /// Set by the wrapper on rank-group subgraphs: `same`.
    public static let rank: GraphvizAttribute = "rank"

    // MARK: Node

    /// Set by the wrapper: `box`.
    public static let shape: GraphvizAttribute = "shape"
    /// Set by the wrapper: `true`, so the size is exactly `width` × `height`.
    public static let fixedsize: GraphvizAttribute = "fixedsize"
    /// Set by the wrapper from `LayoutNode.width`, inches.
    public static let width: GraphvizAttribute = "width"
    /// Set by the wrapper from `LayoutNode.height`, inches.
    public static let height: GraphvizAttribute = "height"
    /// Nodes of one group are kept in line: edges between them are straightened.
    public static let group: GraphvizAttribute = "group"

    // MARK: Edge

    /// Set by the wrapper from `LayoutEdge.weight`.
    public static let weight: GraphvizAttribute = "weight"
    /// Set by the wrapper from `LayoutEdge.constraint`.
    public static let constraint: GraphvizAttribute = "constraint"
    /// Set by the wrapper from `LayoutEdge.minlen`.
    public static let minlen: GraphvizAttribute = "minlen"
    /// Arrow at the head: `normal` (default), `none`, … (sets `eflag` and shortens the spline).
    public static let arrowhead: GraphvizAttribute = "arrowhead"
    /// Arrow at the tail (used with `dir=back`/`both`).
    public static let arrowtail: GraphvizAttribute = "arrowtail"
    /// Arrow direction: `forward` (default), `back`, `both`, `none`.
    public static let dir: GraphvizAttribute = "dir"
    /// Port on the tail node, e.g. `e`.
    public static let tailport: GraphvizAttribute = "tailport"
    /// Port on the head node, e.g. `w`.
    public static let headport: GraphvizAttribute = "headport"
    /// Size of arrow heads (default 1).
    public static let arrowsize: GraphvizAttribute = "arrowsize"

    /// Every name listed above; others are passed through with a warning.
    public static let known: Set<GraphvizAttribute> = [
        .rankdir, .newrank, .nodesep, .ranksep, .splines, .concentrate, .ordering, .mclimit,
        .nslimit, .remincross, .margin, .label, .fontsize, .labelloc, .labeljust, .rank, .shape,
        .fixedsize, .width, .height, .group, .weight, .constraint, .minlen, .arrowhead,
        .arrowtail, .dir, .tailport, .headport, .arrowsize,
    ]

    /// Attributes the wrapper sets itself from typed fields; refused in `attributes` dictionaries.
    static let reservedForNodes: Set<GraphvizAttribute> = [.shape, .fixedsize, .label, .width, .height]
    static let reservedForClusters: Set<GraphvizAttribute> = [.label, .fontsize]
    static let reservedForEdges: Set<GraphvizAttribute> = [.weight, .constraint, .minlen, .label]
}
