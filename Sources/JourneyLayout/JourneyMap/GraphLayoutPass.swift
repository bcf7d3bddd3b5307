import JourneyCore

/// Builds the Graphviz graph for a journey map and lays it out with dot.
///
/// - Each stage is a cluster, created in template order; touchpoints of a template stage
///   share one rank (`newrank=true` plus a `rank=same` group), so a stage is one column.
///   The unassigned stage is left free to spread over several ranks (process logs put
///   everything there).
/// - Within a stage, nodes are created grouped by channel, which dot's initial order keeps
///   unless crossings say otherwise (nested clusters per channel cost more crossings than
///   they saved on the samples, and the wrapper keeps clusters flat).
/// - Edges to an earlier stage get `constraint=false`, so loops never reorder the stages.
/// - Edge weight grows with the flow (1…10), so heavier flows get straighter paths.
/// - Edges have no arrowhead in dot (`dir=none`): splines then end on the node border and the
///   drawer adds its own arrow, scaled to the stroke.
struct GraphLayoutPass {
    let selection: MapSelection
    let boxes: [NodeBox]
    let stages: [JourneyGraph.Stage]
    let options: MapOptions
    let style: MapStyle
    /// Widest stroke per selection edge that a decoration will draw (arrow heads are spread for it).
    var decoratedStrokeWidths: [Int: Double] = [:]
    /// For `PageWrap` (with `options.page`): height drawn above and below the graph, side
    /// margin and the gap between rows, in points at scale 1.
    var pageOverhead = 0.0
    var pageMargin = 0.0
    var pageRowGap = 0.0

    func run() throws -> PlacedGraph {
        let first = try run(chainAllStages: false)
        // Columns must not overlap; when dot put two side by side ranks in one another, lay out
        // again with every stage chained to the next.
        return first.columnsOverlap(order: stages.map(\.id)) ? try run(chainAllStages: true) : first
    }

    /// The landscape screen (16:10, as tall as the graph) that a graph more than
    /// `portraitLimit` times as tall as wide is fitted to by splitting columns; nil for the rest.
    static func screenPage(for size: Size, stages: Int) -> Size? {
        guard stages > 0, size.height > portraitLimit * size.width else { return nil }
        return Size(width: size.height * 1.6, height: size.height)
    }

    static let portraitLimit = 1.5

