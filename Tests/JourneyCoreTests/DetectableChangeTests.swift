import Testing
@testable import JourneyCore

/// The minimum detectable change that `compare` warns with: the normal quantiles it rests on,
/// the textbook figure for 100 journeys a side, and where the warning starts.
@Suite struct DetectableChangeTests {
    @Test func quantilesInvertTheDistribution() {
        #expect(abs(NormalDistribution.quantile(0.975) - 1.959964) < 1e-6)
        #expect(abs(NormalDistribution.quantile(0.8) - 0.841621) < 1e-6)
        #expect(abs(NormalDistribution.quantile(0.5)) < 1e-9)
        #expect(NormalDistribution.quantile(0) == -.infinity)
    }

    @Test func sizesSetTheChangeThatCanBeFound() throws {
        // (1.96 + 0.8416) · √(0.25 · 2/100) = 0.198: 100 journeys a side find a 40 % → 60 % move.
        let hundred = try #require(DetectableChange.minimum(before: 100, after: 100, alpha: 0.05))
        #expect(abs(hundred - 0.1981) < 0.0005)
        // The smaller side sets it.
        let lopsided = try #require(DetectableChange.minimum(before: 518, after: 23, alpha: 0.05))
        #expect(abs(lopsided - 0.2986) < 0.0005)
        #expect(DetectableChange.minimum(before: 0, after: 10, alpha: 0.05) == nil)
        // A stricter alpha needs a larger change.
        #expect(try #require(DetectableChange.minimum(before: 100, after: 100, alpha: 0.01)) > hundred)
        #expect(DetectableChange.shortfall(before: 193, after: 177, alpha: 0.05) == nil)
        let even = try #require(DetectableChange.shortfall(before: 100, after: 100, alpha: 0.05))
        #expect(even.sentence(thai: false).hasPrefix("only 100 journeys before, 100 after: a share near 50% would have to move by about 20 percentage points"))
        #expect(even.sentence(thai: true).hasPrefix("มีเพียง 100 เส้นทางในด้านก่อน (ด้านหลัง 100): สัดส่วนราว 50% ต้องเปลี่ยนราว 20 จุดเปอร์เซ็นต์"))
        #expect(DetectableChange.shortfall(before: 5_000, after: 1, alpha: 0.05)?.sentence(thai: false).hasPrefix("only 1 journey after, 5,000 before") == true)
    }
}
