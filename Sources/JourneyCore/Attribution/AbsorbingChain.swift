/// The journeys as an absorbing Markov chain: a start state, transient states (a unit, or with
/// order 2 the last two units), and two absorbing states, `conversion` and `null`. Weights are
/// transition counts; a row's probabilities are its weights over their sum.
///
/// `conversionProbability(removing:)` is exact: it solves the absorption probabilities by
/// eliminating the transient states one by one (the state reduction of Grassmann, Taksar and
/// Heyman, GTH). Eliminating state k sends every weight `w(i,k)` on along k's other edges in
/// proportion, `w(i,j) += w(i,k)·w(k,j)/out(k)`, where `out(k)` is the sum of k's edges to other
/// states and to the absorbing states — a sum, never `1 − p(k,k)`, so self-loops and cycles cost
/// no cancellation. Only additions, multiplications and divisions of positive numbers remain,
/// so every result carries a relative error of a few units of rounding per elimination (no
/// pivot can be small, nothing is subtracted); the same elimination order on the same counts
/// gives the same bits. No simulation, no matrix powers (which converge slowly through loops
/// and fail on singular matrices). States that cannot reach `conversion` are pruned first
/// (their probability is exactly 0), and removed states send their incoming weight to `null`.
public struct AbsorbingChain: Sendable {
    /// State 0 is the start; states 1… are transient.
    public private(set) var stateCount: Int
    /// Units (touchpoint or channel ids) a state holds: one for order 1, two for order 2
    /// (the first -1 when it follows the start).
    public private(set) var unitsOfState: [[Int32]]
    /// Out-weights to transient states, by state, sorted by target.
    var edges: [[(to: Int, weight: Double)]]
    var toConversion: [Double]
    var toNull: [Double]

    /// The chain of `paths`, with memory `order` (1 or 2). Repeated steps stay (as self-loops
    /// or repeated pairs).
    /// - Complexity: O(steps · log states).
    public init(_ paths: AttributionPaths, order: Int) {
        precondition(order == 1 || order == 2, "order is 1 or 2")
        var index: [[Int32]: Int] = [[]: 0]
        var units: [[Int32]] = [[]]
        var counts: [[Int: Double]] = [[:]]
        var conv: [Double] = [0], null: [Double] = [0]
        func state(_ key: [Int32]) -> Int {
            if let s = index[key] { return s }
            let s = units.count
            index[key] = s
            units.append(key)
            counts.append([:])
            conv.append(0)
            null.append(0)
            return s
        }
        for j in 0..<paths.count {
            var current = 0
            var previous: Int32 = -1
            for u in paths.path(j) {
                let next = state(order == 1 ? [u] : [previous, u])
                counts[current][next, default: 0] += 1
                current = next
                previous = u
            }
            if paths.converted[j] { conv[current] += 1 } else { null[current] += 1 }
        }
        stateCount = units.count
        unitsOfState = units
        edges = counts.map { row in row.keys.sorted().map { ($0, row[$0]!) } }
        toConversion = conv
        toNull = null
    }

    /// The probability of reaching `conversion` from the start when every state holding one of
    /// `removed` (unit ids) leads to `null` instead.
    /// - Complexity: O(Σ over eliminated states of in-degree × out-degree), with fill-in; states
    ///   are eliminated fewest connections first.
    public func conversionProbability(removing removed: Set<Int32> = []) -> Double {
        let n = stateCount
        var alive = [Bool](repeating: true, count: n)
        for s in 1..<n where unitsOfState[s].contains(where: { $0 >= 0 && removed.contains($0) }) { alive[s] = false }
        // Which states reach conversion (backwards from the states that convert).
        var reverse = [[Int]](repeating: [], count: n)
        for i in 0..<n where alive[i] { for e in edges[i] where alive[e.to] { reverse[e.to].append(i) } }
        var reaches = [Bool](repeating: false, count: n)
        var stack = (0..<n).filter { alive[$0] && toConversion[$0] > 0 }
        for s in stack { reaches[s] = true }
        while let s = stack.popLast() {
            for i in reverse[s] where !reaches[i] { reaches[i] = true; stack.append(i) }
        }
        guard reaches[0] else { return 0 }
        // Working chain on the states that reach conversion; the rest is null.
        var out = [[Int: Double]](repeating: [:], count: n)
        var ins = [Set<Int>](repeating: [], count: n)
        var conv = [Double](repeating: 0, count: n), null = [Double](repeating: 0, count: n)
        for i in 0..<n where reaches[i] {
            conv[i] = toConversion[i]
            null[i] = toNull[i]
            for e in edges[i] {
                if reaches[e.to] { out[i][e.to] = e.weight; ins[e.to].insert(i) } else { null[i] += e.weight }
            }
        }
        let order = (1..<n).filter { reaches[$0] }.sorted {
            let a = ins[$0].count * out[$0].count, b = ins[$1].count * out[$1].count
            return a != b ? a < b : $0 < $1
        }
        for k in order {
            // A self-loop only delays absorption: it drops out of k's proportions.
            let targets = out[k].keys.filter { $0 != k }.sorted()
            var total = conv[k] + null[k]
            for j in targets { total += out[k][j]! }
            let sources = ins[k].filter { $0 != k }.sorted()
            for i in sources {
                let w = out[i].removeValue(forKey: k)!
                guard total > 0 else { null[i] += w; continue }
                let f = w / total
                conv[i] += f * conv[k]
                null[i] += f * null[k]
                for j in targets {
                    out[i][j, default: 0] += f * out[k][j]!
                    ins[j].insert(i)
                }
            }
            for j in targets { ins[j].remove(k) }
            out[k] = [:]
            ins[k] = []
        }
        let total = conv[0] + null[0]
        return total > 0 ? conv[0] / total : 0
    }
}
