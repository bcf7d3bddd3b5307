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

    public init(alpha: Double = 0.05, minCount: Int = 20, minimumExpected: Double = 5) {
        self.alpha = alpha
        self.minCount = minCount
        self.minimumExpected = minimumExpected
    }

    /// Throws when a value is out of range, with the flag to fix.
    public func validate() throws {
        guard alpha > 0 && alpha < 1 else {
            throw ComparisonError.option("--alpha must be between 0 and 1 (exclusive), got \(alpha)")
        }
        guard minCount >= 0 else {
            throw ComparisonError.option("--min-count must be 0 or more, got \(minCount)")
        }
        guard minimumExpected >= 0 else {
            throw ComparisonError.option("the smallest expected cell must be 0 or more, got \(minimumExpected)")
        }
    }
}
