import Foundation
import Testing
@_spi(JourneyIO) @testable import JourneyCore
import JourneyTestSupport

/// The single-threaded tail of `mine` (merging the threads' counts, building the edges'
/// histograms, writing the journey file) taken in larger steps: each step equals the plain
/// definition it replaced.
@Suite struct JourneyFileTailTests {
    /// Eight bytes checked together need an escape exactly when one of them does, whatever the
    /// other seven bytes and the position.
    @Test func wordEscapeCheckIsTheByteDefinition() {
        func reference(_ w: UInt64) -> Bool {
            (0..<8).contains { k in
                let b = UInt8(truncatingIfNeeded: w >> (8 * UInt64(k)))
                return b < 0x20 || b == 0x22 || b == 0x5c
            }
        }
        var rng = SplitMix64(seed: 21)
        let safe: [UInt8] = [0x20, 0x21, 0x23, 0x5b, 0x5d, 0x7f, 0x80, 0xff, 0x30, 0x3a]
        for value in 0...255 {
            for position in 0..<8 {
                for _ in 0..<8 {
                    var w: UInt64 = 0
                    for k in 0..<8 {
                        let b = k == position ? UInt8(value) : safe[Int(rng.next() % UInt64(safe.count))]
                        w |= UInt64(b) << (8 * UInt64(k))
                    }
                    #expect(PrettyJSONEncoder.needsEscape(w) == reference(w), "byte \(value) at \(position): \(String(w, radix: 16))")
                }
            }
        }
        for _ in 0..<200_000 {
            let w = rng.next()
            if PrettyJSONEncoder.needsEscape(w) != reference(w) { Issue.record("word \(String(w, radix: 16))"); return }
        }
    }

    /// Strings with something to escape at every offset, in every length around the word size,
    /// encode as `JSONEncoder` encodes them.
    @Test func escapesAtEveryOffsetMatchJSONEncoder() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        var strings: [String] = []
        for special in ["\"", "\\", "\n", "\u{1}", "\u{1f}", "é", "ก"] {
            for length in 0..<26 {
                for at in 0..<max(1, length) {
                    var s = String(repeating: "1234 567:", count: 3).prefix(length).map(String.init)
                    if at < s.count { s[at] = special }
                    strings.append(s.joined())
                }
            }
        }
        #expect(try PrettyJSONEncoder().encode(strings) == Array(try encoder.encode(strings)))
    }

    /// The histogram text is "bucket:count …" with the numbers in decimal, as interpolation
    /// writes them, from the smallest to the largest counts; it reads back to the same histogram;
    /// the quantiles are the nearest ranks.
    @Test func compactPairsAreTheDecimalPairs() throws {
        var rng = SplitMix64(seed: 5)
        let counts: [Int64] = [1, 9, 10, 99, 100, 12345, 999_999_999, 1_000_000_000, Int64(Int32.max), Int64.max / 2, Int64.max]
        for round in 0..<200 {
            var h = DurationHistogram()
            var bucket: Int32 = round % 3 == 0 ? 0 : Int32(rng.next() % 50)
            for _ in 0..<Int(rng.next() % 40) {
                h.add(bucket: bucket, count: round == 0 ? Int64.max / 64 : counts[Int(rng.next() % UInt64(counts.count))] / 64 + 1)  // sums stay below Int64.max
                bucket += 1 + Int32(rng.next() % 90)  // below the last bucket (3,711)
            }
            let reference = h.sortedBuckets.map { "\($0.key):\($0.value)" }.joined(separator: " ")
            #expect(h.compactPairs == reference)
            #expect(try DurationHistogram(compactPairs: h.compactPairs, sumMicros: h.sumMicros) == h)
            let qs = [0, 0.1, 0.5, 0.9, 0.999, 1]
            // Nearest rank at the bucket's midpoint, over the sorted buckets.
            let expected = qs.map { q -> Double? in
                guard h.count > 0 else { return nil }
                let rank = max(1, Int64((q * Double(h.count)).rounded(.up)))
                var seen: Int64 = 0
                for (b, n) in h.sortedBuckets {
                    seen += n
                    if seen >= rank {
                        let (low, width) = DurationHistogram.range(of: b)
                        return (width == 1 ? Double(low) : Double(low) + Double(width - 1) / 2) / 1e6
                    }
                }
                return nil
            }
            #expect(h.quantilesSeconds(qs) == expected)
        }
    }

    /// Accumulators of disjoint journeys merged (block by block where both edges have dense
    /// histograms, pair by pair where either is past `maxDenseHistograms`) count what one
    /// accumulator counts of all the journeys.
    @Test func mergedAccumulatorsCountWhatOneCounts() {
        let touchpoints = 60  // 3,600 possible edges: some past the dense histograms
        let stageOf = (0..<touchpoints).map { $0 % 6 }
        func accumulator() -> JourneyAccumulator {
            JourneyAccumulator(touchpointCount: touchpoints, stageCount: 6, stageOfTouchpoint: stageOf)
        }
        var rng = SplitMix64(seed: 77)
        let whole = accumulator()
        let parts = [accumulator(), accumulator(), accumulator()]
        for j in 0..<6_000 {
            let n = 1 + Int(rng.next() % 12)
            // Each part meets its edges in an order of its own, so a pair's slots differ.
            let tps = (0..<n).map { _ in Int32(rng.next() % UInt64(j % 3 == 0 ? touchpoints : touchpoints / 2 + j % 30)) }
            var clock = Int64(rng.next() % 1_000_000)
            let ts = tps.map { _ in clock += Int64(rng.next() % (1 << (rng.next() % 40))); return clock }
            tps.withUnsafeBufferPointer { t in
                ts.withUnsafeBufferPointer { s in
                    whole.addJourney(touchpoints: t, timestamps: s)
                    parts[j % 3].addJourney(touchpoints: t, timestamps: s)
                }
            }
        }
        #expect(parts.contains { $0.edgeFrom.count > JourneyAccumulator.maxDenseHistograms })
        parts[0].merge(parts[1])
        parts[0].merge(parts[2])
        let merged = parts[0]
        func edges(_ a: JourneyAccumulator) -> [String: String] {
            var out: [String: String] = [:]
            for e in 0..<a.edgeFrom.count {
                let h = a.durationHistogram(e)
                #expect(h.sortedBuckets.map { [$0.key: $0.value] } == a.histogramPairs(e).map { [$0.0: $0.1] })
                out["\(a.edgeFrom[e])>\(a.edgeTo[e])"] = "\(a.edgeCount[e]) \(a.edgeJourneys[e]) \(a.edgeSum[e]) \(h.count) \(h.compactPairs)"
            }
            return out
        }
        let m = edges(merged), w = edges(whole)
        #expect(m.count == w.count)
        if let key = w.keys.sorted().first(where: { m[$0] != w[$0] }) {
            Issue.record("edge \(key): merged \(m[key] ?? "none"), counted whole \(w[key]!)")
        }
        #expect(merged.journeys == whole.journeys && merged.events == whole.events)
        #expect((0..<touchpoints).map { merged.nodeJourneys[$0] } == (0..<touchpoints).map { whole.nodeJourneys[$0] })
    }
}
