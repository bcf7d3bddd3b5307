extension SankeyFlows {
    /// Step flows: column k holds the k-th step of each path (Mixpanel Flows, GA4 path
    /// exploration, Amplitude Journeys).
    ///
    /// - No anchor: paths start at each journey's first event.
    /// - `.from(E)`: paths start at the first occurrence of E (column 1 is E); journeys without
    ///   E are `excluded`.
    /// - `.to(E)`: paths end at the first occurrence of E (the last column is E), columns are
    ///   right-aligned; a path with fewer steps begins with an entry link from a `.start` node.
    ///
    /// A path shorter than the columns ends with a drop-off link into the next column's
    /// `.dropOff` node; paths longer than the columns are cut (`truncated` counts them).
    /// Columns that would hold nothing but earlier drop-offs (or later starts) are left out.
    /// With `collapseRepeats`, consecutive repeats of a touchpoint are one step.
    /// - Complexity: O(n + C·T log T) for n steps (two counting passes, O(N) per path, with
    ///   `.events` O(n·N)), C columns and T touchpoints; no allocation per journey.
    public static func bySteps(_ sequences: JourneySequences, options: SankeyOptions = SankeyOptions()) throws -> SankeyFlows {
        try bySteps(sequences, options: options, sideBoundary: nil).flows
    }

    /// `bySteps`, and with `sideBoundary` (the first step of the second side's journeys in a
    /// union of two sides) each link's count per side, in link order.
    /// With `sidePeople` as well (`compare --diff-sankey --min-people`), per side the people
    /// behind every number of the flows without return arcs and each "Other" member's count.
    static func bySteps(_ sequences: JourneySequences, options: SankeyOptions,
                        sideBoundary: Int?, sidePeople: Bool = false) throws
        -> (flows: SankeyFlows, sides: [[Int]]?, sidePeople: [(people: People, members: [[Int]])]?) {
        guard SankeyOptions.stepRange.contains(options.steps) else {
            throw SankeyError("--steps must be between \(SankeyOptions.stepRange.lowerBound) and \(SankeyOptions.stepRange.upperBound) (got \(options.steps))")
        }
        try validateTopK(options)
        var anchorID: Int32 = -1
        if let anchor = options.anchor {
            anchorID = try sequences.touchpointID(anchor.touchpoint, flag: anchor.flag)
        }
        let N = options.steps
        let T = sequences.touchpoints.count
        let backward: Bool
        if case .to = options.anchor { backward = true } else { backward = false }
        var walker = StepWalker(steps: N, collapse: options.collapseRepeats, anchor: anchorID,
                                backward: backward, everyOccurrence: options.countBy == .events)
        let people = options.countBy == .people

        // Pass 1: touchpoints per column, drop-offs, starts.
        var counts = [Int](repeating: 0, count: N * T)
        var dropOff = [Int](repeating: 0, count: N + 1)
        var start = [Int](repeating: 0, count: N)
        var total = 0, excluded = 0, truncated = 0, maxLength = 0
        sequences.steps.withUnsafeBufferPointer { steps in
            sequences.forEachUnit(people: people) { lo, hi in
                let paths = walker.walk(steps, lo, hi) { path, length, more in
                    total += 1
                    maxLength = max(maxLength, length)
                    let base = backward ? N - length : 0
                    for k in 0..<length { counts[(base + k) * T + Int(path[k])] += 1 }
                    if length < N {
                        if backward { start[base - 1] += 1 } else { dropOff[length] += 1 }
                    } else if more {
                        truncated += 1
                    }
                }
                if paths == 0 { excluded += 1 }
            }
        }
        PhaseTiming.mark("sankey steps: columns")
        guard total > 0 else {
            if let anchor = options.anchor {
                throw SankeyError("\(anchor.flag) \(anchor.touchpoint): no journey contains \"\(anchor.touchpoint)\" (after filters)")
            }
            throw SankeyError("there are no journeys to draw (the log is empty or the filters removed every event)")
        }

        // Columns kept: none that only repeat earlier drop-offs (or later starts).
        let kept = maxLength < N ? maxLength + 1 : N
        let first = backward ? N - kept : 0
        var builder = SankeyFlowBuilder(touchpointCount: T, columnCount: kept)
        for c in 0..<kept {
            let a = first + c
            for t in 0..<T { builder.counts[c * T + t] = counts[a * T + t] }
            builder.dropOff[c] = dropOff[a]
            builder.start[c] = start[a]
        }
        builder.makeNodes(topK: options.topK, touchpoints: sequences.touchpoints,
                          channels: sequences.dominantChannels(), columnStage: { _ in nil })
        if sideBoundary != nil { builder.countSides() }
        if sideBoundary != nil && sidePeople { builder.trackSidePeople() }
        if options.minPeople != nil { builder.trackPeople() }

        // Pass 2: links between adjacent columns (and, with --min-people, the people behind them).
        sequences.steps.withUnsafeBufferPointer { steps in
            sequences.forEachUnitOfCase(people: people) { lo, hi, person in
                if let b = sideBoundary { builder.side = lo < b ? 0 : 1 }
                builder.begin(case: person)
                let paths = walker.walk(steps, lo, hi) { path, length, more in
                    let base = (backward ? N - length : 0) - first
                    builder.mark(.total)
                    if length == N && more { builder.mark(.truncated) }
                    var previous = builder.node(column: base, touchpoint: path[0])
                    builder.visit(column: base, touchpoint: path[0])
                    if length < N && backward {
                        builder.addLink(column: base - 1, from: builder.startID[base - 1], to: previous)
                    }
                    for k in 1..<length {
                        let next = builder.node(column: base + k, touchpoint: path[k])
                        builder.visit(column: base + k, touchpoint: path[k])
                        builder.addLink(column: base + k - 1, from: previous, to: next)
                        previous = next
                    }
                    if length < N && !backward {
                        builder.addLink(column: length - 1, from: previous, to: builder.dropOffID[length])
                    }
                }
                if paths == 0 { builder.mark(.excluded) }
            }
        }
        PhaseTiming.mark("sankey steps: links")
        let columns = builder.columns(step: { c in backward ? first + c - (N - 1) : first + c + 1 },
                                      stage: { _ in nil })
        let flows = SankeyFlows(mode: .steps, options: options, columns: columns, nodes: builder.nodes,
                                links: builder.links(), stages: sequences.stages, total: total,
                                journeys: sequences.count, people: sequences.peopleCount, excluded: excluded,
                                truncated: truncated, returnJourneys: 0, returnMoves: 0, unplacedEvents: 0,
                                omittedStages: [])
        if let k = options.minPeople, let p = builder.people(links: flows.links) {
            return (try flows.applyingMinPeople(k, people: p, beside: options.graphBeside), nil, nil)
        }
        return (flows, builder.sideLinkValues(), builder.sidePeople(links: flows.links.filter { $0.kind != .returnArc }))
    }

    static func validateTopK(_ options: SankeyOptions) throws {
        guard SankeyOptions.topKRange.contains(options.topK) else {
            throw SankeyError("--top must be between \(SankeyOptions.topKRange.lowerBound) and \(SankeyOptions.topKRange.upperBound) (got \(options.topK))")
        }
    }
}

