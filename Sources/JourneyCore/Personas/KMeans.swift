import CNearest
import Foundation
/// k-means clustering: k-means++ seeding, Lloyd iterations to convergence, several restarts
/// keeping the lowest inertia. Deterministic: the same points, k and seed give the same
/// result on every run and machine, whatever `threads` (sequential arithmetic per point and
/// per centroid sum, a fixed pseudo-random sequence, ties broken by the lower index).
///
/// Speed without changing a bit of the result (`KMeansIdentityTests` compares it with the
/// plain loops it replaced): distances to four centroids at a time in SIMD lanes (each lane
/// adds its squares in the same order as the scalar loop), no bounds checks, the restarts'
/// Lloyd runs on `threads` threads (seeds drawn first, in order), and the assignment step of a
/// large fit cut into fixed chunks on `threads` threads (each point's label depends on it alone;
/// centroid sums stay one sequential pass), and Hamerly's bounds (2010): a point whose distance
/// to its centroid stays, by more than rounding can explain (`boundMargin`), below its distance
/// to any other keeps its label without a distance being computed; its label is the one the
/// full computation would give, so nothing else changes.
struct KMeans: Sendable {
    var k: Int
    var restarts: Int = 10
    var maxIterations: Int = 300
    /// Threads for the restarts and for the assignment step of large point sets.
    var threads: Int = 1

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
        let seeds = seeds(points, dimension: d, generator: &generator)
        let single = KMeans(k: k, restarts: 1, maxIterations: maxIterations, threads: 1)
        let margin = Self.boundMargin(points, dimension: d)
        let runs = ParallelTasks.map(seeds.count, threads: threads) { r in
            single.lloyd(points, dimension: d, centroids: seeds[r], margin: margin)
        }
        return Self.best(runs)
    }

    /// The k-means++ seeds of every restart, drawn in restart order from `generator`.
    func seeds(_ points: [Double], dimension d: Int, generator: inout Generator) -> [[Double]] {
        let n = d == 0 ? 0 : points.count / d
        precondition(k >= 1 && k <= max(n, 1), "k must be between 1 and the number of points")
        return (0..<max(1, restarts)).map { _ in Self.plusPlusSeeds(points, dimension: d, k: k, generator: &generator) }
    }

    /// The run with the lowest inertia, the first one on ties (as restarts run in order).
    static func best(_ runs: [Result]) -> Result {
        var best = runs[0]
        for r in runs.dropFirst() where r.inertia < best.inertia { best = r }
        return best
    }

    /// k-means++ seeding: the first centre uniformly, each next one with probability
    /// proportional to the squared distance to the nearest centre chosen so far.
    /// - Complexity: O(n · k · d).
    static func plusPlusSeeds(_ points: [Double], dimension d: Int, k: Int, generator: inout Generator) -> [Double] {
        let n = points.count / d
        var chosen = [Int(generator.next(below: UInt64(n)))]
        var nearest = [Double](repeating: .infinity, count: n)
        points.withUnsafeBufferPointer { p in
            nearest.withUnsafeMutableBufferPointer { nearest in
                while chosen.count < k {
                    let last = p.baseAddress! + chosen[chosen.count - 1] * d
                    var total = 0.0
                    // Two points' sums side by side (each in feature order, as one at a time),
                    // the total still added point by point in order.
                    var i = 0
                    while i + 1 < n {
                        let (a, b) = squaredDistances(p.baseAddress! + i * d, p.baseAddress! + (i + 1) * d, last, d)
                        nearest[i] = min(nearest[i], a)
                        total += nearest[i]
                        nearest[i + 1] = min(nearest[i + 1], b)
                        total += nearest[i + 1]
                        i += 2
                    }
                    if i < n {
                        nearest[i] = min(nearest[i], squaredDistance(p.baseAddress! + i * d, last, d))
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
            }
        }
        var centroids: [Double] = []
        centroids.reserveCapacity(k * d)
        for c in chosen { centroids.append(contentsOf: points[c * d ..< (c + 1) * d]) }
        return centroids
    }

    /// Cluster `c`'s bit in a set of clusters, for k ≤ 64; every bit for a larger `c` (or the
    /// −1 of a point not assigned yet), which makes the set "all clusters".
    @inline(__always)
    static func clusterBit(_ c: Int32) -> UInt64 {
        c >= 0 && c < 64 ? 1 << UInt64(c) : ~0
    }

    /// Points per chunk of the parallel assignment step (fixed, so chunks do not depend on threads).
    static let assignmentChunk = 16_384

    /// Lloyd iterations from `centroids` until no label changes (or `maxIterations`).
    /// An emptied cluster takes the point farthest from its centroid, unless every point sits
    /// on its centroid (to rounding, `onCentroid`): then there is nothing to split off, and the cluster stays empty. (Taking
    /// a point at distance 0 made a twin of another centroid that emptied again on the next
    /// pass, so logs with fewer distinct journeys than k — 2M one-event journeys — ran all
    /// `maxIterations` passes: 46 s.)
    /// `margin`: `boundMargin(points, dimension: d)`, when the caller runs many fits on the same points.
    func lloyd(_ points: [Double], dimension d: Int, centroids start: [Double], margin given: Double? = nil) -> Result {
        let n = d == 0 ? 0 : points.count / d
        precondition(n <= Int(Int32.max), "more points than 32-bit indices reach")
        var centroids = start
        var labels = [Int32](repeating: -1, count: n)
        var distances = [Double](repeating: 0, count: n)
        var iterations = 0
        let chunks = (n + Self.assignmentChunk - 1) / Self.assignmentChunk
        let workers = chunks > 1 ? threads : 1
        var transposed = CentroidLanes(k: k, dimension: d)
        // Per chunk of the last assignment: the clusters points left or joined (`clusterBit`),
        // and whether a point kept its label by its bounds.
        var chunkMoved = [UInt64](repeating: 0, count: max(1, chunks))
        var chunkSkipped = [Bool](repeating: false, count: max(1, chunks))
        // Clusters whose sums were changed by hand (a point founding an emptied cluster): added
        // again in the next pass whatever the labels do.
        var forced: UInt64 = 0
        // The points whose distances an assignment step measures (each chunk its own part).
        var waiting = [Int32](repeating: 0, count: n)
        var sums = [Double](repeating: 0, count: k * d)
        var sizes = [Int](repeating: 0, count: k)
        // Hamerly's bounds: per point, at least its distance to its centroid (`upper`) and at
        // most its distance to any other (`lower`), moved by how far centroids move; a point
        // whose upper bound stays below its lower bound by more than rounding can be off by
        // (`margin`) keeps its label without computing a distance.
        var upper = [Double](repeating: .infinity, count: n)
        var lower = [Double](repeating: 0, count: n)
        var shift = [Double](repeating: 0, count: k)
        var maxShift = 0.0
        let margin = given ?? Self.boundMargin(points, dimension: d)
        var previous = centroids
        points.withUnsafeBufferPointer { pp in
            guard n > 0, let p = pp.baseAddress else { return }
            while iterations < maxIterations {
                iterations += 1
                transposed.load(centroids)
                let lanes = transposed
                let moved = maxShift
                let firstPass = iterations == 1
                labels.withUnsafeMutableBufferPointer { lb in
                    distances.withUnsafeMutableBufferPointer { db in
                        chunkMoved.withUnsafeMutableBufferPointer { cb in
                            chunkSkipped.withUnsafeMutableBufferPointer { sb in
                                upper.withUnsafeMutableBufferPointer { ub in
                                    lower.withUnsafeMutableBufferPointer { lwb in
                                        shift.withUnsafeBufferPointer { shift in
                                            waiting.withUnsafeMutableBufferPointer { wb in
                                                let out = AssignmentOutput(labels: lb.baseAddress!, distances: db.baseAddress!)
                                                let bounds = BoundsOutput(upper: ub.baseAddress!, lower: lwb.baseAddress!, skipped: sb.baseAddress!)
                                                let shifts = shift.baseAddress!, moves = cb.baseAddress!, list = wb.baseAddress!
                                                ParallelTasks.run(chunks, threads: workers) { chunk in
                                                    let lo = chunk * Self.assignmentChunk, hi = min(n, lo + Self.assignmentChunk)
                                                    // First the bounds, moved by how far the centroids moved, and a list
                                                    // of the points they cannot keep (without a branch per point: which
                                                    // points skip is as good as random); then those points' distances.
                                                    var m = lo
                                                    if firstPass {
                                                        for i in lo..<hi { list[m] = Int32(i); m += 1 }
                                                    } else {
                                                        for i in lo..<hi {
                                                            let c0 = Int(out.labels[i])
                                                            let u = bounds.upper[i] + shifts[c0], l = bounds.lower[i] - moved
                                                            // Nearest is still c0, by more than rounding, when u + margin < l:
                                                            // its distance is not needed (the bounds are set again if it is).
                                                            bounds.upper[i] = u
                                                            bounds.lower[i] = l
                                                            list[m] = Int32(i)
                                                            m &+= u + margin < l ? 0 : 1
                                                        }
                                                    }
                                                    var moving: UInt64 = 0
                                                    @inline(__always) func place(_ i: Int, _ found: CentroidLanes.Nearest) {
                                                        out.distances[i] = found.distance
                                                        bounds.upper[i] = found.distance.squareRoot()
                                                        bounds.lower[i] = found.second.squareRoot()
                                                        let before = out.labels[i]
                                                        if before != found.label {
                                                            out.labels[i] = found.label
                                                            moving |= Self.clusterBit(before) | Self.clusterBit(found.label)
                                                        }
                                                    }
                                                    // Four points at a time: their chains of additions side by side,
                                                    // each point's sums as alone.
                                                    var j = lo
                                                    while j + 3 < m {
                                                        let i0 = Int(list[j]), i1 = Int(list[j + 1]), i2 = Int(list[j + 2]), i3 = Int(list[j + 3])
                                                        let r = lanes.nearestAndSecond(p + i0 * d, p + i1 * d, p + i2 * d, p + i3 * d)
                                                        place(i0, r.0)
                                                        place(i1, r.1)
                                                        place(i2, r.2)
                                                        place(i3, r.3)
                                                        j += 4
                                                    }
                                                    while j < m {
                                                        let i = Int(list[j])
                                                        place(i, lanes.nearestAndSecond(p + i * d))
                                                        j += 1
                                                    }
                                                    moves[chunk] = moving
                                                    bounds.skipped[chunk] = m < hi
                                                }
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
                // Clusters that a point left or joined (or every one, see `clusterBit`); the
                // others have the same points in the same order as in the last pass, so their
                // sums and sizes, added again, would come out the same to the bit: kept.
                var dirty = forced
                for mask in chunkMoved { dirty |= mask }
                var changed = chunkMoved.contains { $0 != 0 }
                let every: UInt64 = k >= 64 ? ~0 : (1 << UInt64(k)) - 1
                // (With more than 64 clusters the bits do not tell them apart: all, every pass.)
                if firstPass || k > 64 || dirty & every == every { dirty = ~0 }
                forced = 0
                for c in 0..<k where dirty & Self.clusterBit(Int32(c)) != 0 {
                    sizes[c] = 0
                    for f in 0..<d { sums[c * d + f] = 0 }
                }
                labels.withUnsafeBufferPointer { labels in
                    sums.withUnsafeMutableBufferPointer { sums in
                        sizes.withUnsafeMutableBufferPointer { sizes in
                            if CentroidLanes.avx2 {
                                jm_cluster_sums(p, n, d, labels.baseAddress!, dirty, sums.baseAddress!, sizes.baseAddress!)
                                return
                            }
                            for i in 0..<n where dirty & Self.clusterBit(labels[i]) != 0 {
                                let c = Int(labels[i])
                                sizes[c] += 1
                                let row = p + i * d, sum = sums.baseAddress! + c * d
                                for f in 0..<d { sum[f] += row[f] }
                            }
                        }
                    }
                }
                if sizes.contains(0) && chunkSkipped.contains(true) {
                    // The farthest point is looked for: every point's distance to its centroid
                    // (the scalar sum is the lanes' to the bit).
                    centroids.withUnsafeBufferPointer { cs in
                        for i in 0..<n { distances[i] = Self.squaredDistance(p + i * d, cs.baseAddress! + Int(labels[i]) * d, d) }
                    }
                }
                for c in 0..<k where sizes[c] == 0 {
                    // Farthest point from its centroid (lowest index on ties) founds the empty cluster.
                    var far = -1
                    for i in 0..<n where sizes[Int(labels[i])] > 1 && (far < 0 || distances[i] > distances[far]) { far = i }
                    guard far >= 0, distances[far] > Self.onCentroid(p + far * d, d) else { continue }
                    let old = Int(labels[far])
                    sizes[old] -= 1
                    for f in 0..<d { sums[old * d + f] -= points[far * d + f] }
                    labels[far] = Int32(c)
                    forced |= Self.clusterBit(Int32(old)) | Self.clusterBit(Int32(c))
                    sizes[c] = 1
                    distances[far] = 0
                    upper[far] = .infinity  // its bounds no longer hold: measured again next pass
                    lower[far] = 0
                    for f in 0..<d { sums[c * d + f] = points[far * d + f] }
                    changed = true
                }
                previous = centroids
                for c in 0..<k where sizes[c] > 0 {
                    for f in 0..<d { centroids[c * d + f] = sums[c * d + f] / Double(sizes[c]) }
                }
                if !changed { break }
                maxShift = 0
                previous.withUnsafeBufferPointer { old in
                    centroids.withUnsafeBufferPointer { new in
                        for c in 0..<k {
                            shift[c] = Self.squaredDistance(old.baseAddress! + c * d, new.baseAddress! + c * d, d).squareRoot()
                            maxShift = max(maxShift, shift[c])
                        }
                    }
                }
            }
        }
        var inertia = 0.0
        if n > 0 {
            points.withUnsafeBufferPointer { p in
                centroids.withUnsafeBufferPointer { cs in
                    for i in 0..<n {
                        inertia += Self.squaredDistance(p.baseAddress! + i * d, cs.baseAddress! + Int(labels[i]) * d, d)
                    }
                }
            }
        }
        return Result(labels: labels, centroids: centroids, inertia: inertia, iterations: iterations)
    }

    /// Assigns points to their nearest centroid (lowest index on ties), once, centroids left as
    /// they are: the final pass of a fit on a sample (CLARA's). The points are not held: `chunks`
    /// calls its argument with consecutive runs of rows (`first`, row-major `rows`, `m` of them)
    /// covering points 0..<n, in any order and on any threads; each point's label depends on it
    /// alone. The inertia adds the squared distances in point order.
    /// - Complexity: O(n · k · d).
    static func assign(count n: Int, k: Int, dimension d: Int, centroids: [Double],
                       chunks: ((_ first: Int, _ rows: UnsafeMutablePointer<Double>, _ m: Int) -> Void) -> Void) -> Result {
        var lanes = CentroidLanes(k: k, dimension: d)
        lanes.load(centroids)
        var labels = [Int32](repeating: 0, count: n)
        var distances = [Double](repeating: 0, count: n)
        labels.withUnsafeMutableBufferPointer { lb in
            distances.withUnsafeMutableBufferPointer { db in
                let out = AssignmentOutput(labels: lb.baseAddress!, distances: db.baseAddress!)
                chunks { first, rows, m in
                    var j = 0
                    while j + 1 < m {
                        let (c, dist, c1, dist1) = lanes.nearest(rows + j * d, rows + (j + 1) * d)
                        out.labels[first + j] = c
                        out.distances[first + j] = dist
                        out.labels[first + j + 1] = c1
                        out.distances[first + j + 1] = dist1
                        j += 2
                    }
                    if j < m {
                        let (c, dist) = lanes.nearest(rows + j * d)
                        out.labels[first + j] = c
                        out.distances[first + j] = dist
                    }
                }
            }
        }
        var inertia = 0.0
        for x in distances { inertia += x }
        return Result(labels: labels, centroids: centroids, inertia: inertia, iterations: 1)
    }

    /// How much Hamerly's bounds may be off by rounding, at most: the distances they bound are
    /// at most twice the largest norm of a point (centroids are means of points, or points), and
    /// each bound has gone through fewer than `maxIterations` additions of such magnitudes, each
    /// rounded by 2⁻⁵³ of it; the squared distances the lanes add are off by ~d·2⁻⁵³ of
    /// themselves. 10⁻⁹ of that scale is orders of magnitude more than all of it, and orders
    /// less than the gaps that let a point skip. Infinite (no skipping) when a point is not finite.
    static func boundMargin(_ points: [Double], dimension d: Int) -> Double {
        var largest = 0.0
        points.withUnsafeBufferPointer { p in
            let n = d == 0 ? 0 : p.count / d
            for i in 0..<n {
                var s = 0.0
                for f in 0..<d { s += p[i * d + f] * p[i * d + f] }
                largest = s.isFinite ? max(largest, s) : .infinity
            }
        }
        return 1e-9 * 2 * largest.squareRoot() + Double.leastNormalMagnitude
    }

    /// The squared distance under which the point at `p` counts as sitting on its centroid:
    /// rounding, not distance. A centroid is the mean of its points, and the mean of n equal
    /// values need not be that value to the last bit, so "0" was missed by ~1e-30 and an empty
    /// cluster was re-founded on a point that already sat on a centroid, emptying another —
    /// every pass, up to `maxIterations`: 2M one-event journeys (5 distinct points) ran 300
    /// passes × 10 restarts for k = 6, 7 and 8 (56 s of 86 s).
    @inline(__always)
    static func onCentroid(_ p: UnsafePointer<Double>, _ d: Int) -> Double {
        var norm = 0.0
        for f in 0..<d { norm += p[f] * p[f] }
        return 1e-20 * (1 + norm)
    }

    @inline(__always)
    static func squaredDistance(_ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>, _ d: Int) -> Double {
        var s = 0.0
        for f in 0..<d { let x = a[f] - b[f]; s += x * x }
        return s
    }

    /// `squaredDistance(a, c, d)` and `squaredDistance(b, c, d)`, the two sums side by side.
    @inline(__always)
    static func squaredDistances(_ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>, _ c: UnsafePointer<Double>,
                                 _ d: Int) -> (Double, Double) {
        var s = 0.0, t = 0.0
        for f in 0..<d {
            let x = a[f] - c[f], y = b[f] - c[f]
            s += x * x
            t += y * y
        }
        return (s, t)
    }

    typealias Generator = SplitMix64
}

/// Centroids laid out four to a SIMD vector, feature by feature, so that the distances of a
/// point to four centroids are summed side by side (lane j adds its squares in feature order,
/// exactly as the scalar loop does, so the sums are bit for bit the same).
private struct CentroidLanes: @unchecked Sendable {
    let k: Int
    let d: Int
    /// groups × d vectors: `lanes[g * d + f][j]` is feature f of centroid 4g + j (padding: 0).
    private(set) var lanes: [SIMD4<Double>]

    init(k: Int, dimension d: Int) {
        self.k = k
        self.d = d
        lanes = [SIMD4<Double>](repeating: .zero, count: ((k + 3) / 4) * d)
    }

    mutating func load(_ centroids: [Double]) {
        for c in 0..<k {
            for f in 0..<d { lanes[(c / 4) * d + f][c % 4] = centroids[c * d + f] }
        }
    }

    /// Nearest centroid of the point at `p` and its squared distance (lowest index on ties).
    @inline(__always)
    func nearest(_ p: UnsafePointer<Double>) -> (Int32, Double) {
        var best: Int32 = 0
        var bestDistance = Double.infinity
        lanes.withUnsafeBufferPointer { lanes in
            var c = 0, g = 0
            while c < k {
                let s = Self.laneDistances(p, lanes.baseAddress! + g * d, d)
                for j in 0..<min(4, k - c) where s[j] < bestDistance {
                    bestDistance = s[j]
                    best = Int32(c + j)
                }
                c += 4
                g += 1
            }
        }
        return (best, bestDistance)
    }
}

extension CentroidLanes {
    /// The squared distances of the point at `p` to the four centroids of one lane group
    /// (`base`: the group's `d` lanes), added feature by feature in order.
    @inline(__always)
    static func laneDistances(_ p: UnsafePointer<Double>, _ base: UnsafePointer<SIMD4<Double>>, _ d: Int) -> SIMD4<Double> {
        var s = SIMD4<Double>.zero
        for f in 0..<d {
            let x = SIMD4<Double>(repeating: p[f]) - base[f]
            s = s + x * x
        }
        return s
    }
}

extension CentroidLanes {
    /// `nearest` of two points at once: the same sums lane by lane, but the two points' chains
    /// of additions side by side, so that each waits less on the one before (the loop over
    /// features is bound by the latency of its additions, not by their number).
    @inline(__always)
    func nearest(_ p: UnsafePointer<Double>, _ q: UnsafePointer<Double>) -> (Int32, Double, Int32, Double) {
        var best: (Int32, Int32) = (0, 0)
        var bestDistance = (Double.infinity, Double.infinity)
        lanes.withUnsafeBufferPointer { lanes in
            var c = 0, g = 0
            while c < k {
                var s = SIMD4<Double>.zero, t = SIMD4<Double>.zero
                let base = lanes.baseAddress! + g * d
                for f in 0..<d {
                    let centre = base[f]
                    let x = SIMD4<Double>(repeating: p[f]) - centre
                    let y = SIMD4<Double>(repeating: q[f]) - centre
                    s = s + x * x
                    t = t + y * y
                }
                for j in 0..<min(4, k - c) {
                    if s[j] < bestDistance.0 { bestDistance.0 = s[j]; best.0 = Int32(c + j) }
                    if t[j] < bestDistance.1 { bestDistance.1 = t[j]; best.1 = Int32(c + j) }
                }
                c += 4
                g += 1
            }
        }
        return (best.0, bestDistance.0, best.1, bestDistance.1)
    }
}

extension CentroidLanes {
    /// Nearest centroid of the point at `p` (lowest index on ties), its squared distance, and
    /// the squared distance of the next nearest (infinity for k = 1): the same lane sums as
    /// `nearest(_:)`, taken in as the four-point version takes them (`Nearest.track`).
    @inline(__always)
    func nearestAndSecond(_ p: UnsafePointer<Double>) -> Nearest {
        var found = Nearest()
        lanes.withUnsafeBufferPointer { lanes in
            var c = 0, g = 0
            while c < k {
                found.track(Self.laneDistances(p, lanes.baseAddress! + g * d, d), from: c, count: min(4, k - c))
                c += 4
                g += 1
            }
        }
        return found
    }
}

extension CentroidLanes {
    /// A point's nearest centroid, its squared distance and that of the next nearest.
    struct Nearest {
        var label: Int32 = 0
        var distance = Double.infinity
        var second = Double.infinity

        /// Takes in the distances `s` to centroids `c..<c + count` (lowest index on ties: the
        /// first of equal distances stays), by selects rather than branches (which centroid is
        /// nearer is as good as random: the branches were ~18 % of the assignment step).
        @inline(__always)
        mutating func track(_ s: SIMD4<Double>, from c: Int, count: Int) {
            for j in 0..<count {
                let x = s[j]
                let closer = x < distance
                let nextSecond = x < second ? x : second
                second = closer ? distance : nextSecond
                distance = closer ? x : distance
                label = closer ? Int32(c + j) : label
            }
        }
    }

    /// `nearestAndSecond` of four points at once: each point's lane sums exactly as alone
    /// (feature by feature in order), the four chains of additions side by side, so that each
    /// waits less on the one before (a single point's loop is bound by the latency of its
    /// additions).
    @inline(__always)
    func nearestAndSecond(_ p0: UnsafePointer<Double>, _ p1: UnsafePointer<Double>, _ p2: UnsafePointer<Double>,
                          _ p3: UnsafePointer<Double>) -> (Nearest, Nearest, Nearest, Nearest) {
        if Self.avx2 { return nearestAndSecondAVX2(p0, p1, p2, p3) }
        var r = (Nearest(), Nearest(), Nearest(), Nearest())
        lanes.withUnsafeBufferPointer { lanes in
            var c = 0, g = 0
            while c < k {
                var s0 = SIMD4<Double>.zero, s1 = SIMD4<Double>.zero, s2 = SIMD4<Double>.zero, s3 = SIMD4<Double>.zero
                let base = lanes.baseAddress! + g * d
                for f in 0..<d {
                    let centre = base[f]
                    let x0 = SIMD4<Double>(repeating: p0[f]) - centre
                    let x1 = SIMD4<Double>(repeating: p1[f]) - centre
                    let x2 = SIMD4<Double>(repeating: p2[f]) - centre
                    let x3 = SIMD4<Double>(repeating: p3[f]) - centre
                    s0 = s0 + x0 * x0
                    s1 = s1 + x1 * x1
                    s2 = s2 + x2 * x2
                    s3 = s3 + x3 * x3
                }
                let m = min(4, k - c)
                r.0.track(s0, from: c, count: m)
                r.1.track(s1, from: c, count: m)
                r.2.track(s2, from: c, count: m)
                r.3.track(s3, from: c, count: m)
                c += 4
                g += 1
            }
        }
        return r
    }
}

extension CentroidLanes {
    /// Whether `nearestAndSecond` of four points runs as AVX2 code (`CNearest`), whose results
    /// are bit for bit the Swift loop's: on x86-64 CPUs that have it, unless
    /// `JOURNEYMAP_NO_AVX2=1` (tests compare the two).
    static let avx2 = jm_nearest_has_avx2() != 0 && ProcessInfo.processInfo.environment["JOURNEYMAP_NO_AVX2"] != "1"

    /// `nearestAndSecond` of four points by `jm_nearest_second4`.
    @inline(__always)
    func nearestAndSecondAVX2(_ p0: UnsafePointer<Double>, _ p1: UnsafePointer<Double>, _ p2: UnsafePointer<Double>,
                              _ p3: UnsafePointer<Double>) -> (Nearest, Nearest, Nearest, Nearest) {
        var labels = (Int32(0), Int32(0), Int32(0), Int32(0))
        var distances = (0.0, 0.0, 0.0, 0.0), seconds = (0.0, 0.0, 0.0, 0.0)
        lanes.withUnsafeBufferPointer { lanes in
            let base = UnsafeRawPointer(lanes.baseAddress!).assumingMemoryBound(to: Double.self)
            withUnsafeMutableBytes(of: &labels) { l in
                withUnsafeMutableBytes(of: &distances) { dd in
                    withUnsafeMutableBytes(of: &seconds) { ss in
                        jm_nearest_second4(base, k, d, p0, p1, p2, p3,
                                           l.baseAddress!.assumingMemoryBound(to: Int32.self),
                                           dd.baseAddress!.assumingMemoryBound(to: Double.self),
                                           ss.baseAddress!.assumingMemoryBound(to: Double.self))
                    }
                }
            }
        }
        return (Nearest(label: labels.0, distance: distances.0, second: seconds.0),
                Nearest(label: labels.1, distance: distances.1, second: seconds.1),
                Nearest(label: labels.2, distance: distances.2, second: seconds.2),
                Nearest(label: labels.3, distance: distances.3, second: seconds.3))
    }
}

/// Hamerly's bounds of the points and which chunks skipped a point in the last pass.
private struct BoundsOutput: @unchecked Sendable {
    let upper: UnsafeMutablePointer<Double>
    let lower: UnsafeMutablePointer<Double>
    let skipped: UnsafeMutablePointer<Bool>
}

/// Where the chunks of one assignment step write (each chunk its own points).
private struct AssignmentOutput: @unchecked Sendable {
    let labels: UnsafeMutablePointer<Int32>
    let distances: UnsafeMutablePointer<Double>
}
