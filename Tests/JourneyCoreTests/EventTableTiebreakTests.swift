import Testing
@testable import JourneyCore

/// `--tiebreak COL` for local mining: equal timestamps ordered by the column, then input order.
@Suite struct EventTableTiebreakTests {
    func table(_ rows: [(String, String, Int64, String)]) -> EventTable {
        let t = EventTable(attributeNames: ["seq"])
        for (c, a, ts, seq) in rows {
            t.append(case: c, activity: a, timestamp: ts, channel: nil)
            t.setAttribute(0, seq)
        }
        return t
    }

    @Test func equalTimesFollowTheColumn() throws {
        // Input order says b then a; the sequence says a then b.
        let t = table([("u", "b", 10, "2"), ("u", "a", 10, "1"), ("u", "c", 5, "3")])
        let template = JourneyTemplate.builtinDefault()
        let plain = try Miner(template: template).mine(t)
        let ordered = try Miner(template: template).mine(try t.orderedForTies(by: "seq"))
        #expect(plain.variants.top.first?.path == ["c", "b", "a"])
        #expect(ordered.variants.top.first?.path == ["c", "a", "b"])
    }

    @Test func notAWholeNumberIsNamed() {
        let t = table([("u", "a", 1, "x")])
        #expect(throws: MiningError("--tiebreak seq: value \"x\" of case \"u\" is not a whole number; expected an event id or load sequence (an integer column)")) {
            try t.orderedForTies(by: "seq")
        }
        #expect(throws: MiningError("--tiebreak id: the log has no column \"id\"")) { try t.orderedForTies(by: "id") }
    }
}
