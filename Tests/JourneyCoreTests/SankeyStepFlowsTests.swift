import Testing
@testable import JourneyCore

/// Sequences of `(case, [activities])`, one event per second in each case.
func sankeySequences(_ journeys: [(String, [String])], sessionGapSeconds: Int64? = nil,
                     gapsAfter: [String: Int] = [:]) throws -> JourneySequences {
    var rows: [(String, String, Int64)] = []
    for (c, acts) in journeys {
        for (i, a) in acts.enumerated() {
            let gap: Int64 = gapsAfter[c].map { i > $0 ? 100_000 : 0 } ?? 0
            rows.append((c, a, Int64(i) + gap))
        }
    }
    var options = MiningOptions()
    options.sessionGapMicros = sessionGapSeconds.map { $0 * 1_000_000 }
    return try Miner(template: JourneyTemplate.builtinDefault(), options: options).sequences(makeTable(rows))
}

extension SankeyFlows {
    /// Value of the node of `kind` (and touchpoint `name`) in `column`, nil when there is none.
    func value(_ column: Int, _ name: String? = nil, kind: NodeKind = .touchpoint) -> Int? {
        columns[column].nodes.map { nodes[$0] }.first { $0.kind == kind && $0.touchpoint == name }?.value
    }

    /// Links as "source>target" names (kind names for special nodes) → value.
    var linkMap: [String: Int] {
        func name(_ id: Int) -> String { "\(nodes[id].column):\(nodes[id].touchpoint ?? nodes[id].kind.rawValue)" }
        return Dictionary(uniqueKeysWithValues: links.map { ("\(name($0.source))>\(name($0.target))", $0.value) })
    }
}

@Suite struct SankeyStepFlowsTests {
    let three: [(String, [String])] = [("1", ["a", "b", "c"]), ("2", ["a", "b"]), ("3", ["a", "c", "c"])]

    @Test func stepsFromTheStartWithDropOff() throws {
        let f = try SankeyFlows.bySteps(sankeySequences(three), options: SankeyOptions(steps: 3))
        #expect(f.checkInvariants() == [])
        #expect(f.columns.count == 3 && f.total == 3 && f.excluded == 0)
        #expect(f.value(0, "a") == 3)
        #expect(f.value(1, "b") == 2 && f.value(1, "c") == 1)
        #expect(f.value(2, "c") == 2 && f.value(2, kind: .dropOff) == 1)
        #expect(f.linkMap == ["0:a>1:b": 2, "0:a>1:c": 1, "1:b>2:c": 1, "1:b>2:dropOff": 1, "1:c>2:c": 1])
        #expect(f.links.first { f.nodes[$0.target].kind == .dropOff }?.kind == .dropOff)
        #expect(f.columns.map(\.step) == [1, 2, 3])
    }

    @Test func collapseRepeatsFoldsConsecutiveSteps() throws {
        let f = try SankeyFlows.bySteps(sankeySequences(three), options: SankeyOptions(steps: 3, collapseRepeats: true))
        #expect(f.checkInvariants() == [])
        #expect(f.value(2, "c") == 1 && f.value(2, kind: .dropOff) == 2)
        let loop = try SankeyFlows.bySteps(sankeySequences([("1", ["a", "a", "b", "b", "a"])]),
                                           options: SankeyOptions(steps: 5, collapseRepeats: true))
        #expect(loop.columns.count == 4)
        #expect(loop.value(0, "a") == 1 && loop.value(1, "b") == 1 && loop.value(2, "a") == 1)
        #expect(loop.value(3, kind: .dropOff) == 1)
    }

    @Test func singleEventPerCaseDropsOffAtOnce() throws {
        let seq = try sankeySequences((0..<50).map { ("c\($0)", ["x\($0 % 4)"]) })
        let f = try SankeyFlows.bySteps(seq, options: SankeyOptions(steps: 10))
        #expect(f.checkInvariants() == [])
        #expect(f.columns.count == 2)
        #expect(f.value(1, kind: .dropOff) == 50 && f.columns[1].nodes.count == 1)
        #expect(f.active(column: 1) == 0)
    }

    @Test func fromAnchorStartsAtFirstOccurrence() throws {
        let seq = try sankeySequences(three + [("4", ["c", "b", "a", "b"])])
        let f = try SankeyFlows.bySteps(seq, options: SankeyOptions(steps: 3, anchor: .from("b")))
        #expect(f.checkInvariants() == [])
        #expect(f.total == 3 && f.excluded == 1)
        #expect(f.columns[0].nodes.count == 1 && f.value(0, "b") == 3)
        #expect(f.value(1, "c") == 1 && f.value(1, "a") == 1 && f.value(1, kind: .dropOff) == 1)
        #expect(f.value(2, "b") == 1 && f.value(2, kind: .dropOff) == 1)
    }

