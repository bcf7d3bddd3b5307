extension SankeyFlows {
    /// Stage flows: one column per template stage that some journey visited, in template order.
    ///
    /// Policy for skips and cycles (journeys loop; nothing is dropped silently and no cycle
    /// can break the layout, because forward links only ever go to the next column):
    /// - A journey counts once in each stage it visited, at the *first* touchpoint it used in
    ///   that stage. Forward ribbons join those touchpoints in consecutive columns: they follow
    ///   stage order, not time order.
    /// - A stage the journey did not visit, before its last visited stage, is a `.skipped` node
    ///   (it jumped over the stage, or entered the journey in a later stage), so skips are
    ///   drawn, counted and keep every column summing to all journeys.
    /// - After its last visited stage a journey drops off into the next column's `.dropOff`
    ///   node.
    /// - Every move from a later stage back to an earlier one is a back move: the journeys that
    ///   made one are counted in `.returnArc` links between the two stages' nodes (once per
    ///   journey and pair of stages), the moves in `returnMoves`, and drawn as distinct arcs.
    ///   Moves forward again into stages already visited add nothing further.
    /// - Events of unassigned activities are not placed (`unplacedEvents`); journeys with no
    ///   placed event are `excluded`. Template stages nobody visited get no column
    ///   (`omittedStages`).
    ///
    /// Anchors and `--steps` do not apply; `.events` counting is refused (a stage column holds
    /// journeys, not events). `collapseRepeats` changes nothing here beyond `returnMoves`
    /// (repeats never move between stages).
    /// - Complexity: O(n + C·T log T) for n steps, C stages and T touchpoints.
    public static func byStages(_ sequences: JourneySequences, options: SankeyOptions = SankeyOptions()) throws -> SankeyFlows {
        try byStages(sequences, options: options, sideBoundary: nil).flows
    }

    /// `byStages`, and with `sideBoundary` (the first step of the second side's journeys in a
    /// union of two sides) each forward and drop-off link's count per side, in link order
    /// (return arcs are not split).
    /// With `sidePeople` as well (`compare --diff-sankey --min-people`), per side the people
    /// behind every number of the flows without return arcs and each "Other" member's count.
    static func byStages(_ sequences: JourneySequences, options: SankeyOptions,
                         sideBoundary: Int?, sidePeople: Bool = false) throws
        -> (flows: SankeyFlows, sides: [[Int]]?, sidePeople: [(people: People, members: [[Int]])]?) {
        if let anchor = options.anchor {
            throw SankeyError("\(anchor.flag) applies to step flows (--by step), not to stage flows")
        }
        guard options.countBy != .events else {
            throw SankeyError("--count events applies to step flows (--by step); stage flows count journeys or people")
        }
        try validateTopK(options)
        let T = sequences.touchpoints.count
        let unassigned = sequences.stages.count - 1
        guard unassigned <= 64 else { throw SankeyError("stage flows support at most 64 stages") }
        let people = options.countBy == .people
        var walk = StageWalk(stageOf: sequences.touchpoints.map(\.stageIndex), unassigned: unassigned)

        // Pass 1: stage × touchpoint counts, visited-stage patterns.
        let reach = StageReach(sequences, people: people, walk: &walk)
        let (counts, patterns) = (reach.counts, reach.patterns)
        PhaseTiming.mark("sankey stages: stages reached")
        let total = patterns.values.reduce(0, +)
        guard total > 0 else {
            throw SankeyError("there are no journeys with events in the template's stages to draw")
        }
        let used = patterns.keys.reduce(UInt64(0), |)
        let columnStages = (0..<unassigned).filter { used & (1 << UInt64($0)) != 0 }
        let C = columnStages.count
        var columnOfStage = [Int](repeating: -1, count: max(unassigned, 1))
        for (c, s) in columnStages.enumerated() { columnOfStage[s] = c }

        var builder = SankeyFlowBuilder(touchpointCount: T, columnCount: C)
        for (c, s) in columnStages.enumerated() {
            for t in 0..<T { builder.counts[c * T + t] = counts[s * T + t] }
        }
        for (mask, n) in patterns {
            let (first, last) = columnRange(mask, columnOfStage)
            for c in first...last where mask & (1 << UInt64(columnStages[c])) == 0 { builder.skipped[c] += n }
            for c in 0..<first { builder.skipped[c] += n }
            if last + 1 < C { builder.dropOff[last + 1] += n }
        }
        builder.makeNodes(topK: options.topK, touchpoints: sequences.touchpoints,
                          channels: sequences.dominantChannels(), columnStage: { columnStages[$0] })
        if sideBoundary != nil { builder.countSides() }
        if sideBoundary != nil && sidePeople { builder.trackSidePeople() }
        if options.minPeople != nil { builder.trackPeople() }

        PhaseTiming.mark("sankey stages: nodes")
        // Pass 2: forward and drop-off links; return arcs between the stages' first touchpoints.
        var arcs: [Int: Int] = [:]
        sequences.steps.withUnsafeBufferPointer { steps in
            guard let steps = steps.baseAddress else { return }
            sequences.forEachUnitOfCase(people: people) { lo, hi, person in
                if let b = sideBoundary { builder.side = lo < b ? 0 : 1 }
                builder.begin(case: person)
                walk.walk(steps, lo, hi)
                if walk.unplaced > 0 { builder.mark(.unplaced) }
                let mask = walk.mask
                guard mask != 0 else { builder.mark(.excluded); return }
                builder.mark(.total)
                if walk.backPairCount > 0 { builder.mark(.returns) }
                let (_, last) = columnRange(mask, columnOfStage)
                var previous = -1
                for c in 0...last {
                    let s = columnStages[c]
                    let next: Int
                    if mask & (1 << UInt64(s)) != 0 {
                        let t = walk.representative[s]
                        builder.visit(column: c, touchpoint: t)
                        next = builder.node(column: c, touchpoint: t)
                    } else {
                        next = builder.skippedID[c]
                    }
                    if c > 0 { builder.addLink(column: c - 1, from: previous, to: next) }
                    previous = next
                }
                if last + 1 < C { builder.addLink(column: last, from: previous, to: builder.dropOffID[last + 1]) }
                for i in 0..<walk.backPairCount {
                    let (from, to) = walk.backPair(i)
                    let a = builder.node(column: columnOfStage[from], touchpoint: walk.representative[from])
                    let b = builder.node(column: columnOfStage[to], touchpoint: walk.representative[to])
                    let key = a * builder.nodes.count + b
                    arcs[key, default: 0] += 1
                    builder.tracker?.markArc(key)
                }
            }
        }
        PhaseTiming.mark("sankey stages: links")
        let returnArcs = arcs.keys.sorted().map { k in
            Link(source: k / builder.nodes.count, target: k % builder.nodes.count, value: arcs[k]!, kind: .returnArc)
        }
        let omitted = (0..<unassigned).filter { columnOfStage[$0] < 0 }.map { sequences.stages[$0].id }
        let flows = SankeyFlows(mode: .stages, options: options,
                                columns: builder.columns(step: { _ in nil }, stage: { columnStages[$0] }),
                                nodes: builder.nodes, links: builder.links() + returnArcs, stages: sequences.stages,
                                total: total, journeys: sequences.count, people: sequences.peopleCount,
                                excluded: reach.excluded, truncated: 0, returnJourneys: reach.returnJourneys,
                                returnMoves: reach.returnMoves, unplacedEvents: reach.unplaced, omittedStages: omitted)
        if let k = options.minPeople, let p = builder.people(links: flows.links) {
            return (try flows.applyingMinPeople(k, people: p, beside: options.graphBeside), nil, nil)
        }
        return (flows, builder.sideLinkValues(), builder.sidePeople(links: flows.links.filter { $0.kind != .returnArc }))
    }

    /// First and last column of the stages in `mask`.
    private static func columnRange(_ mask: UInt64, _ columnOfStage: [Int]) -> (Int, Int) {
        (columnOfStage[mask.trailingZeroBitCount], columnOfStage[63 - mask.leadingZeroBitCount])
    }
}
