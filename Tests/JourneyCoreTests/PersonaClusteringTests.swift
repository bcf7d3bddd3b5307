import Testing
@testable import JourneyCore

@Suite struct PersonaClusteringTests {
    let template = JourneyTemplate.builtinDefault()

    func sequences(_ log: PlantedLog) throws -> JourneySequences {
        try Miner(template: template).sequences(log.table)
    }

    @Test func recoversThreePlantedGroups() throws {
        let log = PlantedLog()
        let seq = try sequences(log)
        let result = try PersonaClusterer(options: PersonaClusterOptions(clusters: .fixed(3))).cluster(seq)
        let truth = log.groups(seq)
        #expect(result.k == 3)
        #expect(majorityPurity(labels: result.labels, truth: truth) >= 0.9)
        // Purity both ways: every planted group lands (mostly) in one segment.
        #expect(adjustedRandIndex(result.labels.map { "\($0)" }, truth) >= 0.9)
        // Segments are ordered by size: 180 store, 140 web, 100 social journeys.
        #expect(result.segments.map(\.journeys) == [180, 140, 100])
        #expect(result.segments.map { $0.persona.name.text("en") } == ["Segment 1", "Segment 2", "Segment 3"])
        #expect(result.segments.map { $0.persona.name.text("th") } == ["กลุ่มที่ 1", "กลุ่มที่ 2", "กลุ่มที่ 3"])
        #expect(result.suppressionMessage == nil)

        let facts = result.segments.map { $0.persona.facts! }
        #expect(facts.map { $0.topChannels.first?.channel } == ["store", "web", "social"])
        #expect(facts.map(\.conversionRate) == [1, 1, 0])
        #expect(abs(facts.map(\.share).reduce(0, +) - 1) < 1e-3)
        #expect(facts[0].typicalPath?.steps.map(\.touchpoint).contains("store_visit") == true)
        #expect(facts[2].biggestDropOff?.from == "consideration" && facts[2].biggestDropOff?.to == "decision")
        // Store journeys take minutes, web journeys days.
        #expect(facts[0].medianDurationSeconds! < 3600 && facts[1].medianDurationSeconds! > 86_400)
    }

    @Test func autoPicksThreeBySilhouette() throws {
        let seq = try sequences(PlantedLog())
        let result = try PersonaClusterer().cluster(seq)
        #expect(result.silhouetteScores.map(\.k) == Array(2...8))
        let best = result.silhouetteScores.max { $0.score < $1.score }!
        #expect(best.k == 3, "\(result.silhouetteScores)")
        #expect(result.k == 3)
        // auto with k = 3 chosen gives exactly what --clusters 3 gives.
        let fixed = try PersonaClusterer(options: PersonaClusterOptions(clusters: .fixed(3))).cluster(seq)
        #expect(fixed.labels == result.labels && fixed.segments == result.segments)
    }

    @Test func deterministicUnderTheSeed() throws {
        var outputs: [String] = []
        var labels: [[Int32]] = []
        for _ in 0..<3 {
            // A fresh log, miner and clusterer each time.
            let seq = try sequences(PlantedLog())
            let result = try PersonaClusterer(options: PersonaClusterOptions(clusters: .fixed(4), seed: 99)).cluster(seq)
            outputs.append(try Persona.yaml(result.personas))
            labels.append(result.labels)
        }
        #expect(outputs[0] == outputs[1] && outputs[1] == outputs[2])
        #expect(labels[0] == labels[1] && labels[1] == labels[2])
        #expect(outputs[0].utf8.count > 500)
    }

    @Test func seededSampleFitStillRecoversGroups() throws {
        let log = PlantedLog(seed: 11)
        let seq = try sequences(log)
        var options = PersonaClusterOptions(clusters: .fixed(3))
        options.fitSample = 90
        options.silhouetteSample = 60
        let result = try PersonaClusterer(options: options).cluster(seq)
        #expect(result.labels.count == seq.count)
        #expect(majorityPurity(labels: result.labels, truth: log.groups(seq)) >= 0.9)
    }

