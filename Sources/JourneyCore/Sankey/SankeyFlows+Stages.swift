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
        let stageOf = sequences.touchpoints.map(\.stageIndex)
        let people = options.countBy == .people
        var representative = [Int32](repeating: -1, count: max(unassigned, 1))

        /// Walks one unit: first touchpoint per stage into `representative`, visited stages as a mask,
        /// and `onBack(from stage, to stage)` for each back move.
        func walk(_ steps: UnsafeBufferPointer<Int32>, _ lo: Int, _ hi: Int,
                  onBack: (Int, Int) -> Void) -> (mask: UInt64, unplaced: Int) {
            var mask: UInt64 = 0, unplaced = 0, previous = -1
            for i in lo..<hi {
                let t = steps[i], s = stageOf[Int(t)]
                if s >= unassigned { unplaced += 1; continue }
                if mask & (1 << UInt64(s)) == 0 { mask |= 1 << UInt64(s); representative[s] = t }
                if s < previous { onBack(previous, s) }
                previous = s
            }
            return (mask, unplaced)
        }

        // Pass 1: stage × touchpoint counts, visited-stage patterns.
        var counts = [Int](repeating: 0, count: max(unassigned, 1) * T)
        var patterns: [UInt64: Int] = [:]
        var excluded = 0, unplaced = 0, returnMoves = 0, returnJourneys = 0
        sequences.steps.withUnsafeBufferPointer { steps in
            sequences.forEachUnit(people: people) { lo, hi in
                var moves = 0
                let r = walk(steps, lo, hi) { _, _ in moves += 1 }
                unplaced += r.unplaced
                guard r.mask != 0 else { excluded += 1; return }
                returnMoves += moves
                if moves > 0 { returnJourneys += 1 }
                patterns[r.mask, default: 0] += 1
                var m = r.mask
                while m != 0 {
                    let s = m.trailingZeroBitCount
                    counts[s * T + Int(representative[s])] += 1
                    m &= m - 1
                }
            }
        }
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

        // Pass 2: forward and drop-off links; return arcs between the stages' first touchpoints.
        var arcs: [Int: Int] = [:]
        var seenPair = [Int](repeating: -1, count: max(unassigned, 1) * max(unassigned, 1))
        var unit = 0
        var backPairs: [Int] = []
        sequences.steps.withUnsafeBufferPointer { steps in
            sequences.forEachUnitOfCase(people: people) { lo, hi, person in
                if let b = sideBoundary { builder.side = lo < b ? 0 : 1 }
                builder.begin(case: person)
                unit += 1
                backPairs.removeAll(keepingCapacity: true)
                let r = walk(steps, lo, hi) { from, to in
                    let k = from * unassigned + to
                    if seenPair[k] != unit { seenPair[k] = unit; backPairs.append(k) }
                }
                if r.unplaced > 0 { builder.mark(.unplaced) }
                guard r.mask != 0 else { builder.mark(.excluded); return }
                builder.mark(.total)
                if !backPairs.isEmpty { builder.mark(.returns) }
                let (_, last) = columnRange(r.mask, columnOfStage)
                func node(_ c: Int) -> Int {
                    let s = columnStages[c]
                    guard r.mask & (1 << UInt64(s)) != 0 else { return builder.skippedID[c] }
                    builder.visit(column: c, touchpoint: representative[s])
                    return builder.node(column: c, touchpoint: representative[s])
                }
                var previous = node(0)
                for c in 0..<last {
                    let next = node(c + 1)
                    builder.addLink(column: c, from: previous, to: next)
                    previous = next
                }
                if last + 1 < C { builder.addLink(column: last, from: previous, to: builder.dropOffID[last + 1]) }
                for k in backPairs {
                    let from = k / unassigned, to = k % unassigned
                    let a = builder.node(column: columnOfStage[from], touchpoint: representative[from])
                    let b = builder.node(column: columnOfStage[to], touchpoint: representative[to])
                    let key = a * builder.nodes.count + b
                    arcs[key, default: 0] += 1
                    builder.tracker?.markArc(key)
                }
            }
        }
        let returnArcs = arcs.keys.sorted().map { k in
            Link(source: k / builder.nodes.count, target: k % builder.nodes.count, value: arcs[k]!, kind: .returnArc)
        }
        let omitted = (0..<unassigned).filter { columnOfStage[$0] < 0 }.map { sequences.stages[$0].id }
        let flows = SankeyFlows(mode: .stages, options: options,
                                columns: builder.columns(step: { _ in nil }, stage: { columnStages[$0] }),
                                nodes: builder.nodes, links: builder.links() + returnArcs, stages: sequences.stages,
                                total: total, journeys: sequences.count, people: sequences.peopleCount,
                                excluded: excluded, truncated: 0, returnJourneys: returnJourneys,
                                returnMoves: returnMoves, unplacedEvents: unplaced, omittedStages: omitted)
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
