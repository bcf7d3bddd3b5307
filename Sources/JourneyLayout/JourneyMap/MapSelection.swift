import JourneyCore

/// Chooses what a readable map shows: the most visited touchpoints and the strongest
/// transitions, with every hidden item counted for the note.
///
/// Policy (stated on the map): keep the `maxTouchpoints` touchpoints with most events; of
/// the transitions between kept touchpoints (self-loops become a "↻ n" badge on the node),
/// keep the strongest up to `maxEdges`, then add each kept touchpoint's strongest incoming
/// and outgoing transition if it has none, so no box floats unconnected. A `maxEdges` given by
/// the caller is a true maximum: when those additions pass it, the weakest go again (`capped`).
/// - Complexity: O(e log e) for e edges.
public struct MapSelection: Sendable {
    public var touchpoints: [JourneyGraph.Touchpoint]
    public var edges: [JourneyGraph.Edge]
    /// a→a transitions by touchpoint name.
    public var selfLoops: [String: Int]
    public var hiddenTouchpoints: Int
    public var hiddenTouchpointEvents: Int
    public var hiddenEdges: Int
    public var hiddenTransitions: Int
    public var totalTransitions: Int

    /// `keep`: transitions chosen whatever their count, when both touchpoints are kept.
    public init(graph: JourneyGraph, maxTouchpoints: Int, maxEdges: Int?, keep: Set<MapDecoration.EdgeKey> = []) {
        let ranked = graph.touchpoints.enumerated().sorted {
            $0.element.events != $1.element.events ? $0.element.events > $1.element.events : $0.offset < $1.offset
        }
        let keptIdx = Set(ranked.prefix(max(1, maxTouchpoints)).map(\.offset))
        touchpoints = graph.touchpoints.enumerated().filter { keptIdx.contains($0.offset) }.map(\.element)
        let kept = Set(touchpoints.map(\.name))
        hiddenTouchpoints = graph.touchpoints.count - touchpoints.count
        hiddenTouchpointEvents = graph.touchpoints.filter { !kept.contains($0.name) }.reduce(0) { $0 + $1.events }

        var loops: [String: Int] = [:]
        var candidates: [(offset: Int, edge: JourneyGraph.Edge)] = []
        for (i, e) in graph.edges.enumerated() where kept.contains(e.from) && kept.contains(e.to) {
            if e.from == e.to { loops[e.from] = e.count } else { candidates.append((i, e)) }
        }
        selfLoops = loops
        let limit = maxEdges ?? max(12, Int((Double(touchpoints.count) * 1.5).rounded()))
        let strongest = candidates.sorted { $0.edge.count != $1.edge.count ? $0.edge.count > $1.edge.count : $0.offset < $1.offset }
        var chosen = Set(strongest.prefix(limit).map(\.offset))
        // Each kept touchpoint keeps its strongest way in and out.
        var bestOut: [String: (Int, Int)] = [:], bestIn: [String: (Int, Int)] = [:]
        for c in strongest {
            if bestOut[c.edge.from] == nil { bestOut[c.edge.from] = (c.offset, c.edge.count) }
            if bestIn[c.edge.to] == nil { bestIn[c.edge.to] = (c.offset, c.edge.count) }
        }
        var hasOut = Set<String>(), hasIn = Set<String>()
        for c in candidates where chosen.contains(c.offset) { hasOut.insert(c.edge.from); hasIn.insert(c.edge.to) }
        for t in touchpoints.map(\.name) {
            if !hasOut.contains(t), let b = bestOut[t] { chosen.insert(b.0) }
            if !hasIn.contains(t), let b = bestIn[t] { chosen.insert(b.0) }
        }
        if !keep.isEmpty {
            for c in candidates where keep.contains(MapDecoration.EdgeKey(from: c.edge.from, to: c.edge.to)) { chosen.insert(c.offset) }
        }
        // An explicit --max-edges is a true maximum; the default keeps every box connected.
        if let maxEdges { chosen = Self.capped(chosen, limit: maxEdges, candidates: candidates, keep: keep) }
        edges = candidates.filter { chosen.contains($0.offset) }.map(\.edge)
        totalTransitions = graph.transitionCount
        let shown = edges.reduce(0) { $0 + $1.count } + loops.values.reduce(0, +)
        hiddenEdges = graph.edges.count - edges.count - loops.count
        hiddenTransitions = totalTransitions - shown
    }

    /// `chosen` cut down to `limit` transitions (a true maximum): the weakest go first, those
    /// that are not a touchpoint's only way in or out before those that are. Transitions in
    /// `keep` stay whatever the limit.
    /// - Complexity: O(c²) for c chosen transitions (c ≤ limit + 2 × touchpoints).
    static func capped(_ chosen: Set<Int>, limit: Int, candidates: [(offset: Int, edge: JourneyGraph.Edge)],
                       keep: Set<MapDecoration.EdgeKey>) -> Set<Int> {
        guard chosen.count > limit else { return chosen }
        var left = candidates.filter { chosen.contains($0.offset) }
        var outs: [String: Int] = [:], ins: [String: Int] = [:]
        for c in left { outs[c.edge.from, default: 0] += 1; ins[c.edge.to, default: 0] += 1 }
        func kept(_ c: (offset: Int, edge: JourneyGraph.Edge)) -> Bool {
            !keep.isEmpty && keep.contains(MapDecoration.EdgeKey(from: c.edge.from, to: c.edge.to))
        }
        // Weakest first; among equals the later one in the graph goes first.
        let weakestFirst: ((offset: Int, edge: JourneyGraph.Edge), (offset: Int, edge: JourneyGraph.Edge)) -> Bool = {
            $0.edge.count != $1.edge.count ? $0.edge.count < $1.edge.count : $0.offset > $1.offset
        }
        while left.count > limit {
            let order = left.indices.filter { !kept(left[$0]) }.sorted { weakestFirst(left[$0], left[$1]) }
            guard let victim = order.first(where: { outs[left[$0].edge.from, default: 0] > 1 && ins[left[$0].edge.to, default: 0] > 1 })
                    ?? order.first else { break }
            outs[left[victim].edge.from, default: 0] -= 1
            ins[left[victim].edge.to, default: 0] -= 1
            left.remove(at: victim)
        }
        return Set(left.map(\.offset))
    }

    /// A sentence for the map's note, nil when nothing was hidden.
    public func note() -> String? { note(.english) }

    /// The note in the map's language.
    func note(_ words: FootnoteWords) -> String? {
        var parts: [String] = []
        if hiddenTouchpoints > 0 {
            parts.append(words.hiddenTouchpoints(hiddenTouchpoints, events: hiddenTouchpointEvents))
        }
        if hiddenEdges > 0 {
            let share = totalTransitions == 0 ? 0 : Double(hiddenTransitions) / Double(totalTransitions) * 100
            // A nonzero share that rounds to 0 reads "<1%", as shares do elsewhere.
            let percent = hiddenTransitions > 0 && share < 0.5 ? "<1" : String(Int(share.rounded()))
            parts.append(words.hiddenEdges(hiddenEdges, moves: hiddenTransitions, percent: percent))
        }
        guard !parts.isEmpty else { return nil }
        return words.hidden(parts)
    }
}
