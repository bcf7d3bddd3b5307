/// Distinct people (cases) behind each number of a Sankey, for `--min-people`
/// (`SankeyFlows.applyingMinPeople`): the flow builders mark every key a unit touches (its
/// nodes, links, column cells, and the footnote's counts) after `begin(case:)`, and a person
/// counts once per key however many of their units (journeys, or paths with `--count events`)
/// touch it. Units come in case order, so one stamp per key is enough (no set per person).
struct SankeyPeopleTracker {
    /// People per key.
    private(set) var counts: [Int]
    private var stamp: [Int32]
    private var person: Int32 = -1
    private var lastCase: Int64 = -1
    /// Return arcs (stage mode), keyed as the builder keys them: people and stamp.
    private(set) var arcs: [Int: Int] = [:]
    private var arcStamp: [Int: Int32] = [:]

    init(keys: Int) {
        counts = [Int](repeating: 0, count: keys)
        stamp = [Int32](repeating: -1, count: keys)
    }

    /// The units that follow belong to case `c` (a new person when it differs from the last).
    mutating func begin(case c: UInt32) {
        if Int64(c) != lastCase { lastCase = Int64(c); person += 1 }
    }

    @inline(__always)
    mutating func mark(_ key: Int) {
        if stamp[key] != person { stamp[key] = person; counts[key] += 1 }
    }

    mutating func markArc(_ key: Int) {
        if arcStamp[key] != person { arcStamp[key] = person; arcs[key, default: 0] += 1 }
    }
}

extension JourneySequences {
    /// `forEachUnit`, with the case of each unit.
    @inline(__always)
    func forEachUnitOfCase(people: Bool, _ body: (Int, Int, UInt32) -> Void) {
        var j = 0
        while j < count {
            var k = j + 1
            if people { while k < count && caseOfJourney[k] == caseOfJourney[j] { k += 1 } }
            body(offsets[j], offsets[k], caseOfJourney[j])
            j = k
        }
    }
}
