import JourneyCore

/// Why a graph could not be laid out. Each message says what was wrong and what to change.
public enum LayoutError: CategorizedError, Equatable, Sendable {
    /// Limits a flag lifts are usage errors; the rest mean the layout was given something
    /// the builders should never make, or Graphviz failed.
    public var category: ErrorCategory {
        switch self {
        case .tooManyNodes, .slowSplinesRefused: .usage
        default: .internal
        }
    }

    /// Two nodes share an id.
    case duplicateNode(id: String)
    /// A node has a width or height that is not a positive finite number of points.
    case invalidNodeSize(id: String, width: Double, height: Double)
    /// A node names a cluster that is not in `LayoutGraph.clusters`.
    case unknownCluster(node: String, cluster: String)
    /// Two clusters share an id.
    case duplicateCluster(id: String)
    /// A cluster has no nodes; dot would drop it and give it no frame.
    case emptyCluster(id: String)
    /// A cluster's `labelHeight` is negative or not finite.
    case invalidLabelHeight(cluster: String, labelHeight: Double)
    /// An edge end names a node that is not in `LayoutGraph.nodes`; `end` is "tail" or "head".
    case unknownNode(edgeIndex: Int, end: String, id: String)
    /// An edge has a negative `weight` or `minlen`.
    case invalidEdge(edgeIndex: Int, reason: String)
    /// An attribute name is empty or set by the wrapper itself.
    case invalidAttribute(name: String, reason: String)
    /// `splines=ortho` without `LayoutOptions.allowSlowSplines`.
    case slowSplinesRefused(value: String)
    /// More nodes than `LayoutOptions.maxNodeCount`.
    case tooManyNodes(count: Int, limit: Int)
    /// Graphviz itself failed; `call` is the C function, `message` what Graphviz reported.
    case graphviz(call: String, message: String)

    public var description: String {
        switch self {
        case .duplicateNode(let id):
            return "layout: node id \"\(id)\" is used twice; node ids must be unique"
        case .invalidNodeSize(let id, let w, let h):
            return "layout: node \"\(id)\" has size \(w)×\(h) pt; width and height must be finite and > 0"
        case .unknownCluster(let node, let cluster):
            return "layout: node \"\(node)\" is in cluster \"\(cluster)\", which is not in the cluster list; add the cluster or set the node's cluster to nil"
        case .duplicateCluster(let id):
            return "layout: cluster id \"\(id)\" is used twice; cluster ids must be unique"
        case .emptyCluster(let id):
            return "layout: cluster \"\(id)\" has no nodes; dot gives empty clusters no frame, so leave it out or give it a node"
        case .invalidLabelHeight(let cluster, let h):
            return "layout: cluster \"\(cluster)\" has labelHeight \(h); it must be finite and ≥ 0 points"
        case .unknownNode(let index, let end, let id):
            return "layout: edge \(index) has \(end) \"\(id)\", which is not a node; add the node or drop the edge"
        case .invalidEdge(let index, let reason):
            return "layout: edge \(index): \(reason)"
        case .invalidAttribute(let name, let reason):
            return "layout: attribute \"\(name)\": \(reason)"
        case .slowSplinesRefused(let value):
            return "layout: splines=\(value) is refused: dot's orthogonal router can run for minutes on large graphs (20 s at 300 nodes, over 5 min at 1000); use splines=spline or polyline, or set LayoutOptions.allowSlowSplines to accept the cost"
        case .tooManyNodes(let count, let limit):
            return "layout: the graph has \(count) nodes, more than the limit of \(limit) (dot takes about 0.5 s at 1000 nodes and grows faster than linearly); merge rare touchpoints or raise LayoutOptions.maxNodeCount"
        case .graphviz(let call, let message):
            let text = message.isEmpty ? "no message from Graphviz" : message
            return "layout: Graphviz \(call) failed: \(text)"
        }
    }
}
