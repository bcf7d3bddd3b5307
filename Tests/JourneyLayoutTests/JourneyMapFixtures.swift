import JourneyCore
@testable import JourneyLayout

/// Journeys through the built-in template's touchpoints, made by a seeded random walk that
/// mostly moves forward a stage, sometimes stays, and sometimes goes back (support tickets
/// sending people back to product pages), like `gen_journeys.py` in ../shared/bench.
enum JourneyMapFixtures {
    /// The 23 touchpoints of `gen_journeys.py`, by stage of the built-in template.
    static let touchpointsByStage: [[String]] = [
        ["ad_impression", "social_post", "search_result", "email_open"],
        ["landing_page", "product_view", "review_read", "compare", "store_visit"],
        ["add_to_cart", "checkout", "payment", "purchase", "call_center"],
        ["onboarding", "app_open", "support_ticket"],
        ["repeat_purchase", "renewal", "loyalty_reward"],
        ["review_written", "referral", "share"],
    ]


    /// `journeys` journeys; with `everyPair` every touchpoint pair is also seen once, so the graph
    /// has 23 × 23 = 529 distinct transitions like the benchmark log.
    static func table(journeys: Int = 600, seed: UInt64 = 7, everyPair: Bool = false, names: [String: String] = [:]) -> EventTable {
        var rng = SplitMix64(seed: seed)
        let table = EventTable(attributeNames: [])
        table.sources = ["fixture.csv"]
        let channels = ["web", "app", "store", "email", "social", "search", "phone"]
        var t: Int64 = 1_700_000_000
        func add(_ c: String, _ a: String) {
            t += Int64(60 + rng.below(3600))
            table.append(case: c, activity: names[a] ?? a, timestamp: t * 1_000_000, channel: channels[a.count % channels.count])
        }
        for j in 0..<journeys {
            var stage = 0
            for _ in 0..<(3 + rng.below(8)) {
                let options = touchpointsByStage[stage]
                add("c\(j)", options[rng.below(options.count)])
                let r = rng.below(10)
                if r < 6 { stage = min(stage + 1, touchpointsByStage.count - 1) } else if r == 9 { stage = max(0, stage - 2) }
            }
        }
        if everyPair {
            let all = touchpointsByStage.flatMap { $0 }
            for (i, a) in all.enumerated() {
                for (k, b) in all.enumerated() { add("pair\(i)-\(k)", a); add("pair\(i)-\(k)", b) }
            }
        }
        return table
    }

    static func graph(journeys: Int = 600, everyPair: Bool = false, template: JourneyTemplate = .builtinDefault(),
                      names: [String: String] = [:]) throws -> JourneyGraph {
        try Miner(template: template).mine(table(journeys: journeys, everyPair: everyPair, names: names), columns: nil)
    }
}

/// Checks on a built scene.
enum SceneChecks {
    static func texts(_ scene: Scene) -> [TextItem] {
        scene.items.compactMap { if case .text(let t) = $0 { return t } else { return nil } }
    }

    /// The colour behind `point` when the item at `index` is drawn: the scene background with
    /// every earlier filled rectangle (or text background) containing the point composited over it.
    static func background(at point: Point, before index: Int, in scene: Scene) -> Color {
        var color = scene.background
        for item in scene.items[..<index] {
            var fill: Color?
            var frame: Rect?
            switch item {
            case .rect(let r): fill = r.fill; frame = r.frame
            case .text(let t): fill = t.background; frame = t.frame
            case .path, .image: continue
            }
            guard let f = fill, let fr = frame, fr.minX <= point.x, point.x <= fr.maxX, fr.minY <= point.y, point.y <= fr.maxY else { continue }
            color = color.mixed(with: f.withAlpha(1), f.alpha)
        }
        return color
    }
}

extension SplitMix64 {
    /// 0..<n by modulo (the fixtures' sequences were made this way; the bias does not matter here).
    mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
}
