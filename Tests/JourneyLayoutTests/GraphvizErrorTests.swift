import Testing
@testable import JourneyLayout

/// Bad graphs are refused with a `LayoutError` that says what to change.
@Suite struct GraphvizErrorTests {
    private func tiny() -> LayoutGraph {
        LayoutGraph(attributes: [.rankdir: "LR"],
                    nodes: [LayoutNode(id: "a", width: 40, height: 20, cluster: "c"),
                            LayoutNode(id: "b", width: 40, height: 20, cluster: "c")],
                    clusters: [LayoutCluster(id: "c", order: 0)],
                    edges: [LayoutEdge(tail: "a", head: "b")])
    }

    @Test func edgeToAnUnknownNodeIsRefused() {
        var graph = tiny()
        graph.edges.append(LayoutEdge(tail: "a", head: "ghost"))
        #expect(throws: LayoutError.unknownNode(edgeIndex: 1, end: "head", id: "ghost")) {
            try GraphvizLayout.layout(graph)
        }
    }

    @Test func orthoSplinesAreRefusedUnlessAllowed() throws {
        var graph = tiny()
        graph.attributes[.splines] = "ortho"
        let error = #expect(throws: LayoutError.self) { try GraphvizLayout.layout(graph) }
        #expect(error == .slowSplinesRefused(value: "ortho"))
        #expect(error?.description.contains("allowSlowSplines") == true)
        let allowed = try GraphvizLayout.layout(graph, options: LayoutOptions(allowSlowSplines: true))
        #expect(allowed.nodes.count == 2)
    }

    @Test func nodeLimitIsEnforced() {
        let graph = GraphvizFixtures.scaled(nodeCount: 40)
        #expect(throws: LayoutError.tooManyNodes(count: 40, limit: 39)) {
            try GraphvizLayout.layout(graph, options: LayoutOptions(maxNodeCount: 39))
        }
        #expect(LayoutOptions().maxNodeCount == 2000)
    }

    @Test func structuralMistakesAreRefused() {
        var duplicate = tiny()
        duplicate.nodes.append(LayoutNode(id: "a", width: 1, height: 1))
        #expect(throws: LayoutError.duplicateNode(id: "a")) { try GraphvizLayout.layout(duplicate) }

        var strayCluster = tiny()
        strayCluster.nodes[0].cluster = "nowhere"
        #expect(throws: LayoutError.unknownCluster(node: "a", cluster: "nowhere")) { try GraphvizLayout.layout(strayCluster) }

        var empty = tiny()
        empty.clusters.append(LayoutCluster(id: "empty", order: 1))
        #expect(throws: LayoutError.emptyCluster(id: "empty")) { try GraphvizLayout.layout(empty) }

        var zeroSize = tiny()
        zeroSize.nodes[1].width = 0
        #expect(throws: LayoutError.invalidNodeSize(id: "b", width: 0, height: 20)) { try GraphvizLayout.layout(zeroSize) }

        var negative = tiny()
        negative.edges[0].weight = -1
        #expect(throws: LayoutError.self) { try GraphvizLayout.layout(negative) }

        var reserved = tiny()
        reserved.nodes[0].attributes[.width] = "3"
        #expect(throws: LayoutError.self) { try GraphvizLayout.layout(reserved) }
    }

    @Test func graphvizFailuresCarryGraphvizText() throws {
        let error = #expect(throws: LayoutError.self) {
            try GraphvizLayout.layout(tiny(), options: LayoutOptions(), engine: "no-such-engine")
        }
        guard case .graphviz(let call, let message)? = error else {
            Issue.record("expected a Graphviz error, got \(String(describing: error))")
            return
        }
        #expect(call == "gvLayout")
        #expect(message.contains("not recognized"), "message was: \(message)")
        // The lock and Graphviz's error state are fine afterwards.
        #expect(try GraphvizLayout.layout(tiny()).nodes.count == 2)
    }

    @Test func warningsAreCapturedNotPrinted() throws {
        var graph = tiny()
        graph.attributes[.splines] = "bogus"
        graph.attributes["rnakdir"] = "LR"
        let result = try GraphvizLayout.layout(graph)
        #expect(result.warnings.contains { $0.contains("rnakdir") })
        #expect(result.warnings.contains { $0.contains("splines") && $0.contains("bogus") }, "\(result.warnings)")
        #expect(try GraphvizLayout.layout(tiny()).warnings.isEmpty)
    }

    @Test func anEmptyGraphLaysOutToNothing() throws {
        let result = try GraphvizLayout.layout(LayoutGraph())
        #expect(result.nodes.isEmpty && result.edges.isEmpty && result.clusters.isEmpty)
    }

    @Test func dotComesFromBuiltInPluginsNotConfig6a() {
        // Debian's libgvc6 keeps its plugins in <libdir>/graphviz; if opening them breaks, layouts
        // silently depend on config6a again, which this catches.
        guard case .builtins(let directory) = GraphvizLayout.pluginSource else {
            Issue.record("plugins came from \(GraphvizLayout.pluginSource)")
            return
        }
        #expect(directory.hasSuffix("/graphviz"))
    }
}
