import Testing
import JourneyCore
@testable import JourneyLayout

/// Journey sequences from `(case, [activity])`, one event per second, default template.
func sankeySequences(_ journeys: [(String, [String])], template: JourneyTemplate = .builtinDefault()) throws -> JourneySequences {
    let table = EventTable()
    for (c, acts) in journeys {
        for (i, a) in acts.enumerated() { table.append(case: c, activity: a, timestamp: Int64(i) * 1_000_000) }
    }
    table.sources = ["test"]
    return try Miner(template: template).sequences(table)
}

/// The default template's touchpoints, stage by stage.
let sankeyTouchpoints = ["ad_impression", "social_post", "search_result", "email_open",
                         "landing_page", "product_view", "compare", "review_read", "store_visit",
                         "add_to_cart", "checkout", "payment", "purchase", "call_center",
                         "onboarding", "app_open", "support_ticket",
                         "repeat_purchase", "renewal", "loyalty_reward", "review_written", "referral", "share"]


/// `count` journeys that drift forward through the stages, loop back and repeat events.
func randomJourneys(_ count: Int, seed: UInt64, maxLength: Int = 14) -> [(String, [String])] {
    var rng = SplitMix64(seed: seed)
    return (0..<count).map { c in
        let length = Int.random(in: 1...maxLength, using: &rng)
        var position = Int.random(in: 0..<6, using: &rng)
        var acts: [String] = []
        for _ in 0..<length {
            position = max(0, min(sankeyTouchpoints.count - 1, position + Int.random(in: -5...6, using: &rng)))
            acts.append(sankeyTouchpoints[position])
            if Int.random(in: 0..<5, using: &rng) == 0 { acts.append(sankeyTouchpoints[position]) }
        }
        return ("c\(c)", acts)
    }
}

/// Checks every picture must pass: nodes of a column apart, labels apart from each other and
/// from every node and header, everything inside the canvas. Returns the problems found.
func sankeyOverlaps(_ result: SankeySceneBuilder.Result, _ flows: SankeyFlows) -> [String] {
    var problems: [String] = []
    let nodes = result.layout.nodeFrames, labels = result.labelFrames
    for (i, a) in nodes.enumerated() {
        for j in (i + 1)..<nodes.count where a.intersects(nodes[j]) { problems.append("nodes \(i) and \(j) overlap") }
        for (j, l) in labels.enumerated() where l.intersects(a) { problems.append("label \(j) overlaps node \(i)") }
    }
    for (i, a) in labels.enumerated() {
        for j in (i + 1)..<labels.count where a.intersects(labels[j]) { problems.append("labels \(i) and \(j) overlap") }
        for (c, h) in result.headerFrames.enumerated() where a.intersects(h) { problems.append("label \(i) overlaps header \(c)") }
    }
    let canvas = Rect(x: 0, y: 0, width: result.scene.width, height: result.scene.height)
    for item in result.scene.items {
        let frame: Rect
        switch item {
        case .rect(let r): frame = r.frame
        case .image(let i): frame = i.frame
        case .text(let t): frame = t.frame
        case .path(let p):
            let points = p.segments.flatMap { s -> [Point] in
                switch s {
                case .move(let q), .line(let q): return [q]
                case .curve(let c1, let c2, let q): return [c1, c2, q]
                case .close: return []
                }
            }
            let xs = points.map(\.x), ys = points.map(\.y)
            frame = Rect(x: xs.min() ?? 0, y: ys.min() ?? 0, width: (xs.max() ?? 0) - (xs.min() ?? 0), height: (ys.max() ?? 0) - (ys.min() ?? 0))
        }
        if !canvas.contains(frame) { problems.append("item outside the canvas: \(frame)") }
    }
    return problems
}

/// Texts of a scene, in drawing order.
func sceneTexts(_ scene: Scene) -> [String] {
    scene.items.compactMap { if case .text(let t) = $0 { return t.text } else { return nil } }
}
