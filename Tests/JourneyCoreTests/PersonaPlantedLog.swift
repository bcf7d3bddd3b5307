@testable import JourneyCore

/// A generated log with three planted behaviour groups, for clustering tests:
/// - `store`: in-store shoppers, 2–3 events on channel `store` minutes apart, all buy;
/// - `web`: web converters, 5–7 events on `web` hours apart, all buy;
/// - `social`: social drop-offs, 3–4 events on `social` then `web` minutes apart, none buys.
/// Within a group, path length and times vary at random, and one event in twelve happens on
/// another channel (`email` or `app`): noise, not a planted sub-group. Cases are shuffled so
/// that group order says nothing. `truth[caseName]` is the planted group.
struct PlantedLog {
    var table: EventTable
    var truth: [String: String]

    init(seed: UInt64 = 7, sizes: (store: Int, web: Int, social: Int) = (180, 140, 100)) {
        var rng = SplitMix(seed: seed)
        var cases: [(String, String)] = []
        for i in 0..<sizes.store { cases.append(("s\(i)", "store")) }
        for i in 0..<sizes.web { cases.append(("w\(i)", "web")) }
        for i in 0..<sizes.social { cases.append(("c\(i)", "social")) }
        cases.shuffle(using: &rng)

        let table = EventTable()
        var truth: [String: String] = [:]
        for (name, group) in cases {
            truth[name] = group
            var t = Int64.random(in: 0..<30 * 86_400, using: &rng) + 1_700_000_000
            func add(_ activity: String, _ channel: String, gap: ClosedRange<Int64>) {
                t += Int64.random(in: gap, using: &rng)
                let noisy = Int.random(in: 0..<12, using: &rng) == 0
                let ch = noisy ? (Bool.random(using: &rng) ? "email" : "app") : channel
                table.append(case: name, activity: activity, timestamp: t * 1_000_000, channel: ch)
            }
            switch group {
            case "store":
                add("store_visit", "store", gap: 60...600)
                if Bool.random(using: &rng) { add("product_view", "store", gap: 60...900) }
                add("purchase", "store", gap: 60...900)
            case "web":
                let hours: ClosedRange<Int64> = 3600...(36 * 3600)
                add("ad_click", "web", gap: 60...600)
                add("landing_page", "web", gap: hours)
                for _ in 0..<Int.random(in: 1...3, using: &rng) { add("product_view", "web", gap: hours) }
                add("add_to_cart", "web", gap: hours)
                add("checkout", "web", gap: 300...3600)
                add("purchase", "web", gap: 60...600)
            default:
                add("social_post", "social", gap: 60...600)
                add("ad_click", "social", gap: 30...300)
                add("landing_page", "web", gap: 30...300)
                if Bool.random(using: &rng) { add("product_view", "web", gap: 30...300) }
            }
        }
        table.sources = ["planted"]
        self.table = table
        self.truth = truth
    }

    /// The planted group of every journey of `seq`, in journey order.
    func groups(_ seq: JourneySequences) -> [String] {
        (0..<seq.count).map { truth[seq.caseNames.string(seq.caseOfJourney[$0])]! }
    }
}

/// Share of points whose found cluster's majority group is their own group.
func majorityPurity(labels: [Int32], truth: [String]) -> Double {
    var counts: [Int32: [String: Int]] = [:]
    for (l, g) in zip(labels, truth) { counts[l, default: [:]][g, default: 0] += 1 }
    let majority = counts.values.map { $0.values.max() ?? 0 }.reduce(0, +)
    return Double(majority) / Double(labels.count)
}

/// Adjusted Rand index (Hubert & Arabie 1985) of two labelings: 1 when identical up to renaming.
func adjustedRandIndex(_ a: [String], _ b: [String]) -> Double {
    func choose2(_ n: Int) -> Double { Double(n) * Double(n - 1) / 2 }
    var table: [String: [String: Int]] = [:]
    var rows: [String: Int] = [:], columns: [String: Int] = [:]
    for (x, y) in zip(a, b) { table[x, default: [:]][y, default: 0] += 1; rows[x, default: 0] += 1; columns[y, default: 0] += 1 }
    let index = table.values.flatMap(\.values).map(choose2).reduce(0, +)
    let rowSum = rows.values.map(choose2).reduce(0, +), columnSum = columns.values.map(choose2).reduce(0, +)
    let expected = rowSum * columnSum / choose2(a.count)
    let maximum = (rowSum + columnSum) / 2
    return maximum == expected ? 1 : (index - expected) / (maximum - expected)
}
