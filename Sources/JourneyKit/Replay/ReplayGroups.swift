import JourneyCore

/// `replay --min-people k` (docs/privacy.md, "replay"): the journeys a replay may draw, in groups.
///
/// A token stands for a group of `size` journeys (`k` × ⌈eligible ÷ (k × max tokens)⌉) of as
/// many distinct people (cases), all following one path (variant) whose every box, start, end
/// and flow the published graph shows (and the variant itself, unless it is past the full
/// graph's list). Groups are formed in order of the journeys' first events within each path
/// (first fit: a journey joins the earliest open group not holding its person); what is left
/// of each path (an open group) is not drawn. Then every number the published graph shows is
/// checked against the drawn groups: the journeys it counts that are not drawn (what its
/// number minus the dots give back) must rest on no one or on `k` people or more; when they
/// rest on 1 to `k` − 1 people, the latest group counted by that number is not drawn either
/// (its `size` distinct people join the rest, so it rests on `k` or more; rests only grow, so
/// one pass settles every number).
public struct ReplayGroups: Sendable {
    /// Journey indices of each drawn group, groups in order of their mean first event.
    public var members: [[Int]]
    /// Journeys per token.
    public var size: Int
    /// One journey per group at its members' mean times (each step's time averaged), coloured
    /// by the stage of its first box.
    public var journeys: ReplayJourneys

