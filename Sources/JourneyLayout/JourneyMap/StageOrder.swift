import JourneyCore

/// Where the unassigned column goes among the template's stage columns.
///
/// Template stages keep their order. The unassigned stage, when it is drawn beside template
/// stages, goes where the fewest moves (summed counts of the drawn transitions) would run
/// against the drawn order, ties going to the later place (last, as before). "Back" on the map
/// then means back in the order the columns are drawn, Unassigned included.
enum StageOrder {
    static func drawn(_ stages: [JourneyGraph.Stage], selection: MapSelection) -> [JourneyGraph.Stage] {
        let unassigned = StageDefinition.unassigned.id
        guard let u = stages.firstIndex(where: { $0.id == unassigned }), stages.count > 1 else { return stages }
        var template = stages
        let stageU = template.remove(at: u)
        let index = Dictionary(uniqueKeysWithValues: template.enumerated().map { ($1.id, $0) })
        let stageOf = Dictionary(selection.touchpoints.map { ($0.name, $0.stage) }, uniquingKeysWith: { a, _ in a })
        // into[s]: moves from template stage s into Unassigned; out[s]: from Unassigned into s.
        var into = Array(repeating: 0, count: template.count), out = into
        for e in selection.edges {
            let a = stageOf[e.from], b = stageOf[e.to]
            if b == unassigned, let a, let s = index[a] { into[s] += e.count }
            if a == unassigned, let b, let s = index[b] { out[s] += e.count }
        }
        var best = template.count, bestCost = Int.max
        for p in stride(from: template.count, through: 0, by: -1) {
            // Unassigned after p template stages: s → U goes back when s ≥ p, U → s when s < p.
            var cost = 0
            for s in template.indices { cost += s >= p ? into[s] : out[s] }
            if cost < bestCost { bestCost = cost; best = p }
        }
        template.insert(stageU, at: best)
        return template
    }
}