    @Test func minCasesSuppressesSmallSegmentsAndSaysSo() throws {
        let seq = try sequences(PlantedLog())
        let options = PersonaClusterOptions(clusters: .fixed(3), minCases: 120)
        let result = try PersonaClusterer(options: options).cluster(seq)
        #expect(result.segments.map(\.suppressed) == [false, false, true])
        #expect(result.personas.map { $0.name.text("en") } == ["Segment 1", "Segment 2"])
        let message = try #require(result.suppressionMessage)
        #expect(message.contains("Segment 3 (100 journeys, 24%)"), "\(message)")
        #expect(message.hasPrefix("1 of 3 segments has fewer than 120 journeys (--min-cases 120) and is not shown"), "\(message)")
    }

    @Test func namingRulesNameSegmentsOnce() throws {
        let rules = try PersonaNaming.parse(yaml: """
            rules:
              - name: {en: Store regulars, th: ลูกค้าหน้าร้าน}
                top_channel: store
              - name: Web buyers
                min_conversion: 0.9
              - name: Buyers again
                min_conversion: 0.9
              - name: Social browsers
                max_conversion: 0.1
                drop_off_from: consideration
                path_contains: social_post
            """, file: "names.yaml")
        let seq = try sequences(PlantedLog())
        let result = try PersonaClusterer(options: PersonaClusterOptions(clusters: .fixed(3), naming: rules)).cluster(seq)
        #expect(result.personas.map { $0.name.text("en") } == ["Store regulars", "Web buyers", "Social browsers"])
        #expect(result.personas[0].name.text("th") == "ลูกค้าหน้าร้าน")
    }

    @Test func factsOfAHandMadeLog() throws {
        // 1: ad → view → purchase (web, 100 s); 2: ad → view (web, 10 s); 3: ad → view → purchase (store, 300 s);
        // 4: ad → mystery (unassigned).
        let table = makeTable([
            ("1", "ad_impression", 0), ("1", "product_view", 50), ("1", "purchase", 100),
            ("2", "ad_impression", 0), ("2", "product_view", 10),
            ("3", "ad_impression", 0), ("3", "product_view", 100), ("3", "purchase", 300),
            ("4", "ad_impression", 0), ("4", "mystery", 1),
        ], channels: ["web", "web", "web", "web", "web", "store", "store", "store", "web", nil])
        let seq = try Miner(template: template).sequences(table)
        let result = try PersonaClusterer(options: PersonaClusterOptions(clusters: .fixed(1))).cluster(seq)
        let f = try #require(result.segments.first?.persona.facts)
        #expect(f.journeys == 4 && f.share == 1)
        #expect(f.conversionStage == "decision" && f.conversionRate == 0.5)
        #expect(f.medianDurationSeconds == (10.0 + 100) / 2)
        #expect(f.medianEvents == 2.5, "journeys of 3, 2, 3 and 2 events")
        #expect(f.topChannels == [.init(channel: "web", share: 6.0 / 10), .init(channel: "store", share: 3.0 / 10)])
        #expect(f.typicalPath?.steps.map(\.touchpoint) == ["ad_impression", "product_view", "purchase"])
        // Entering awareness: 4 of 4 by the ad; consideration: 3 of 4 by the view; decision: 2 of 4.
        #expect(f.typicalPath?.steps.map(\.share) == [1, 0.75, 0.5])
        #expect(f.typicalPath?.journeys == 2)
        // Furthest stage: awareness for 4, consideration for 2, decision for 1 and 3.
        #expect(f.biggestDropOff == .init(from: "awareness", to: "consideration", journeys: 1, share: 0.25))
    }

    @Test func conversionAtOrBeyondTheStage() throws {
        let table = makeTable([("1", "ad_impression", 0), ("1", "onboarding", 60), ("2", "ad_impression", 0)])
        let seq = try Miner(template: template).sequences(table)
        let conversion = try JourneyConversion(stage: "decision", stages: seq.stages)
        #expect(conversion.converts(seq, journey: 0) && !conversion.converts(seq, journey: 1))
        #expect(conversion.conversionTime(seq, journey: 0) == 60_000_000)
        #expect(throws: PersonaError.self) { try JourneyConversion(stage: "purchase", stages: seq.stages) }
        #expect(throws: PersonaError.self) { try JourneyConversion(stage: "unassigned", stages: seq.stages) }
    }

