import Testing
@testable import JourneyCore

/// `--min-people` on Sankey flows (`SankeyFlows.applyingMinPeople`) and the withheld-total rule
/// of `ComplementarySuppression`, on hand-made cases.
@Suite struct SankeyMinPeopleTests {
    typealias Rule = ComplementarySuppression

    @Test func aWithheldTotalDoesNotComeBackByAddition() {
        // The total (item 0, 30 people) is withheld to protect another sum (item 3 of 2 people
        // beside it); its two members are shown, so their sum would give it back: one goes too.
        let items: [Rule.Item] = [.init(value: 30, people: 30), .init(value: 20, people: 20), .init(value: 10, people: 10),
                                  .init(value: 2, people: 2)]
        let rule = Rule(items: items, groups: [.init(members: [1, 2], total: 0), .init(members: [0, 3], total: nil)])
        let hidden = rule.withheld(minPeople: 5)
        #expect(hidden == [true, false, true, true])
    }

    /// Four people with two sessions "a b" each, six with one "a c".
    func flows(_ k: Int) throws -> SankeyFlows {
        var journeys: [(String, [String])] = []
        for p in 1...4 { journeys.append(("p\(p)", ["a", "b", "a", "b"])) }
        for q in 1...6 { journeys.append(("q\(q)", ["a", "c"])) }
        let gaps = Dictionary(uniqueKeysWithValues: (1...4).map { ("p\($0)", 1) })
        let sequences = try sankeySequences(journeys, sessionGapSeconds: 3600, gapsAfter: gaps)
        return try SankeyFlows.bySteps(sequences, options: SankeyOptions(steps: 6, minPeople: k))
    }

    @Test func peopleNotJourneysDecideAndTheSumsGiveNothingBack() throws {
        let f = try flows(5)
        // "b" has 8 journeys but 4 people: withheld, and with it "c" (6 people), else the
        // node "a" (14) minus its flow to "c" would give "b" back.
        #expect(f.nodes.map { "\($0.column):\($0.touchpoint ?? $0.kind.rawValue)=\($0.value)" } == ["0:a=14", "2:dropOff=14"])
        #expect(f.links.isEmpty)
        #expect(f.privacy?.reached == [14, 14, 0] && f.privacy?.nodes == 2)
        #expect(f.total == 14)
        let open = try flows(4)
        #expect(open.nodes.count == 4 && open.links.count == 4 && open.privacy?.withheld == 0)
    }

    @Test func tooFewPeopleInAllIsAnError() throws {
        #expect(throws: MinPeopleError.self) { try flows(11) }
    }
}
