/// The order of inferred phases' touchpoints from the moves between them, for
/// `StageInference`.
///
/// A median normalised position alone can contradict every journey: a step early in long
/// journeys gets a smaller position than a step late in short ones that always comes before it
/// (a honeypot log's successful login, followed by dozens of commands, was put before the
/// client version every session sends first; every login was then drawn as a move back).
/// Starting from the position order, each touchpoint is moved to where the fewest moves go
/// backwards (a weighted linear-ordering local search, "sifting": a touchpoint moves only when
/// that turns a twentieth of its moves or more the right way round, so a log whose positions
/// agree with its moves keeps its order, and so does a loop drawn about as much either way).
/// The positions are then fitted to that order (weighted isotonic regression, pool adjacent
/// violators): touchpoints the moves put before ones with smaller positions share one value,
/// so they are never cut into phases drawn the wrong way round.
public enum PrecedenceOrder {
    /// Most passes over the touchpoints (each pass that moves one lowers the moves drawn
    /// backwards by at least one, so it ends anyway; this bounds the time on huge web logs).
    static let maxPasses = 32
    /// A touchpoint moves only when that puts at least this share (in per cent) of its moves
    /// to and from the others the right way round. Measured on real logs (moves drawn back,
    /// 0 / 5 / 10 %): BPI Challenge 2012 (complete events) 12.6 / 13.5 / 27.0 % of moves between
    /// phases (32.1 % by position alone), cowrie 0.2 / 0.3 / 0.3 % (4.2 %); at 0 the receipt log's
    /// "T03 Adjust confirmation", in a loop with the check before it (43 moves one way, 51
    /// back), went to the last phase for 4 moves fewer drawn back.
    static let minimumGainPercent = 5

    /// `initial` (item ids, the position order) reordered so that fewer of `moves` (from, to,
    /// count between item ids) go from a later item to an earlier one.
    public static func order(_ initial: [Int], moves: [(from: Int, to: Int, count: Int)]) -> [Int] {
        let n = initial.count
        guard n > 1 else { return initial }
        let itemCount = (initial.max() ?? 0) + 1
        // Per item: its neighbours with the moves each way (to the neighbour, from it).
        var neighbours = [[Int: (out: Int, back: Int)]](repeating: [:], count: itemCount)
        for m in moves where m.from != m.to && m.count > 0 && m.from < itemCount && m.to < itemCount {
            neighbours[m.from][m.to, default: (0, 0)].out += m.count
            neighbours[m.to][m.from, default: (0, 0)].back += m.count
        }
        var order = initial
        var rank = [Int](repeating: -1, count: itemCount)
        for (r, v) in order.enumerated() { rank[v] = r }
        // Moves of items not in `initial` order nothing.
        for v in 0..<itemCount where rank[v] < 0 { neighbours[v] = [:] }
        for v in initial { neighbours[v] = neighbours[v].filter { rank[$0.key] >= 0 } }
        for _ in 0..<maxPasses {
            var moved = false
            for v in order where !neighbours[v].isEmpty {
                let from = rank[v]
                // Passing a neighbour u changes the moves drawn backwards by: going left (u then
                // after v) u→v − v→u; going right v→u − u→v. Non-neighbours change nothing, so
                // the best place is next to a neighbour.
                // Only a clear gain moves it (`minimumGainPercent`): a loop drawn about as much
                // either way stays where its position puts it.
                let total = neighbours[v].values.reduce(0) { $0 + $1.out + $1.back }
                var best = -(total * minimumGainPercent + 99) / 100 + 1, target = from
                var left = neighbours[v].filter { rank[$0.key] < from }.map { (rank: rank[$0.key], delta: $0.value.back - $0.value.out) }
                left.sort { $0.rank > $1.rank }
                var sum = 0
                for u in left {
                    sum += u.delta
                    if sum < best { best = sum; target = u.rank }
                }
                var right = neighbours[v].filter { rank[$0.key] > from }.map { (rank: rank[$0.key], delta: $0.value.out - $0.value.back) }
                right.sort { $0.rank < $1.rank }
                sum = 0
                for u in right {
                    sum += u.delta
                    if sum < best { best = sum; target = u.rank }
                }
                guard target != from else { continue }
                order.remove(at: from)
                order.insert(v, at: target)
                for r in min(from, target)...max(from, target) { rank[order[r]] = r }
                moved = true
            }
            if !moved { break }
        }
        return order
    }

    /// `values` (in an order) fitted to be non-decreasing, weighted by `weights`: the weighted
    /// least-squares isotonic fit (pool adjacent violators).
    public static func isotonic(_ values: [Double], weights: [Int]) -> [Double] {
        var blocks: [(mean: Double, weight: Double, count: Int)] = []
        for (x, w) in zip(values, weights) {
            var block = (mean: x, weight: Double(max(w, 1)), count: 1)
            while let last = blocks.last, last.mean > block.mean {
                let total = last.weight + block.weight
                block = ((last.mean * last.weight + block.mean * block.weight) / total, total, last.count + block.count)
                blocks.removeLast()
            }
            blocks.append(block)
        }
        return blocks.flatMap { [Double](repeating: $0.mean, count: $0.count) }
    }
}
