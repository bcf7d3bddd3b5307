/// What a journey is and what is counted from it: the mining rules, in one place.
///
/// Every engine that mines a log — the general `Miner` (an `EventTable` from any reader),
/// the direct CSV path `DirectCSVMiner` (case runs read straight from one CSV file), and any
/// engine added later (SQL) — must give the journey file these rules give, byte for byte and
/// for any thread count. Engines differ only in where the events come from and how they are
/// counted in parallel; the rules below are the specification, and the functions of this type
/// are the one implementation of the rules that both Swift engines call. The differential
/// tests (`DirectMiningTests`, `MiningRulesTests`) hold the engines to them.
///
/// **R1 Touchpoints.** Each event's (activity, channel) is given a touchpoint and a stage by
/// the template's rules: the first rule whose activity (and channel, when the rule names one)
/// matches wins (`RuleMatcher`); an event no rule places gets the touchpoint named after its
/// activity, in the template's `unassigned` stage. When no rule names a channel, channels play
/// no part in placing. (`Miner.TouchpointNamer`.)
///
/// **R2 Filters, in this order** (the direct path only runs when there are none:
/// `MiningOptions.filtersEvents`; a comparison's two journey windows it counts itself,
/// `DirectCSVMiner.mineWindows`, by `JourneyWindow.takes`): an event takes part when its activity passes
/// `--include`/`--exclude`, its time `t` has `since ≤ t < until`, and every `--where` clause
/// holds (the attribute's value is one of the clause's values). Then `--keep-activities p`
/// keeps the most frequent touchpoints (by events taking part; ties by name) until they cover
/// at least the share `p` of those events; the others' events are dropped, so their neighbours
/// become consecutive. Then a journey window (compare's `--before/--after`) keeps whole
/// journeys, formed by R3–R5 from what is left, whose first event (or last, `assignBy: .end`)
/// lies in it. (`Miner.eventFilter`.)
///
/// **R3 Cases.** Events are grouped by case id; a case's events keep their input order (file
/// order; several files in the order given) for R4.
///
/// **R4 Order and ties.** Within a case, events are in timestamp order; events with equal
/// timestamps keep their input order (a stable sort). (`JourneyRules.sortByTime`.)
///
/// **R5 Sessions.** A case is cut into journeys between two consecutive events (in R4 order)
/// more than the session gap apart (strictly more); without `--session-gap`, each case is one
/// journey. (`JourneyRules.forEachJourney`.)
///
/// **R6 Counting**, for a journey of touchpoints `t₀ … tₙ₋₁` at times `s₀ … sₙ₋₁`
/// (`JourneyAccumulator.addJourney`; accumulators of disjoint journeys merge by adding):
/// - journeys +1, events +n;
/// - touchpoint `tₖ`: events +1 per event; journeys +1 once per journey that has it;
/// - starts: `t₀` +1; ends: `tₙ₋₁` +1;
/// - edges: every consecutive pair `tₖ₋₁ → tₖ`, a repeat `a → a` included: count +1,
///   journeys +1 once per journey, duration `sₖ − sₖ₋₁` into the edge's histogram
///   (`DurationHistogram.bucket`) and `max(0, sₖ − sₖ₋₁)` into its sum (for the mean);
/// - stages: events +1 per event in the stage; journeys +1 once per journey reaching it;
/// - stage edges: the stages of every consecutive pair, the same stage twice included: count
///   +1, journeys +1 once per journey;
/// - variants: the path `t₀ … tₙ₋₁` +1 (`VariantTable`, or `VariantShards` on the direct path).
/// - people (only `MiningOptions.peopleCounted`: asked for, with a session gap): each case once
///   per item any of its journeys counts above (`PeopleCounter.addCase`).
///
/// **R7 Output** (`JourneyGraphBuilder`): touchpoints that occur, by stage (template order,
/// unassigned last) then name; edges by (from, to) in that order; stages in template order,
/// the unassigned stage only when it has events; stage edges by (from, to) stage order; the
/// `maxVariants` most frequent variants, ties by path in touchpoint order; a touchpoint's
/// channel is its most frequent channel name (`Touchpoint.representativeChannel`). Nothing
/// depends on the order cases are counted in, so results are the same for any thread count.
public enum JourneyRules {
    /// R4: whether `n` times are already in order (then no sort is needed).
    @_spi(JourneyIO) @inlinable @inline(__always)
    public static func isInTimeOrder(_ times: UnsafePointer<Int64>, _ n: Int) -> Bool {
        var k = 1
        while k < n {
            if times[k] < times[k - 1] { return false }
            k += 1
        }
        return true
    }

