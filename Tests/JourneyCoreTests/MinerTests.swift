import Foundation
import Testing
@testable import JourneyCore

/// A table from `(case, activity, seconds)` rows, in the given (input) order.
func makeTable(_ rows: [(String, String, Int64)], channels: [String?]? = nil, attributes: [String: [String]] = [:]) -> EventTable {
    let names = attributes.keys.sorted()
    let t = EventTable(attributeNames: names)
    for (i, r) in rows.enumerated() {
        t.append(case: r.0, activity: r.1, timestamp: r.2 * 1_000_000, channel: channels?[i])
        for (k, name) in names.enumerated() { t.setAttribute(k, attributes[name]![i]) }
    }
    t.sources = ["test"]
    return t
}

func edgeMap(_ g: JourneyGraph) -> [String: Int] {
    Dictionary(uniqueKeysWithValues: g.edges.map { ("\($0.from)>\($0.to)", $0.count) })
}

@Suite struct MinerTests {
    let template = JourneyTemplate.builtinDefault()

    @Test func directlyFollowsOrderedByTimeWithStableTies() throws {
        // Case 1 arrives out of order; b and c share a timestamp: input order (b before c) wins.
        let table = makeTable([("1", "x", 30), ("1", "a", 10), ("2", "a", 5), ("1", "b", 20), ("1", "c", 20), ("2", "x", 6)])
        let g = try Miner(template: template).mine(table)
        #expect(edgeMap(g) == ["a>b": 1, "b>c": 1, "c>x": 1, "a>x": 1])
        let tp = Dictionary(uniqueKeysWithValues: g.touchpoints.map { ($0.name, $0) })
        #expect(tp["a"]!.starts == 2 && tp["x"]!.ends == 2)
        #expect(tp["a"]!.journeys == 2 && tp["a"]!.events == 2)
        #expect(g.journeys == 2 && g.events == 6)
    }

    @Test func distinctJourneysAndDurations() throws {
        // a→b twice in case 1 (10 s and 30 s), once in case 2 (20 s).
        let table = makeTable([("1", "a", 0), ("1", "b", 10), ("1", "a", 20), ("1", "b", 50), ("2", "a", 0), ("2", "b", 20)])
        let g = try Miner(template: template).mine(table)
        let ab = g.edges.first { $0.from == "a" && $0.to == "b" }!
        #expect(ab.count == 3 && ab.journeys == 2)
        #expect(ab.duration.meanSeconds == 20)
        let median = try #require(ab.duration.quantileSeconds(0.5))
        #expect(abs(median - 20) / 20 < 0.01)
    }

    @Test func sessionGapSplitsJourneys() throws {
        let table = makeTable([("1", "a", 0), ("1", "b", 60), ("1", "a", 60 + 3600), ("1", "b", 60 + 3660)])
        var options = MiningOptions()
        options.sessionGapMicros = 30 * 60 * 1_000_000
        let g = try Miner(template: template, options: options).mine(table)
        #expect(g.journeys == 2)
        #expect(edgeMap(g) == ["a>b": 2])
        #expect(g.variants.top == [JourneyGraph.Variant(path: ["a", "b"], count: 2)])
    }

    @Test func stagesFunnelAndUnassigned() throws {
        let table = makeTable([
            ("1", "ad_impression", 0), ("1", "product_view", 1), ("1", "purchase", 2),
            ("2", "ad_impression", 0), ("2", "product_view", 1),
            ("3", "ad_impression", 0), ("3", "mystery", 1),
        ])
        let g = try Miner(template: template).mine(table)
        #expect(g.stages.map(\.id) == ["awareness", "consideration", "decision", "usage", "retention", "advocacy", "unassigned"])
        #expect(g.stages.map(\.journeys) == [3, 2, 1, 0, 0, 0, 1])
        let f = g.funnel
        #expect(f[1].keptFromPrevious == 2.0 / 3.0 && f[2].keptFromPrevious == 0.5)
        #expect(g.touchpoints.map(\.name) == ["ad_impression", "product_view", "purchase", "mystery"])
        #expect(g.stageEdges.contains { $0.from == "awareness" && $0.to == "consideration" && $0.count == 2 })
        #expect(g.touchpoints.first { $0.name == "mystery" }?.stage == "unassigned")
    }