    /// One dot run. Unassigned touchpoints beside template stages are kept between the stage
    /// before and the stage after them by invisible ordering edges (weight 0, not drawn);
    /// `chainAllStages` adds such an edge between every two neighbouring stages.
    private func run(chainAllStages: Bool) throws -> PlacedGraph {
        let stageIndex = Dictionary(uniqueKeysWithValues: stages.enumerated().map { ($1.id, $0) })
        let unassigned = StageDefinition.unassigned.id
        var graph = LayoutGraph(attributes: [
            .rankdir: "LR", .newrank: "true", .nodesep: style.dotNodeSep, .ranksep: style.dotRankSep,
            .splines: options.splines, .margin: "0",
        ])
        for (i, _) in stages.enumerated() {
            graph.clusters.append(LayoutCluster(id: "stage\(i)", order: i, attributes: [.margin: style.dotClusterMargin]))
        }
        let ordered = boxes.enumerated().sorted { a, b in
            let sa = stageIndex[a.element.stage] ?? 0, sb = stageIndex[b.element.stage] ?? 0
            if sa != sb { return sa < sb }
            let ca = a.element.channel ?? "", cb = b.element.channel ?? ""
            if ca != cb { return ca < cb }
            return a.offset < b.offset
        }.map(\.element)
        for box in ordered {
            let si = stageIndex[box.stage] ?? 0
            graph.nodes.append(LayoutNode(id: box.name, width: box.size.width, height: box.size.height,
                                          cluster: "stage\(si)",
                                          rankGroup: box.stage == unassigned ? nil : "stage\(si)"))
        }
        let stageOf = Dictionary(selection.touchpoints.map { ($0.name, $0.stage) }, uniquingKeysWith: { a, _ in a })
        let maxCount = selection.edges.map(\.count).max() ?? 1
        var back = Set<Int>()
        for (i, e) in selection.edges.enumerated() {
            let from = stageOf[e.from] ?? "", to = stageOf[e.to] ?? ""
            let a = stageIndex[from] ?? 0, b = stageIndex[to] ?? 0
            let isBack = b < a
            if isBack { back.insert(i) }
            // Within a template stage all nodes share a rank; within the unassigned stage
            // (process logs, or a template that matches nothing) dot ranks the flow itself.
            let sameRank = a == b && from != unassigned
            graph.edges.append(LayoutEdge(
                tail: e.from, head: e.to, weight: 1 + style.dotWeightRange * e.count / max(1, maxCount),
                constraint: !(isBack || sameRank), minlen: sameRank ? 0 : 1, attributes: [.dir: "none"]))
        }
        graph.edges += orderingEdges(ordered, stageIndex: stageIndex, chainAll: chainAllStages)
        let layoutOptions = LayoutOptions(allowSlowSplines: options.allowSlowLayout,
                                          maxNodeCount: max(2000, boxes.count))
        let result = try GraphvizLayout.layout(graph, options: layoutOptions)
        var stageFrames: [String: Rect] = [:]
        for (i, stage) in stages.enumerated() { stageFrames[stage.id] = result.clusters["stage\(i)"]?.frame }
        var nodeFrames: [String: Rect] = [:]
        for box in boxes { nodeFrames[box.name] = result.nodes[box.name]?.frame }
        var edgePoints: [Int: [Point]] = [:]
        for (i, edge) in result.edges.prefix(selection.edges.count).enumerated() where !edge.points.isEmpty {
            edgePoints[i] = edge.points
        }
        // Inside the unassigned stage dot chose the order: a move drawn leftwards goes back.
        for (i, e) in selection.edges.enumerated() where stageOf[e.from] == unassigned && stageOf[e.to] == unassigned {
            if let a = nodeFrames[e.from], let b = nodeFrames[e.to], b.center.x < a.center.x - 1 { back.insert(i) }
        }
        edgePoints = rerouted(edgePoints, nodeFrames: nodeFrames, back: back)
        var size = Size(width: result.boundingBox.width, height: result.boundingBox.height)
        if let page = options.page {
            let unwrapped = PlacedGraph(size: size, nodeFrames: nodeFrames, stageFrames: stageFrames, edgePoints: edgePoints,
                                        backEdges: back)
            var wrapped = PageWrap.wrapped(unwrapped, page: page, overhead: pageOverhead, margin: pageMargin, rowGap: pageRowGap,
                                           edges: selection.edges.map { ($0.from, $0.to) })
            wrapped = PageColumns.split(wrapped, page: page, overhead: pageOverhead, margin: pageMargin, gap: style.pageColumnGap,
                                        stageOf: stageOf, order: stages.map(\.id),
                                        edges: selection.edges.map { ($0.from, $0.to) }, back: back)
            (size, nodeFrames, stageFrames, edgePoints) = (wrapped.size, wrapped.nodeFrames, wrapped.stageFrames, wrapped.edgePoints)
        } else if let screen = Self.screenPage(for: size, stages: stages.count) {
            // A screen map far taller than wide (a web log whose first phase holds most pages:
            // 2384 × 6080 px) gets its tallest columns split for a landscape screen, as a print
            // map's are for its page.
            let split = PageColumns.split(PlacedGraph(size: size, nodeFrames: nodeFrames, stageFrames: stageFrames,
                                                      edgePoints: edgePoints, backEdges: back),
                                          page: screen, overhead: 0, margin: 0, gap: style.pageColumnGap,
                                          stageOf: stageOf, order: stages.map(\.id),
                                          edges: selection.edges.map { ($0.from, $0.to) }, back: back, minStages: 1, maxParts: 4)
            (size, nodeFrames, stageFrames, edgePoints) = (split.size, split.nodeFrames, split.stageFrames, split.edgePoints)
        }
        let (heads, arrowWidth) = EdgeEndSpreading.ends(of: selection.edges, nodeFrames: nodeFrames,
                                                        strokeWidths: decoratedStrokeWidths)
        var spread = EdgeEndSpreading(edgePoints: edgePoints, heads: heads, arrowWidth: arrowWidth)
        // Moving ends can pull a curve through a neighbouring box: route those around, spread again.
        for _ in 0..<3 {
            let again = rerouted(spread.edgePoints, nodeFrames: nodeFrames, back: back, onlyCrossing: true)
            if again == spread.edgePoints { break }
            spread = EdgeEndSpreading(edgePoints: again, heads: heads, arrowWidth: arrowWidth)
        }
        // dot's bounding box still holds the detours rerouted above: trim the empty band above and below.
        let trimmed = PlacedGraph(size: size, nodeFrames: nodeFrames, stageFrames: stageFrames, edgePoints: spread.edgePoints,
                                  backEdges: back, headRoom: spread.headRoom).trimmedVertically(padding: style.graphTrimPadding)
        return trimmed
    }


