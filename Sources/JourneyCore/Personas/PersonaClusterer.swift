/// Derives personas from observed behaviour: journeys are clustered by what they do
/// (`JourneyFeatures`) with k-means++ under a fixed seed, and each cluster becomes a persona
/// whose `facts` say what was measured.
///
/// Passes: features → samples → k-means per k (auto: the k with the best silhouette) →
/// every journey assigned to the nearest centroid (when fitted on a sample) → segments
/// ordered by size → facts, names, `minCases`.
/// The same sequences and options give the same result on every run.
public struct PersonaClusterer: Sendable {
    public var options: PersonaClusterOptions

    public init(options: PersonaClusterOptions = PersonaClusterOptions()) {
        self.options = options
    }

    /// - Complexity: O(restarts · iterations · f · k · d) per k tried, on at most f =
    ///   `fitSample` journeys, plus O(s²) for the silhouette sample s, O(e + n · k · d) to assign
    ///   the n journeys of e events, and O(e log e) for facts.
    public func cluster(_ seq: JourneySequences) throws -> PersonaClustering {
        let conversion = try JourneyConversion(stage: options.conversionStage ?? JourneyConversion.lastReachedStage(seq, threads: options.threads),
                                               stages: seq.stages)
        let n = seq.count
        let candidates = try clusterCounts(journeys: n)
        let features = JourneyFeatures(seq, conversion: conversion, maxChannels: options.maxChannelFeatures,
                                       threads: options.threads)
        let d = features.dimension
        PhaseTiming.mark("persona: features")

        // Samples are drawn from their own stream, so they do not depend on which k is tried.
        var sampler = KMeans.Generator(seed: options.seed)
        let fitIndices = sampler.sample(max(options.fitSample, (candidates.last ?? 1) + 1), of: n)
        let fitRows = features.rows(of: fitIndices, seq)
        let silhouettePositions = sampler.sample(options.silhouetteSample, of: fitIndices.count)
        var silhouetteRows: [Double] = []
        silhouetteRows.reserveCapacity(silhouettePositions.count * d)
        for r in silhouettePositions { silhouetteRows.append(contentsOf: fitRows[r * d ..< (r + 1) * d]) }
        let silhouette = Silhouette(silhouetteRows, dimension: d, threads: options.threads)

        let fits = fitEach(candidates, fitRows, dimension: d)
        PhaseTiming.mark("persona: k-means on \(fitIndices.count) journeys, iterations \(fits.map(\.iterations))")
        var scores: [PersonaClustering.SilhouetteScore] = []
        var best: (k: Int, fit: KMeans.Result, score: Double)?
        let scoreOfFit = ParallelTasks.map(candidates.count, threads: options.threads) { i in
            silhouette.score(silhouettePositions.map { fits[i].labels[$0] }, k: candidates[i])
        }
        for (i, (k, fit)) in zip(candidates, fits).enumerated() {
            let score = scoreOfFit[i]
            scores.append(.init(k: k, score: score))
            if best == nil || score > best!.score + 1e-12 { best = (k, fit, score) }
        }
        guard let chosen = best else { throw PersonaError("no cluster count to try") }
        PhaseTiming.mark("persona: silhouette on \(silhouettePositions.count) journeys")

        var result = chosen.fit
        if fitIndices.count < n {
            // Fitted on a sample: one pass assigns every journey to the nearest centroid of the
            // fit (CLARA's way; the inertia is that assignment's), each journey's row computed
            // as it is assigned.
            result = KMeans.assign(count: n, k: chosen.k, dimension: d, centroids: result.centroids) { body in
                features.forEachChunk(seq, threads: options.threads, body)
            }
            PhaseTiming.mark("persona: final pass assigning \(n) journeys")
        }
        var clustering = segments(seq, labels: result.labels, k: chosen.k, conversion: conversion, scores: scores,
                                  inertia: result.inertia, featureNames: features.names)
        PhaseTiming.mark("persona: segments and facts")
        clustering.fittedJourneys = fitIndices.count
        clustering.silhouetteJourneys = silhouettePositions.count
        return clustering
    }

