import Testing
import JourneyLayout
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Layout geometry of the 6-stage acceptance fixture: columns, containment, no overlaps, edges.
@Suite struct GraphvizGeometryTests {
    let graph = GraphvizFixtures.sixStages

    @Test func fixtureHasTheAgreedShape() {
        #expect(graph.clusters.count == 6)
        #expect(graph.nodes.count == 23)
        #expect((90...110).contains(graph.edges.count))
        #expect(graph.edges.contains { !$0.constraint })
    }

    @Test func clustersRunLeftToRightInTheGivenOrder() throws {
        let result = try GraphvizLayout.layout(graph)
        let frames = try graph.clusters.map { try #require(result.clusters[$0.id]).frame }
        for (left, right) in zip(frames, frames.dropFirst()) {
            #expect(left.maxX <= right.minX, "\(left) should end before \(right) starts")
        }
    }

    @Test func nodesLieInsideTheirClusterAndTheBoundingBox() throws {
        let result = try GraphvizLayout.layout(graph)
        #expect(result.boundingBox.x == 0 && result.boundingBox.y == 0)
        for node in graph.nodes {
            let frame = try #require(result.nodes[node.id]).frame
            let clusterID = try #require(node.cluster)
            let cluster = try #require(result.clusters[clusterID]).frame
            #expect(cluster.contains(frame), "\(node.id) \(frame) outside its cluster \(cluster)")
            #expect(result.boundingBox.contains(frame), "\(node.id) outside the bounding box")
        }
        for (id, cluster) in result.clusters {
            #expect(result.boundingBox.contains(cluster.frame), "cluster \(id) outside the bounding box")
        }
    }

    @Test func nodeFramesDoNotOverlap() throws {
        let result = try GraphvizLayout.layout(graph)
        let frames = graph.nodes.compactMap { node in result.nodes[node.id].map { (node.id, $0.frame) } }
        #expect(frames.count == graph.nodes.count)
        for i in frames.indices {
            for j in frames.indices where j > i {
                #expect(!frames[i].1.intersects(frames[j].1), "\(frames[i].0) overlaps \(frames[j].0)")
            }
        }
    }

    @Test func eachStageIsOneColumnAndNodesKeepTheirSize() throws {
        let result = try GraphvizLayout.layout(graph)
        for cluster in graph.clusters {
            let members = graph.nodes.filter { $0.cluster == cluster.id }
            let centres = Set(members.compactMap { result.nodes[$0.id]?.frame.center.x })
            #expect(centres.count == 1, "stage \(cluster.id) spans several columns: \(centres.sorted())")
        }
        for node in graph.nodes {
            let frame = try #require(result.nodes[node.id]).frame
            #expect(frame.width == node.width.rounded(.up) && frame.height == node.height.rounded(.up))
        }
    }

    @Test func clusterTitleBandIsReserved() throws {
        let result = try GraphvizLayout.layout(graph)
        for cluster in graph.clusters {
            let frame = try #require(result.clusters[cluster.id]).frame
            let top = graph.nodes.filter { $0.cluster == cluster.id }
                .compactMap { result.nodes[$0.id]?.frame.minY }.min() ?? .infinity
            #expect(top - frame.minY >= cluster.labelHeight,
                    "cluster \(cluster.id): only \(top - frame.minY) pt above its nodes")
        }
    }

    @Test func edgePointsAreBezierChainsFromTailToHead() throws {
        let result = try GraphvizLayout.layout(graph)
        #expect(result.edges.count == graph.edges.count)
        for (index, edge) in graph.edges.enumerated() {
            let layout = result.edges[index]
            let points = layout.points
            #expect(points.count >= 4 && (points.count - 1) % 3 == 0, "edge \(index): \(points.count) points")
            guard let first = points.first, let last = points.last else { continue }
            let tail = try #require(result.nodes[edge.tail]).frame
            let head = try #require(result.nodes[edge.head]).frame
            #expect(distance(first, toBorderOf: tail) <= 2, "edge \(index) starts \(first) away from tail \(tail)")
            // The default arrowhead=normal: the curve stops short, the arrow tip is on the border.
            let tip = try #require(layout.endPoint, "edge \(index) has no arrow tip")
            #expect(distance(tip, toBorderOf: head) <= 2, "edge \(index) arrow tip \(tip) away from head \(head)")
            #expect(hypot(tip.x - last.x, tip.y - last.y) <= 12, "edge \(index) ends far from its arrow tip")
            #expect(layout.startPoint == nil)
        }
    }

    /// Distance from `p` to the border of `r` (0 on it, positive inside or outside).
    private func distance(_ p: Point, toBorderOf r: Rect) -> Double {
        let dx = max(r.minX - p.x, 0, p.x - r.maxX)
        let dy = max(r.minY - p.y, 0, p.y - r.maxY)
        if dx > 0 || dy > 0 { return hypot(dx, dy) }
        return min(p.x - r.minX, r.maxX - p.x, p.y - r.minY, r.maxY - p.y)
    }
}
