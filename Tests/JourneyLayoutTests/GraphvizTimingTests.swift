import Testing
@testable import JourneyLayout

/// Reports layout times (printed, not asserted: the machine is shared).
@Suite struct GraphvizTimingTests {
    @Test(arguments: [20, 100, 300])
    func eightStagesFiveEdgesPerNode(nodeCount: Int) throws {
        let graph = GraphvizFixtures.scaled(nodeCount: nodeCount)
        let clock = ContinuousClock()
        var result: LayoutResult?
        let elapsed = try clock.measure { result = try GraphvizLayout.layout(graph) }
        #expect(result?.nodes.count == nodeCount)
        #expect(result?.edges.count == 5 * nodeCount)
        print("graphviz timing: 8 stages, N=\(nodeCount) nodes, \(graph.edges.count) edges: \(elapsed)")
    }

    @Test func contextCost() throws {
        let clock = ContinuousClock()
        let runs = 50
        let elapsed = try clock.measure {
            for _ in 0..<runs {
                try GraphvizLock.withLock { try GraphvizMessages.capturing { try GraphvizContext.with { _ in } } }
            }
        }
        print("graphviz timing: context create+free: \(elapsed / runs) each")
    }
}
