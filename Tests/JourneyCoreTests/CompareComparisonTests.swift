import Foundation
import Testing
@testable import JourneyCore

@Suite struct CompareComparisonTests {
    let template = JourneyTemplate.builtinDefault()

    func mine(_ rows: [(String, String, Int64)], threads: Int = 1) throws -> JourneyGraph {
        try Miner(template: template, options: MiningOptions(threads: threads)).mine(makeTable(rows))
    }

    func compare(_ before: [(String, String, Int64)], _ after: [(String, String, Int64)],
                 options: ComparisonOptions = ComparisonOptions()) throws -> JourneyComparison {
        try JourneyComparison(before: mine(before), after: mine(after), options: options)
    }

    func transition(_ c: JourneyComparison, _ from: String?, _ to: String?) -> TransitionChange? {
        c.transitions.first { $0.from == from && $0.to == to }
    }

    // (a) Power: the planted change is found, in the right direction, for every seed.
    @Test(arguments: [UInt64(1), 2, 3, 4, 5])
    func plantedChangeIsFound(seed: UInt64) throws {
        let c = try compare(JourneyGenerator.base.rows(journeys: 2000, seed: seed),
                            JourneyGenerator.planted.rows(journeys: 2000, seed: seed + 1000))
        let planted = try #require(transition(c, "product_view", "purchase"))
        #expect(planted.change.significant && planted.change.direction == .increase)
        #expect(planted.change.test == .z)
        #expect(abs(planted.change.absoluteChange - 0.15) < 0.05)
        let end = try #require(transition(c, "product_view", nil))
        #expect(end.change.significant && end.change.direction == .decrease)
        let purchase = try #require(c.touchpoints.first { $0.name == "purchase" })
        #expect(purchase.change.significant && purchase.change.direction == .increase)
        let decision = try #require(c.stages.first { $0.id == "decision" })
        #expect(decision.change.significant && decision.change.direction == .increase)
        // Rows the change cannot reach stay quiet: what happens before product_view.
        for (from, to) in [(nil, "ad_impression"), ("ad_impression", "landing_page"), ("landing_page", "product_view")] as [(String?, String?)] {
            #expect(transition(c, from, to)?.change.significant == false)
        }
    }

    // (b) False positives: two samples of the same process, 40 seeds.
    @Test func sameProcessGivesAboutAlphaFalsePositives() throws {
        var tested = 0, significant = 0, rawBelowAlpha = 0, seedsWithAny = 0
        for seed in UInt64(0)..<40 {
            let c = try compare(JourneyGenerator.base.rows(journeys: 500, seed: 10_000 + seed),
                                JourneyGenerator.base.rows(journeys: 500, seed: 20_000 + seed))
            let family = c.allChanges.filter { $0.q != nil }
            tested += family.count
            significant += family.filter(\.significant).count
            rawBelowAlpha += family.filter { $0.p! < 0.05 }.count
            if family.contains(where: \.significant) { seedsWithAny += 1 }
        }
        let significantShare = Double(significant) / Double(tested)
        let rawShare = Double(rawBelowAlpha) / Double(tested)
        #expect(tested > 1200)
        #expect(significantShare <= 0.08)
        // Raw p-values are about uniform under the null: ~5% below 0.05 (a little less, as
        // Fisher's test and ties are conservative).
        #expect(rawShare >= 0.02 && rawShare <= 0.09, "share of raw p < 0.05: \(rawShare)")
        // BH controls the chance of any false discovery under the global null at about alpha.
        #expect(seedsWithAny <= 6, "seeds with a false discovery: \(seedsWithAny) of 40")
    }

