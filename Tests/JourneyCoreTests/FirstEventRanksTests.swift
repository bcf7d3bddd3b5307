import Testing
@testable import JourneyIO

/// `FirstEventRanks`, how the direct path puts cases in the order they first appear: a marked
/// ordinal's rank is its place among all marked ordinals, across word boundaries, at both ends
/// of the bitmap and with whole words marked.
@Suite struct FirstEventRanksTests {
    @Test(arguments: [1, 63, 64, 65, 1000, 10_000])
    func rankIsThePlaceAmongTheMarkedOrdinals(events: Int) {
        var state = UInt64(events)
        func next() -> Int {  // a fixed sequence (an LCG), so a failure repeats
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(state >> 33) % events
        }
        var marked = Set<Int>([0, events - 1])
        // A run of whole words marked, and scattered ordinals.
        for o in stride(from: 128, to: min(events, 320), by: 1) { marked.insert(o) }
        for _ in 0..<(events / 7) { marked.insert(next()) }
        let ranks = FirstEventRanks(events: events)
        for o in marked.sorted(by: >) { ranks.mark(o) }
        ranks.countBefore()
        for (place, o) in marked.sorted().enumerated() {
            #expect(ranks.rank(o) == place, "ordinal \(o) of \(events)")
        }
    }
}
