import CGraphviz

/// The cgraph objects made for one `LayoutGraph`, indexed like its arrays. Valid only inside
/// `GraphvizGraph.with`.
struct GraphvizHandles {
    var nodes: [UnsafeMutablePointer<Agnode_t>] = []
    /// Same index as `LayoutGraph.clusters`.
    var clusters: [UnsafeMutablePointer<Agraph_t>?] = []
    var edges: [UnsafeMutablePointer<Agedge_t>] = []
}

extension GraphvizGraph {
    /// Points per inch: Graphviz sizes are in inches, coordinates in points.
    static let pointsPerInch = 72.0

    /// Graphviz estimates a line of text as `fontsize × 1.2` high and pads a cluster label by
    /// 8 points vertically (`PAD` in dot's `do_graph_label`).
    static let labelLineHeightFactor = 1.2
    static let labelPadding = 8.0
    /// Graphviz refuses font sizes below 1 point.
    static let minimumFontSize = 1.0

    /// Creates clusters (sorted by `(order, id)`) with their rank-group subgraphs, root rank
    /// groups, nodes and edges (in array order), then sets cluster and root attributes, so that
    /// a subgraph never inherits an attribute meant for its parent.
    /// - Complexity: O(n + e) cgraph calls for n nodes and e edges.
    mutating func build(_ graph: LayoutGraph, _ plan: LayoutPlan) throws -> GraphvizHandles {
        var handles = GraphvizHandles()
        handles.clusters = Array(repeating: nil, count: graph.clusters.count)
        var groups: [UnsafeMutablePointer<Agraph_t>?] = Array(repeating: nil, count: plan.rankGroups.count)

        for index in plan.clusterOrder {
            let cluster = try subgraph(named: "cluster_" + graph.clusters[index].id, in: root)
            handles.clusters[index] = cluster
            for (group, spec) in plan.rankGroups.enumerated() where spec.cluster == index {
                groups[group] = try rankSubgraph(spec, in: cluster)
            }
        }
        for (group, spec) in plan.rankGroups.enumerated() where spec.cluster == nil {
            groups[group] = try rankSubgraph(spec, in: root)
        }

        handles.nodes.reserveCapacity(graph.nodes.count)
        for (index, spec) in graph.nodes.enumerated() {
            let node = try self.node(named: spec.id)
            if let group = plan.nodeRankGroup[index], let subgraph = groups[group] {
                try add(node, to: subgraph)
            }
            if let cluster = plan.nodeCluster[index], let subgraph = handles.clusters[cluster] {
                try add(node, to: subgraph)
            }
            try setNodeAttributes(spec, on: node)
            handles.nodes.append(node)
        }

        handles.edges.reserveCapacity(graph.edges.count)
        for (index, spec) in graph.edges.enumerated() {
            let ends = plan.edgeEnds[index]
            let edge = try self.edge(from: handles.nodes[ends.tail], to: handles.nodes[ends.head])
            try set(.weight, String(spec.weight), on: edge, kind: .edge)
            try set(.constraint, spec.constraint ? "true" : "false", on: edge, kind: .edge)
            try set(.minlen, String(spec.minlen), on: edge, kind: .edge)
            try set(spec.attributes, on: edge, kind: .edge)
            handles.edges.append(edge)
        }

        for index in plan.clusterOrder {
            guard let cluster = handles.clusters[index] else { continue }
            try setClusterAttributes(graph.clusters[index], on: cluster)
        }
        try set(graph.attributes, on: root, kind: .graph)
        return handles
    }

    private mutating func rankSubgraph(_ spec: LayoutPlan.RankGroup,
                                       in parent: UnsafeMutablePointer<Agraph_t>) throws -> UnsafeMutablePointer<Agraph_t> {
        // Not "cluster…": a plain subgraph only constrains ranks and draws nothing.
        let subgraph = try self.subgraph(named: "rank_" + spec.name, in: parent)
        try set(.rank, "same", on: subgraph, kind: .graph)
        return subgraph
    }

    private mutating func setNodeAttributes(_ spec: LayoutNode, on node: UnsafeMutablePointer<Agnode_t>) throws {
        // dot rounds node sizes to whole points; round up so the frame is never smaller.
        let width = spec.width.rounded(.up) / Self.pointsPerInch
        let height = spec.height.rounded(.up) / Self.pointsPerInch
        try set(.shape, "box", on: node, kind: .node)
        try set(.fixedsize, "true", on: node, kind: .node)
        try set(.label, "", on: node, kind: .node)
        try set(.width, String(width), on: node, kind: .node)
        try set(.height, String(height), on: node, kind: .node)
        try set(spec.attributes, on: node, kind: .node)
    }

    private mutating func setClusterAttributes(_ spec: LayoutCluster, on cluster: UnsafeMutablePointer<Agraph_t>) throws {
        if spec.labelHeight > 0 {
            // A blank label whose estimated height plus dot's padding is the title band.
            let fontSize = max(Self.minimumFontSize,
                               (spec.labelHeight - Self.labelPadding) / Self.labelLineHeightFactor)
            try set(.label, " ", on: cluster, kind: .graph)
            try set(.fontsize, String(fontSize), on: cluster, kind: .graph)
        }
        try set(spec.attributes, on: cluster, kind: .graph)
    }
}
