import Foundation
import JourneyKit
import JourneyTestSupport
import Testing

/// The mining rules of `JourneyRules` (R3 cases, R4 order and ties, R5 sessions, R6 counting),
/// checked on both engines — the general `Miner` over an `EventTable` and the direct CSV path
/// `DirectCSVMiner` — against a reference written straight from the rules (no shared code),
/// on a hand-written log, on generated logs with ties and sessions, and on the shared real
/// logs, for several thread counts.
@Suite struct MiningRulesTests {
    /// No rules: every activity is its own touchpoint (R1), so counts read by activity name.
    static let template = JourneyTemplate(id: "rules-test", names: LocalizedText(["en": "Rules"]), stages: [], rules: [])

    /// What R3–R6 count, by names.
    struct Counts: Equatable, CustomStringConvertible {
        var journeys = 0
        var events = 0
        /// Touchpoint → [events, journeys, starts, ends].
        var touchpoints: [String: [Int]] = [:]
        /// `from→to` → [count, journeys].
        var edges: [String: [Int]] = [:]
        /// Path joined by " > " → journeys.
        var variants: [String: Int] = [:]

        var description: String {
            "journeys \(journeys), events \(events)\ntouchpoints \(touchpoints.sorted { $0.key < $1.key })\n"
                + "edges \(edges.sorted { $0.key < $1.key })\nvariants \(variants.sorted { $0.key < $1.key })"
        }

        init() {}

        /// The counts a journey graph reports (all variants: `maxVariants` above their number).
        init(_ g: JourneyGraph) {
            journeys = g.journeys
            events = g.events
            for t in g.touchpoints { touchpoints[t.name] = [t.events, t.journeys, t.starts, t.ends] }
            for e in g.edges { edges["\(e.from)→\(e.to)"] = [e.count, e.journeys] }
            for v in g.variants.top { variants[v.path.joined(separator: " > ")] = v.count }
        }
    }

    /// R3–R6 as written in `JourneyRules`, plainly: the reference the engines must match.
    static func reference(_ table: EventTable, sessionGap: Int64?) -> Counts {
        let activity = table.activities.strings
        // R3: events grouped by case, input order kept.
        var byCase: [UInt32: [Int]] = [:]
        for i in 0..<table.count { byCase[table.caseIDs[i], default: []].append(i) }
        var counts = Counts()
        for (_, events) in byCase {
            // R4: time order; equal times keep input order (position breaks the tie).
            let ordered = events.enumerated().sorted { a, b in
                let ta = table.timestamps[a.element], tb = table.timestamps[b.element]
                return ta != tb ? ta < tb : a.offset < b.offset
            }.map(\.element)
            // R5: cut where consecutive events are more than the gap apart.
            var journeys: [[Int]] = [[ordered[0]]]
            for k in 1..<ordered.count {
                if let gap = sessionGap, table.timestamps[ordered[k]] - table.timestamps[ordered[k - 1]] > gap {
                    journeys.append([])
                }
                journeys[journeys.count - 1].append(ordered[k])
            }
            // R6.
            for j in journeys {
                let path = j.map { activity[Int(table.activityIDs[$0])] }
                counts.journeys += 1
                counts.events += path.count
                for name in path { counts.touchpoints[name, default: [0, 0, 0, 0]][0] += 1 }
                for name in Set(path) { counts.touchpoints[name]![1] += 1 }
                counts.touchpoints[path[0]]![2] += 1
                counts.touchpoints[path[path.count - 1]]![3] += 1
                var seen = Set<String>()
                for k in path.indices.dropFirst() {
                    let key = "\(path[k - 1])→\(path[k])"
                    counts.edges[key, default: [0, 0]][0] += 1
                    if seen.insert(key).inserted { counts.edges[key]![1] += 1 }
                }
                counts.variants[path.joined(separator: " > "), default: 0] += 1
            }
        }
        return counts
    }

    static func mining(threads: Int, gap: Int64?) -> MiningOptions {
        var o = MiningOptions(sessionGapMicros: gap, maxVariants: 1_000_000, threads: threads)
        o.threads = threads
        return o
    }

    /// The general engine's graph and the table it read.
    static func general(_ path: String, threads: Int, gap: Int64?) throws -> (JourneyGraph, EventTable) {
        let loaded = try LogLoader.load(LogRequest(paths: [path], threads: threads))
        return (try Miner(template: template, options: mining(threads: threads, gap: gap)).mine(loaded.table, columns: loaded.columns),
                loaded.table)
    }

    /// The direct engine's graph (nil: it handed the file back).
    static func direct(_ path: String, threads: Int, gap: Int64?, partitionBits: Int? = nil) throws -> JourneyGraph? {
        let (_, read) = try LogLoader.readingPlan(path: path, request: LogRequest(paths: [path]))
        var miner = DirectCSVMiner(template: template, options: mining(threads: threads, gap: gap), read: read)
        miner.minimumBytesPerThread = 512
        miner.partitionBits = partitionBits
        return try miner.mine(path: path)
    }