    /// k-means of `points` for every k of `candidates`, as `KMeans.fit` with each k's own
    /// seeded generator gives it: the seeds of each k's restarts drawn in order, then every
    /// (k, restart) run on `options.threads` threads (the largest k first: the longest runs),
    /// and each k's lowest inertia kept (the first restart on ties). The same on any thread count.
    private func fitEach(_ candidates: [Int], _ points: [Double], dimension d: Int) -> [KMeans.Result] {
        let kmeans = candidates.map { KMeans(k: $0, restarts: options.restarts, maxIterations: options.maxIterations) }
        // The largest k first (the most passes of seeding); each k has its own generator.
        let last = candidates.count - 1
        let seeds: [[[Double]]] = ParallelTasks.map(candidates.count, threads: options.threads) { t in
            let i = last - t
            var generator = KMeans.Generator(seed: options.seed &+ UInt64(candidates[i]) &* 0x9E37_79B9_7F4A_7C15)
            return kmeans[i].seeds(points, dimension: d, generator: &generator)
        }.reversed()
        let runs = candidates.indices.reversed().flatMap { i in seeds[i].indices.map { (i, $0) } }
        let margin = KMeans.boundMargin(points, dimension: d)
        let results = ParallelTasks.map(runs.count, threads: options.threads) { t in
            let (i, r) = runs[t]
            return kmeans[i].lloyd(points, dimension: d, centroids: seeds[i][r], margin: margin)
        }
        return candidates.indices.map { i in
            KMeans.best(runs.indices.filter { runs[$0].0 == i }.map { results[$0] })
        }
    }

    /// The cluster counts to try, checked against the number of journeys.
    private func clusterCounts(journeys n: Int) throws -> [Int] {
        switch options.clusters {
        case .fixed(let k):
            guard k >= 1 else { throw PersonaError("--clusters must be 1 or more (got \(k))") }
            guard k <= n else {
                throw PersonaError("--clusters \(k) needs at least \(k) journeys; the log has \(CountFormat.grouped(n))")
            }
            return [k]
        case .auto(let range):
            guard range.lowerBound >= 2 else { throw PersonaError("--clusters auto tries k from 2 upwards") }
            let upper = min(range.upperBound, n - 1)
            guard upper >= range.lowerBound else {
                throw PersonaError("--clusters auto needs at least \(range.lowerBound + 1) journeys; the log has \(CountFormat.grouped(n))")
            }
            return Array(range.lowerBound...upper)
        }
    }

    /// The journeys of each cluster, in journey order: a counting sort of the journeys by
    /// label, without a branch per journey (the labels are as good as random: appending to
    /// each cluster's list, or a pass per cluster picking its journeys, took 14–15 ms for the
    /// 1.28M journeys of the 10M-event bench log, mostly mispredicted branches).
    static func members(of labels: [Int32], k: Int) -> [[Int]] {
        var start = [Int](repeating: 0, count: k + 1)
        for l in labels { start[Int(l) + 1] += 1 }
        for c in 0..<k { start[c + 1] += start[c] }
        var next = start
        let sorted = [Int](unsafeUninitializedCapacity: labels.count) { out, written in
            labels.withUnsafeBufferPointer { labels in
                next.withUnsafeMutableBufferPointer { next in
                    for j in labels.indices {
                        let c = Int(labels[j])
                        out[next[c]] = j
                        next[c] += 1
                    }
                }
            }
            written = labels.count
        }
        return (0..<k).map { Array(sorted[start[$0] ..< start[$0 + 1]]) }
    }

