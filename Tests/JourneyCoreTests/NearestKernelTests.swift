import CNearest
import Testing
@testable import JourneyCore

/// The AVX2 kernels of k-means (`CNearest`) give bit for bit what plain loops give: each
/// squared distance summed feature by feature from 0 (a multiply, then an add), the nearest and
/// next nearest taken in centroid order with ties to the lower index, and each centroid's sums
/// added in point order. (`KMeansIdentityTests` checks whole fits through `CentroidLanes`, on
/// the AVX2 path where the CPU has it; this checks the kernels on shapes the fits do not reach.
/// On a CPU without AVX2 the kernels are never called: skipped.)
@Suite struct NearestKernelTests {
    static let available = jm_nearest_has_avx2() != 0

    /// Centroid `c`'s feature `f` in the kernel's layout: four centroids a group, feature by feature.
    static func lanes(_ centroids: [[Double]], d: Int) -> [Double] {
        let groups = (centroids.count + 3) / 4
        var out = [Double](repeating: 0, count: groups * d * 4)
        for (c, row) in centroids.enumerated() {
            for f in 0..<d { out[((c / 4) * d + f) * 4 + c % 4] = row[f] }
        }
        return out
    }

    /// Nearest, its squared distance and the next nearest's, by plain loops.
    static func reference(_ p: [Double], _ centroids: [[Double]]) -> (Int32, Double, Double) {
        var label: Int32 = 0, distance = Double.infinity, second = Double.infinity
        for (c, row) in centroids.enumerated() {
            var s = 0.0
            for f in 0..<p.count { let x = p[f] - row[f]; s = s + x * x }
            let closer = s < distance
            let nextSecond = s < second ? s : second
            second = closer ? distance : nextSecond
            distance = closer ? s : distance
            label = closer ? Int32(c) : label
        }
        return (label, distance, second)
    }

    @Test(.enabled(if: available, "no AVX2 on this CPU: the kernel is never used here"),
          arguments: [1, 2, 3, 4, 5, 7, 8, 9, 13, 64, 70], [1, 2, 3, 4, 5, 17, 18, 23])
    func nearestAndSecondEqualPlainLoops(k: Int, d: Int) throws {
        var rng = SplitMix64(seed: UInt64(k * 100 + d))
        var centroids = (0..<k).map { _ in (0..<d).map { _ in rng.nextUnit() * 8 - 4 } }
        if k > 2 { centroids[k - 1] = centroids[1] }  // a tie: the lower index wins
        let lanes = Self.lanes(centroids, d: d)
        for trial in 0..<50 {
            var points = (0..<4).map { _ in (0..<d).map { _ in rng.nextUnit() * 10 - 5 } }
            if trial % 10 == 0 { points[trial % 4] = centroids[k / 2] }  // on a centroid: distance 0
            var labels = [Int32](repeating: -1, count: 4)
            var distances = [Double](repeating: -1, count: 4), seconds = [Double](repeating: -1, count: 4)
            lanes.withUnsafeBufferPointer { l in
                jm_nearest_second4(l.baseAddress!, k, d, points[0], points[1], points[2], points[3],
                                   &labels, &distances, &seconds)
            }
            for q in 0..<4 {
                let (label, distance, second) = Self.reference(points[q], centroids)
                #expect(labels[q] == label, "k \(k) d \(d) trial \(trial) point \(q)")
                #expect(distances[q].bitPattern == distance.bitPattern && seconds[q].bitPattern == second.bitPattern,
                        "k \(k) d \(d) trial \(trial) point \(q): \(distances[q]) \(seconds[q]) against \(distance) \(second)")
            }
        }
    }

    @Test(.enabled(if: available, "no AVX2 on this CPU: the kernel is never used here"),
          arguments: [(k: 3, d: 5), (k: 8, d: 18), (k: 8, d: 3), (k: 64, d: 4), (k: 70, d: 9)])
    func clusterSumsEqualPlainLoops(_ shape: (k: Int, d: Int)) throws {
        let (k, d, n) = (shape.k, shape.d, 500)
        var rng = SplitMix64(seed: UInt64(k * 31 + d))
        let points = (0..<(n * d)).map { _ in rng.nextUnit() * 1e3 - 3e2 }
        let labels = (0..<n).map { _ in Int32(rng.next(below: UInt64(k))) }
        for dirty: UInt64 in [~0, 0b1010_0110, 1 << 2, 0] {
            var sums = (0..<(k * d)).map { Double($0) }, sizes = (0..<k).map { $0 }
            var expectedSums = sums, expectedSizes = sizes
            for i in 0..<n {
                let c = Int(labels[i])
                guard dirty & KMeans.clusterBit(Int32(c)) != 0 else { continue }
                expectedSizes[c] += 1
                for f in 0..<d { expectedSums[c * d + f] += points[i * d + f] }
            }
            jm_cluster_sums(points, n, d, labels, dirty, &sums, &sizes)
            #expect(sizes == expectedSizes, "k \(k) d \(d) dirty \(dirty)")
            #expect(sums.map(\.bitPattern) == expectedSums.map(\.bitPattern), "k \(k) d \(d) dirty \(dirty)")
        }
    }
}
