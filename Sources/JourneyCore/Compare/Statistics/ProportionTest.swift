/// Which test compared two proportions.
public enum TestMethod: String, Sendable, Equatable, Codable, CaseIterable {
    /// Pooled two-proportion z-test (`TwoProportionZTest`).
    case z
    /// Fisher's exact test (`FisherExactTest`), used when counts are small.
    case fisher
    /// Not tested: a side has no total (e.g. the touchpoint never occurs there).
    case none
}

/// Chooses and runs the test for two proportions.
///
/// Rule: the z-test's normal approximation is trusted when every expected cell of the 2×2
/// table (side × {count, total − count}), under the hypothesis of equal shares, is at least
/// `minimumExpected` (5, the textbook rule); otherwise Fisher's exact test is used.
public struct ProportionTest: Sendable, Equatable {
    public var minimumExpected: Double

    public init(minimumExpected: Double = 5) {
        self.minimumExpected = minimumExpected
    }

    public struct Result: Sendable, Equatable {
        public var method: TestMethod
        /// nil when `method` is `.none`.
        public var p: Double?
    }

    /// The smallest expected cell of the table: min(n₁, n₂) · min(k, N − k) / N for
    /// k = x₁ + x₂ and N = n₁ + n₂.
    public static func smallestExpectedCell(_ before: Proportion, _ after: Proportion) -> Double {
        let n = before.total + after.total
        guard n > 0 else { return 0 }
        let k = before.count + after.count
        return Double(min(before.total, after.total)) * Double(min(k, n - k)) / Double(n)
    }

    public func method(_ before: Proportion, _ after: Proportion) -> TestMethod {
        guard before.total > 0 && after.total > 0 else { return .none }
        return Self.smallestExpectedCell(before, after) < minimumExpected ? .fisher : .z
    }

    public func run(_ before: Proportion, _ after: Proportion) -> Result {
        switch method(before, after) {
        case .none: return Result(method: .none, p: nil)
        case .fisher: return Result(method: .fisher, p: FisherExactTest(before: before, after: after).p)
        case .z: return Result(method: .z, p: TwoProportionZTest(before: before, after: after).p)
        }
    }
}