    /// Orders clusters by size (ties: the cluster whose first journey comes first), measures
    /// them, names them and suppresses those below `minCases`.
    private func segments(_ seq: JourneySequences, labels: [Int32], k: Int, conversion: JourneyConversion,
                          scores: [PersonaClustering.SilhouetteScore], inertia: Double,
                          featureNames: [String]) -> PersonaClustering {
        let members = Self.members(of: labels, k: k)
        let sizes = members.map(\.count)
        let firsts = members.map { $0.first ?? Int.max }
        let order: [Int] = (0..<k).filter { sizes[$0] > 0 }.sorted { (a: Int, b: Int) -> Bool in
            sizes[a] != sizes[b] ? sizes[a] > sizes[b] : firsts[a] < firsts[b]
        }
        var rankOf = [Int32](repeating: -1, count: k)
        for (r, c) in order.enumerated() { rankOf[c] = Int32(r) }

        let observed = PersonaFacts.observedStages(seq, threads: options.threads)
        // Each segment measured on its own (a pure function of its members): on all threads.
        let facts = PersonaFacts.measure(seq, segments: order.map { members[$0] }, total: seq.count, conversion: conversion,
                                         observedStages: observed, topChannelCount: options.topChannels,
                                         threads: options.threads)
        let names = options.naming.names(for: facts)
        // --min-people: segments of fewer than k people withheld, with the complementary rule
        // over all journeys (their total is in the footnote); the facts of the others checked.
        var fewPeople = [Bool](repeating: false, count: order.count)
        var shownFacts = facts
        if let k = options.minPeople {
            let items = order.map { c in
                ComplementarySuppression.Item(value: members[c].count, people: Set(members[c].map { seq.caseOfJourney[$0] }).count)
            }
            fewPeople = ComplementarySuppression(items: items, groups: [.init(members: Array(items.indices), total: nil)])
                .withheld(minPeople: k)
            for (r, c) in order.enumerated() where !fewPeople[r] {
                shownFacts[r] = facts[r].withholding(k, seq, members: members[c], conversion: conversion)
            }
        }
        var segments: [PersonaSegment] = []
        for (r, c) in order.enumerated() {
            let name = names[r] ?? PersonaNaming.segmentName(r + 1)
            var segment = PersonaSegment(rank: r + 1, persona: Persona(name: name, facts: shownFacts[r]),
                                         suppressed: members[c].count < options.minCases || fewPeople[r])
            segment.withheldFacts = PersonaFacts.withheldKeys(facts[r], shown: shownFacts[r])
            segments.append(segment)
        }
        var message: String?
        let hidden = segments.filter { $0.suppressed && !fewPeople[$0.rank - 1] }
        if !hidden.isEmpty {
            let list = hidden.map { s in
                "\(s.persona.name.text("en")) (\(CountFormat.grouped(s.journeys)) journeys, \(PersonaClustering.percent(s.persona.facts?.share ?? 0)))"
            }
            let verb = hidden.count == 1 ? "has" : "have"
            message = "\(hidden.count) of \(segments.count) segments \(verb) fewer than \(options.minCases) journeys "
                + "(--min-cases \(options.minCases)) and \(hidden.count == 1 ? "is" : "are") not shown: "
                + list.joined(separator: ", ")
        }
        if let k = options.minPeople, fewPeople.contains(true) {
            let n = fewPeople.filter { $0 }.count
            let line = "\(n) of \(segments.count) segments \(n == 1 ? "is" : "are") not shown: numbers from fewer than \(k) people hidden (--min-people \(k))"
            message = message.map { $0 + "\n" + line } ?? line
        }
        return PersonaClustering(k: segments.count, silhouetteScores: scores, segments: segments,
                                 labels: labels.map { rankOf[Int($0)] }, suppressionMessage: message,
                                 inertia: inertia, featureNames: featureNames)
    }
}

/// How to derive personas from a log.
public struct PersonaClusterOptions: Sendable, Equatable {
    public enum Clusters: Sendable, Equatable {
        /// Exactly k clusters (`--clusters k`).
        case fixed(Int)
        /// The k in the range with the highest mean silhouette, ties to the smaller k
        /// (`--clusters auto`: 2…8).
        case auto(ClosedRange<Int>)
    }

    public var clusters: Clusters
    /// Seed of the pseudo-random sequence (k-means++ seeding and samples).
    public var seed: UInt64
    /// k-means runs from different seeds; the lowest inertia wins (scikit-learn's `n_init`).
    public var restarts: Int
    public var maxIterations: Int
    /// A journey converts when it reaches this stage or a later one (see `JourneyConversion`);
    /// nil: the last stage at least a tenth of journeys reach, or a later one when nearly all
    /// reach that one (`JourneyConversion.lastReachedStage`).
    public var conversionStage: String?
    /// Channels used as features (the most used ones).
    public var maxChannelFeatures: Int
    /// Journeys the silhouette is computed on (a seeded sample of the fitted ones).
    public var silhouetteSample: Int
    /// Journeys k-means is fitted on; with more, a final pass assigns every journey to the
    /// nearest centroid of the fit (one assignment, no further Lloyd iterations).
    public var fitSample: Int
    /// Segments with fewer journeys are measured but not shown (`--min-cases`).
    public var minCases: Int
    /// Threads for the k-means runs (`--threads`); the result is the same for any number.
    public var threads: Int = 1
    /// Channels listed per segment.
    public var topChannels: Int
    /// `--min-people k`: segments resting on fewer than `k` people are not shown (and enough
    /// others that the rest of all journeys rests on `k` or more), and the facts of those
    /// shown rest on `k` people or more (`PersonaFacts.withholding`); nil shows everything.
    public var minPeople: Int?
    /// Rules that name segments; unnamed ones are "Segment 1…k" by size.
    public var naming: PersonaNaming

