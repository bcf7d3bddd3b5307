/// The order of swimlanes, top to bottom, that makes the fewest flows cross.
///
/// Each drawn flow between two cells (stage column × lane) is taken as a straight segment from
/// (its tail's column, its tail's lane) to (its head's column, its head's lane); the order
/// minimises the number of crossing pairs, then the moves times the lanes they travel
/// (heavier flows between nearer lanes), then the lanes' names. Up to `exhaustiveLimit` lanes
/// every order is tried; beyond, lanes start sorted by the barycentre of their flows and
/// neighbours are swapped while that lowers the cost.
struct LaneOrder {
    struct Flow: Hashable {
        var fromColumn: Int, fromLane: Int, toColumn: Int, toLane: Int
    }

    static let exhaustiveLimit = 7

    /// `lanes`: lane values (any order); `flows`: per flow its cells (lane as index into
    /// `lanes`) and its moves. Returns indices into `lanes`, top first.
    static func order(lanes: [String], flows: [(Flow, Int)]) -> [Int] {
        let n = lanes.count
        guard n > 1 else { return Array(0..<n) }
        var merged: [Flow: Int] = [:]
        for (f, c) in flows where !(f.fromColumn == f.toColumn && f.fromLane == f.toLane) { merged[f, default: 0] += c }
        let list = merged.sorted { ($0.key.fromColumn, $0.key.fromLane, $0.key.toColumn, $0.key.toLane) < ($1.key.fromColumn, $1.key.fromLane, $1.key.toColumn, $1.key.toLane) }
        let alphabetical = (0..<n).sorted { lanes[$0] < lanes[$1] }
        func cost(_ order: [Int]) -> (Int, Int) {
            var position = Array(repeating: 0, count: n)
            for (p, l) in order.enumerated() { position[l] = p }
            var travel = 0
            var segments: [(Double, Double, Double, Double)] = []
            for (f, c) in list {
                travel += c * abs(position[f.fromLane] - position[f.toLane])
                segments.append((Double(f.fromColumn), Double(position[f.fromLane]), Double(f.toColumn), Double(position[f.toLane])))
            }
            return (crossings(segments), travel)
        }
        if n <= exhaustiveLimit {
            var best = alphabetical, bestCost = cost(alphabetical)
            var current = alphabetical
            // Heap's algorithm over every order; the first of equal cost (from alphabetical) is kept.
            var c = Array(repeating: 0, count: n)
            var i = 0
            while i < n {
                if c[i] < i {
                    if i % 2 == 0 { current.swapAt(0, i) } else { current.swapAt(c[i], i) }
                    let k = cost(current)
                    if k < bestCost || (k == bestCost && current.map { lanes[$0] }.lexicographicallyPrecedes(best.map { lanes[$0] })) {
                        best = current; bestCost = k
                    }
                    c[i] += 1
                    i = 0
                } else {
                    c[i] = 0
                    i += 1
                }
            }
            return best
        }
        // Barycentre start: lanes by the mean index of the lanes their flows reach, then swaps.
        var weight = Array(repeating: 0.0, count: n), sum = Array(repeating: 0.0, count: n)
        for (f, c) in list {
            sum[f.fromLane] += Double(c * alphabetical.firstIndex(of: f.toLane)!); weight[f.fromLane] += Double(c)
            sum[f.toLane] += Double(c * alphabetical.firstIndex(of: f.fromLane)!); weight[f.toLane] += Double(c)
        }
        var order = alphabetical.sorted {
            let a = weight[$0] > 0 ? sum[$0] / weight[$0] : Double(alphabetical.firstIndex(of: $0)!)
            let b = weight[$1] > 0 ? sum[$1] / weight[$1] : Double(alphabetical.firstIndex(of: $1)!)
            return a != b ? a < b : lanes[$0] < lanes[$1]
        }
        var current = cost(order)
        var improved = true
        while improved {
            improved = false
            for p in 0..<(n - 1) {
                order.swapAt(p, p + 1)
                let k = cost(order)
                if k < current { current = k; improved = true } else { order.swapAt(p, p + 1) }
            }
        }
        return order
    }

    /// Pairs of segments that cross at a point inside both (sharing an end is not crossing).
    static func crossings(_ s: [(Double, Double, Double, Double)]) -> Int {
        var count = 0
        for i in s.indices {
            for j in s.indices where j > i && cross(s[i], s[j]) { count += 1 }
        }
        return count
    }

    static func cross(_ a: (Double, Double, Double, Double), _ b: (Double, Double, Double, Double)) -> Bool {
        func orient(_ px: Double, _ py: Double, _ qx: Double, _ qy: Double, _ rx: Double, _ ry: Double) -> Double {
            (qx - px) * (ry - py) - (qy - py) * (rx - px)
        }
        let d1 = orient(b.0, b.1, b.2, b.3, a.0, a.1), d2 = orient(b.0, b.1, b.2, b.3, a.2, a.3)
        let d3 = orient(a.0, a.1, a.2, a.3, b.0, b.1), d4 = orient(a.0, a.1, a.2, a.3, b.2, b.3)
        return ((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0))
    }
}
