@testable import JourneyCore

/// The k-means of commit 0e98eac (before the SIMD, pointer and parallel rewrite), kept word for
/// word as the reference the faster `KMeans` must equal bit for bit (`KMeansIdentityTests`).
struct ReferenceKMeans: Sendable {
    var k: Int
    var restarts: Int = 10
    var maxIterations: Int = 300

    struct Result: Sendable, Equatable {
        /// Cluster of each point (0..<k).
        var labels: [Int32]
        /// Row-major k × dimension.
        var centroids: [Double]
        /// Sum of squared distances of points to their centroid.
        var inertia: Double
        var iterations: Int
    }

    /// Clusters `points` (row-major, `dimension` columns).
    /// - Complexity: O(restarts · iterations · n · k · d).
    func fit(_ points: [Double], dimension d: Int, generator: inout Generator) -> Result {
        let n = d == 0 ? 0 : points.count / d
        precondition(k >= 1 && k <= max(n, 1), "k must be between 1 and the number of points")
        var best: Result?
        for _ in 0..<max(1, restarts) {
            let seeds = Self.plusPlusSeeds(points, dimension: d, k: k, generator: &generator)
            let r = lloyd(points, dimension: d, centroids: seeds)
            if best == nil || r.inertia < best!.inertia { best = r }
        }
        return best!
    }

    /// k-means++ seeding: the first centre uniformly, each next one with probability
    /// proportional to the squared distance to the nearest centre chosen so far.
    /// - Complexity: O(n · k · d).
    static func plusPlusSeeds(_ points: [Double], dimension d: Int, k: Int, generator: inout Generator) -> [Double] {
        let n = points.count / d
        var chosen = [Int(generator.next(below: UInt64(n)))]
        var nearest = [Double](repeating: .infinity, count: n)
        while chosen.count < k {
            let last = chosen[chosen.count - 1]
            var total = 0.0
            for i in 0..<n {
                nearest[i] = min(nearest[i], squaredDistance(points, i, points, last, d))
                total += nearest[i]
            }
            var pick = -1
            if total > 0 {
                let target = generator.nextUnit() * total
                var sum = 0.0
                for i in 0..<n where nearest[i] > 0 {
                    sum += nearest[i]
                    pick = i
                    if sum > target { break }
                }
            }
            if pick < 0 {
                // Every point coincides with a centre: take the first point not chosen yet.
                pick = (0..<n).first { !chosen.contains($0) } ?? 0
            }
            chosen.append(pick)
        }
        var centroids: [Double] = []
        centroids.reserveCapacity(k * d)
        for c in chosen { centroids.append(contentsOf: points[c * d ..< (c + 1) * d]) }
        return centroids
    }

    /// Lloyd iterations from `centroids` until no label changes (or `maxIterations`).
    /// An emptied cluster takes the point farthest from its centroid, unless every point sits
    /// on its centroid: then there is nothing to split off, and the cluster stays empty. (Taking
    /// a point at distance 0 made a twin of another centroid that emptied again on the next
    /// pass, so logs with fewer distinct journeys than k — 2M one-event journeys — ran all
    /// `maxIterations` passes: 46 s.)
    func lloyd(_ points: [Double], dimension d: Int, centroids start: [Double]) -> Result {
        let n = points.count / d
        var centroids = start
        var labels = [Int32](repeating: -1, count: n)
        var distances = [Double](repeating: 0, count: n)
        var iterations = 0
        while iterations < maxIterations {
            iterations += 1
            var changed = false
            for i in 0..<n {
                let (c, dist) = Self.nearest(points, i, centroids, k: k, d)
                distances[i] = dist
                if labels[i] != c { labels[i] = c; changed = true }
            }
            var sums = [Double](repeating: 0, count: k * d)
            var sizes = [Int](repeating: 0, count: k)
            for i in 0..<n {
                let c = Int(labels[i])
                sizes[c] += 1
                for f in 0..<d { sums[c * d + f] += points[i * d + f] }
            }
            for c in 0..<k where sizes[c] == 0 {
                // Farthest point from its centroid (lowest index on ties) founds the empty cluster.
                var far = -1
                for i in 0..<n where sizes[Int(labels[i])] > 1 && (far < 0 || distances[i] > distances[far]) { far = i }
                guard far >= 0, distances[far] > 0 else { continue }
                let old = Int(labels[far])
                sizes[old] -= 1
                for f in 0..<d { sums[old * d + f] -= points[far * d + f] }
                labels[far] = Int32(c)
                sizes[c] = 1
                distances[far] = 0
                for f in 0..<d { sums[c * d + f] = points[far * d + f] }
                changed = true
            }
            for c in 0..<k where sizes[c] > 0 {
                for f in 0..<d { centroids[c * d + f] = sums[c * d + f] / Double(sizes[c]) }
            }
            if !changed { break }
        }
        var inertia = 0.0
        for i in 0..<n { inertia += Self.squaredDistance(points, i, centroids, Int(labels[i]), d) }
        return Result(labels: labels, centroids: centroids, inertia: inertia, iterations: iterations)
    }

    /// Nearest centroid of point `i` and its squared distance (lowest index on ties).
    @inline(__always)
    static func nearest(_ points: [Double], _ i: Int, _ centroids: [Double], k: Int, _ d: Int) -> (Int32, Double) {
        var best: Int32 = 0
        var bestDistance = Double.infinity
        for c in 0..<k {
            let dist = squaredDistance(points, i, centroids, c, d)
            if dist < bestDistance { bestDistance = dist; best = Int32(c) }
        }
        return (best, bestDistance)
    }

    @inline(__always)
    static func squaredDistance(_ a: [Double], _ i: Int, _ b: [Double], _ j: Int, _ d: Int) -> Double {
        var s = 0.0
        for f in 0..<d { let x = a[i * d + f] - b[j * d + f]; s += x * x }
        return s
    }

    typealias Generator = SplitMix64
}
