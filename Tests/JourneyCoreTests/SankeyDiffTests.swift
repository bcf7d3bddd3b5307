import Testing
@testable import JourneyCore

/// The journeys of `groups` (that many cases following each path, one second a step), case
/// names `prefix` and a number, mined with the default template.
func diffSankeySequences(_ groups: [(Int, [String])], prefix: String) throws -> JourneySequences {
    let table = EventTable()
    var c = 0
    for (count, path) in groups {
        for _ in 0..<count {
            for (i, a) in path.enumerated() { table.append(case: "\(prefix)\(c)", activity: a, timestamp: Int64(i) * 1_000_000) }
            c += 1
        }
    }
    table.sources = [prefix]
    return try Miner(template: .builtinDefault()).sequences(table)
}

/// A before/after pair of journeys with planted changes of known size (default template):
/// ad_impression → landing_page → product_view → checkout falls from 500 to 350 journeys,
/// email_open → product_view → purchase rises from 300 to 450; social_post → compare exists
/// only before, search_result → review_read only after. 1,020 journeys a side.
func diffSankeyPair() throws -> (before: JourneySequences, after: JourneySequences) {
    let before = try diffSankeySequences([(500, ["ad_impression", "landing_page", "product_view", "checkout"]),
                                (300, ["email_open", "product_view", "purchase"]),
                                (200, ["email_open", "landing_page"]),
                                (20, ["social_post", "compare"])], prefix: "b")
    let after = try diffSankeySequences([(350, ["ad_impression", "landing_page", "product_view", "checkout"]),
                               (450, ["email_open", "product_view", "purchase"]),
                               (200, ["email_open", "landing_page"]),
                               (20, ["search_result", "review_read"])], prefix: "a")
    return (before, after)
}

@Suite struct SankeyDiffTests {
    /// The change of the link between the touchpoints `from` and `to` (nil: no such link).
    static func link(_ d: SankeyDiff, _ from: String, _ to: String) -> ProportionChange? {
        d.layout.links.indices.first { i in
            d.layout.nodes[d.layout.links[i].source].touchpoint == from && d.layout.nodes[d.layout.links[i].target].touchpoint == to
        }.map { d.links[$0] }
    }

    @Test(arguments: [SankeyFlows.Mode.stages, .steps])
    func plantedChangesAreSignificantInTheirDirection(mode: SankeyFlows.Mode) throws {
        let (b, a) = try diffSankeyPair()
        let d = try SankeyDiff(before: b, after: a, mode: mode)
        #expect(d.beforeTotal == 1020 && d.afterTotal == 1020)
        let down = try #require(Self.link(d, "ad_impression", "landing_page"))
        #expect(down.before == Proportion(count: 500, total: 1020) && down.after == Proportion(count: 350, total: 1020))
        #expect(down.significant && down.direction == .decrease)
        let up = try #require(Self.link(d, "email_open", "product_view"))
        #expect(up.before.count == 300 && up.after.count == 450)
        #expect(up.significant && up.direction == .increase)
        // Unchanged: 200 journeys on each side.
        let same = try #require(Self.link(d, "email_open", "landing_page"))
        #expect(same.before.count == 200 && same.after.count == 200 && !same.significant)
    }

    /// Links of either side are in the one layout, with a width, and 0 on the side without them.
    @Test func unionLayoutHoldsLinksOfEitherSide() throws {
        let (b, a) = try diffSankeyPair()
        let d = try SankeyDiff(before: b, after: a)
        let gone = try #require(Self.link(d, "social_post", "compare"))
        #expect(gone.before.count == 20 && gone.after.count == 0)
        let new = try #require(Self.link(d, "search_result", "review_read"))
        #expect(new.before.count == 0 && new.after.count == 20)
        #expect(d.layout.links.allSatisfy { $0.value > 0 && $0.kind != .returnArc })
        // Widths are a weighted sum of both sides' flows: they conserve flow as well.
        #expect(d.layout.checkInvariants().filter { !$0.contains("members") } == [])
        #expect(d.union.checkInvariants() == [])
    }

