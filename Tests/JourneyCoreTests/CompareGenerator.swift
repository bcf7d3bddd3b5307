@testable import JourneyCore

/// A Markov chain over nine touchpoints of the default template, for comparison tests:
/// journeys start at one touchpoint, move by `next` probabilities and end at `nil`.
struct JourneyGenerator {
    var starts: [(String, Double)]
    var next: [String: [(String?, Double)]]
    var maxLength = 30

    static let base = JourneyGenerator(
        starts: [("ad_impression", 0.6), ("email_open", 0.4)],
        next: [
            "ad_impression": [("landing_page", 0.7), (nil, 0.3)],
            "email_open": [("landing_page", 0.5), ("product_view", 0.3), (nil, 0.2)],
            "landing_page": [("product_view", 0.7), (nil, 0.3)],
            "product_view": [("add_to_cart", 0.3), ("purchase", 0.2), ("product_view", 0.1), (nil, 0.4)],
            "add_to_cart": [("checkout", 0.6), ("product_view", 0.2), (nil, 0.2)],
            "checkout": [("purchase", 0.7), (nil, 0.3)],
            "purchase": [("app_open", 0.5), ("review_written", 0.2), (nil, 0.3)],
            "app_open": [("review_written", 0.2), (nil, 0.8)],
            "review_written": [(nil, 1.0)],
        ])

    /// The base chain with P(product_view → purchase) raised from 0.2 to 0.35 (taken from the end).
    static let planted: JourneyGenerator = {
        var g = base
        g.next["product_view"] = [("add_to_cart", 0.3), ("purchase", 0.35), ("product_view", 0.1), (nil, 0.25)]
        return g
    }()

    /// Stage of each touchpoint in the default template, for counting without the miner.
    static let stageOf: [String: String] = [
        "ad_impression": "awareness", "email_open": "awareness", "landing_page": "consideration",
        "product_view": "consideration", "add_to_cart": "decision", "checkout": "decision", "purchase": "decision",
        "app_open": "usage", "review_written": "advocacy",
    ]

    /// `(case, activity, seconds)` rows, cases `prefix0…`, events a minute apart from `start`.
    func rows(journeys: Int, seed: UInt64, prefix: String = "c", start: Int64 = 0) -> [(String, String, Int64)] {
        var rng = SplitMix(seed: seed)
        func pick<T>(_ options: [(T, Double)]) -> T {
            let u = Double(rng.next() >> 11) / Double(1 << 53)
            var sum = 0.0
            for (value, p) in options {
                sum += p
                if u < sum { return value }
            }
            return options[options.count - 1].0
        }
        var out: [(String, String, Int64)] = []
        for j in 0..<journeys {
            var t = start + Int64(j) * 3600
            var current: String? = pick(starts)
            var length = 0
            while let tp = current, length < maxLength {
                out.append(("\(prefix)\(j)", tp, t))
                t += 60
                length += 1
                current = pick(next[tp]!)
            }
        }
        return out
    }
}

/// Counts taken straight from rows, without the miner: the independent check of a report.
struct RawCounts {
    var journeys = 0
    var reach: [String: Int] = [:]
    var stageReach: [String: Int] = [:]
    /// Key "a>b", "^>a" (start), "a>$" (end).
    var transitions: [String: Int] = [:]
    var occurrences: [String: Int] = [:]

    init(_ rows: [(String, String, Int64)], stageOf: [String: String]) {
        var byCase: [String: [(String, Int64, Int)]] = [:]
        for (i, r) in rows.enumerated() { byCase[r.0, default: []].append((r.1, r.2, i)) }
        for (_, events) in byCase {
            let path = events.sorted { ($0.1, $0.2) < ($1.1, $1.2) }.map(\.0)
            journeys += 1
            for tp in Set(path) { reach[tp, default: 0] += 1 }
            for stage in Set(path.map { stageOf[$0] ?? "unassigned" }) { stageReach[stage, default: 0] += 1 }
            transitions["^>\(path[0])", default: 0] += 1
            for (a, b) in zip(path, path.dropFirst()) { transitions["\(a)>\(b)", default: 0] += 1 }
            transitions["\(path[path.count - 1])>$", default: 0] += 1
            for tp in path { occurrences[tp, default: 0] += 1 }
        }
    }
}