    // (c) The report's numbers are the counts of the raw rows, and its p-value is the z-test's.
    @Test func numbersMatchIndependentCounts() throws {
        let beforeRows = JourneyGenerator.base.rows(journeys: 800, seed: 77)
        let afterRows = JourneyGenerator.planted.rows(journeys: 900, seed: 78)
        let c = try compare(beforeRows, afterRows)
        let json = try JSONSerialization.jsonObject(with: c.jsonData()) as! [String: Any]
        let raw = [RawCounts(beforeRows, stageOf: JourneyGenerator.stageOf), RawCounts(afterRows, stageOf: JourneyGenerator.stageOf)]

        func side(_ row: [String: Any], _ s: Int) -> (Int, Int, Double) {
            let d = row[s == 0 ? "before" : "after"] as! [String: Any]
            return (d["count"] as! Int, d["total"] as! Int, d["share"] as! Double)
        }
        let transitions = json["transitions"] as! [[String: Any]]
        var seen = Set<String>()
        for row in transitions {
            let from = row["from"] as? String, to = row["to"] as? String
            let key = "\(from ?? "^")>\(to ?? "$")"
            seen.insert(key)
            for s in 0..<2 {
                let (count, total, share) = side(row, s)
                #expect(count == raw[s].transitions[key] ?? 0, "\(key) side \(s)")
                #expect(total == (from.map { raw[s].occurrences[$0] ?? 0 } ?? raw[s].journeys), "\(key) side \(s)")
                // (JSONSerialization on Linux reads doubles to about 1e-16, not exactly.)
                #expect(abs(share - (total == 0 ? 0 : Double(count) / Double(total))) < 1e-14)
            }
        }
        #expect(seen == Set(raw[0].transitions.keys).union(raw[1].transitions.keys))
        for row in json["touchpoints"] as! [[String: Any]] {
            let name = row["name"] as! String
            for s in 0..<2 { #expect(side(row, s).0 == raw[s].reach[name] ?? 0 && side(row, s).1 == raw[s].journeys) }
        }
        for row in json["stages"] as! [[String: Any]] {
            let id = row["id"] as! String
            for s in 0..<2 { #expect(side(row, s).0 == raw[s].stageReach[id] ?? 0 && side(row, s).1 == raw[s].journeys) }
        }
        // The planted row's p-value, by the textbook formula.
        let planted = try #require(transitions.first { $0["from"] as? String == "product_view" && $0["to"] as? String == "purchase" })
        let (x1, n1, _) = side(planted, 0), (x2, n2, _) = side(planted, 1)
        let pooled = Double(x1 + x2) / Double(n1 + n2)
        let z = (Double(x2) / Double(n2) - Double(x1) / Double(n1)) / (pooled * (1 - pooled) * (1 / Double(n1) + 1 / Double(n2))).squareRoot()
        let p = planted["p"] as! Double
        #expect(abs(p - erfc(abs(z) / 2.0.squareRoot())) <= 1e-12 * max(p, 1e-300))
        #expect(planted["significant"] as! Bool)
        // And the Markdown shows the same numbers.
        let md = ComparisonReport(comparison: c).markdown()
        let line = try #require(md.split(separator: "\n").first { $0.hasPrefix("| product\\_view | purchase |") })
        #expect(line.contains("\(x1)/\(n1) (") && line.contains("\(x2)/\(n2) (") && line.hasSuffix("▲ |"))
    }

    // (d) Same input, same bytes — also when mined with several threads.
    @Test func deterministicBytes() throws {
        let b = JourneyGenerator.base.rows(journeys: 3000, seed: 5), a = JourneyGenerator.planted.rows(journeys: 3000, seed: 6)
        let one = try JourneyComparison(before: mine(b, threads: 1), after: mine(a, threads: 1))
        let two = try JourneyComparison(before: mine(b, threads: 2), after: mine(a, threads: 2))
        #expect(try one.jsonData() == two.jsonData())
        #expect(ComparisonReport(comparison: one).markdown() == ComparisonReport(comparison: two).markdown())
        #expect(try JSONDecoder().decode(JourneyComparison.self, from: one.jsonData()) == one)
        #expect(String(decoding: try one.jsonData(), as: UTF8.self).hasPrefix("{\n  \"after\" : {"))
    }

    // (e) Transitions and touchpoints on one side only are included with 0 on the other.
    @Test func oneSideOnlyRowsAreIncluded() throws {
        var before: [(String, String, Int64)] = [], after: [(String, String, Int64)] = []
        for i in 0..<60 {
            before += [("b\(i)", "landing_page", 0), ("b\(i)", "product_view", 1)]
            after += [("a\(i)", "landing_page", 0), ("a\(i)", i < 30 ? "compare" : "product_view", 1)]
        }
        let c = try compare(before, after)
        let new = try #require(transition(c, "landing_page", "compare"))
        #expect(new.change.before == Proportion(count: 0, total: 60) && new.change.after == Proportion(count: 30, total: 60))
        #expect(new.change.relativeChange == nil && new.change.significant && new.change.direction == .increase)
        let gone = try #require(transition(c, "landing_page", "product_view"))
        #expect(gone.change.before == Proportion(count: 60, total: 60) && gone.change.after == Proportion(count: 30, total: 60))
        let tp = try #require(c.touchpoints.first { $0.name == "compare" })
        #expect(tp.change.before == Proportion(count: 0, total: 60) && tp.change.significant)
        // Out of a touchpoint the before side never has, shares cannot be compared.
        let end = try #require(transition(c, "compare", nil))
        #expect(end.change.status == .untestable && end.change.p == nil && end.change.q == nil && end.change.test == .none)
        #expect(end.change.before == Proportion(count: 0, total: 0))
        let json = String(decoding: try c.jsonData(), as: UTF8.self)
        #expect(json.contains("\"to\" : null") && json.contains("\"p\" : null") && json.contains("\"relativeChange\" : null"))
    }

    @Test func minCountKeepsSmallRowsFromBeingSignificant() throws {
        var before: [(String, String, Int64)] = [], after: [(String, String, Int64)] = []
        for i in 0..<12 {
            before += [("b\(i)", "product_view", 0), ("b\(i)", "purchase", 1)]
            after += [("a\(i)", "product_view", 0)]
        }
        let strict = try compare(before, after, options: ComparisonOptions(minCount: 20))
        let row = try #require(transition(strict, "product_view", "purchase"))
        #expect(row.change.status == .belowMinCount && row.change.q == nil && !row.change.significant)
        #expect(row.change.test == .z && row.change.p! < 0.001)
        let loose = try compare(before, after, options: ComparisonOptions(minCount: 12))
        #expect(transition(loose, "product_view", "purchase")!.change.significant)
        #expect(ComparisonReport(comparison: strict).markdown().contains("below 20 (`--min-count`)"))
    }

    @Test func rejectsBadOptionsAndEmptySides() throws {
        let g = try mine([("1", "a", 0)])
        #expect(throws: ComparisonError.self) { try JourneyComparison(before: g, after: g, options: ComparisonOptions(alpha: 0)) }
        #expect(throws: ComparisonError.self) { try JourneyComparison(before: g, after: g, options: ComparisonOptions(minCount: -1)) }
        let empty = try mine([])
        #expect(throws: ComparisonError.self) { try JourneyComparison(before: empty, after: g) }
        var broken = g
        broken.touchpoints[0].journeys = 5
        #expect(throws: ComparisonError.self) { try JourneyComparison(before: broken, after: g) }
    }

    @Test func warnsAboutDifferentTemplatesAndSimplification() throws {
        let g = try mine(JourneyGenerator.base.rows(journeys: 50, seed: 1))
        var other = g
        other.source.template = "other"
        other.hidden.edges = 3
        let c = try JourneyComparison(before: g, after: other)
        #expect(c.warnings.count == 2)
        #expect(c.warnings[0].contains("different templates"))
    }
}
