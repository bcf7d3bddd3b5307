import Testing
import JourneyCore
@testable import JourneyLayout

@Suite struct SankeyLayoutTests {
    func layout(_ flows: SankeyFlows, iterations: Int = 32, minNode: Double = 20, plotHeight: Double = 400) -> SankeyLayout {
        SankeyLayout(flows: flows, columnX: flows.columns.indices.map { Double($0) * 200 }, top: 50, nodeWidth: 14,
                     nodePadding: 10, plotHeight: plotHeight, minNodeHeight: minNode, iterations: iterations)
    }

    /// Geometry every layout must have; returns the problems found.
    func problems(_ flows: SankeyFlows, _ l: SankeyLayout, minNode: Double = 20) -> [String] {
        var out: [String] = []
        for col in l.columnOrder {
            for (a, b) in zip(col, col.dropFirst()) where l.nodeFrames[a].maxY + 10 - 1e-6 > l.nodeFrames[b].minY {
                out.append("nodes \(a) and \(b) closer than the padding")
            }
        }
        for n in flows.nodes {
            let f = l.nodeFrames[n.id]
            if f.height < minNode - 1e-9 { out.append("node \(n.id) shorter than the minimum") }
            if f.minY < l.plot.minY - 1e-6 || f.maxY > l.plot.maxY + 1e-6 { out.append("node \(n.id) outside the plot") }
            // Heights proportional to value, unless raised to the minimum.
            if abs(f.height - max(Double(n.value) * l.scale, minNode)) > 1e-6 { out.append("node \(n.id) height not proportional") }
        }
        // Ribbons: width = value × scale, inside both nodes' edges; a node's ribbons on each side add up to its flow.
        var outWidth = [Double](repeating: 0, count: flows.nodes.count), inWidth = outWidth
        for r in l.ribbons {
            let link = flows.links[r.link]
            if abs(r.width - Double(link.value) * l.scale) > 1e-6 { out.append("ribbon \(r.link) width") }
            let s = l.nodeFrames[link.source], t = l.nodeFrames[link.target]
            if r.sourceY < s.minY - 1e-6 || r.sourceY + r.width > s.maxY + 1e-6 { out.append("ribbon \(r.link) leaves its source") }
            if r.targetY < t.minY - 1e-6 || r.targetY + r.width > t.maxY + 1e-6 { out.append("ribbon \(r.link) misses its target") }
            if abs(r.x0 - s.maxX) > 1e-9 || abs(r.x1 - t.minX) > 1e-9 { out.append("ribbon \(r.link) ends off the node edges") }
            outWidth[link.source] += r.width
            inWidth[link.target] += r.width
        }
        let last = flows.columns.count - 1
        for n in flows.nodes {
            let v = Double(n.value) * l.scale
            if n.column < last && n.kind != .dropOff && abs(outWidth[n.id] - v) > 1e-6 { out.append("node \(n.id) outflow \(outWidth[n.id]) ≠ \(v)") }
            if n.column > 0 && n.kind != .start && abs(inWidth[n.id] - v) > 1e-6 { out.append("node \(n.id) inflow \(inWidth[n.id]) ≠ \(v)") }
        }
        return out
    }

    @Test func stepFlowsConserveAndDoNotOverlap() throws {
        for seed: UInt64 in [1, 2, 3, 4] {
            let seq = try sankeySequences(randomJourneys(300, seed: seed))
            for options in [SankeyOptions(steps: 8, topK: 5), SankeyOptions(steps: 5, anchor: .to("checkout"), topK: 3),
                            SankeyOptions(steps: 6, anchor: .from("product_view"), topK: 4, collapseRepeats: true, countBy: .events)] {
                let flows = try SankeyFlows.bySteps(seq, options: options)
                #expect(flows.checkInvariants() == [], "seed \(seed) \(options)")
                #expect(problems(flows, layout(flows)) == [], "seed \(seed) \(options)")
            }
        }
    }