    @Test func impossibleClusterCountsAreErrors() throws {
        let seq = try Miner(template: template).sequences(makeTable([("1", "a", 0), ("2", "b", 0)]))
        do {
            _ = try PersonaClusterer(options: PersonaClusterOptions(clusters: .fixed(3))).cluster(seq)
            Issue.record("expected an error")
        } catch let e as PersonaError {
            #expect(e.message.contains("needs at least 3 journeys; the log has 2"))
        }
        #expect(throws: PersonaError.self) { try PersonaClusterer().cluster(seq) }
    }

    @Test func kMeansPlusPlusSeparatesObviousBlobsAndIsRepeatable() {
        // Three tight blobs in 2-D.
        var points: [Double] = []
        var rng = SplitMix(seed: 3)
        for (cx, cy) in [(0.0, 0.0), (10.0, 0.0), (0.0, 10.0)] {
            for _ in 0..<50 { points += [cx + Double.random(in: -1...1, using: &rng), cy + Double.random(in: -1...1, using: &rng)] }
        }
        var g1 = KMeans.Generator(seed: 5), g2 = KMeans.Generator(seed: 5)
        let a = KMeans(k: 3).fit(points, dimension: 2, generator: &g1)
        let b = KMeans(k: 3).fit(points, dimension: 2, generator: &g2)
        #expect(a == b)
        #expect(Set(a.labels[0..<50]).count == 1 && Set(a.labels[50..<100]).count == 1 && Set(a.labels[100..<150]).count == 1)
        #expect(Set(a.labels).count == 3)
        let s = Silhouette(points, dimension: 2)
        #expect(s.score(a.labels, k: 3) > 0.8)
    }

    /// Fewer distinct points than k (one-event journeys): Lloyd stops when nothing moves
    /// instead of re-founding empty clusters on points that sit on their centroid.
    @Test func fewerDistinctPointsThanKConverges() {
        var points: [Double] = []
        for i in 0..<3000 { points += [Double(i % 3), Double(i % 3) * 2] }
        for k in [4, 8] {
            var g = KMeans.Generator(seed: 1)
            let r = KMeans(k: k, restarts: 2, maxIterations: 300).fit(points, dimension: 2, generator: &g)
            #expect(r.iterations < 10, "k = \(k): \(r.iterations) iterations")
            #expect(r.inertia == 0)
            #expect(Set(r.labels).count == 3)
        }
    }

    /// The same with values whose mean is not exact in binary (one-event journeys' z-scores):
    /// a centroid misses its points by rounding, which must not count as a point to split off
    /// (it did: 300 passes for k = 6…8 on 2M one-event journeys).
    @Test func fewerDistinctPointsThanKConvergesWithInexactMeans() {
        let values: [(Double, Double)] = [(0.1, -0.7), (0.3, 1.3), (-1.7, 0.11), (2.9, -0.37), (0.77, 0.61)]
        var points: [Double] = []
        for i in 0..<4_000 { let v = values[(i * 7 + i / 13) % 5]; points += [v.0, v.1] }
        for k in [6, 8] {
            var g = KMeans.Generator(seed: 1)
            let r = KMeans(k: k, restarts: 3, maxIterations: 300).fit(points, dimension: 2, generator: &g)
            #expect(r.iterations < 10, "k = \(k): \(r.iterations) iterations")
            #expect(r.inertia < 1e-20)
            #expect(Set(r.labels).count == 5)
        }
    }

    @Test func generatorSamplesDistinctSortedIndices() {
        var g = KMeans.Generator(seed: 1)
        let s = g.sample(10, of: 100)
        #expect(s.count == 10 && Set(s).count == 10 && s == s.sorted() && s.allSatisfy { $0 < 100 })
        #expect(g.sample(5, of: 3) == [0, 1, 2])
        var h = KMeans.Generator(seed: 1)
        #expect(h.sample(10, of: 100) == s)
    }
}
