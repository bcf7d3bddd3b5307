import JourneyCore
import JourneyScene
import JourneyLayout

extension InteractiveData {
    /// How many next and previous steps a touchpoint lists.
    public static let stepsListed = 5

    /// The numbers of a journey map's HTML page, from the graph it was drawn from and what the
    /// map shows: every drawn touchpoint (events, journeys, share of journeys, starts, ends,
    /// repeats, top next and previous steps over all of the graph) and every drawn flow,
    /// strongest first (count, journeys, share of the source's moves — its flows, repeats
    /// included, plus the journeys ending there, as the map's `--metric share` labels —, median
    /// and 90th percentile time).
    /// - Complexity: O(e log e + t) for e edges and t touchpoints.
    public static func journeyMap(graph: JourneyGraph, selection: MapSelection, language: String) -> InteractiveData {
        var outMoves: [String: Int] = [:], inMoves: [String: Int] = [:]
        var next: [String: [JourneyGraph.Edge]] = [:], previous: [String: [JourneyGraph.Edge]] = [:]
        for e in graph.edges {
            outMoves[e.from, default: 0] += e.count
            inMoves[e.to, default: 0] += e.count
            if e.from != e.to {
                next[e.from, default: []].append(e)
                previous[e.to, default: []].append(e)
            }
        }
        let byName = Dictionary(graph.touchpoints.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        func movesOut(_ name: String) -> Int { outMoves[name, default: 0] + (byName[name]?.ends ?? 0) }
        func movesIn(_ name: String) -> Int { inMoves[name, default: 0] + (byName[name]?.starts ?? 0) }
        func microsecond(_ v: Double) -> Double { (v * 1e6).rounded() / 1e6 }
        func share(_ n: Int, of total: Int) -> Double { total == 0 ? 0 : Double(n) / Double(total) }
        func top(_ edges: [JourneyGraph.Edge], name: (JourneyGraph.Edge) -> String, total: Int) -> [Step] {
            // Stable: graph order breaks ties.
            edges.enumerated().sorted { $0.element.count != $1.element.count ? $0.element.count > $1.element.count : $0.offset < $1.offset }
                .prefix(stepsListed).map { Step(name: name($0.element), count: $0.element.count, share: share($0.element.count, of: total)) }
        }
        let touchpoints = selection.touchpoints.map { t in
            Touchpoint(name: t.name, stage: t.stage, events: t.events, journeys: t.journeys,
                       share: share(t.journeys, of: graph.journeys), starts: t.starts, ends: t.ends,
                       repeats: selection.selfLoops[t.name] ?? 0,
                       next: top(next[t.name] ?? [], name: \.to, total: movesOut(t.name)),
                       previous: top(previous[t.name] ?? [], name: \.from, total: movesIn(t.name)))
        }
        let flows = selection.edges.enumerated()
            .sorted { $0.element.count != $1.element.count ? $0.element.count > $1.element.count : $0.offset < $1.offset }
            .map { item -> Flow in
                let e = item.element
                let q = e.duration.quantilesSeconds([0.5, 0.9])
                return Flow(from: e.from, to: e.to, count: e.count, journeys: e.journeys,
                            share: share(e.count, of: movesOut(e.from)),
                            medianSeconds: q[0].map(microsecond), p90Seconds: q[1].map(microsecond))
            }
        // Seconds to the microsecond, as the journey file writes them.
        return InteractiveData(kind: "map", language: language, journeys: graph.journeys, totalMoves: graph.transitionCount,
                               fixedMoves: selection.selfLoops.values.reduce(0, +), touchpoints: touchpoints, flows: flows)
    }
}
