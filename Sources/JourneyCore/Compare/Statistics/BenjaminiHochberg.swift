/// Benjamini–Hochberg adjustment: p-values to q-values that control the false discovery rate
/// (the expected share of false findings among those called significant), as R's
/// `p.adjust(p, "BH")`.
///
/// With the m p-values sorted ascending, q₍ᵢ₎ = min over j ≥ i of min(1, m · p₍ⱼ₎ / j), so
/// q-values are monotone in p and tied p-values get the same q. Sorting is stable (ties keep
/// input order), which makes the result independent of how ties are ranked.
/// - Complexity: O(m log m).
public enum BenjaminiHochberg {
    public static func adjust(_ p: [Double]) -> [Double] {
        let m = p.count
        guard m > 0 else { return [] }
        let order = p.indices.sorted { p[$0] != p[$1] ? p[$0] < p[$1] : $0 < $1 }
        var q = [Double](repeating: 1, count: m)
        var running = 1.0
        for rank in stride(from: m - 1, through: 0, by: -1) {
            let i = order[rank]
            running = min(running, p[i] * Double(m) / Double(rank + 1))
            q[i] = min(1, running)
        }
        return q
    }

    /// Adjusts the non-nil p-values as one family; nil stays nil (not part of the family).
    public static func adjust(_ p: [Double?]) -> [Double?] {
        let present = p.enumerated().compactMap { i, v in v.map { (index: i, p: $0) } }
        let q = adjust(present.map(\.p))
        var out = [Double?](repeating: nil, count: p.count)
        for (k, item) in present.enumerated() { out[item.index] = q[k] }
        return out
    }
}
