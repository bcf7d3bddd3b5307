/// Mean silhouette score (Rousseeuw 1987) of labelings of one set of points, with the
/// pairwise Euclidean distances computed once and shared by every labeling (k = 2…8).
///
/// For point i with mean distance a to the other points of its cluster and mean distance b
/// to the points of the nearest other cluster, s(i) = (b − a) / max(a, b); a point alone in
/// its cluster scores 0. The score is the mean of s(i), in −1…1 (higher: better separated).
struct Silhouette: Sendable {
    let count: Int
    /// Upper triangle, row by row: distance(i, j) for i < j.
    private let distances: [Float]

    /// Rows of the triangle on `threads` threads (each row written by one, so the same on any number).
    /// - Complexity: O(n² · d) time, n²/2 floats of memory; keep n to a few thousand.
    init(_ points: [Double], dimension d: Int, threads: Int = 1) {
        let n = d == 0 ? 0 : points.count / d
        count = n
        let total = n * max(0, n - 1) / 2
        distances = [Float](unsafeUninitializedCapacity: total) { dist, initialized in
            let out = TriangleOutput(base: dist.baseAddress)
            points.withUnsafeBufferPointer { p in
                ParallelTasks.run(n, threads: threads) { i in
                    // Row i starts after rows 0..<i, of n-1, n-2, … entries.
                    var t = i * (2 * n - i - 1) / 2
                    let a = p.baseAddress! + i * d
                    var j = i + 1
                    // Four pairs side by side, each its sum feature by feature as alone: one
                    // pair's chain of additions waits on itself (latency, not work).
                    while j + 3 < n {
                        let b0 = p.baseAddress! + j * d, b1 = b0 + d, b2 = b1 + d, b3 = b2 + d
                        var s0 = 0.0, s1 = 0.0, s2 = 0.0, s3 = 0.0
                        for f in 0..<d {
                            let x0 = a[f] - b0[f], x1 = a[f] - b1[f], x2 = a[f] - b2[f], x3 = a[f] - b3[f]
                            s0 += x0 * x0
                            s1 += x1 * x1
                            s2 += x2 * x2
                            s3 += x3 * x3
                        }
                        out.base![t] = Float(s0.squareRoot())
                        out.base![t + 1] = Float(s1.squareRoot())
                        out.base![t + 2] = Float(s2.squareRoot())
                        out.base![t + 3] = Float(s3.squareRoot())
                        t += 4
                        j += 4
                    }
                    while j < n {
                        let b = p.baseAddress! + j * d
                        var s = 0.0
                        for f in 0..<d { let x = a[f] - b[f]; s += x * x }
                        out.base![t] = Float(s.squareRoot())
                        t += 1
                        j += 1
                    }
                }
            }
            initialized = total
        }
    }

    /// Mean silhouette of `labels` (0..<k, one per point); 0 when fewer than 2 clusters are used.
    /// - Complexity: O(n² + n · k).
    func score(_ labels: [Int32], k: Int) -> Double {
        precondition(labels.count == count)
        var sizes = [Int](repeating: 0, count: k)
        for l in labels { sizes[Int(l)] += 1 }
        guard sizes.filter({ $0 > 0 }).count >= 2 else { return 0 }
        // sums[i * k + c]: total distance from i to the points of cluster c.
        var sums = [Double](repeating: 0, count: count * k)
        distances.withUnsafeBufferPointer { dist in
            var t = 0
            for i in 0..<count {
                let li = Int(labels[i])
                for j in (i + 1)..<max(i + 1, count) {
                    let v = Double(dist[t]); t += 1
                    sums[i * k + Int(labels[j])] += v
                    sums[j * k + li] += v
                }
            }
        }
        var total = 0.0
        for i in 0..<count {
            let own = Int(labels[i])
            guard sizes[own] > 1 else { continue }
            let a = sums[i * k + own] / Double(sizes[own] - 1)
            var b = Double.infinity
            for c in 0..<k where c != own && sizes[c] > 0 { b = min(b, sums[i * k + c] / Double(sizes[c])) }
            let m = max(a, b)
            if m > 0 { total += (b - a) / m }
        }
        return total / Double(count)
    }
}

/// Where the rows of the distance triangle are written (each row by one task).
private struct TriangleOutput: @unchecked Sendable {
    let base: UnsafeMutablePointer<Float>?
}