    @Test func stageFlowsWithLoopsConserveAndDoNotOverlap() throws {
        // Every journey loops between decision and consideration, and back from usage.
        let loops = (0..<120).map { i -> (String, [String]) in
            let loop = Array(repeating: ["product_view", "checkout", "compare", "add_to_cart"], count: 1 + i % 4).flatMap { $0 }
            return ("c\(i)", ["ad_impression"] + loop + (i % 3 == 0 ? ["onboarding", "checkout", "renewal"] : []))
        }
        let seq = try sankeySequences(loops + randomJourneys(200, seed: 9))
        let flows = try SankeyFlows.byStages(seq, options: SankeyOptions(topK: 4))
        #expect(flows.checkInvariants() == [])
        #expect(flows.returnJourneys >= 120 && !flows.links(.returnArc).isEmpty)
        #expect(problems(flows, layout(flows)) == [])
    }

    @Test func singleEventPerCase() throws {
        let seq = try sankeySequences((0..<40).map { ("c\($0)", [sankeyTouchpoints[$0 % 9]]) })
        let flows = try SankeyFlows.bySteps(seq, options: SankeyOptions(steps: 5, topK: 4))
        #expect(flows.checkInvariants() == [])
        #expect(flows.columns.count == 2 && flows.value(1, kind: .dropOff) == 40)
        #expect(problems(flows, layout(flows)) == [])
        let stages = try SankeyFlows.byStages(seq)
        #expect(stages.checkInvariants() == [] && problems(stages, layout(stages)) == [])
    }

    @Test func minimumHeightsGrowThePlotInsteadOfOverlapping() throws {
        // 30 touchpoints in one column, one path each, in a 100-point plot.
        let names = (0..<30).map { "t\($0)" }
        let seq = try sankeySequences(names.enumerated().map { ("c\($0.offset)", [$0.element, "checkout"]) })
        let flows = try SankeyFlows.bySteps(seq, options: SankeyOptions(steps: 2, topK: 50))
        let l = layout(flows, minNode: 20, plotHeight: 100)
        #expect(l.plot.height >= 30 * 20 + 29 * 10)
        #expect(problems(flows, l) == [])
    }

    @Test func relaxationRemovesAvoidableCrossings() throws {
        // Built order puts w (17) above z (10) while a (10), the top source, feeds z: crossings
        // until relaxation moves z up.
        let journeys = (0..<10).map { ("a\($0)", ["ad_impression", "renewal"]) }
            + (0..<9).map { ("b\($0)", ["email_open", "checkout"]) } + (0..<8).map { ("c\($0)", ["social_post", "checkout"]) }
        let flows = try SankeyFlows.bySteps(sankeySequences(journeys), options: SankeyOptions(steps: 2))
        #expect(layout(flows, iterations: 0).crossings(flows) > 0)
        #expect(layout(flows).crossings(flows) == 0)
    }

    @Test func deterministic() throws {
        let seq = try sankeySequences(randomJourneys(200, seed: 5))
        let flows = try SankeyFlows.bySteps(seq, options: SankeyOptions(steps: 7))
        #expect(layout(flows) == layout(flows))
    }

    @Test func pinnedNodesSitAtTheBottomInOrder() throws {
        let seq = try sankeySequences(randomJourneys(300, seed: 11))
        let flows = try SankeyFlows.bySteps(seq, options: SankeyOptions(steps: 6, topK: 3))
        let l = layout(flows)
        let rank: [SankeyFlows.NodeKind: Int] = [.touchpoint: 0, .other: 1, .skipped: 2, .start: 3, .dropOff: 4]
        for col in l.columnOrder {
            let kinds = col.map { rank[flows.nodes[$0].kind]! }
            #expect(kinds == kinds.sorted())
            if let last = col.last, flows.nodes[last].kind == .dropOff { #expect(abs(l.nodeFrames[last].maxY - l.plot.maxY) < 1e-6) }
        }
    }
}

extension SankeyFlows {
    func value(_ column: Int, _ name: String? = nil, kind: NodeKind = .touchpoint) -> Int? {
        columns[column].nodes.map { nodes[$0] }.first { $0.kind == kind && $0.touchpoint == name }?.value
    }
}
