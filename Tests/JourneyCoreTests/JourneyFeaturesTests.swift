import Testing
@testable import JourneyCore

/// The streamed features (means and divisors kept, rows computed when asked for) equal bit for
/// bit the n × d matrix they replaced (`ReferenceJourneyFeatures`), whatever the thread count,
/// and the final pass of a sampled fit assigns each journey to its nearest centroid.
@Suite struct JourneyFeaturesTests {
    /// The planted-groups log with more journeys than one chunk (so the sums run over chunks).
    static func sequences() throws -> JourneySequences {
        let log = PlantedLog(seed: 5, sizes: (store: 9_000, web: 7_000, social: 5_000))
        return try Miner(template: JourneyTemplate.builtinDefault()).sequences(log.table)
    }

    @Test(arguments: [1, 2, 3])
    func rowsEqualTheReferenceMatrix(threads: Int) throws {
        let seq = try Self.sequences()
        #expect(seq.count > JourneyFeatures.chunk)
        let conversion = try JourneyConversion(stage: "decision", stages: seq.stages)
        let reference = ReferenceJourneyFeatures(seq, conversion: conversion, maxChannels: 3)
        let features = JourneyFeatures(seq, conversion: conversion, maxChannels: 3, threads: threads)
        #expect(features.names == reference.names && features.count == reference.count)
        let all = features.rows(of: Array(0..<seq.count), seq)
        #expect(all.map(\.bitPattern) == reference.values.map(\.bitPattern))
        let some = [7, 3, seq.count - 1, 20_000, 0]
        let d = features.dimension
        #expect(features.rows(of: some, seq).map(\.bitPattern)
                == some.flatMap { reference.values[$0 * d ..< ($0 + 1) * d] }.map(\.bitPattern))

        let chunked = Chunked(count: seq.count * d)
        features.forEachChunk(seq, threads: threads) { first, rows, m in
            (chunked.values + first * d).update(from: rows, count: m * d)
        }
        #expect(UnsafeBufferPointer(start: chunked.values, count: seq.count * d).map(\.bitPattern)
                == reference.values.map(\.bitPattern))
        chunked.values.deallocate()
    }

    /// `KMeans.assign`: every point to its nearest centroid by the scalar distance (the lowest
    /// index on ties), the inertia the sum of those distances in point order, centroids kept.
    @Test func assignGivesTheNearestCentroid() {
        let d = 5, n = 3 * 1000 + 17, k = 6
        let points = KMeansIdentityTests.points(n, dimension: d, groups: 4, seed: 2)
        var g = SplitMix64(seed: 3)
        var centroids = KMeans.plusPlusSeeds(points, dimension: d, k: k, generator: &g)
        centroids.replaceSubrange(d ..< 2 * d, with: centroids[0 ..< d])  // a tie: the lower index wins
        let result = points.withUnsafeBufferPointer { p in
            KMeans.assign(count: n, k: k, dimension: d, centroids: centroids) { body in
                ParallelTasks.run(4, threads: 3) { i in  // uneven chunks, in any order
                    let lo = i * 1000, hi = min(n, lo + 1000 + (i == 3 ? 17 : 0))
                    guard lo < hi else { return }
                    body(lo, UnsafeMutablePointer(mutating: p.baseAddress! + lo * d), hi - lo)
                }
            }
        }
        var inertia = 0.0
        for i in 0..<n {
            var best = 0, bestDistance = Double.infinity
            for c in 0..<k {
                var s = 0.0
                for f in 0..<d { let x = points[i * d + f] - centroids[c * d + f]; s += x * x }
                if s < bestDistance { best = c; bestDistance = s }
            }
            #expect(result.labels[i] == Int32(best))
            inertia += bestDistance
        }
        #expect(!result.labels.contains(1))
        #expect(result.inertia.bitPattern == inertia.bitPattern && result.centroids == centroids)
    }
}

private final class Chunked: @unchecked Sendable {
    let values: UnsafeMutablePointer<Double>
    init(count: Int) { values = .allocate(capacity: count) }
}

