/// SplitMix64 (Steele, Lea & Flood 2014): a small, fast generator whose sequence depends
/// only on the seed, so clustering (and every seeded test log) is repeatable everywhere.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64
    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in [0, 1) with 53 random bits.
    public mutating func nextUnit() -> Double { Double(next() >> 11) * 0x1.0p-53 }

    /// Uniform in 0..<bound (bound > 0), without modulo bias.
    public mutating func next(below bound: UInt64) -> UInt64 {
        let limit = UInt64.max - UInt64.max % bound
        while true {
            let v = next()
            if v < limit { return v % bound }
        }
    }

    /// `m` distinct indices of 0..<n (all when m ≥ n), in increasing order.
    /// - Complexity: O(n).
    public mutating func sample(_ m: Int, of n: Int) -> [Int] {
        guard m < n else { return Array(0..<n) }
        var pool = Array(0..<n)
        for i in 0..<m {
            let j = i + Int(next(below: UInt64(n - i)))
            pool.swapAt(i, j)
        }
        return pool[0..<m].sorted()
    }
}
