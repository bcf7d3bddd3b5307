/// A `LayoutGraph` checked and put in creation order: everything the Graphviz builder needs,
/// decided before any C call, so a bad graph fails without touching Graphviz.
struct LayoutPlan {
    /// A `{rank=same}` subgraph: its members in node order, inside `cluster` when they all
    /// share that cluster, else at the root.
    struct RankGroup {
        var name: String
        var cluster: Int?
        var members: [Int]
    }

    /// Indices into `graph.clusters`, sorted by `(order, id)`.
    var clusterOrder: [Int] = []
    /// For each node (same index as `graph.nodes`), its cluster's index or nil.
    var nodeCluster: [Int?] = []
    /// For each node, the index of its rank group in `rankGroups` or nil.
    var nodeRankGroup: [Int?] = []
    /// In order of first appearance in `graph.nodes`.
    var rankGroups: [RankGroup] = []
    /// For each edge, (tail, head) node indices.
    var edgeEnds: [(tail: Int, head: Int)] = []
    /// Notes for `LayoutResult.warnings` (unknown attribute names), sorted.
    var warnings: [String] = []

    /// Checks `graph` against `options`.
    /// - Throws: `LayoutError` naming the first problem found.
    /// - Complexity: O(n log n + e) for n nodes and clusters, e edges.
    init(_ graph: LayoutGraph, options: LayoutOptions) throws {
        if graph.nodes.count > options.maxNodeCount {
            throw LayoutError.tooManyNodes(count: graph.nodes.count, limit: options.maxNodeCount)
        }
        if let splines = graph.attributes[.splines], !options.allowSlowSplines,
           splines.lowercased() == "ortho" {
            throw LayoutError.slowSplinesRefused(value: splines)
        }
        try checkAttributes(graph)
        let clusterIndex = try planClusters(graph)
        let nodeIndex = try planNodes(graph, clusterIndex: clusterIndex)
        try planEdges(graph, nodeIndex: nodeIndex)
    }

    private mutating func checkAttributes(_ graph: LayoutGraph) throws {
        var unknown: Set<String> = []
        func check(_ attributes: [GraphvizAttribute: String], reserved: Set<GraphvizAttribute>,
                   owner: String) throws {
            for name in attributes.keys {
                if name.rawValue.isEmpty {
                    throw LayoutError.invalidAttribute(name: "", reason: "an attribute name is empty (on \(owner))")
                }
                if reserved.contains(name) {
                    throw LayoutError.invalidAttribute(
                        name: name.rawValue,
                        reason: "set by the wrapper on \(owner)s from typed fields; use those fields instead")
                }
                if !GraphvizAttribute.known.contains(name) { unknown.insert(name.rawValue) }
            }
        }
        try check(graph.attributes, reserved: [], owner: "graph")
        for node in graph.nodes { try check(node.attributes, reserved: GraphvizAttribute.reservedForNodes, owner: "node") }
        for cluster in graph.clusters {
            try check(cluster.attributes, reserved: GraphvizAttribute.reservedForClusters, owner: "cluster")
        }
        for edge in graph.edges { try check(edge.attributes, reserved: GraphvizAttribute.reservedForEdges, owner: "edge") }
        warnings = unknown.sorted().map {
            "attribute \"\($0)\" is not in GraphvizAttribute.known; Graphviz ignores names it does not know"
        }
    }

    private mutating func planClusters(_ graph: LayoutGraph) throws -> [String: Int] {
        var clusterIndex: [String: Int] = [:]
        for (index, cluster) in graph.clusters.enumerated() {
            if clusterIndex.updateValue(index, forKey: cluster.id) != nil {
                throw LayoutError.duplicateCluster(id: cluster.id)
            }
            if !cluster.labelHeight.isFinite || cluster.labelHeight < 0 {
                throw LayoutError.invalidLabelHeight(cluster: cluster.id, labelHeight: cluster.labelHeight)
            }
        }
        clusterOrder = graph.clusters.indices.sorted { a, b in
            let x = graph.clusters[a], y = graph.clusters[b]
            return (x.order, x.id) < (y.order, y.id)
        }
        return clusterIndex
    }

    private mutating func planNodes(_ graph: LayoutGraph, clusterIndex: [String: Int]) throws -> [String: Int] {
        var nodeIndex: [String: Int] = [:]
        var groupIndex: [String: Int] = [:]
        var clusterUsed = [Bool](repeating: false, count: graph.clusters.count)
        for (index, node) in graph.nodes.enumerated() {
            if nodeIndex.updateValue(index, forKey: node.id) != nil {
                throw LayoutError.duplicateNode(id: node.id)
            }
            guard node.width.isFinite, node.height.isFinite, node.width > 0, node.height > 0 else {
                throw LayoutError.invalidNodeSize(id: node.id, width: node.width, height: node.height)
            }
            var cluster: Int?
            if let id = node.cluster {
                guard let found = clusterIndex[id] else {
                    throw LayoutError.unknownCluster(node: node.id, cluster: id)
                }
                cluster = found
                clusterUsed[found] = true
            }
            nodeCluster.append(cluster)
            guard let group = node.rankGroup else {
                nodeRankGroup.append(nil)
                continue
            }
            if let existing = groupIndex[group] {
                rankGroups[existing].members.append(index)
                if rankGroups[existing].cluster != cluster { rankGroups[existing].cluster = nil }
                nodeRankGroup.append(existing)
            } else {
                groupIndex[group] = rankGroups.count
                nodeRankGroup.append(rankGroups.count)
                rankGroups.append(RankGroup(name: group, cluster: cluster, members: [index]))
            }
        }
        if let empty = clusterOrder.first(where: { !clusterUsed[$0] }) {
            throw LayoutError.emptyCluster(id: graph.clusters[empty].id)
        }
        return nodeIndex
    }

    private mutating func planEdges(_ graph: LayoutGraph, nodeIndex: [String: Int]) throws {
        edgeEnds.reserveCapacity(graph.edges.count)
        for (index, edge) in graph.edges.enumerated() {
            guard let tail = nodeIndex[edge.tail] else {
                throw LayoutError.unknownNode(edgeIndex: index, end: "tail", id: edge.tail)
            }
            guard let head = nodeIndex[edge.head] else {
                throw LayoutError.unknownNode(edgeIndex: index, end: "head", id: edge.head)
            }
            if edge.weight < 0 {
                throw LayoutError.invalidEdge(edgeIndex: index, reason: "weight \(edge.weight) is negative; dot needs an integer ≥ 0")
            }
            if edge.minlen < 0 {
                throw LayoutError.invalidEdge(edgeIndex: index, reason: "minlen \(edge.minlen) is negative; dot needs an integer ≥ 0")
            }
            edgeEnds.append((tail, head))
        }
    }
}
