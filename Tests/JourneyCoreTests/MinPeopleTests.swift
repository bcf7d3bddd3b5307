import Foundation
import Testing
@testable import JourneyCore

/// `--min-people`: the suppression rule (`ComplementarySuppression`), people counted by the
/// general miner, written and merged exactly, and the graph's sums (docs/privacy.md).
@Suite struct MinPeopleTests {
    typealias Rule = ComplementarySuppression

    @Test func itemsBelowKAreWithheldAndAZeroIsShown() {
        let rule = Rule(items: [.init(value: 9, people: 3), .init(value: 0, people: 0), .init(value: 40, people: 12)], groups: [])
        #expect(rule.withheld(minPeople: 5) == [true, false, false])
    }

    @Test func aLoneWithheldMemberTakesTheSmallestShownOneWithIt() {
        // total 100 = 60 + 30 + 6 + 4: the 4 (2 people) is withheld; subtraction would give it
        // back, so the shown member with the fewest people (the 6, 8 people) goes too.
        let items: [Rule.Item] = [.init(value: 100, people: 50), .init(value: 60, people: 30), .init(value: 30, people: 20),
                                  .init(value: 6, people: 8), .init(value: 4, people: 2)]
        let rule = Rule(items: items, groups: [.init(members: [1, 2, 3, 4], total: 0)])
        #expect(rule.withheld(minPeople: 5) == [false, false, false, true, true])
    }

    @Test func twoSmallWithheldMembersStillNeedOneOfKPeople() {
        // 3 and 2 people withheld: their sum would rest on at most 5 < 10 people.
        let items: [Rule.Item] = [.init(value: 100, people: 50), .init(value: 80, people: 40), .init(value: 15, people: 12),
                                  .init(value: 3, people: 3), .init(value: 2, people: 2)]
        let rule = Rule(items: items, groups: [.init(members: [1, 2, 3, 4], total: 0)])
        #expect(rule.withheld(minPeople: 10) == [false, false, true, true, true])
    }

    @Test func anUnaccountedPartCountsAsWithheld() {
        // Variants past the list (unaccounted 5): one shown variant goes with them.
        let items: [Rule.Item] = [.init(value: 70, people: 70), .init(value: 25, people: 25)]
        let rule = Rule(items: items, groups: [.init(members: [0, 1], total: nil, unaccounted: 5)])
        #expect(rule.withheld(minPeople: 10) == [false, true])
    }

    @Test func aWithheldTotalNeedsNoCheckAndCascades() {
        // A box of 3 people: withheld with its two flows; the flows' group of the withheld box
        // is not checked, and the other box's group is satisfied by the 20-people flow.
        let items: [Rule.Item] = [.init(value: 3, people: 3), .init(value: 2, people: 2), .init(value: 1, people: 1),
                                  .init(value: 200, people: 100), .init(value: 20, people: 20)]
        let rule = Rule(items: items, groups: [.init(members: [1, 2], total: 0), .init(members: [1, 4], total: 3, unaccounted: 178)],
                        cascade: [0: [1, 2]])
        let hidden = rule.withheld(minPeople: 5)
        #expect(hidden[0] && hidden[1] && hidden[2] && !hidden[3])
        #expect(hidden[4], "the unaccounted 178 and the withheld 2 need a member of 5 people or more withheld")
    }

    /// Five people; case p1 has two sessions (a b, then a c) an hour apart.
    func sessionTable() -> EventTable {
        var rows: [(String, String, Int64)] = []
        for p in 1...4 { rows += [("p\(p)", "a", 0), ("p\(p)", "b", 10)] }
        rows += [("p1", "a", 7200), ("p1", "c", 7210), ("p5", "a", 0), ("p5", "c", 5)]
        return makeTable(rows)
    }

    @Test func peopleAreCountedBeforeTheSessionGapSplitsThem() throws {
        var options = MiningOptions(sessionGapMicros: 1_800_000_000)
        options.countsPeople = true
        let g = try Miner(template: .builtinDefault(), options: options).mine(sessionTable())
        let a = try #require(g.touchpoints.first { $0.name == "a" })
        #expect(g.journeys == 6 && g.people == 5)
        #expect(a.journeys == 6 && a.people == 5 && a.starts == 6 && a.startPeople == 5)
        let ac = try #require(g.edges.first { $0.from == "a" && $0.to == "c" })
        #expect(ac.journeys == 2 && ac.people == 2)
        #expect(g.variants.top.first { $0.path == ["a", "b"] }?.people == 4)
        #expect(g.stages.allSatisfy { $0.people != nil })
    }

