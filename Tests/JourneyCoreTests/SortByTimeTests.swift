import Testing
@_spi(JourneyIO) @testable import JourneyCore

/// R4's sort (`JourneyRules.sortByTime`): stable by time for every length, through each of
/// its ways (sorting networks up to 32 events, insertion sort up to 64, a sort of positions
/// beyond; the networks' fallback when times span too much for their keys).
@Suite struct SortByTimeTests {
    /// Sorts a copy with `sortByTime` and with Swift's stable sort of (time, position).
    private func check(_ times: [Int64], _ label: String) {
        let n = times.count
        let payload = (0..<n).map { Int32($0) }
        let expected = times.indices.sorted { (times[$0], $0) < (times[$1], $1) }
        var t = times, p = payload
        t.withUnsafeMutableBufferPointer { tb in
            p.withUnsafeMutableBufferPointer { pb in
                if !JourneyRules.isInTimeOrder(tb.baseAddress!, n) {
                    JourneyRules.sortByTime(tb.baseAddress!, carrying: pb.baseAddress!, count: n, scratch: TimeSortScratch())
                }
            }
        }
        #expect(p == expected.map { Int32($0) }, "\(label): payload order, n=\(n)")
        #expect(t == expected.map { times[$0] }, "\(label): times, n=\(n)")
    }

    @Test func everyLengthWithTiesStaysStable() {
        var rng = SortTestRandom(seed: 7)
        for n in 1...80 {
            for round in 0..<40 {
                // Few distinct times: many ties, whose input order must survive.
                let spread = Int64([1, 3, n, 1_000_000][round % 4])
                check((0..<n).map { _ in Int64(rng.next() % UInt64(spread)) + 1_700_000_000_000_000 }, "ties")
            }
        }
    }

    @Test func reversedAndNegativeTimes() {
        for n in [2, 3, 4, 5, 8, 9, 16, 17, 31, 32, 33, 64, 65] {
            check((0..<n).map { Int64(n - $0) * -1_000_000 }, "reversed before 1970")
            check((0..<n).map { Int64(($0 * 7) % 5) - 2 }, "around zero")
        }
    }

    @Test func timesSpanningTooMuchForTheKeysFallBack() {
        // 2^58 µs and more between the earliest and the latest: the insertion sort takes them.
        for n in [2, 5, 12, 20, 32] {
            var times = (0..<n).map { Int64($0 % 3) * (Int64.max / 3) }
            times.reverse()
            times[0] = Int64.min
            check(times, "huge span")
            check((0..<n).map { $0 % 2 == 0 ? Int64(1) << 58 : 0 }, "exactly 2^58")
        }
    }
}

/// A small seeded generator (the tests' results must not depend on the run).
private struct SortTestRandom {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9e37_79b9_7f4a_7c15
        var z = state
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }
}
