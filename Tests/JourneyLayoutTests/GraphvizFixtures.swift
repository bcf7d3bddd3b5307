import JourneyLayout

/// Graphs for the Graphviz wrapper tests, built deterministically (no randomness, stable order).
enum GraphvizFixtures {
    static let journeyAttributes: [GraphvizAttribute: String] = [
        .rankdir: "LR", .newrank: "true", .nodesep: "0.3", .ranksep: "0.8", .splines: "spline",
    ]

    /// A journey-like graph: `stageSizes.count` stage clusters (one column each), node `i` of
    /// stage `s` is "s<s>-n<i>", sized 100…150 × 30…45 pt. Edges: each node to two nodes of the
    /// next stage (weight 5 and 2, a third for even `i`), to one node two stages on, one back
    /// edge to the previous stage and, for odd `i`, one two stages back (constraint=false), and
    /// one edge inside each stage of more than one node.
    static func journey(stageSizes: [Int], labelHeight: Double = 24) -> LayoutGraph {
        var graph = LayoutGraph(attributes: journeyAttributes)
        var stages: [[String]] = []
        for (s, size) in stageSizes.enumerated() {
            let cluster = "stage-\(s)"
            graph.clusters.append(LayoutCluster(id: cluster, order: s, labelHeight: labelHeight))
            var ids: [String] = []
            for i in 0..<size {
                let id = "s\(s)-n\(i)"
                ids.append(id)
                graph.nodes.append(LayoutNode(id: id, width: Double(100 + (i * 17 + s * 5) % 51),
                                              height: Double(30 + (i * 7 + s * 3) % 16),
                                              cluster: cluster, rankGroup: cluster))
            }
            stages.append(ids)
        }
        for (s, ids) in stages.enumerated() {
            for (i, id) in ids.enumerated() {
                if s + 1 < stages.count {
                    let next = stages[s + 1]
                    graph.edges.append(LayoutEdge(tail: id, head: next[i % next.count], weight: 5))
                    graph.edges.append(LayoutEdge(tail: id, head: next[(i + 1) % next.count], weight: 2))
                    if i % 2 == 0 {
                        graph.edges.append(LayoutEdge(tail: id, head: next[(i + 2) % next.count], weight: 1))
                    }
                }
                if s + 2 < stages.count {
                    let later = stages[s + 2]
                    graph.edges.append(LayoutEdge(tail: id, head: later[(i * 3 + 1) % later.count], weight: 1))
                }
                if s > 0 {
                    let previous = stages[s - 1]
                    graph.edges.append(LayoutEdge(tail: id, head: previous[(i + 2) % previous.count],
                                                  weight: 1, constraint: false))
                }
                if s > 1, i % 2 == 1 {
                    let earlier = stages[s - 2]
                    graph.edges.append(LayoutEdge(tail: id, head: earlier[i % earlier.count],
                                                  weight: 0, constraint: false))
                }
            }
            if ids.count > 1 {
                graph.edges.append(LayoutEdge(tail: ids[0], head: ids[ids.count - 1], weight: 1, minlen: 0))
            }
        }
        return graph
    }

    /// The acceptance fixture: 6 stages, 23 nodes.
    static let sixStages = journey(stageSizes: [4, 4, 4, 4, 4, 3])

    /// `nodeCount` nodes over 8 stages with 5 edges per node (the timing case of the notes).
    static func scaled(nodeCount: Int) -> LayoutGraph {
        let stages = 8
        var graph = LayoutGraph(attributes: journeyAttributes)
        var ids: [[String]] = Array(repeating: [], count: stages)
        for n in 0..<nodeCount {
            let s = n % stages
            let id = "n\(n)"
            ids[s].append(id)
            graph.nodes.append(LayoutNode(id: id, width: 120, height: 36, cluster: "stage-\(s)", rankGroup: "stage-\(s)"))
        }
        graph.clusters = (0..<stages).map { LayoutCluster(id: "stage-\($0)", order: $0, labelHeight: 24) }
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next(_ bound: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(bound))
        }
        for n in 0..<nodeCount {
            let s = n % stages
            for k in 0..<5 {
                let forward = k < 4 && s + 1 < stages
                let target = forward ? min(stages - 1, s + 1 + (k == 3 ? 1 : 0)) : next(stages)
                let pool = ids[target]
                graph.edges.append(LayoutEdge(tail: "n\(n)", head: pool[next(pool.count)],
                                              weight: forward ? 3 : 1, constraint: target > s))
            }
        }
        return graph
    }
}