    @Test func toAnchorRightAlignsWithStarts() throws {
        let f = try SankeyFlows.bySteps(sankeySequences(three), options: SankeyOptions(steps: 3, anchor: .to("c")))
        #expect(f.checkInvariants() == [])
        #expect(f.total == 2 && f.excluded == 1)
        #expect(f.columns.map(\.step) == [-2, -1, 0])
        #expect(f.value(0, "a") == 1 && f.value(0, kind: .start) == 1)
        #expect(f.value(1, "a") == 1 && f.value(1, "b") == 1)
        #expect(f.value(2, "c") == 2 && f.columns[2].nodes.count == 1)
        #expect(f.links(.entry).count == 1)
        // Fewer steps than columns: the leftmost columns that would hold only starts are cut.
        let short = try SankeyFlows.bySteps(sankeySequences([("1", ["a", "c"])]), options: SankeyOptions(steps: 6, anchor: .to("c")))
        #expect(short.columns.map(\.step) == [-2, -1, 0])
        #expect(short.value(0, kind: .start) == 1 && short.checkInvariants() == [])
    }

    @Test func truncatedPathsAreCounted() throws {
        let seq = try sankeySequences([("1", ["a", "b", "c", "d"]), ("2", ["a", "b"]), ("3", ["d", "c", "b", "a", "a"])])
        let f = try SankeyFlows.bySteps(seq, options: SankeyOptions(steps: 2))
        #expect(f.truncated == 2 && f.columns.count == 2 && f.checkInvariants() == [])
        let back = try SankeyFlows.bySteps(seq, options: SankeyOptions(steps: 2, anchor: .to("a")))
        #expect(back.truncated == 1 && back.checkInvariants() == [])
    }

    @Test func topKWithOtherNode() throws {
        // Column 2 (index 1): b×4, c×3, d×2, e×1, f×1.
        var journeys: [(String, [String])] = []
        for (i, next) in ["b", "b", "b", "b", "c", "c", "c", "d", "d", "e", "f"].enumerated() { journeys.append(("\(i)", ["a", next])) }
        let seq = try sankeySequences(journeys)
        let f = try SankeyFlows.bySteps(seq, options: SankeyOptions(steps: 2, topK: 2))
        #expect(f.checkInvariants() == [])
        let other = try #require(f.columns[1].nodes.map { f.nodes[$0] }.first { $0.kind == .other })
        #expect(other.value == 4)
        #expect(other.members == [.init(name: "d", value: 2), .init(name: "e", value: 1), .init(name: "f", value: 1)])
        #expect(f.value(1, "b") == 4 && f.value(1, "c") == 3)
        // A single leftover touchpoint keeps its own node: no "other" of one.
        let four = try SankeyFlows.bySteps(seq, options: SankeyOptions(steps: 2, topK: 4))
        #expect(four.columns[1].nodes.allSatisfy { four.nodes[$0].kind == .touchpoint })
        #expect(four.columns[1].nodes.count == 5)
    }

    @Test func countEventsStartsAPathAtEveryOccurrence() throws {
        let seq = try sankeySequences([("1", ["a", "b", "a", "c"]), ("2", ["b"])])
        let f = try SankeyFlows.bySteps(seq, options: SankeyOptions(steps: 3, anchor: .from("a"), countBy: .events))
        #expect(f.checkInvariants() == [])
        #expect(f.total == 2 && f.value(0, "a") == 2 && f.excluded == 1)
        #expect(f.value(1, "b") == 1 && f.value(1, "c") == 1 && f.value(2, kind: .dropOff) == 1)
        // Without an anchor every event starts a path: column 1 is the distribution of events.
        let all = try SankeyFlows.bySteps(seq, options: SankeyOptions(steps: 2, countBy: .events))
        #expect(all.total == 5 && all.value(0, "a") == 2 && all.value(0, "b") == 2 && all.checkInvariants() == [])
    }

    @Test func countPeopleJoinsSessions() throws {
        // Case 1 is split into two sessions (a b | c); case 2 is one session.
        let seq = try sankeySequences([("1", ["a", "b", "c"]), ("2", ["a"])], sessionGapSeconds: 3600, gapsAfter: ["1": 1])
        #expect(seq.count == 3)
        let journeys = try SankeyFlows.bySteps(seq, options: SankeyOptions(steps: 3))
        #expect(journeys.total == 3 && journeys.people == 2 && journeys.journeys == 3)
        let people = try SankeyFlows.bySteps(seq, options: SankeyOptions(steps: 3, countBy: .people))
        #expect(people.total == 2 && people.checkInvariants() == [])
        #expect(people.value(2, "c") == 1 && people.value(0, "a") == 2)
    }

