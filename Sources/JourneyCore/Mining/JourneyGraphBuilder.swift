/// What the graph says about the log besides the accumulator's counts; gathered from an
/// `EventTable` by `Miner` or while reading by `DirectCSVMiner`.
package struct LogFacts {
    package var sources: [String]
    package var skipped: SkipReport
    /// Events per channel name (absent channels not counted) of every touchpoint id.
    package var channelCounts: [[String: Int]]
    /// Earliest and latest timestamp of the events mined; nil when none was.
    package var timeRange: (first: Int64, last: Int64)?
    /// The events had no times (`EventTable.untimed`).
    package var untimed = false

    package init(sources: [String], skipped: SkipReport, channelCounts: [[String: Int]], timeRange: (first: Int64, last: Int64)?) {
        self.sources = sources
        self.skipped = skipped
        self.channelCounts = channelCounts
        self.timeRange = timeRange
    }
}

/// Turns a `JourneyAccumulator`'s dense counters into a named, sorted `JourneyGraph`.
package struct JourneyGraphBuilder {
    package let template: JourneyTemplate
    package let options: MiningOptions
    package let columns: ResolvedColumns?
    package let assignment: Miner.Assignment
    package let filter: Miner.EventFilter
    package let facts: LogFacts
    /// The distinct paths: the accumulator's table, or disjoint shards of them.
    package let variantTables: [VariantTable]

    package init(template: JourneyTemplate, options: MiningOptions, columns: ResolvedColumns?, assignment: Miner.Assignment,
                 filter: Miner.EventFilter, facts: LogFacts, variantTables: [VariantTable], people: PeopleCounter? = nil) {
        self.template = template
        self.options = options
        self.columns = columns
        self.assignment = assignment
        self.filter = filter
        self.facts = facts
        self.variantTables = variantTables
        self.people = people
    }
    /// The people behind each count (`MiningOptions.peopleCounted`); nil: not counted.
    package var people: PeopleCounter?

    package func build(_ acc: JourneyAccumulator) -> JourneyGraph {
        var graph = buildCounts(acc)
        if let people { addPeople(people, to: &graph) }
        return graph
    }

    /// Writes `people`'s counts into the named graph (touchpoint ids by name, stages by id).
    private func addPeople(_ people: PeopleCounter, to graph: inout JourneyGraph) {
        let names = assignment.touchpointNames
        var id: [String: Int32] = [:]
        for (i, n) in names.enumerated() where id[n] == nil { id[n] = Int32(i) }
        let stageIndex = Dictionary(assignment.stages.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        graph.people = people.people
        for i in graph.touchpoints.indices {
            let t = Int(id[graph.touchpoints[i].name]!)
            graph.touchpoints[i].people = people.touchpoints[t]
            graph.touchpoints[i].startPeople = people.starts[t]
            graph.touchpoints[i].endPeople = people.ends[t]
        }
        for i in graph.edges.indices {
            graph.edges[i].people = people.edge(id[graph.edges[i].from]!, id[graph.edges[i].to]!)
        }
        for i in graph.stages.indices { graph.stages[i].people = people.stages[stageIndex[graph.stages[i].id]!] }
        let sc = assignment.stages.count
        for i in graph.stageEdges.indices {
            let a = stageIndex[graph.stageEdges[i].from]!, b = stageIndex[graph.stageEdges[i].to]!
            graph.stageEdges[i].people = people.stageEdges[a * sc + b]
        }
        for i in graph.variants.top.indices {
            graph.variants.top[i].people = people.variants[graph.variants.top[i].path.map { id[$0]! }] ?? 0
        }
    }

    private func buildCounts(_ acc: JourneyAccumulator) -> JourneyGraph {
        let names = assignment.touchpointNames
        let stageOf = assignment.stageOfTouchpoint
        let nodeEvents = acc.nodeEvents, stageEvents = acc.stageEvents(from: nodeEvents), stageEdgeCount = acc.stageEdgeCount
        // Touchpoints that occur, sorted by stage then name.
        let present = (0..<names.count).filter { nodeEvents[$0] > 0 }
            .sorted { stageOf[$0] != stageOf[$1] ? stageOf[$0] < stageOf[$1] : names[$0] < names[$1] }
        var rank = [Int](repeating: -1, count: names.count)
        for (r, t) in present.enumerated() { rank[t] = r }

        let touchpoints = present.map { t -> JourneyGraph.Touchpoint in
            let channels = facts.channelCounts[t]
            let top = JourneyGraph.Touchpoint.representativeChannel(channels)
            return JourneyGraph.Touchpoint(
                name: names[t], stage: assignment.stages[stageOf[t]].id, channel: top, channels: channels,
                events: Int(nodeEvents[t]), journeys: Int(acc.nodeJourneys[t]),
                starts: Int(acc.starts[t]), ends: Int(acc.ends[t]))
        }

        let edgeSlots = (0..<acc.edgeFrom.count).sorted {
            let a = (rank[Int(acc.edgeFrom[$0])], rank[Int(acc.edgeTo[$0])])
            let b = (rank[Int(acc.edgeFrom[$1])], rank[Int(acc.edgeTo[$1])])
            return a < b
        }
        // The edges' histograms and the top variants on all threads (the 10M-row benchmark's
        // 529 edges hold ~530 k buckets; ~800 k distinct paths): the variants first, edges in
        // chunks beside them.
        acc.finishCounting()
        enum Part { case variants(JourneyGraph.Variants), edges([JourneyGraph.Edge]) }
        let chunk = 32, chunks = (edgeSlots.count + chunk - 1) / chunk
        let parts = ParallelTasks.map(1 + chunks, threads: options.threads) { i -> Part in
            if i == 0 { return .variants(topVariants(rank: rank, names: names)) }
            return .edges(edgeSlots[((i - 1) * chunk)..<min(edgeSlots.count, i * chunk)].map { s -> JourneyGraph.Edge in
                var h = acc.durationHistogram(s)
                h.addSum(acc.edgeSum[s])
                return JourneyGraph.Edge(from: names[Int(acc.edgeFrom[s])], to: names[Int(acc.edgeTo[s])],
                                         count: Int(acc.edgeCount[s]), journeys: Int(acc.edgeJourneys[s]), duration: h)
            })
        }
        var edges: [JourneyGraph.Edge] = [], variants = JourneyGraph.Variants(top: [], distinct: 0, truncated: false, limit: 0)
        edges.reserveCapacity(edgeSlots.count)
        for part in parts {
            switch part {
            case .variants(let v): variants = v
            case .edges(let e): edges += e
            }
        }

        let unassigned = assignment.stages.count - 1
        let stages = assignment.stages.enumerated().compactMap { (i, def) -> JourneyGraph.Stage? in
            if i == unassigned && stageEvents[i] == 0 { return nil }
            return JourneyGraph.Stage(id: def.id, names: def.names, color: def.color,
                                      journeys: Int(acc.stageJourneys[i]), events: Int(stageEvents[i]))
        }
        let sc = assignment.stages.count
        var stageEdges: [JourneyGraph.StageEdge] = []
        for a in 0..<sc { for b in 0..<sc where stageEdgeCount[a * sc + b] > 0 {
            stageEdges.append(JourneyGraph.StageEdge(from: assignment.stages[a].id, to: assignment.stages[b].id,
                                                     count: Int(stageEdgeCount[a * sc + b]),
                                                     journeys: Int(acc.stageEdgeJourneys[a * sc + b])))
        } }

        return JourneyGraph(
            source: JourneyGraph.SourceInfo(files: facts.sources, columns: columns, template: template.id,
                                            templateNames: template.names, defaultLanguage: template.defaultLanguage,
                                            stagesInferred: template.stagesInferred ? true : nil, untimed: facts.untimed ? true : nil),
            stages: stages, touchpoints: touchpoints, edges: edges, stageEdges: stageEdges,
            journeys: Int(acc.journeys), events: Int(acc.events), firstTimestamp: facts.timeRange?.first, lastTimestamp: facts.timeRange?.last,
            variants: variants,
            filters: JourneyGraph.FilterInfo(
                since: options.since.map(formatISO8601), until: options.until.map(formatISO8601),
                whereClauses: options.whereClauses.map(\.description),
                sessionGapSeconds: options.sessionGapMicros.map { Double($0) / 1e6 },
                keepActivities: options.keepActivities,
                include: options.activityFilter.include.isEmpty ? nil : options.activityFilter.include,
                exclude: options.activityFilter.exclude.isEmpty ? nil : options.activityFilter.exclude),
            hidden: JourneyGraph.HiddenInfo(touchpoints: filter.hiddenTouchpoints, hiddenEvents: filter.hiddenEvents,
                                            filteredEvents: filter.filteredEvents,
                                            activityFilteredEvents: options.activityFilter.isEmpty ? nil : filter.activityFilteredEvents),
            skipped: facts.skipped)
    }

    /// The `maxVariants` most frequent paths; ties broken by path (touchpoint order), so the
    /// choice never depends on input order, thread count or how the paths are sharded.
    /// - Complexity: O(v log k) for v distinct variants, k = maxVariants.
    private func topVariants(rank: [Int], names: [String]) -> JourneyGraph.Variants {
        let k = max(0, options.maxVariants)
        typealias Slot = (table: Int, slot: Int)
        let tables = variantTables
        func before(_ a: Slot, _ b: Slot) -> Bool {
            let ca = tables[a.table].count[a.slot], cb = tables[b.table].count[b.slot]
            if ca != cb { return ca > cb }
            return tables[a.table].path(a.slot).lexicographicallyPrecedes(tables[b.table].path(b.slot)) {
                rank[Int($0)] < rank[Int($1)]
            }
        }
        // Keep a sorted list of the best k seen so far (k is small).
        var best: [Slot] = []
        best.reserveCapacity(k + 1)
        var distinct = 0
        for (t, table) in tables.enumerated() {
            distinct += table.count.count
            guard k > 0 else { continue }
            for v in 0..<table.count.count {
                let candidate = (table: t, slot: v)
                if best.count == k, let worst = best.last, !before(candidate, worst) { continue }
                var lo = 0, hi = best.count
                while lo < hi { let mid = (lo + hi) / 2; if before(best[mid], candidate) { lo = mid + 1 } else { hi = mid } }
                best.insert(candidate, at: lo)
                if best.count > k { best.removeLast() }
            }
        }
        let top = best.map { b in
            JourneyGraph.Variant(path: tables[b.table].path(b.slot).map { names[Int($0)] },
                                 count: Int(tables[b.table].count[b.slot]))
        }
        return JourneyGraph.Variants(top: top, distinct: distinct, truncated: distinct > top.count, limit: k)
    }
}
