import CGraphviz
import CGraphvizShim

/// Converts Graphviz coordinates (points, y up, origin at the bounding box's lower left as
/// dot leaves it) to scene coordinates (points, y down, origin at the top-left corner).
struct GraphvizFlip {
    let minX: Double
    let maxY: Double

    init(boundingBox bb: boxf) {
        minX = bb.LL.x
        maxY = bb.UR.y
    }

    func point(_ p: pointf) -> Point { Point(p.x - minX, maxY - p.y) }

    func rect(_ box: boxf) -> Rect {
        Rect(x: box.LL.x - minX, y: maxY - box.UR.y, width: box.UR.x - box.LL.x, height: box.UR.y - box.LL.y)
    }

    /// A rectangle of `size` centred on `center` (Graphviz coordinates).
    func rect(center: pointf, width: Double, height: Double) -> Rect {
        let c = point(center)
        return Rect(x: c.x - width / 2, y: c.y - height / 2, width: width, height: height)
    }
}

extension GraphvizGraph {
    /// Reads the laid-out positions through the CGraphvizShim accessors (exact doubles).
    /// Call only between a successful gvLayout and gvFreeLayout.
    /// - Complexity: O(n + c + p) for n nodes, c clusters, p edge control points.
    func readResult(_ graph: LayoutGraph, _ handles: GraphvizHandles) throws -> LayoutResult {
        guard jm_has_record(root) else {
            throw LayoutError.graphviz(call: "gvLayout", message: "dot returned without a layout record")
        }
        let bb = jm_gd_bb(root)
        let flip = GraphvizFlip(boundingBox: bb)

        var nodes: [String: NodeLayout] = [:]
        nodes.reserveCapacity(graph.nodes.count)
        for (index, node) in handles.nodes.enumerated() {
            let frame = flip.rect(center: jm_nd_coord(node),
                                  width: Self.points(fromInches: jm_nd_width(node)),
                                  height: Self.points(fromInches: jm_nd_height(node)))
            nodes[graph.nodes[index].id] = NodeLayout(frame: frame)
        }

        let laidOut = laidOutClusters()
        var clusters: [String: ClusterLayout] = [:]
        for (index, cluster) in handles.clusters.enumerated() {
            guard let cluster else { continue }
            guard laidOut.contains(cluster) else {
                throw LayoutError.graphviz(call: "gvLayout",
                                           message: "dot did not lay out cluster \"\(graph.clusters[index].id)\"")
            }
            clusters[graph.clusters[index].id] = ClusterLayout(frame: flip.rect(jm_gd_bb(cluster)))
        }

        let edges = handles.edges.map { EdgeLayout(curves: curves(of: $0, flip)) }
        return LayoutResult(boundingBox: flip.rect(bb), nodes: nodes, clusters: clusters,
                            edges: edges, warnings: [])
    }

    /// `inches × 72`, snapped to the nearest whole point when within 1e-6 of it: dot sizes nodes
    /// in whole points and stores them in inches, so ×72 gives e.g. 29.999999999999996 for 30.
    static func points(fromInches inches: Double) -> Double {
        let points = inches * pointsPerInch
        let whole = points.rounded()
        return abs(points - whole) < 1e-6 ? whole : points
    }

    /// The top-level clusters dot found (GD_clust is 1-based).
    private func laidOutClusters() -> Set<UnsafeMutablePointer<Agraph_t>> {
        let count = jm_gd_n_cluster(root)
        guard count > 0 else { return [] }
        return Set((1...count).compactMap { jm_gd_clust(root, Int32($0)) })
    }

    private func curves(of edge: UnsafeMutablePointer<Agedge_t>, _ flip: GraphvizFlip) -> [EdgeCurve] {
        (0..<jm_ed_bezier_count(edge)).compactMap { index -> EdgeCurve? in
            guard let bezier = jm_ed_bezier(edge, index)?.pointee, let list = bezier.list else { return nil }
            let points = UnsafeBufferPointer(start: list, count: Int(bezier.size)).map(flip.point)
            return EdgeCurve(points: points,
                             startPoint: bezier.sflag != 0 ? flip.point(bezier.sp) : nil,
                             endPoint: bezier.eflag != 0 ? flip.point(bezier.ep) : nil)
        }
    }
}