    /// - Parameters:
    ///   - journeys: every journey of the log with its case (`ReplayJourneys.cases`).
    ///   - full: the graph before `--min-people` (with people counted); `published`: after it.
    public static func build(_ journeys: ReplayJourneys, full: JourneyGraph, published: JourneyGraph, k: Int,
                             maxTokens: Int) -> ReplayGroups {
        let names = journeys.touchpoints
        let stageOf = Dictionary(full.touchpoints.map { ($0.name, $0.stage) }, uniquingKeysWith: { a, _ in a })
        let shownTP = Dictionary(published.touchpoints.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        let shownEdges = Set(published.edges.map { $0.from + "\u{1}" + $0.to })
        let shownStageEdges = Set(published.stageEdges.map { $0.from + "\u{1}" + $0.to })
        let withheldStages = Set(published.privacy?.stages ?? [])
        let shownStages = Set(published.stages.map(\.id)).subtracting(withheldStages)
        let fullVariants = Set(full.variants.top.map(\.path))
        let shownVariants = Set(published.variants.top.map(\.path))

        func path(_ j: Int) -> [String] { (journeys.offsets[j]..<journeys.offsets[j + 1]).map { names[Int(journeys.steps[$0])] } }

        // The published numbers each journey counts in (keys), and whether it may be drawn.
        var itemIDs: [String: Int] = [:]
        func id(_ key: String) -> Int {
            if let i = itemIDs[key] { return i }
            let i = itemIDs.count; itemIDs[key] = i; return i
        }
        var itemsOf: [[Int]] = [], eligible: [Bool] = [], paths: [[String]] = []
        for j in 0..<journeys.count {
            let p = path(j)
            paths.append(p)
            var items = Set<Int>([id("*")])
            var ok = !p.isEmpty
            for (i, name) in p.enumerated() {
                if let t = shownTP[name] {
                    items.insert(id("t\u{1}" + name))
                    if i == 0 { if t.starts > 0 { items.insert(id("s\u{1}" + name)) } else { ok = false } }
                    if i == p.count - 1 { if t.ends > 0 { items.insert(id("e\u{1}" + name)) } else { ok = false } }
                } else { ok = false }
                let stage = stageOf[name] ?? ""
                if shownStages.contains(stage) { items.insert(id("g\u{1}" + stage)) }
                if i > 0 {
                    let edge = p[i - 1] + "\u{1}" + name
                    if shownEdges.contains(edge) { items.insert(id("x\u{1}" + edge)) } else { ok = false }
                    let se = (stageOf[p[i - 1]] ?? "") + "\u{1}" + stage
                    if shownStageEdges.contains(se) { items.insert(id("G\u{1}" + se)) }
                }
            }
            if shownVariants.contains(p) { items.insert(id("v\u{1}" + p.joined(separator: "\u{1}"))) }
            else if fullVariants.contains(p) { ok = false }
            itemsOf.append(items.sorted())
            eligible.append(ok)
        }

        // Groups: first fit within each path, in order of first event (ties: input order).
        let firstTime = (0..<journeys.count).map { j in journeys.offsets[j] < journeys.offsets[j + 1] ? journeys.times[journeys.offsets[j]] : Int64.max }
        let order = (0..<journeys.count).filter { eligible[$0] }.sorted { (firstTime[$0], $0) < (firstTime[$1], $1) }
        let perToken = max(1, (order.count + k * max(1, maxTokens) - 1) / (k * max(1, maxTokens)))
        let size = k * perToken
        let cases = journeys.cases
        /// The journey's person: its case, or the journey itself when cases are not known.
        func person(_ j: Int) -> UInt32 { cases.isEmpty ? UInt32(truncatingIfNeeded: j) : cases[j] }
        var open: [[String]: [(members: [Int], people: Set<UInt32>)]] = [:]
        var groups: [[Int]] = []
        for j in order {
            let who = person(j)
            var list = open[paths[j], default: []]
            if let g = list.firstIndex(where: { !$0.people.contains(who) }) {
                list[g].members.append(j); list[g].people.insert(who)
                if list[g].members.count == size { groups.append(list[g].members); list.remove(at: g) }
            } else {
                list.append((members: [j], people: [who]))
                if size == 1 { groups.append([j]); list.removeLast() }
            }
            open[paths[j]] = list
        }

        // The rest under each published number: people of the journeys not drawn it counts.
        var drawn = [Bool](repeating: false, count: journeys.count)
        for g in groups { for j in g { drawn[j] = true } }
        var rest = [Set<UInt32>](repeating: [], count: itemIDs.count)
        for j in 0..<journeys.count where !drawn[j] {
            for i in itemsOf[j] { rest[i].insert(person(j)) }
        }
        func meanFirst(_ g: [Int]) -> Double { g.reduce(0.0) { $0 + Double(firstTime[$1]) } / Double(g.count) }
        var alive = [Bool](repeating: true, count: groups.count)
        var groupsOfItem = [[Int]](repeating: [], count: itemIDs.count)
        for (gi, g) in groups.enumerated() { for i in itemsOf[g[0]] { groupsOfItem[i].append(gi) } }
        let means = groups.map(meanFirst)
        for i in 0..<itemIDs.count where !rest[i].isEmpty && rest[i].count < k {
            // The latest group this number counts.
            guard let gi = groupsOfItem[i].filter({ alive[$0] }).max(by: { (means[$0], $0) < (means[$1], $1) }) else { continue }
            alive[gi] = false
            for j in groups[gi] {
                for item in itemsOf[j] { rest[item].insert(person(j)) }
            }
        }
        let kept = groups.indices.filter { alive[$0] }.sorted { (means[$0], $0) < (means[$1], $1) }
        let members = kept.map { groups[$0] }

        // One journey per group at its mean times.
        var offsets = [0], steps: [Int32] = [], times: [Int64] = [], keys: [String] = []
        for g in members {
            let a = journeys.offsets[g[0]], n = journeys.offsets[g[0] + 1] - a
            for s in 0..<n {
                let base = journeys.times[a + s]
                var sum = 0.0
                for j in g { sum += Double(journeys.times[journeys.offsets[j] + s] - base) }
                steps.append(journeys.steps[a + s])
                times.append(base + Int64((sum / Double(g.count)).rounded()))
            }
            offsets.append(steps.count)
            keys.append(stageOf[names[Int(journeys.steps[a])]] ?? "")
        }
        return ReplayGroups(members: members, size: size,
                            journeys: ReplayJourneys(touchpoints: names, offsets: offsets, steps: steps, times: times, colorKeys: keys))
    }
}