    /// The k `--clusters auto` tries.
    public static let autoRange = 2...8

    public init(clusters: Clusters = .auto(PersonaClusterOptions.autoRange), seed: UInt64 = 1, restarts: Int = 10, maxIterations: Int = 300,
                conversionStage: String? = "decision", maxChannelFeatures: Int = 8, silhouetteSample: Int = 3000,
                fitSample: Int = 20_000, minCases: Int = 1, topChannels: Int = 3, naming: PersonaNaming = PersonaNaming()) {
        self.clusters = clusters
        self.seed = seed
        self.restarts = restarts
        self.maxIterations = maxIterations
        self.conversionStage = conversionStage
        self.maxChannelFeatures = maxChannelFeatures
        self.silhouetteSample = silhouetteSample
        self.fitSample = fitSample
        self.minCases = minCases
        self.topChannels = topChannels
        self.naming = naming
    }
}

/// Clusters found in a log, largest first.
public struct PersonaClustering: Sendable, Equatable {
    /// Non-empty clusters.
    public var k: Int
    /// Mean silhouette of each k tried (one entry for `--clusters k`).
    public var silhouetteScores: [SilhouetteScore]
    /// All segments by size, suppressed ones included (flagged).
    public var segments: [PersonaSegment]
    /// Segment index (into `segments`) of every journey of the sequences.
    public var labels: [Int32]
    /// Says which segments `minCases` hid; nil when none.
    public var suppressionMessage: String?
    /// Sum of squared distances to centroids (standardized features).
    public var inertia: Double
    /// Feature columns used (see `JourneyFeatures`).
    public var featureNames: [String]
    /// Journeys k-means was fitted on: all, or a seeded sample of `fitSample` (then every
    /// journey is assigned to the nearest centroid of the fit).
    public var fittedJourneys = 0
    /// Journeys the silhouette was computed on: a seeded sample of the fitted ones, so that
    /// choosing k costs O(s²) for the sample s, not O(n²) in journeys.
    public var silhouetteJourneys = 0

    /// How the silhouette was measured, for cards and reports: "on all 2,000 journeys" or
    /// "on a sample of 3000 of 1000000 journeys (seed 1)".
    public func silhouetteBasis(seed: UInt64) -> String {
        let n = labels.count
        return silhouetteJourneys >= n ? "on all \(CountFormat.grouped(n)) journeys" : "on a sample of \(CountFormat.grouped(silhouetteJourneys)) of \(CountFormat.grouped(n)) journeys (seed \(seed))"
    }

    /// Personas of the segments shown.
    public var personas: [Persona] { segments.filter { !$0.suppressed }.map(\.persona) }

    public struct SilhouetteScore: Sendable, Equatable {
        public var k: Int
        public var score: Double
    }

    static func percent(_ share: Double) -> String {
        let p = share * 100
        return p < 1 && p > 0 ? "<1%" : "\(Int(p.rounded()))%"
    }
}

/// One cluster of journeys as a persona.
public struct PersonaSegment: Sendable, Equatable {
    /// 1 for the largest segment.
    public var rank: Int
    /// Name and measured facts (`persona.facts` is never nil).
    public var persona: Persona
    /// Below `minCases`: measured but not shown.
    public var suppressed: Bool
    /// `--min-people`: the facts withheld from a shown segment, by their YAML keys
    /// (`conversion_rate`, `top_channels`, `typical_path`, `biggest_drop_off`).
    public var withheldFacts: [String] = []

    public var journeys: Int { persona.facts?.journeys ?? 0 }
}
