import Testing
@testable import JourneyCore

/// The faster `KMeans` (SIMD lanes, pointers, parallel restarts and assignment) gives bit for
/// bit what the plain loops gave (`ReferenceKMeans`), for any number of threads: persona
/// cards must not change with the speed-up or with `--threads`.
@Suite struct KMeansIdentityTests {
    /// Points in `groups` loose blobs with a few exact duplicates (ties) and one far outlier.
    static func points(_ n: Int, dimension d: Int, groups: Int, seed: UInt64) -> [Double] {
        var rng = SplitMix64(seed: seed)
        var out: [Double] = []
        out.reserveCapacity(n * d)
        for i in 0..<n {
            if i % 97 == 5, i >= d {
                out.append(contentsOf: out[(i - 1) * d ..< i * d])  // a duplicate of the previous point
                continue
            }
            let g = Double(i % groups)
            for f in 0..<d { out.append(g * Double(f % 3 + 1) + rng.nextUnit() * 1.7 - (i == n / 2 ? 40 : 0)) }
        }
        return out
    }

    /// (k = 70: more clusters than `KMeans.clusterBit` tells apart, so every cluster's sums are
    /// added again every pass.)
    @Test(arguments: [(k: 1, d: 3), (k: 3, d: 7), (k: 5, d: 15), (k: 8, d: 14), (k: 11, d: 5), (k: 64, d: 2), (k: 70, d: 4)])
    func fitEqualsTheReference(_ shape: (k: Int, d: Int)) {
        let points = Self.points(900, dimension: shape.d, groups: 4, seed: UInt64(shape.k))
        var g1 = SplitMix64(seed: 9), g2 = SplitMix64(seed: 9)
        Self.expectFitsAsTheReference(points, k: shape.k, d: shape.d, restarts: 4, threads: [1, 2, 3], generator: &g1)
        _ = KMeans(k: shape.k, restarts: 4).fit(points, dimension: shape.d, generator: &g2)
        #expect(g1.next() == g2.next(), "the generator is left where the reference leaves it")
    }

    /// `KMeans` at each thread count gives `ReferenceKMeans`' labels, centroids, inertia and
    /// passes, bit for bit, from the same generator state; `generator` is left where the
    /// reference leaves it.
    static func expectFitsAsTheReference(_ points: [Double], k: Int, d: Int, restarts: Int, threads: [Int],
                                         generator: inout SplitMix64) {
        let start = generator
        let reference = ReferenceKMeans(k: k, restarts: restarts).fit(points, dimension: d, generator: &generator)
        for t in threads {
            var g = start
            let fast = KMeans(k: k, restarts: restarts, threads: t).fit(points, dimension: d, generator: &g)
            #expect(fast.labels == reference.labels, "k \(k), threads \(t)")
            #expect(fast.centroids.map(\.bitPattern) == reference.centroids.map(\.bitPattern))
            #expect(fast.inertia.bitPattern == reference.inertia.bitPattern)
            #expect(fast.iterations == reference.iterations)
        }
    }

    /// Hamerly's bounds skip points whose label cannot change; where clusters empty and are
    /// founded again (many equal points, a few spread ones, more clusters than blobs) and where
    /// runs go on for many passes, labels, centroids, inertia and passes stay the reference's.
    @Test(arguments: [(k: 6, d: 2, seed: 1), (k: 8, d: 3, seed: 2), (k: 7, d: 17, seed: 3), (k: 4, d: 1, seed: 4)])
    func boundsKeepTheReferenceWhereClustersEmpty(_ shape: (k: Int, d: Int, seed: Int)) {
        var rng = SplitMix64(seed: UInt64(shape.seed))
        var points: [Double] = []
        for i in 0..<600 {
            for f in 0..<shape.d {
                // 5 exact values for most points, a slow drift for every seventh one.
                points.append(i % 7 == 0 ? rng.nextUnit() * 3 + Double(f) : Double(i % 5) * 0.25)
            }
        }
        var g = SplitMix64(seed: 5)
        Self.expectFitsAsTheReference(points, k: shape.k, d: shape.d, restarts: 3, threads: [1, 2], generator: &g)
    }

    /// A point set larger than one assignment chunk, so the assignment step runs in chunks.
    @Test func lloydOverManyChunksEqualsTheReference() {
        let d = 6, n = KMeans.assignmentChunk * 2 + 1234
        let points = Self.points(n, dimension: d, groups: 5, seed: 3)
        var g = SplitMix64(seed: 4)
        let start = KMeans.plusPlusSeeds(points, dimension: d, k: 5, generator: &g)
        let reference = ReferenceKMeans(k: 5, maxIterations: 40).lloyd(points, dimension: d, centroids: start)
        for threads in [1, 2, 4] {
            let fast = KMeans(k: 5, maxIterations: 40, threads: threads).lloyd(points, dimension: d, centroids: start)
            #expect(fast.labels == reference.labels, "threads \(threads)")
            #expect(fast.centroids.map(\.bitPattern) == reference.centroids.map(\.bitPattern))
            #expect(fast.inertia.bitPattern == reference.inertia.bitPattern)
            #expect(fast.iterations == reference.iterations)
        }
    }

    /// Persona clustering on the planted-groups log: the same segments and scores on 1–3 threads,
    /// and the same as with the reference k-means run the old way (k after k, restart after restart).
    @Test func clusteringIsTheSameOnAnyThreadCount() throws {
        let points = Self.points(2_500, dimension: 8, groups: 3, seed: 11)
        var expected: [ReferenceKMeans.Result] = []
        for k in 2...5 {
            var generator = SplitMix64(seed: 1 &+ UInt64(k) &* 0x9E37_79B9_7F4A_7C15)
            expected.append(ReferenceKMeans(k: k, restarts: 3).fit(points, dimension: 8, generator: &generator))
        }
        for threads in [1, 2, 3] {
            var generators = (2...5).map { SplitMix64(seed: 1 &+ UInt64($0) &* 0x9E37_79B9_7F4A_7C15) }
            let kmeans = (2...5).map { KMeans(k: $0, restarts: 3) }
            let seeds = (0..<4).map { kmeans[$0].seeds(points, dimension: 8, generator: &generators[$0]) }
            let runs = ParallelTasks.map(12, threads: threads) { t in
                kmeans[t / 3].lloyd(points, dimension: 8, centroids: seeds[t / 3][t % 3])
            }
            for i in 0..<4 {
                let best = KMeans.best(Array(runs[i * 3 ..< i * 3 + 3]))
                #expect(best.labels == expected[i].labels && best.inertia.bitPattern == expected[i].inertia.bitPattern,
                        "k \(i + 2), threads \(threads)")
            }
        }
    }

    /// The whole clusterer on the planted-groups log, with a fit sample and a silhouette sample
    /// smaller than the log (so the final pass over all journeys runs too): equal on 1–3 threads.
    @Test func personaClustererIsTheSameOnAnyThreadCount() throws {
        let seq = try Miner(template: JourneyTemplate.builtinDefault()).sequences(PlantedLog(sizes: (900, 700, 500)).table)
        var results: [PersonaClustering] = []
        for threads in [1, 2, 3] {
            var options = PersonaClusterOptions(silhouetteSample: 300, fitSample: 600)
            options.threads = threads
            results.append(try PersonaClusterer(options: options).cluster(seq))
        }
        #expect(results[0].fittedJourneys == 600 && results[0].silhouetteJourneys == 300)
        #expect(results[1] == results[0] && results[2] == results[0])
    }
}
