#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Fisher's exact test of a 2×2 table, two-sided, as R's `fisher.test`:
///
///                 count   total − count
///     before        a          b
///     after         c          d
///
/// With the margins fixed, `a` is hypergeometric; p is the sum of the probabilities of all
/// tables no more likely than the observed one (within a relative 1e-7, R's tolerance, so
/// tables that tie in exact arithmetic are not lost to rounding).
/// - Complexity: O(min(a + b, c + d, a + c, b + d)) tables, each O(1) via `lgamma`.
public struct FisherExactTest: Sendable, Equatable {
    public let p: Double

    public init(a: Int, b: Int, c: Int, d: Int) {
        precondition(a >= 0 && b >= 0 && c >= 0 && d >= 0, "table cells must be ≥ 0")
        let row1 = a + b, row2 = c + d, col1 = a + c
        let lo = max(0, col1 - row2), hi = min(col1, row1)
        let logDenominator = Self.logChoose(row1 + row2, col1)
        func logP(_ x: Int) -> Double {
            Self.logChoose(row1, x) + Self.logChoose(row2, col1 - x) - logDenominator
        }
        let observed = logP(a)
        let cutoff = observed + log1p(1e-7)
        var sum = 0.0
        for x in lo...hi {
            let l = logP(x)
            if l <= cutoff { sum += exp(l) }
        }
        p = min(1, sum)
    }

    /// Compares `before` and `after` as the table (count, total − count) per side.
    public init(before: Proportion, after: Proportion) {
        self.init(a: before.count, b: before.total - before.count, c: after.count, d: after.total - after.count)
    }

    /// log(n choose k) from log-gamma.
    static func logChoose(_ n: Int, _ k: Int) -> Double {
        logGamma(Double(n) + 1) - logGamma(Double(k) + 1) - logGamma(Double(n - k) + 1)
    }

    /// log Γ(x) for x > 0. Uses the reentrant `lgamma_r` where it exists: plain `lgamma`
    /// writes the global `signgam`, a data race when comparisons run on several threads.
    static func logGamma(_ x: Double) -> Double {
        #if canImport(Glibc)
        var sign: Int32 = 0
        return lgamma_r(x, &sign)
        #else
        return lgamma(x)
        #endif
    }
}