    /// Both engines agree with the reference, and their journey files are the same bytes.
    static func check(_ path: String, gap: Int64?, threads: [Int], direct useDirect: Bool = true,
                      sourceLocation: SourceLocation = #_sourceLocation) throws {
        let (first, table) = try general(path, threads: 1, gap: gap)
        let expected = reference(table, sessionGap: gap)
        #expect(Counts(first) == expected, "general engine, 1 thread:\n\(Counts(first))\nreference:\n\(expected)",
                sourceLocation: sourceLocation)
        let bytes = try first.jsonData()
        for t in threads {
            let (g, _) = try general(path, threads: t, gap: gap)
            #expect(try g.jsonData() == bytes, "general engine, \(t) threads", sourceLocation: sourceLocation)
            guard useDirect else { continue }
            for bits in [nil, 2] as [Int?] {
                let d = try #require(try direct(path, threads: t, gap: gap, partitionBits: bits), "direct path gave \(path) back",
                                     sourceLocation: sourceLocation)
                #expect(Counts(d) == expected, "direct engine, \(t) threads, bits \(String(describing: bits))", sourceLocation: sourceLocation)
                #expect(try d.jsonData() == bytes, "direct engine's file, \(t) threads", sourceLocation: sourceLocation)
            }
        }
    }

    /// The rules on six events, counted by hand: a tie at 00:00 kept in file order (a before
    /// b), and a three-hour pause that a one-hour session gap cuts.
    @Test func handWrittenLogFollowsTheRules() throws {
        let dir = try TemporaryDirectory("jm-rules")
        let path = try dir.write("log.csv", """
            case,activity,time
            c1,a,2024-01-01T00:00:00Z
            c2,x,2024-01-01T00:00:00Z
            c1,c,2024-01-01T00:05:00Z
            c1,b,2024-01-01T00:00:00Z
            c1,d,2024-01-01T03:00:00Z
            c2,y,2024-01-01T00:01:00Z

            """)
        let (whole, _) = try Self.general(path, threads: 1, gap: nil)
        var expected = Counts()
        expected.journeys = 2; expected.events = 6
        expected.touchpoints = ["a": [1, 1, 1, 0], "b": [1, 1, 0, 0], "c": [1, 1, 0, 0], "d": [1, 1, 0, 1],
                                "x": [1, 1, 1, 0], "y": [1, 1, 0, 1]]
        expected.edges = ["a→b": [1, 1], "b→c": [1, 1], "c→d": [1, 1], "x→y": [1, 1]]
        expected.variants = ["a > b > c > d": 1, "x > y": 1]
        #expect(Counts(whole) == expected)

        let (split, _) = try Self.general(path, threads: 1, gap: 3_600_000_000)
        expected.journeys = 3
        expected.touchpoints = ["a": [1, 1, 1, 0], "b": [1, 1, 0, 0], "c": [1, 1, 0, 1], "d": [1, 1, 1, 1],
                                "x": [1, 1, 1, 0], "y": [1, 1, 0, 1]]
        expected.edges = ["a→b": [1, 1], "b→c": [1, 1], "x→y": [1, 1]]
        expected.variants = ["a > b > c": 1, "d": 1, "x > y": 1]
        #expect(Counts(split) == expected)

        try Self.check(path, gap: nil, threads: [1, 2])
        try Self.check(path, gap: 3_600_000_000, threads: [1, 2])
    }

    /// Cases scattered over the file, many equal times (whole minutes), pauses of hours that
    /// the session gap cuts, repeats (a → a), and cases long enough for the long-case sort.
    @Test(arguments: [1, 2, 3] as [UInt64])
    func generatedLogsFollowTheRules(seed: UInt64) throws {
        var rng = SplitMix64(seed: seed)
        let activities = ["view", "cart", "pay", "help", "view", "ไทย"]
        var text = "user,event,time\n"
        for i in 0..<3000 {
            // One case in 50 is long (hundreds of events): more than the insertion-sort limit.
            let c = i % 50 == 0 ? 0 : Int(rng.next() % 400)
            let hours = Int(rng.next() % 4) * 3  // 0, 3, 6 or 9 h: pauses a 2 h gap cuts
            let minute = Int(rng.next() % 20)
            let second = 1_700_000_000 + hours * 3600 + minute * 60
            text += "u\(c),\(activities[Int(rng.next() % UInt64(activities.count))]),\(second)\n"
        }
        let dir = try TemporaryDirectory("jm-rules-gen")
        let path = try dir.write("log.csv", text)
        for gap in [nil, 2 * 3_600_000_000] as [Int64?] {
            try Self.check(path, gap: gap, threads: [1, 2, 4])
        }
    }

    /// The shared real logs (`../shared/data`): CSV on both engines, XES on the general one.
    @Test(arguments: Repository.sharedLogNames)
    func sharedLogsFollowTheRules(_ name: String) throws {
        guard let path = Repository.sharedLog(name, skippedBy: "MiningRulesTests") else { return }
        let csv = name.hasSuffix(".csv")
        for gap in [nil, 3_600_000_000] as [Int64?] {
            try Self.check(path, gap: gap, threads: [2], direct: csv)
        }
    }
}
