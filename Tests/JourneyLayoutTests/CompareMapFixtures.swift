import Testing
import JourneyCore
@testable import JourneyLayout

/// Two sides of a comparison from a small Markov chain over default-template touchpoints,
/// the after side with planted changes: product_view → purchase up, landing_page reached less.
enum CompareMapFixtures {
    typealias Chain = [String: [(String?, Double)]]

    static let base: Chain = [
        "^": [("ad_impression", 0.6), ("email_open", 0.4)],
        "ad_impression": [("landing_page", 0.7), ("product_view", 0.1), (nil, 0.2)],
        "email_open": [("landing_page", 0.5), ("product_view", 0.3), (nil, 0.2)],
        "landing_page": [("product_view", 0.7), (nil, 0.3)],
        "product_view": [("add_to_cart", 0.3), ("purchase", 0.15), ("compare", 0.1), (nil, 0.45)],
        "compare": [("add_to_cart", 0.5), (nil, 0.5)],
        "add_to_cart": [("checkout", 0.6), ("product_view", 0.2), (nil, 0.2)],
        "checkout": [("purchase", 0.7), (nil, 0.3)],
        "purchase": [("app_open", 0.5), ("review_written", 0.2), (nil, 0.3)],
        "app_open": [("review_written", 0.2), (nil, 0.8)],
        "review_written": [(nil, 1.0)],
    ]

    static let planted: Chain = {
        var c = base
        c["product_view"] = [("add_to_cart", 0.3), ("purchase", 0.4), ("compare", 0.1), (nil, 0.2)]
        c["ad_impression"] = [("landing_page", 0.3), ("product_view", 0.5), (nil, 0.2)]
        return c
    }()

    /// Journeys drawn from `chain`, one case each, events a minute apart.
    static func table(_ chain: Chain, journeys: Int, seed: UInt64, prefix: String) -> EventTable {
        var state = seed
        func uniform() -> Double {   // SplitMix64
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return Double((z ^ (z >> 31)) >> 11) / Double(1 << 53)
        }
        func pick(_ options: [(String?, Double)]) -> String? {
            let u = uniform()
            var sum = 0.0
            for (v, p) in options {
                sum += p
                if u < sum { return v }
            }
            return options[options.count - 1].0
        }
        let table = EventTable()
        for j in 0..<journeys {
            var t = Int64(j) * 3_600_000_000
            var current = pick(chain["^"]!)
            var length = 0
            while let tp = current, length < 20 {
                table.append(case: "\(prefix)\(j)", activity: tp, timestamp: t)
                t += 60_000_000
                length += 1
                current = pick(chain[tp]!)
            }
        }
        return table
    }

    static func pair(journeys: Int = 600, seed: UInt64 = 11) throws -> ComparisonPair {
        let miner = Miner(template: .builtinDefault(), options: MiningOptions(threads: 1))
        let before = try miner.mine(table(base, journeys: journeys, seed: seed, prefix: "b"))
        let after = try miner.mine(table(planted, journeys: journeys, seed: seed &+ 1, prefix: "a"))
        return ComparisonPair(before: before, after: after, beforeLabel: "before", afterLabel: "after")
    }

    static func build(theme: Theme = .light, maxEdges: Int? = nil, seed: UInt64 = 11) throws
        -> (ComparisonPair, JourneyComparison, ComparisonMapBuilder.Result) {
        let pair = try pair(seed: seed)
        let comparison = try pair.compare()
        let result = try ComparisonMapBuilder(pair: pair, comparison: comparison,
                                              options: MapOptions(theme: theme, maxEdges: maxEdges),
                                              measurer: PersonaFakeMeasurer()).build()
        return (pair, comparison, result)
    }

    static func rects(_ scene: Scene) -> [RectItem] {
        scene.items.compactMap { if case .rect(let r) = $0 { return r } else { return nil } }
    }

    /// Edge paths: the only paths with an arrow head.
    static func edgePaths(_ scene: Scene) -> [PathItem] {
        scene.items.compactMap { if case .path(let p) = $0, p.arrowAtEnd != nil { return p } else { return nil } }
    }

    /// The colour a text sits on: the scene background with every rect under the text's
    /// centre painted over it in order, then the text's own halo.
    static func surface(under index: Int, in scene: Scene) -> Color {
        guard case .text(let t) = scene.items[index] else { return scene.background }
        var c = scene.background
        let p = t.frame.center
        for item in scene.items[..<index] {
            guard case .rect(let r) = item, let fill = r.fill,
                  p.x >= r.frame.minX, p.x <= r.frame.maxX, p.y >= r.frame.minY, p.y <= r.frame.maxY else { continue }
            c = fill.composited(over: c)
        }
        if let halo = t.background { c = halo.composited(over: c) }
        return c
    }
}
