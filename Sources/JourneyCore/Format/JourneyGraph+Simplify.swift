extension JourneyGraph {
    /// Keeps the strongest edges: those with at least `minEdgeCount` transitions, and of
    /// those the most frequent that together carry `keepPaths` (0…1] of all transitions
    /// (ties kept together so the result never depends on order). Hidden edges and the
    /// transitions they carried are added to `hidden`. Touchpoints stay (with their counts).
    /// - Complexity: O(e log e) for e edges.
    public func simplified(keepPaths: Double? = nil, minEdgeCount: Int = 0, maxEdges: Int? = nil) -> JourneyGraph {
        let total = transitionCount
        var candidates = edges.filter { $0.count >= minEdgeCount }
        var keep = Set<Int>()  // indices into candidates
        let ranked = candidates.indices.sorted {
            candidates[$0].count != candidates[$1].count ? candidates[$0].count > candidates[$1].count : $0 < $1
        }
        let target = keepPaths.map { Double(total) * min(1, max(0, $0)) } ?? Double.infinity
        var covered = 0
        var lastCount = -1
        for i in ranked {
            let c = candidates[i].count
            if let maxEdges, keep.count >= maxEdges { break }
            // Past the target, only edges tied with the last kept one still come in.
            if Double(covered) >= target && c != lastCount { break }
            keep.insert(i)
            covered += c
            lastCount = c
        }
        candidates = candidates.indices.filter { keep.contains($0) }.map { candidates[$0] }
        var result = self
        let removed = edges.count - candidates.count
        result.hidden.edges += removed
        result.hidden.transitions += total - candidates.reduce(0) { $0 + $1.count }
        result.edges = candidates
        return result
    }
}
