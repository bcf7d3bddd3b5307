import Testing
import JourneyLayout

/// The same graph lays out to the same result, bit for bit, within one process.
@Suite struct GraphvizDeterminismTests {
    @Test func twentyLayoutsInOneProcessAreIdentical() throws {
        let graph = GraphvizFixtures.sixStages
        let first = try GraphvizLayout.layout(graph)
        for run in 2...20 {
            // A Bool, so a failure reports the run instead of dumping two whole results.
            let same = try GraphvizLayout.layout(graph) == first
            #expect(same, "layout \(run) differs from the first")
        }
    }

    @Test func anotherLayoutInBetweenChangesNothing() throws {
        let graph = GraphvizFixtures.sixStages
        let first = try GraphvizLayout.layout(graph)
        _ = try GraphvizLayout.layout(GraphvizFixtures.journey(stageSizes: [3, 7, 2, 5]))
        _ = try GraphvizLayout.layout(GraphvizFixtures.scaled(nodeCount: 60))
        let same = try GraphvizLayout.layout(graph) == first
        #expect(same)
    }

    @Test func concurrentCallersGetTheSameResult() async throws {
        let graph = GraphvizFixtures.sixStages
        let reference = try GraphvizLayout.layout(graph)
        let results = try await withThrowingTaskGroup(of: LayoutResult.self) { group in
            for _ in 0..<8 {
                group.addTask { try GraphvizLayout.layout(graph) }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(results.count == 8)
        let differing = results.filter { $0 != reference }.count
        #expect(differing == 0)
    }
}