    /// Each side's counts on the union layout equal that side's own flows, link by link.
    @Test(arguments: [SankeyFlows.Mode.stages, .steps])
    func sideCountsMatchEachSideAlone(mode: SankeyFlows.Mode) throws {
        let (b, a) = try diffSankeyPair()
        let options = SankeyOptions(topK: 50)
        let d = try SankeyDiff(before: b, after: a, mode: mode, sankey: options)
        func key(_ f: SankeyFlows, _ l: SankeyFlows.Link) -> String {
            func node(_ id: Int) -> String {
                let n = f.nodes[id], col = f.columns[n.column]
                return "\(col.stageIndex ?? -1)/\(col.step ?? -1)/\(n.kind.rawValue)/\(n.touchpoint ?? "")"
            }
            return node(l.source) + " > " + node(l.target)
        }
        for (side, sequences) in [(0, b), (1, a)] {
            let own = mode == .stages ? try SankeyFlows.byStages(sequences, options: options) : try SankeyFlows.bySteps(sequences, options: options)
            var expected: [String: Int] = [:]
            for l in own.links where l.kind != .returnArc { expected[key(own, l), default: 0] += l.value }
            var got: [String: Int] = [:]
            for (i, l) in d.layout.links.enumerated() {
                let c = side == 0 ? d.links[i].before.count : d.links[i].after.count
                if c > 0 { got[key(d.layout, l), default: 0] += c }
            }
            #expect(got == expected, "side \(side)")
        }
    }

    /// Two identical sides: nothing changes, nothing is significant.
    @Test func identicalSidesShowNoChange() throws {
        let (b, _) = try diffSankeyPair()
        let d = try SankeyDiff(before: b, after: b)
        #expect(d.significantCount == 0 && d.testedCount > 0)
        #expect((d.links + d.nodes).allSatisfy { $0.absoluteChange == 0 })
    }

    @Test func oneColumnIsRefused() throws {
        let table = EventTable()
        table.append(case: "x", activity: "ad_impression", timestamp: 0)
        table.sources = ["t"]
        let s = try Miner(template: .builtinDefault()).sequences(table)
        #expect(throws: SankeyError.self) { try SankeyDiff(before: s, after: s) }
    }
}

/// `--min-people` on the diff Sankey (docs/privacy.md, "compare"): each side published by the
/// Sankey rules, the diff drawing only what both publish. One journey per person here, so
/// counts are people.
@Suite struct SankeyDiffMinPeopleTests {
    static func pair(small: Int, large: Int) throws -> (JourneySequences, JourneySequences) {
            let common: [(Int, [String])] = [(300, ["ad_impression", "landing_page", "product_view", "checkout"]),
                                          (200, ["email_open", "product_view", "purchase"]),
                                          (100, ["email_open", "landing_page"])]
        // email_open → review_read: `small` people before, `large` after.
        return (try diffSankeySequences(common + [(small, ["email_open", "review_read"])], prefix: "b"),
                try diffSankeySequences(common + [(large, ["email_open", "review_read"])], prefix: "a"))
    }

    @Test(arguments: [SankeyFlows.Mode.stages, .steps])
    func drawsOnlyWhatBothSidesPublish(mode: SankeyFlows.Mode) throws {
        let (b, a) = try Self.pair(small: 3, large: 40)
        let plain = try SankeyDiff(before: b, after: a, mode: mode)
        #expect(SankeyDiffTests.link(plain, "email_open", "review_read") != nil)
        #expect(plain.privacy == nil)
        let d = try SankeyDiff(before: b, after: a, mode: mode, options: ComparisonOptions(minPeople: 10))
        // 3 before: withheld there, so not drawn although 40 take it after.
        #expect(SankeyDiffTests.link(d, "email_open", "review_read") == nil)
        let p = try #require(d.privacy)
        #expect(p.minPeople == 10 && p.links > 0 && p.before.links > 0)
        #expect(d.testedCount < plain.testedCount && d.links.count == d.layout.links.count && d.nodes.count == d.layout.nodes.count)
        for c in d.links + d.nodes {
            #expect(c.before.count == 0 || c.before.count >= 10)
            #expect(c.after.count == 0 || c.after.count >= 10)
        }
        // A drawn node minus its drawn links out gives back 0 or 10 people or more, per side.
        let last = d.layout.columns.count - 1
        for n in d.layout.nodes where n.column < last && n.kind != .dropOff {
            let out = d.layout.links.indices.filter { d.layout.links[$0].source == n.id }
            for side in [\ProportionChange.before, \ProportionChange.after] {
                let back = d.nodes[n.id][keyPath: side].count - out.reduce(0) { $0 + d.links[$1][keyPath: side].count }
                #expect(back == 0 || back >= 10, "\(n.touchpoint ?? n.kind.rawValue): \(back)")
            }
        }
        // Headers: each side's published paths, the same on both sides of a column here (or withheld).
        #expect(p.columnPaths.count == d.layout.columns.count)
        #expect(p.columnPaths.allSatisfy { [$0.before ?? 10, $0.after ?? 10].allSatisfy { $0 == 0 || $0 >= 10 } }, "\(p.columnPaths)")
    }

    @Test func aSideWithFewerThanKPeopleIsAnError() throws {
        let (b, a) = try Self.pair(small: 3, large: 40)
        #expect(throws: MinPeopleError.self) {
            try SankeyDiff(before: b, after: a, options: ComparisonOptions(minPeople: 700))
        }
    }
}