    @Test func variantsMostFrequentFirstTiesByPath() throws {
        let table = makeTable([("1", "b", 0), ("2", "a", 0), ("3", "a", 0), ("3", "b", 1), ("4", "a", 0), ("4", "b", 1)])
        let g = try Miner(template: template).mine(table)
        #expect(g.variants.top.map(\.path) == [["a", "b"], ["a"], ["b"]])
        #expect(g.variants.top.map(\.count) == [2, 1, 1])
        #expect(g.variants.distinct == 3 && !g.variants.truncated)
    }

    @Test func filtersSinceUntilWhere() throws {
        let table = makeTable([("1", "a", 0), ("1", "b", 10), ("1", "c", 20), ("2", "a", 0), ("2", "b", 5)],
                              attributes: ["platform": ["web", "web", "web", "app", "app"]])
        var options = MiningOptions()
        options.whereClauses = [MiningOptions.WhereClause(parsing: "platform=web")!]
        options.until = 15 * 1_000_000
        let g = try Miner(template: template, options: options).mine(table)
        #expect(edgeMap(g) == ["a>b": 1])
        #expect(g.hidden.filteredEvents == 3)
        options.whereClauses = [MiningOptions.WhereClause(parsing: "country=th")!]
        #expect(throws: MiningError.self) { try Miner(template: template, options: options).mine(table) }
    }

    @Test func keepActivitiesDropsRareTouchpointsAndReconnects() throws {
        var rows: [(String, String, Int64)] = []
        for c in 0..<10 { rows += [("\(c)", "a", 0), ("\(c)", c == 0 ? "rare" : "b", 1), ("\(c)", "c", 2)] }
        var options = MiningOptions()
        options.keepActivities = 0.9
        let g = try Miner(template: template, options: options).mine(makeTable(rows))
        #expect(g.hidden.touchpoints == ["rare": 1])
        #expect(edgeMap(g) == ["a>b": 9, "b>c": 9, "a>c": 1])
    }

    @Test func channelRulesAndMostFrequentChannel() throws {
        let yaml = """
        id: t
        stages:
          - {id: s1, names: {en: One, th: หนึ่ง}, color: "#112233"}
          - {id: s2, names: {en: Two}, color: "#445566"}
        touchpoints:
          - {match: buy, channel: store, touchpoint: Store purchase, stage: s2}
          - {glob: "b*", stage: s1}
        """
        let t = try JourneyTemplate.parse(yaml: yaml, file: "t.yaml")
        let table = makeTable([("1", "buy", 0), ("2", "buy", 0), ("3", "buy", 0)], channels: ["store", "web", "web"])
        let g = try Miner(template: t).mine(table)
        #expect(g.touchpoints.map(\.name) == ["buy", "Store purchase"])
        #expect(g.touchpoints[0].channel == "web" && g.touchpoints[0].channels == ["web": 2])
        #expect(g.touchpoints[1].stage == "s2")
    }

    @Test func threadsGiveIdenticalBytes() throws {
        var rng = SplitMix(seed: 42)
        var rows: [(String, String, Int64)] = []
        for _ in 0..<20_000 {
            rows.append(("c\(rng.next() % 3000)", "act\(rng.next() % 15)", Int64(rng.next() % 100_000)))
        }
        let table = makeTable(rows)
        let one = try Miner(template: template, options: MiningOptions(threads: 1)).mine(table).jsonData()
        let two = try Miner(template: template, options: MiningOptions(threads: 2)).mine(table).jsonData()
        let four = try Miner(template: template, options: MiningOptions(threads: 4)).mine(table).jsonData()
        #expect(one == two && two == four)
    }

