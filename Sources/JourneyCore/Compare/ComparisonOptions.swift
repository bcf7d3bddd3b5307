/// How changes are tested and when one is called significant (`journeymap compare` flags).
public struct ComparisonOptions: Sendable, Equatable, Codable {
    /// False discovery rate: a change is significant when its Benjamini–Hochberg q ≤ alpha
    /// (`--alpha`, default 0.05).
    public var alpha: Double
    /// A row whose counts before and after add up to less than this is never significant and
    /// is left out of the tested family (`--min-count`, default 20). The pooled count is used,
    /// not each side's, because under "no change" it carries no information about the
    /// direction, so leaving such rows out does not bias the remaining tests.
    public var minCount: Int
    /// Smallest expected cell for the z-test; below it Fisher's exact test is used.
    public var minimumExpected: Double
    /// Smallest change of a share (0.01 = 1 percentage point, `--min-effect`) that is called
    /// significant: with huge samples a q ≤ alpha alone flags changes too small to matter.
    /// A change with q ≤ alpha but a smaller size is `.belowMinEffect`.
    public var minEffect: Double
    /// `--min-people k`: only rows resting on `k` people or more on both sides are compared and
    /// shown (`JourneyComparison+MinPeople.swift`, docs/privacy.md); nil compares every row.
    public var minPeople: Int?

    public init(alpha: Double = 0.05, minCount: Int = 20, minimumExpected: Double = 5, minEffect: Double = 0.01,
                minPeople: Int? = nil) {
        self.alpha = alpha
        self.minCount = minCount
        self.minimumExpected = minimumExpected
        self.minEffect = minEffect
        self.minPeople = minPeople
    }

    /// Throws when a value is out of range, with the flag to fix.
    public func validate() throws {
        guard alpha > 0 && alpha < 1 else {
            throw ComparisonError.option("--alpha must be between 0 and 1 (exclusive), got \(alpha)")
        }
        guard minCount >= 0 else {
            throw ComparisonError.option("--min-count must be 0 or more, got \(minCount)")
        }
        guard minEffect >= 0 && minEffect < 1 else {
            throw ComparisonError.option("--min-effect must be 0 or more and below 100 percentage points, got \(minEffect * 100)")
        }
        guard minimumExpected >= 0 else {
            throw ComparisonError.option("the smallest expected cell must be 0 or more, got \(minimumExpected)")
        }
    }

    enum CodingKeys: String, CodingKey { case alpha, minCount, minimumExpected, minEffect }

    /// Reports written before `minEffect` existed read as 0 (no minimum).
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(alpha: try c.decode(Double.self, forKey: .alpha), minCount: try c.decode(Int.self, forKey: .minCount),
                  minimumExpected: try c.decode(Double.self, forKey: .minimumExpected),
                  minEffect: try c.decodeIfPresent(Double.self, forKey: .minEffect) ?? 0)
    }
}
