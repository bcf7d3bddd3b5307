/// How one share changed between the two sides, and whether that is more than noise.
public struct ProportionChange: Sendable, Equatable {
    public var before: Proportion
    public var after: Proportion
    /// `after.share − before.share` (a difference of shares: 0.05 is 5 percentage points).
    public var absoluteChange: Double
    /// `absoluteChange / before.share`; nil when the before share is 0.
    public var relativeChange: Double?
    public var direction: ChangeDirection
    public var test: TestMethod
    /// Two-sided p-value; nil when `test` is `.none`.
    public var p: Double?
    /// Benjamini–Hochberg adjusted p over the tested family; nil when not in it.
    public var q: Double?
    public var status: ChangeStatus

    /// True when `status` is `.significant`.
    public var significant: Bool { status == .significant }
    /// True when the change was one of the tested family (significant or not).
    public var tested: Bool { status == .significant || status == .notSignificant || status == .belowMinEffect }

    public init(before: Proportion, after: Proportion, test: TestMethod, p: Double?, q: Double?, status: ChangeStatus) {
        self.before = before
        self.after = after
        absoluteChange = after.share - before.share
        relativeChange = before.share == 0 ? nil : (after.share - before.share) / before.share
        direction = ChangeDirection(absoluteChange)
        self.test = test
        self.p = p
        self.q = q
        self.status = status
    }
}

public enum ChangeDirection: String, Sendable, Equatable, Codable, CaseIterable {
    case increase, decrease, unchanged

    public init(_ change: Double) {
        self = change > 0 ? .increase : change < 0 ? .decrease : .unchanged
    }
}

/// Why a row is or is not called significant.
public enum ChangeStatus: String, Sendable, Equatable, Codable, CaseIterable {
    /// In the tested family and q ≤ alpha.
    case significant
    /// In the tested family, q > alpha.
    case notSignificant
    /// In the tested family, q ≤ alpha, but the change is smaller than `minEffect`.
    case belowMinEffect
    /// Tested (p given) but the pooled count is below `minCount`: not in the family, no q.
    case belowMinCount
    /// A side has no total (e.g. transitions out of a touchpoint that one side never has).
    case untestable
}
