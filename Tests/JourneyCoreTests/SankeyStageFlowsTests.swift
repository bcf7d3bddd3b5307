import Testing
@testable import JourneyCore

@Suite struct SankeyStageFlowsTests {
    // Default template: ad_impression (awareness), product_view (consideration),
    // purchase (decision), onboarding (usage), renewal (retention), referral (advocacy).

    @Test func stageColumnsWithSkipsAndLateEntries() throws {
        let seq = try sankeySequences([
            ("1", ["ad_impression", "product_view", "purchase"]),
            ("2", ["ad_impression", "purchase"]),           // skips consideration
            ("3", ["product_view", "compare", "purchase"]), // enters at consideration
            ("4", ["ad_impression"]),                       // leaves after awareness
        ])
        let f = try SankeyFlows.byStages(seq)
        #expect(f.checkInvariants() == [])
        #expect(f.columns.map { f.stages[$0.stageIndex!].id } == ["awareness", "consideration", "decision"])
        #expect(f.omittedStages == ["usage", "retention", "advocacy"])
        #expect(f.value(0, "ad_impression") == 3 && f.value(0, kind: .skipped) == 1)
        #expect(f.value(1, "product_view") == 2 && f.value(1, kind: .skipped) == 1 && f.value(1, kind: .dropOff) == 1)
        #expect(f.value(2, "purchase") == 3)
        #expect(f.linkMap == [
            "0:ad_impression>1:product_view": 1, "0:ad_impression>1:skipped": 1, "0:ad_impression>1:dropOff": 1,
            "0:skipped>1:product_view": 1, "1:product_view>2:purchase": 2, "1:skipped>2:purchase": 1,
        ])
        #expect(f.returnJourneys == 0 && f.returnMoves == 0)
    }

    @Test func backMovesBecomeReturnArcs() throws {
        let seq = try sankeySequences([
            ("1", ["ad_impression", "purchase", "product_view"]),
            ("2", ["purchase", "product_view", "purchase", "product_view", "purchase"]),
            ("3", ["product_view", "purchase"]),
        ])
        let f = try SankeyFlows.byStages(seq)
        #expect(f.checkInvariants() == [])
        // Forward ribbons follow stage order: journey 1 counts ad → product_view → purchase.
        #expect(f.value(1, "product_view") == 3 && f.value(2, "purchase") == 3)
        #expect(f.returnJourneys == 2 && f.returnMoves == 3)
        let arcs = f.links(.returnArc)
        #expect(arcs.count == 1)
        #expect(arcs.first.map { f.nodes[$0.source].touchpoint } == "purchase")
        #expect(arcs.first.map { f.nodes[$0.target].touchpoint } == "product_view")
        #expect(arcs.first?.value == 2)
    }

    @Test func unassignedEventsAreCountedNotPlaced() throws {
        let seq = try sankeySequences([("1", ["ad_impression", "mystery", "purchase"]), ("2", ["mystery", "enigma"])])
        let f = try SankeyFlows.byStages(seq)
        #expect(f.checkInvariants() == [])
        #expect(f.unplacedEvents == 3 && f.excluded == 1 && f.total == 1)
        #expect(f.columns.count == 2)
    }

    @Test func oneStageOnlyGivesOneColumn() throws {
        let f = try SankeyFlows.byStages(sankeySequences([("1", ["purchase"]), ("2", ["checkout", "purchase"])]))
        #expect(f.checkInvariants() == [])
        #expect(f.columns.count == 1 && f.links.isEmpty && f.value(0, "purchase") == 1 && f.value(0, "checkout") == 1)
    }

    @Test func refusesStepOnlyOptions() throws {
        let seq = try sankeySequences([("1", ["purchase"])])
        #expect(throws: SankeyError.self) { try SankeyFlows.byStages(seq, options: SankeyOptions(anchor: .from("purchase"))) }
        #expect(throws: SankeyError.self) { try SankeyFlows.byStages(seq, options: SankeyOptions(countBy: .events)) }
        #expect(throws: SankeyError.self) { try SankeyFlows.byStages(sankeySequences([("1", ["mystery"])])) }
    }

    @Test(arguments: [1, 3, 6])
    func conservationOnRandomLogsFullOfLoops(top: Int) throws {
        let activities = ["ad_impression", "social_post", "product_view", "compare", "review_read", "add_to_cart",
                          "purchase", "onboarding", "app_open", "renewal", "referral", "share", "mystery"]
        var rng = SplitMix(seed: UInt64(100 + top))
        var rows: [(String, String, Int64)] = []
        for c in 0..<500 {
            for k in 0..<Int(rng.next() % 30 + 1) {
                rows.append(("c\(c)", activities[Int(rng.next() % UInt64(activities.count))], Int64(k)))
            }
        }
        let seq = try Miner(template: JourneyTemplate.builtinDefault()).sequences(makeTable(rows))
        for count in [SankeyOptions.CountBy.journeys, .people] {
            let f = try SankeyFlows.byStages(seq, options: SankeyOptions(topK: top, collapseRepeats: top == 3, countBy: count))
            #expect(f.checkInvariants() == [])
            #expect(f.total + f.excluded == 500)
            #expect(f.returnJourneys > 0 && f.returnMoves >= f.returnJourneys)
            #expect(f.links(.returnArc).allSatisfy { f.nodes[$0.target].column < f.nodes[$0.source].column })
        }
    }
}