    /// Edges whose dot spline crosses a box, and edges whose spline is more than 1.3 × as long
    /// as the shortest route around the boxes (dot sends back edges, and some flows out of the
    /// unassigned stage, round the whole graph), get that route instead (`EdgeRouter`).
    private func rerouted(_ edgePoints: [Int: [Point]], nodeFrames: [String: Rect], back: Set<Int>,
                          onlyCrossing: Bool = false) -> [Int: [Point]] {
        let router = EdgeRouter(boxes: boxes.compactMap { nodeFrames[$0.name] })
        var out = edgePoints
        for (i, e) in selection.edges.enumerated() {
            guard let spline = edgePoints[i], spline.count >= 4, let tail = nodeFrames[e.from], let head = nodeFrames[e.to] else { continue }
            let isBack = back.contains(i)
            let crosses = router.crossesABox(spline, tail: tail, head: head)
            guard crosses || !onlyCrossing, let route = router.route(from: tail, to: head, back: isBack) else { continue }
            if crosses || EdgeRouter.length(spline) > 1.3 * EdgeRouter.length(route) { out[i] = route }
        }
        return out
    }

    /// Invisible edges that keep the stages in drawn order: the first node of each stage
    /// before every unassigned node, every unassigned node before the first node of the next
    /// stage, and (with `chainAll`) each stage's first node before the next stage's.
    private func orderingEdges(_ ordered: [NodeBox], stageIndex: [String: Int], chainAll: Bool) -> [LayoutEdge] {
        let unassigned = StageDefinition.unassigned.id
        var firstNode: [Int: String] = [:]
        for box in ordered { let s = stageIndex[box.stage] ?? 0; if firstNode[s] == nil { firstNode[s] = box.name } }
        func edge(_ a: String, _ b: String) -> LayoutEdge {
            LayoutEdge(tail: a, head: b, weight: 0, constraint: true, minlen: 1, attributes: [.dir: "none"])
        }
        var out: [LayoutEdge] = []
        if let u = stageIndex[unassigned], stages.count > 1 {
            for box in ordered where box.stage == unassigned {
                if u > 0, let before = firstNode[u - 1] { out.append(edge(before, box.name)) }
                if u + 1 < stages.count, let after = firstNode[u + 1] { out.append(edge(box.name, after)) }
            }
        }
        if chainAll {
            for s in stages.indices.dropLast() where stages[s].id != unassigned && stages[s + 1].id != unassigned {
                if let a = firstNode[s], let b = firstNode[s + 1] { out.append(edge(a, b)) }
            }
        }
        return out
    }
}