extension SankeyOptions.Anchor {
    var flag: String {
        switch self { case .from: return "--from"; case .to: return "--to" }
    }
}

extension JourneySequences {
    /// The id of the touchpoint named `name`, or an error naming the most frequent ones.
    func touchpointID(_ name: String, flag: String) throws -> Int32 {
        if let t = touchpoints.firstIndex(where: { $0.name == name }) { return Int32(t) }
        var counts = [Int](repeating: 0, count: touchpoints.count)
        for s in steps { counts[Int(s)] += 1 }
        let known = touchpoints.indices.sorted { counts[$0] != counts[$1] ? counts[$0] > counts[$1] : touchpoints[$0].name < touchpoints[$1].name }
            .prefix(8).map { touchpoints[$0].name }
        let list = known.isEmpty ? "the log has none" : "the most frequent are " + known.joined(separator: ", ")
        throw SankeyError("\(flag) \(name): no touchpoint of that name (names are case-sensitive; \(list))")
    }
}

/// Cuts the step paths out of one unit (journey or person): where they start, what one step is
/// (`collapse` folds repeats), how far they go.
struct StepWalker {
    let steps: Int
    let collapse: Bool
    /// Anchor touchpoint, -1 for none.
    let anchor: Int32
    /// Paths end at the anchor (`--to`) instead of starting at it.
    let backward: Bool
    /// Every occurrence of the anchor (every event without one) starts a path, not only the first.
    let everyOccurrence: Bool
    /// The current path, oldest step first.
    private var buffer: [Int32]

    init(steps: Int, collapse: Bool, anchor: Int32, backward: Bool, everyOccurrence: Bool) {
        self.steps = steps
        self.collapse = collapse
        self.anchor = anchor
        self.backward = backward
        self.everyOccurrence = everyOccurrence
        buffer = [Int32](repeating: 0, count: steps)
    }

    /// Calls `visit(path, length, more)` for each path of `steps[lo..<hi]` (`more`: the unit has
    /// further steps beyond the path's far end) and returns how many there were.
    @inline(__always)
    mutating func walk(_ steps: UnsafeBufferPointer<Int32>, _ lo: Int, _ hi: Int,
                       _ visit: (UnsafeMutableBufferPointer<Int32>, Int, Bool) -> Void) -> Int {
        var paths = 0
        var i = lo
        let (n, collapse, backward) = (self.steps, self.collapse, self.backward)
        while i < hi {
            let isRunStart = !collapse || i == lo || steps[i] != steps[i - 1]
            if isRunStart && (anchor < 0 || steps[i] == anchor) {
                paths += 1
                buffer.withUnsafeMutableBufferPointer { path in
                    let (length, more) = backward ? Self.fillBackward(steps, lo, i, path, n, collapse)
                        : Self.fillForward(steps, i, hi, path, n, collapse)
                    visit(path, length, more)
                }
                if !everyOccurrence { break }
            }
            i += 1
        }
        return paths
    }

    private static func fillForward(_ steps: UnsafeBufferPointer<Int32>, _ from: Int, _ hi: Int,
                                    _ path: UnsafeMutableBufferPointer<Int32>, _ n: Int, _ collapse: Bool) -> (Int, Bool) {
        var length = 0, j = from
        while j < hi {
            let t = steps[j]
            j += 1
            if collapse && length > 0 && t == path[length - 1] { continue }
            if length == n { return (length, true) }
            path[length] = t
            length += 1
        }
        return (length, false)
    }

    /// Fills the path ending at `end` (inclusive), oldest first.
    private static func fillBackward(_ steps: UnsafeBufferPointer<Int32>, _ lo: Int, _ end: Int,
                                     _ path: UnsafeMutableBufferPointer<Int32>, _ n: Int, _ collapse: Bool) -> (Int, Bool) {
        var length = 0, j = end
        var more = false
        while j >= lo {
            let t = steps[j]
            j -= 1
            if collapse && length > 0 && t == path[n - length] { continue }
            if length == n { more = true; break }
            path[n - 1 - length] = t
            length += 1
        }
        if length < n {
            for k in 0..<length { path[k] = path[n - length + k] }
        }
        return (length, more)
    }
}
