#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The standard normal distribution, as far as the tests here need it.
public enum NormalDistribution {
    /// P(|Z| ≥ |z|) for a standard normal Z: `erfc(|z| / √2)`, accurate in the far tail
    /// (no `1 − Φ` cancellation). 1 when z is 0 or NaN, 0 when z is infinite.
    public static func twoSidedP(_ z: Double) -> Double {
        guard !z.isNaN else { return 1 }
        return min(1, erfc(abs(z) / 2.0.squareRoot()))
    }

    /// Φ(z) = P(Z ≤ z).
    public static func cdf(_ z: Double) -> Double {
        0.5 * erfc(-z / 2.0.squareRoot())
    }
}

extension NormalDistribution {
    /// The z with Φ(z) = `p` (0 < p < 1), by bisection on `cdf` to 1e-12: it serves a few
    /// calls per comparison, where speed does not matter and exactness to `cdf` does.
    public static func quantile(_ p: Double) -> Double {
        guard p > 0, p < 1 else { return p <= 0 ? -.infinity : .infinity }
        var low = -40.0, high = 40.0
        while high - low > 1e-12 {
            let mid = (low + high) / 2
            if cdf(mid) < p { low = mid } else { high = mid }
        }
        return (low + high) / 2
    }
}