    @Test func withoutTheFlagOrTheGapNothingIsWritten() throws {
        var asked = MiningOptions()
        asked.countsPeople = true
        for options in [MiningOptions(sessionGapMicros: 1_800_000_000), asked] {
            let g = try Miner(template: .builtinDefault(), options: options).mine(sessionTable())
            let text = String(decoding: try g.jsonData(), as: UTF8.self)
            #expect(g.people == nil && !text.contains("people") && !text.contains("People"))
        }
    }

    @Test func peopleRoundTripAndMergeExactly() throws {
        var options = MiningOptions(sessionGapMicros: 1_800_000_000)
        options.countsPeople = true
        let table = sessionTable()
        let whole = try Miner(template: .builtinDefault(), options: options).mine(table)
        let back = try JourneyGraph.decode(try whole.jsonData(), file: "x.json")
        #expect(back == whole)
        // Split by person: p1–p2 and p3–p5.
        let left = makeTable([("p1", "a", 0), ("p1", "b", 10), ("p2", "a", 0), ("p2", "b", 10), ("p1", "a", 7200), ("p1", "c", 7210)])
        let right = makeTable([("p3", "a", 0), ("p3", "b", 10), ("p4", "a", 0), ("p4", "b", 10), ("p5", "a", 0), ("p5", "c", 5)])
        let miner = Miner(template: .builtinDefault(), options: options)
        var merged = try miner.mine(left).merged(with: try miner.mine(right))
        merged.source.files = whole.source.files
        #expect(merged.people == whole.people)
        #expect(merged.touchpoints.map(\.people) == whole.touchpoints.map(\.people))
        #expect(merged.edges.map(\.people) == whole.edges.map(\.people))
        #expect(merged.variants.top.map(\.people) == whole.variants.top.map(\.people))
    }

    @Test func aSuppressedFileIsNotMergedAndAGapWithoutPeopleIsRefused() throws {
        let g = try Miner(template: .builtinDefault()).mine(sessionTable())
        let suppressed = try g.applyingMinPeople(2)
        #expect(throws: JourneyFileError.self) { try suppressed.merged(with: g) }
        let gap = try Miner(template: .builtinDefault(), options: MiningOptions(sessionGapMicros: 1_800_000_000)).mine(sessionTable())
        #expect(throws: MinPeopleError.self) { try gap.applyingMinPeople(2) }
        #expect(throws: MinPeopleError.self) { try g.applyingMinPeople(6) }
    }

    @Test func theGraphsSumsGiveNothingBack() throws {
        // Without a gap: a (5 people) → b (4) and → c (1, withheld with its flow and end).
        // a's flows out add up to its events, so a → b (4 people) is withheld too; the stage's
        // events are a's, b's and c's, so b (fewer people than a) goes as well; the ends add up
        // to the journeys, so b's end goes with c's.
        let g = try Miner(template: .builtinDefault()).mine(makeTable(
            [("p1", "a", 0), ("p1", "b", 1), ("p2", "a", 0), ("p2", "b", 1), ("p3", "a", 0), ("p3", "b", 1),
             ("p4", "a", 0), ("p4", "b", 1), ("p5", "a", 0), ("p5", "c", 1)]))
        let s = try g.applyingMinPeople(2)
        #expect(s.touchpoints.map(\.name) == ["a"])
        #expect(s.edges.isEmpty)
        #expect(s.touchpoints[0].starts == 5 && s.touchpoints[0].events == 5)
        #expect(s.privacy?.touchpoints == 2 && s.privacy?.edges == 2)
        #expect(s.stages.first { $0.id == StageDefinition.unassigned.id }?.events == 10, "the stage total rests on 5 people")
        // At k = 1 nothing is withheld.
        let all = try g.applyingMinPeople(1)
        #expect(all.touchpoints == g.touchpoints && all.edges == g.edges && all.privacy?.withheld == 0)
    }
}