    /// R4: sorts one case's `n` events by time, stably (equal times keep their current
    /// order, which is input order), moving `payload[k]` with `times[k]`: insertion sort for
    /// the usual few events, else a sort of positions by (time, position).
    package static func sortByTime(_ times: UnsafeMutablePointer<Int64>, carrying payload: UnsafeMutablePointer<Int32>,
                           count n: Int, scratch: TimeSortScratch) {
        if n <= 32 && sortShort(times, carrying: payload, count: n) { return }
        if n <= 64 {
            var i = 1
            while i < n {
                let t = times[i], p = payload[i]
                var j = i
                while j > 0 && times[j - 1] > t { times[j] = times[j - 1]; payload[j] = payload[j - 1]; j -= 1 }
                times[j] = t; payload[j] = p
                i += 1
            }
            return
        }
        scratch.order.removeAll()
        for k in 0..<n { scratch.order.append(Int32(k)) }
        var positions = scratch.order.buffer
        positions.sort { (a: Int32, b: Int32) -> Bool in
            let x = times[Int(a)], y = times[Int(b)]
            return x != y ? x < y : a < b
        }
        scratch.payload.removeAll(); scratch.times.removeAll()
        for k in 0..<n {
            let e = Int(scratch.order[k])
            scratch.payload.append(payload[e]); scratch.times.append(times[e])
        }
        times.update(from: scratch.times.base, count: n)
        payload.update(from: scratch.payload.base, count: n)
    }

    /// `sortByTime` for 2–32 events whose times span less than 2^58 µs (9,000 years; else
    /// false, nothing done): each time becomes a key `(time − earliest) << 5 | position`, so
    /// keys are distinct and ordering them is the stable sort; a sorting network orders them
    /// without branches. Measured: the insertion sort's mispredicted branches on a shuffled
    /// log's cases of up to a few dozen events were ~5 % of `mine`.
    @inline(__always)
    static func sortShort(_ times: UnsafeMutablePointer<Int64>, carrying payload: UnsafeMutablePointer<Int32>,
                          count n: Int) -> Bool {
        guard n >= 2 else { return true }
        var low = times[0], high = times[0]
        for k in 1..<n {
            low = min(low, times[k])
            high = max(high, times[k])
        }
        let (span, overflow) = high.subtractingReportingOverflow(low)
        guard !overflow, span < 1 << 58 else { return false }
        return withUnsafeTemporaryAllocation(of: UInt64.self, capacity: 32) { keys in
            let k = keys.baseAddress!
            for i in 0..<n { k[i] = UInt64(times[i] &- low) << 5 | UInt64(i) }
            for i in n..<32 { k[i] = .max }
            if n <= 4 {
                SortNetwork.sort4(k)
            } else if n <= 8 {
                SortNetwork.sort8(k)
            } else if n <= 16 {
                SortNetwork.sort16(k)
            } else {
                SortNetwork.sort32(k)
            }
            withUnsafeTemporaryAllocation(of: Int32.self, capacity: 32) { moved in
                let m = moved.baseAddress!
                for i in 0..<n { m[i] = payload[Int(k[i] & 31)] }
                for i in 0..<n {
                    times[i] = low &+ Int64(k[i] >> 5)
                    payload[i] = m[i]
                }
            }
            return true
        }
    }

    /// R5: calls `journey(range)` for each journey of one case's `n` events (times in R4
    /// order): cut where two consecutive events are more than `sessionGap` µs apart.
    @_spi(JourneyIO) @inlinable @inline(__always)
    public static func forEachJourney(times: UnsafePointer<Int64>, count n: Int, sessionGap: Int64,
                               _ journey: (Range<Int>) -> Void) {
        guard n > 0 else { return }
        var s = 0
        for k in 1...n where k == n || times[k] - times[k - 1] > sessionGap {
            journey(s..<k)
            s = k
        }
    }
}

/// Working memory of `JourneyRules.sortByTime` for long cases, reused from case to case.
package final class TimeSortScratch {
    package var order = RawColumn<Int32>(capacity: 256)
    var payload = RawColumn<Int32>(capacity: 256)
    package var times = RawColumn<Int64>(capacity: 256)

    package init() {}

    deinit { order.free(); payload.free(); times.free() }
}

extension MiningOptions {
    /// R2: whether any filter is set (the direct path runs only when none is).
    public var filtersEvents: Bool {
        since != nil || until != nil || !whereClauses.isEmpty || (keepActivities ?? 1) < 1
            || !activityFilter.isEmpty || journeyWindow != nil
    }

    /// R5: the session gap in µs (no gap: one journey per case).
    var sessionGap: Int64 { sessionGapMicros ?? Int64.max }

    /// Whether the distinct people behind each count are counted (`PeopleCounter`): when asked
    /// and a session gap can make them differ from the journey counts.
    package var peopleCounted: Bool { countsPeople && sessionGapMicros != nil }
}
