import Testing
@testable import JourneyCore

/// Journeys per touchpoint, per stage and per pair of stages count each journey once, however
/// often it passes: checked against a count by sets, for templates whose touchpoints and stage
/// pairs fit in one 64-bit word (the accumulator keeps them as bits) and for larger ones (it
/// marks them in memory).
@Suite struct DistinctJourneyCountsTests {
    /// A template of `stages` stages; activity `a<i>` goes to stage `i % stages`, except every
    /// seventh activity, which no rule matches (the unassigned stage).
    static func template(stages: Int, activities: Int) throws -> JourneyTemplate {
        let defs = (0..<stages).map { StageDefinition(id: "s\($0)", names: LocalizedText(["en": "S\($0)"]), color: "#336699") }
        let rules = try (0..<activities).filter { $0 % 7 != 6 }.map {
            try TouchpointRule(pattern: .exact("a\($0)"), stage: "s\($0 % stages)")
        }
        return JourneyTemplate(id: "distinct", names: LocalizedText(["en": "Distinct"]), stages: defs, rules: rules)
    }

    /// (With the unassigned stage a template of 7 stages has 8, the most kept as bits: stage
    /// pair 7 × 8 + 7 is bit 63; 64 touchpoints are the most kept as bits.)
    @Test(arguments: [(5, 12), (5, 70), (10, 12), (10, 90), (7, 64), (8, 65), (7, 65), (8, 64)])
    func distinctCountsMatchSets(stages: Int, activities: Int) throws {
        let template = try Self.template(stages: stages, activities: activities)
        var generator = SplitMix64(seed: UInt64(stages * 1000 + activities))
        var rows: [(String, String, Int64)] = []
        for c in 0..<300 {
            // Short journeys and long ones that come back to the same touchpoints.
            let length = 1 + Int(generator.next(below: c % 5 == 0 ? 40 : 6))
            for e in 0..<length {
                rows.append(("c\(c)", "a\(generator.next(below: UInt64(activities)))", Int64(e * 60)))
            }
        }
        // One case through every activity, so that the limits are reached exactly.
        for a in 0..<activities { rows.append(("every", "a\(a)", Int64(a * 60))) }
        let graph = try Miner(template: template).mine(makeTable(rows))
        #expect(graph.touchpoints.count == activities)
        #expect(graph.stages.count == stages + 1, "the template's stages and the unassigned one")
        let stageOf = Dictionary(uniqueKeysWithValues: graph.touchpoints.map { ($0.name, $0.stage) })

        var nodeJourneys: [String: Int] = [:], stageJourneys: [String: Int] = [:], pairJourneys: [String: Int] = [:]
        let byCase = Dictionary(grouping: rows, by: \.0)
        for (_, events) in byCase {
            let path = events.map(\.1)
            for t in Set(path) { nodeJourneys[t, default: 0] += 1 }
            for s in Set(path.map { stageOf[$0]! }) { stageJourneys[s, default: 0] += 1 }
            let pairs = Set(zip(path, path.dropFirst()).map { "\(stageOf[$0.0]!)>\(stageOf[$0.1]!)" })
            for p in pairs { pairJourneys[p, default: 0] += 1 }
        }
        #expect(Dictionary(uniqueKeysWithValues: graph.touchpoints.map { ($0.name, $0.journeys) }) == nodeJourneys)
        #expect(Dictionary(uniqueKeysWithValues: graph.stages.filter { $0.journeys > 0 }.map { ($0.id, $0.journeys) }) == stageJourneys)
        #expect(Dictionary(uniqueKeysWithValues: graph.stageEdges.map { ("\($0.from)>\($0.to)", $0.journeys) }) == pairJourneys)
    }
}
