import Testing
@testable import JourneyIO

/// The byte ranges of a parallel direct read shrink towards the end (guided scheduling), so
/// that no reader reads on alone for long; they cover the bytes exactly.
@Suite struct GuidedRangesTests {
    @Test func rangesCoverTheBytesAndShrinkToTheMinimum() {
        for (bytes, threads, minimum) in [(476_000_000, 2, 8 << 20), (476_000_000, 8, 8 << 20), (20 << 20, 2, 8 << 20),
                                          (5 << 20, 2, 8 << 20), (160_000, 100, 200), (1, 2, 512), (10_000, 3, 1)] {
            let lengths = DirectCSVMiner.guidedRangeLengths(bytes: bytes, threads: threads, minimum: minimum)
            #expect(lengths.reduce(0, +) == bytes, "\(bytes) bytes, \(threads) threads")
            #expect(lengths.count <= Int(UInt16.max))
            for (k, n) in lengths.enumerated() {
                #expect(n > 0)
                if k + 1 < lengths.count { #expect(n >= minimum) }
                if k > 0 { #expect(n <= lengths[k - 1]) }
            }
        }
        // The 10M-row benchmark log on two threads: the first range a quarter, the last ones short.
        let bench = DirectCSVMiner.guidedRangeLengths(bytes: 476_000_000, threads: 2, minimum: 8 << 20)
        #expect(bench.first == 119_000_000)
        #expect(bench.count < 20)
        #expect(bench.suffix(2).allSatisfy { $0 <= 8 << 20 })
    }

    /// Never more ranges than a `UInt16` numbers, however small the minimum.
    @Test func atMost65535Ranges() {
        let lengths = DirectCSVMiner.guidedRangeLengths(bytes: 1 << 30, threads: 2, minimum: 1)
        #expect(lengths.count <= Int(UInt16.max))
        #expect(lengths.reduce(0, +) == 1 << 30)
    }
}
