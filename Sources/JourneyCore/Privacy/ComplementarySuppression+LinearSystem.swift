extension ComplementarySuppression {
    /// The most withheld numbers `determined` solves for (see there).
    public static let linearSystemLimit = 100_000

    /// Withheld items (with a value) whose values the shown ones determine through the groups'
    /// sums taken together: each group without an unaccounted part is a linear equation
    /// (total − members = 0); the shown values are known, so the equations over the withheld
    /// items alone decide it. An item is determined when every solution of the homogeneous
    /// system (the equations with the shown values taken out) is 0 there.
    ///
    /// Over the prime field 2⁶¹ − 1 (counts and coefficients ±1 stay far below the prime, so a
    /// rational dependency is one there too, and a false one would need a multiple of the prime
    /// as a minor), the equations are brought to echelon form (`EchelonForm`) and two solutions
    /// drawn at random (seeded: the same answer every run). An item the system determines is 0
    /// in both; any other is 0 in a random solution with probability 1/p (it is a non-zero
    /// linear form of the free unknowns), so in both with 1/p² ≈ 2·10⁻³⁷ — and that mistake
    /// would only withhold one more number.
    ///
    /// This replaced Gauss–Jordan elimination to the reduced form with rows as dictionaries,
    /// each new row reduced by every pivot and every pivot by each new row: a 40-stage Sankey
    /// beside its graph at `--min-people 3` (2,000 cases; 3,000–4,400 withheld numbers in
    /// 1,300–1,700 sums, whose echelon form holds 300,000 entries) took seconds per solve.
    func determined(_ hidden: [Bool]) -> [Int] {
        // Unknowns numbered in item order.
        var column = [Int32](repeating: -1, count: items.count)
        var itemOf: [Int] = []
        for i in items.indices where hidden[i] && items[i].value > 0 {
            column[i] = Int32(itemOf.count)
            itemOf.append(i)
        }
        // Above the limit it is not run and the single sums are the rule (docs/privacy.md).
        guard !itemOf.isEmpty, itemOf.count <= Self.linearSystemLimit else { return [] }
        var rows: [[(Int32, UInt64)]] = []
        for g in groups where g.unaccounted == 0 {
            var row: [(Int32, UInt64)] = []
            if let t = g.total, column[t] >= 0 { row.append((column[t], 1)) }
            for m in g.members where column[m] >= 0 { row.append((column[m], PrimeField.p - 1)) }
            if !row.isEmpty { rows.append(row) }
        }
        PhaseTiming.mark("min-people: the rule's rounds since the last solve")
        var echelon = EchelonForm(unknowns: itemOf.count)
        for row in rows { echelon.add(row) }
        var random = SplitMix64(seed: 0x6a6d_6465_7465_726d)
        let first = echelon.solution(&random), second = echelon.solution(&random)
        PhaseTiming.mark("min-people: solved \(rows.count) sums over \(itemOf.count) withheld numbers (\(echelon.entries) entries)")
        return itemOf.indices.filter { first[$0] == 0 && second[$0] == 0 }.map { itemOf[$0] }
    }
}

/// Arithmetic modulo the Mersenne prime 2⁶¹ − 1 (a product is reduced by shifts and adds; a
/// 128-bit `%` had been a tenth of the solve's time).
enum PrimeField {
    static let p: UInt64 = (1 << 61) - 1

    @inline(__always)
    static func mul(_ a: UInt64, _ b: UInt64) -> UInt64 {
        let (hi, lo) = a.multipliedFullWidth(by: b)
        var r = (lo & p) &+ ((hi << 3) | (lo >> 61))
        r = (r & p) &+ (r >> 61)
        return r >= p ? r &- p : r
    }

    @inline(__always)
    static func add(_ a: UInt64, _ b: UInt64) -> UInt64 {
        let r = a &+ b
        return r >= p ? r &- p : r
    }

    @inline(__always)
    static func negate(_ a: UInt64) -> UInt64 { a == 0 ? 0 : p &- a }

    static func inverse(_ a: UInt64) -> UInt64 {
        var result: UInt64 = 1, base = a, e = p - 2
        while e > 0 {
            if e & 1 == 1 { result = mul(result, base) }
            base = mul(base, base)
            e >>= 1
        }
        return result
    }
}