    @Test func sharesOfStartAndOfPrevious() throws {
        let seq = try sankeySequences(three)
        let start = try SankeyFlows.bySteps(seq, options: SankeyOptions(steps: 3, percentOf: .start))
        let prev = try SankeyFlows.bySteps(seq, options: SankeyOptions(steps: 3, percentOf: .previous))
        func node(_ f: SankeyFlows, _ c: Int, _ name: String?, _ kind: SankeyFlows.NodeKind = .touchpoint) -> SankeyFlows.Node {
            f.columns[c].nodes.map { f.nodes[$0] }.first { $0.kind == kind && $0.touchpoint == name }!
        }
        #expect(start.share(of: node(start, 2, "c")) == 2.0 / 3.0)
        // Column 2 (index 1) still has all 3 journeys; column 3's drop-off is 1 of them.
        #expect(prev.share(of: node(prev, 2, nil, .dropOff)) == 1.0 / 3.0)
        #expect(prev.share(of: node(prev, 0, "a")) == 1)
        // With --to, paths starting in the previous column count in the base: never above 100 %.
        let to = try SankeyFlows.bySteps(sankeySequences([("1", ["a", "b", "c"]), ("2", ["b", "c"]), ("3", ["c"])]),
                                         options: SankeyOptions(steps: 3, anchor: .to("c"), percentOf: .previous))
        #expect(to.nodes.allSatisfy { to.share(of: $0) <= 1 })
        #expect(to.share(of: node(to, 2, "c")) == 1)
    }

    @Test func errorsNameTheFlag() throws {
        let seq = try sankeySequences(three)
        #expect(throws: SankeyError.self) { try SankeyFlows.bySteps(seq, options: SankeyOptions(steps: 1)) }
        #expect(throws: SankeyError.self) { try SankeyFlows.bySteps(seq, options: SankeyOptions(topK: 0)) }
        do {
            _ = try SankeyFlows.bySteps(seq, options: SankeyOptions(anchor: .from("B")))
            Issue.record("unknown anchor accepted")
        } catch let e as SankeyError {
            #expect(e.message.contains("--from B") && e.message.contains("a, c, b"))
        }
    }

    @Test func invariantsCatchBrokenFlows() throws {
        let f = try SankeyFlows.bySteps(sankeySequences(three), options: SankeyOptions(steps: 3))
        var bumped = f
        bumped.nodes[1].value += 1
        #expect(bumped.checkInvariants().count >= 2)
        var lost = f
        lost.links.removeLast()
        #expect(!lost.checkInvariants().isEmpty)
        var skipping = f
        skipping.links[0].target = f.columns[2].nodes[0]
        #expect(skipping.checkInvariants().contains { $0.contains("skips columns") })
    }

    @Test(arguments: [false, true])
    func conservationOnRandomLogsFullOfLoops(collapse: Bool) throws {
        var rng = SplitMix(seed: collapse ? 11 : 12)
        var rows: [(String, String, Int64)] = []
        for c in 0..<400 {
            var current = rng.next() % 6
            for k in 0..<Int(rng.next() % 25 + 1) {
                // Mostly stay or go back: loops and repeats everywhere.
                let r = rng.next() % 10
                current = r < 4 ? current : r < 7 ? (current + 5) % 6 : (current + 1) % 6
                rows.append(("c\(c % 300)", "t\(current)", Int64(k) * 60 + Int64(c / 300) * 10_000))
            }
        }
        var mining = MiningOptions()
        mining.sessionGapMicros = 3_000 * 1_000_000
        let seq = try Miner(template: JourneyTemplate.builtinDefault(), options: mining).sequences(makeTable(rows))
        for count in SankeyOptions.CountBy.allCases {
            for anchor in [nil, SankeyOptions.Anchor.from("t2"), .to("t3")] {
                for (steps, top) in [(2, 1), (5, 3), (12, 6)] {
                    let options = SankeyOptions(steps: steps, anchor: anchor, topK: top, collapseRepeats: collapse, countBy: count)
                    let f = try SankeyFlows.bySteps(seq, options: options)
                    #expect(f.checkInvariants() == [], "\(options)")
                    if count != .events { #expect(f.total + f.excluded == (count == .people ? f.people : f.journeys)) }
                    #expect(f.columns.allSatisfy { $0.nodes.filter { f.nodes[$0].kind == .touchpoint }.count <= top + 1 })
                }
            }
        }
    }
}
