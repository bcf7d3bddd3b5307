/// The union of two journey graphs' stages, touchpoints and transitions, in graph order, and
/// the counts each side has for them (0 where a side lacks one).
struct ComparisonUnion {
    var stages: [JourneyGraph.Stage]
    /// By stage rank, then name.
    var touchpoints: [(name: String, stage: String)]
    var touchpointRank: [String: Int]

    init(before: JourneyGraph, after: JourneyGraph) {
        let order = JourneyGraph.mergeOrder(before.stages.map(\.id), after.stages.map(\.id))
        var byID: [String: JourneyGraph.Stage] = [:]
        for s in after.stages + before.stages { byID[s.id] = s }   // before's names win
        stages = order.compactMap { byID[$0] }
        let stageRank = Dictionary(uniqueKeysWithValues: order.enumerated().map { ($1, $0) })
        var stageOf: [String: String] = [:]
        for t in after.touchpoints + before.touchpoints { stageOf[t.name] = t.stage }
        touchpoints = stageOf.map { (name: $0.key, stage: $0.value) }.sorted {
            let a = stageRank[$0.stage] ?? Int.max, b = stageRank[$1.stage] ?? Int.max
            return a != b ? a < b : $0.name < $1.name
        }
        touchpointRank = Dictionary(uniqueKeysWithValues: touchpoints.enumerated().map { ($1.name, $0) })
    }

    /// Journeys reaching each stage, by id.
    static func stageJourneys(_ g: JourneyGraph) -> [String: Int] {
        Dictionary(g.stages.map { ($0.id, $0.journeys) }, uniquingKeysWith: +)
    }

    /// Journeys reaching each touchpoint, by name.
    static func reach(_ g: JourneyGraph) -> [String: Int] {
        Dictionary(g.touchpoints.map { ($0.name, $0.journeys) }, uniquingKeysWith: +)
    }

    /// Start, edge and end rows of both sides. The total of a start row is the side's journeys;
    /// of an edge or end row, the occurrences of its `from` (out-edges + ends) on that side.
    func transitions(before: JourneyGraph, after: JourneyGraph) -> [TransitionRow] {
        struct Key: Hashable { var from: String?; var to: String? }
        func counts(_ g: JourneyGraph) -> (rows: [Key: Int], occurrences: [String: Int]) {
            var rows: [Key: Int] = [:]
            var occurrences: [String: Int] = [:]
            for t in g.touchpoints {
                if t.starts > 0 { rows[Key(from: nil, to: t.name)] = t.starts }
                if t.ends > 0 { rows[Key(from: t.name, to: nil)] = t.ends }
                occurrences[t.name, default: 0] += t.ends
            }
            for e in g.edges where e.count > 0 {
                rows[Key(from: e.from, to: e.to), default: 0] += e.count
                occurrences[e.from, default: 0] += e.count
            }
            return (rows, occurrences)
        }
        let b = counts(before), a = counts(after)
        func total(_ side: (rows: [Key: Int], occurrences: [String: Int]), _ g: JourneyGraph, _ key: Key) -> Int {
            key.from.map { side.occurrences[$0] ?? 0 } ?? g.journeys
        }
        // Starts sort before every touchpoint, ends after.
        func rank(_ name: String?, missing: Int) -> Int { name.map { touchpointRank[$0] ?? Int.max - 1 } ?? missing }
        let keys = Set(b.rows.keys).union(a.rows.keys).sorted {
            let x = (rank($0.from, missing: -1), rank($0.to, missing: Int.max))
            let y = (rank($1.from, missing: -1), rank($1.to, missing: Int.max))
            return x != y ? x < y : ($0.from ?? "", $0.to ?? "") < ($1.from ?? "", $1.to ?? "")
        }
        return keys.map { key in
            TransitionRow(from: key.from, to: key.to,
                          before: Proportion(count: b.rows[key] ?? 0, total: total(b, before, key)),
                          after: Proportion(count: a.rows[key] ?? 0, total: total(a, after, key)))
        }
    }
}