/// Sparse equations over `PrimeField` brought to echelon form one at a time, and random
/// solutions read off it.
///
/// A new row is reduced, in a dense scratch row, by the pivot rows it meets in the order they
/// were made: a pivot row holds no column of a pivot made before it, so reducing by one brings
/// in only free columns and pivots made later. What is left (if anything) becomes a pivot row on
/// its lowest column, scaled to 1 there.
struct EchelonForm {
    let unknowns: Int
    /// By column: the index of its pivot row (the order it was made in), or -1.
    private var pivotOf: [Int32]
    /// Pivot rows in the order made: their column, and their other entries.
    private var pivots: [(column: Int32, rest: [(Int32, UInt64)])] = []
    private var scratch: [UInt64]

    init(unknowns: Int) {
        self.unknowns = unknowns
        pivotOf = [Int32](repeating: -1, count: unknowns)
        scratch = [UInt64](repeating: 0, count: unknowns)
    }

    /// Entries held besides the pivots (what the elimination filled in).
    var entries: Int { pivots.reduce(0) { $0 + $1.rest.count } }

    /// Adds the equation Σ coefficient·x[column] = 0 (a column may appear more than once).
    mutating func add(_ row: [(Int32, UInt64)]) {
        var free: [Int32] = []
        var pending = PendingRows(count: pivots.count)
        for (c, x) in row { bump(c, x, &free, &pending) }
        while let r = pending.popFirst() {
            let c = pivots[r].column
            let v = scratch[Int(c)]
            scratch[Int(c)] = 0
            guard v != 0 else { continue }
            let w = PrimeField.negate(v)
            for (j, y) in pivots[r].rest { bump(j, PrimeField.mul(w, y), &free, &pending) }
        }
        var left: [(Int32, UInt64)] = []
        for c in free where scratch[Int(c)] != 0 {
            left.append((c, scratch[Int(c)]))
            scratch[Int(c)] = 0
        }
        guard let lowest = left.indices.min(by: { left[$0].0 < left[$1].0 }) else { return }
        let (c, v) = left.remove(at: lowest)
        let scale = PrimeField.inverse(v)
        pivotOf[Int(c)] = Int32(pivots.count)
        pivots.append((c, left.map { ($0.0, PrimeField.mul($0.1, scale)) }))
    }

    /// Adds `x` to column `c` of the scratch row, noting a column it makes non-zero.
    @inline(__always)
    private mutating func bump(_ c: Int32, _ x: UInt64, _ free: inout [Int32], _ pending: inout PendingRows) {
        if scratch[Int(c)] == 0 {
            let r = pivotOf[Int(c)]
            if r >= 0 { pending.insert(Int(r)) } else { free.append(c) }
        }
        scratch[Int(c)] = PrimeField.add(scratch[Int(c)], x)
    }

    /// A solution drawn at random: each free unknown (no pivot) a random non-zero value, each
    /// pivot's unknown what its row then requires (rows made later first: a row refers only
    /// to free columns and pivots made after it).
    func solution(_ random: inout SplitMix64) -> [UInt64] {
        var x = [UInt64](repeating: 0, count: unknowns)
        for c in 0..<unknowns where pivotOf[c] < 0 { x[c] = 1 + random.next(below: PrimeField.p - 1) }
        for (c, rest) in pivots.reversed() {
            var sum: UInt64 = 0
            for (j, y) in rest { sum = PrimeField.add(sum, PrimeField.mul(y, x[Int(j)])) }
            x[Int(c)] = PrimeField.negate(sum)
        }
        return x
    }

    /// The pivot rows a row being reduced still meets, as a bit set taken lowest first:
    /// reducing by one adds only rows made after it, so the cursor only moves up.
    private struct PendingRows {
        private var words: [UInt64]
        private var cursor = 0

        init(count: Int) { words = [UInt64](repeating: 0, count: (count + 63) / 64) }

        @inline(__always) mutating func insert(_ r: Int) { words[r >> 6] |= 1 << UInt64(r & 63) }

        mutating func popFirst() -> Int? {
            while cursor < words.count {
                let w = words[cursor]
                if w != 0 {
                    words[cursor] = w & (w - 1)
                    return cursor << 6 | w.trailingZeroBitCount
                }
                cursor += 1
            }
            return nil
        }
    }
}
