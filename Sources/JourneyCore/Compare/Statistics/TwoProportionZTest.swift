/// The pooled two-proportion z-test, two-sided: does `after.share` differ from `before.share`?
///
/// z = (p₂ − p₁) / √(p̂(1 − p̂)(1/n₁ + 1/n₂)) with the pooled p̂ = (x₁ + x₂)/(n₁ + n₂);
/// p = P(|Z| ≥ |z|). z² is the Pearson χ² of the 2×2 table, so p equals R's
/// `prop.test(c(x1, x2), c(n1, n2), correct = FALSE)$p.value`.
/// When the pooled share is 0 or 1 there is no variation to test: z = 0, p = 1.
/// - Complexity: O(1).
public struct TwoProportionZTest: Sendable, Equatable {
    /// Positive when `after` is the larger share.
    public let z: Double
    public let p: Double

    public init(before: Proportion, after: Proportion) {
        precondition(before.total > 0 && after.total > 0, "the z-test needs a total on both sides")
        let n1 = Double(before.total), n2 = Double(after.total)
        let pooled = Double(before.count + after.count) / (n1 + n2)
        let variance = pooled * (1 - pooled) * (1 / n1 + 1 / n2)
        guard variance > 0 else { z = 0; p = 1; return }
        z = (after.share - before.share) / variance.squareRoot()
        p = NormalDistribution.twoSidedP(z)
    }
}