    @Test func disjointGraphsMergeExactly() throws {
        var rng = SplitMix(seed: 7)
        var a: [(String, String, Int64)] = [], b: [(String, String, Int64)] = []
        for _ in 0..<5_000 {
            let c = rng.next() % 800
            let row = ("c\(c)", "act\(rng.next() % 9)", Int64(rng.next() % 50_000))
            if c % 2 == 0 { a.append(row) } else { b.append(row) }
        }
        let miner = Miner(template: template, options: MiningOptions(maxVariants: 100_000))
        let whole = try miner.mine(makeTable(a + b))
        let merged = try miner.mine(makeTable(a)).merged(with: miner.mine(makeTable(b)))
        #expect(merged.edges == whole.edges)
        #expect(merged.touchpoints == whole.touchpoints)
        #expect(merged.stages == whole.stages && merged.stageEdges == whole.stageEdges)
        #expect(merged.variants.top.count == whole.variants.top.count)
        #expect(merged.variants.distinct == whole.variants.distinct)
        #expect(merged.variants.top.map(\.count) == whole.variants.top.map(\.count))
        #expect(merged.variants.top.map(\.path) == whole.variants.top.map(\.path))
        #expect(try merged.jsonData() == whole.jsonData())
    }

    @Test func simplificationKeepsStrongestPathsAndReportsHidden() throws {
        var rows: [(String, String, Int64)] = []
        for c in 0..<8 { rows += [("\(c)", "a", 0), ("\(c)", "b", 1)] }
        rows += [("x", "a", 0), ("x", "c", 1)]
        let g = try Miner(template: template).mine(makeTable(rows)).simplified(keepPaths: 0.8)
        #expect(edgeMap(g) == ["a>b": 8])
        #expect(g.hidden.edges == 1 && g.hidden.transitions == 1)
    }

    @Test func journeyFileRoundTripAndVersionCheck() throws {
        let g = try Miner(template: template).mine(makeTable([("1", "a", 0), ("1", "b", 90)]))
        let data = try g.jsonData()
        #expect(try JSONDecoder().decode(JourneyGraph.self, from: data) == g)
        var text = String(decoding: data, as: UTF8.self)
        text = text.replacingOccurrences(of: "\"version\" : 1", with: "\"version\" : 99")
        #expect(throws: JourneyFileError.self) { try JSONDecoder().decode(JourneyGraph.self, from: Data(text.utf8)) }
    }

    @Test func edgesCSVHasStartAndEndRows() throws {
        let g = try Miner(template: template).mine(makeTable([("1", "a,1", 0), ("1", "b", 90)]))
        let lines = g.edgesCSV().split(separator: "\n").map(String.init)
        #expect(lines[0].hasPrefix("from,to,count,cases"))
        #expect(lines.contains(",\"a,1\",1,1,,,"))
        let row = try #require(lines.first { $0.hasPrefix("\"a,1\",b,1,1,") })
        let fields = row.split(separator: ",", omittingEmptySubsequences: false).suffix(3).compactMap { Double($0) }
        #expect(fields.count == 3 && fields[1] == 90 && abs(fields[0] - 90) < 1 && abs(fields[2] - 90) < 1)
        #expect(lines.contains("b,,1,1,,,"))
    }
}

/// Repeatable random numbers for tests.
typealias SplitMix = SplitMix64

@Suite struct JourneySequencesTests {
    @Test func pathsFollowTimeAndSessions() throws {
        let table = makeTable([("1", "b", 20), ("1", "a", 10), ("2", "a", 0), ("1", "c", 5000)],
                              channels: ["web", "app", "web", "store"])
        var options = MiningOptions()
        options.sessionGapMicros = 600 * 1_000_000
        let seq = try Miner(template: JourneyTemplate.builtinDefault(), options: options).sequences(table)
        #expect(seq.count == 3)
        let names = (0..<seq.count).map { j in seq.path(j).map { seq.touchpoints[Int($0)].name } }
        #expect(names == [["a", "b"], ["c"], ["a"]])
        let chans = (0..<seq.count).map { j in seq.channelsOf(j).map { seq.channelNames[Int($0)] } }
        #expect(chans == [["app", "web"], ["store"], ["web"]])
        #expect(seq.caseOfJourney.map { seq.caseNames.string($0) } == ["1", "1", "2"])
    }
}
