/// Turns a `JourneyAccumulator`'s dense counters into a named, sorted `JourneyGraph`.
struct JourneyGraphBuilder {
    let template: JourneyTemplate
    let options: MiningOptions
    let table: EventTable
    let columns: ResolvedColumns?
    let assignment: Miner.Assignment
    let filter: Miner.EventFilter
    let order: Miner.CaseOrder

    func build(_ acc: JourneyAccumulator) -> JourneyGraph {
        let names = assignment.touchpointNames
        let stageOf = assignment.stageOfTouchpoint
        // Touchpoints that occur, sorted by stage then name.
        let present = (0..<names.count).filter { acc.nodeEvents[$0] > 0 }
            .sorted { stageOf[$0] != stageOf[$1] ? stageOf[$0] < stageOf[$1] : names[$0] < names[$1] }
        var rank = [Int](repeating: -1, count: names.count)
        for (r, t) in present.enumerated() { rank[t] = r }

        let channelCounts = countChannels(tpCount: names.count)
        let channelNames = table.channels.strings
        let touchpoints = present.map { t -> JourneyGraph.Touchpoint in
            var channels: [String: Int] = [:]
            for (ch, n) in channelCounts[t] where ch != 0 { channels[channelNames[Int(ch)], default: 0] += n }
            let top = channels.max { $0.value != $1.value ? $0.value < $1.value : $0.key > $1.key }?.key
            return JourneyGraph.Touchpoint(
                name: names[t], stage: assignment.stages[stageOf[t]].id, channel: top, channels: channels,
                events: Int(acc.nodeEvents[t]), journeys: Int(acc.nodeJourneys[t]),
                starts: Int(acc.starts[t]), ends: Int(acc.ends[t]))
        }

        let edgeSlots = (0..<acc.edgeFrom.count).sorted {
            let a = (rank[Int(acc.edgeFrom[$0])], rank[Int(acc.edgeTo[$0])])
            let b = (rank[Int(acc.edgeFrom[$1])], rank[Int(acc.edgeTo[$1])])
            return a < b
        }
        let edges = edgeSlots.map { s -> JourneyGraph.Edge in
            var h = DurationHistogram()
            for (b, c) in acc.histogramPairs(s) { h.add(bucket: b, count: c) }
            h.addSum(acc.edgeSum[s])
            return JourneyGraph.Edge(from: names[Int(acc.edgeFrom[s])], to: names[Int(acc.edgeTo[s])],
                                     count: Int(acc.edgeCount[s]), journeys: Int(acc.edgeJourneys[s]), duration: h)
        }

        let unassigned = assignment.stages.count - 1
        let stages = assignment.stages.enumerated().compactMap { (i, def) -> JourneyGraph.Stage? in
            if i == unassigned && acc.stageEvents[i] == 0 { return nil }
            return JourneyGraph.Stage(id: def.id, names: def.names, color: def.color,
                                      journeys: Int(acc.stageJourneys[i]), events: Int(acc.stageEvents[i]))
        }
        let sc = assignment.stages.count
        var stageEdges: [JourneyGraph.StageEdge] = []
        for a in 0..<sc { for b in 0..<sc where acc.stageEdgeCount[a * sc + b] > 0 {
            stageEdges.append(JourneyGraph.StageEdge(from: assignment.stages[a].id, to: assignment.stages[b].id,
                                                     count: Int(acc.stageEdgeCount[a * sc + b]),
                                                     journeys: Int(acc.stageEdgeJourneys[a * sc + b])))
        } }

        var first: Int64?, last: Int64?
        table.timestamps.withUnsafeBufferPointer { ts in
            var lo = Int64.max, hi = Int64.min
            order.forEachEventAnyOrder(eventCount: table.count) { e in lo = min(lo, ts[e]); hi = max(hi, ts[e]) }
            if order.count > 0 { first = lo; last = hi }
        }

        return JourneyGraph(
            source: JourneyGraph.SourceInfo(files: table.sources, columns: columns, template: template.id,
                                            templateNames: template.names, defaultLanguage: template.defaultLanguage),
            stages: stages, touchpoints: touchpoints, edges: edges, stageEdges: stageEdges,
            journeys: Int(acc.journeys), events: Int(acc.events), firstTimestamp: first, lastTimestamp: last,
            variants: topVariants(acc, rank: rank, names: names),
            filters: JourneyGraph.FilterInfo(
                since: options.since.map(formatISO8601), until: options.until.map(formatISO8601),
                whereClauses: options.whereClauses.map(\.description),
                sessionGapSeconds: options.sessionGapMicros.map { Double($0) / 1e6 },
                keepActivities: options.keepActivities),
            hidden: JourneyGraph.HiddenInfo(touchpoints: filter.hiddenTouchpoints, hiddenEvents: filter.hiddenEvents,
                                            filteredEvents: filter.filteredEvents),
            skipped: table.skipped)
    }

    /// Events per (touchpoint, channel id) over the events that were mined.
    private func countChannels(tpCount: Int) -> [[UInt32: Int]] {
        var out = [[UInt32: Int]](repeating: [:], count: tpCount)
        guard table.channels.count > 1 else { return out }
        let chCount = table.channels.count
        if tpCount * chCount <= 4_000_000 {
            var dense = [Int](repeating: 0, count: tpCount * chCount)
            table.activityIDs.withUnsafeBufferPointer { acts in
                table.channelIDs.withUnsafeBufferPointer { chans in
                    dense.withUnsafeMutableBufferPointer { d in
                        order.forEachEventAnyOrder(eventCount: table.count) { i in
                            let ch = chans[i]
                            let t = assignment.touchpoint(activity: acts[i], channel: ch)
                            d[Int(t) * chCount + Int(ch)] += 1
                        }
                    }
                }
            }
            for t in 0..<tpCount { for c in 0..<chCount where dense[t * chCount + c] > 0 { out[t][UInt32(c)] = dense[t * chCount + c] } }
        } else {
            order.forEachEventAnyOrder(eventCount: table.count) { i in
                let ch = table.channelIDs[i]
                out[Int(assignment.touchpoint(activity: table.activityIDs[i], channel: ch))][ch, default: 0] += 1
            }
        }
        return out
    }

    /// The `maxVariants` most frequent paths; ties broken by path (touchpoint order), so the
    /// choice never depends on input order or thread count.
    /// - Complexity: O(v log k) for v distinct variants, k = maxVariants.
    private func topVariants(_ acc: JourneyAccumulator, rank: [Int], names: [String]) -> JourneyGraph.Variants {
        let k = max(0, options.maxVariants)
        let distinct = acc.variantCount.count
        func before(_ a: Int, _ b: Int) -> Bool {
            if acc.variantCount[a] != acc.variantCount[b] { return acc.variantCount[a] > acc.variantCount[b] }
            return acc.variantPath(a).lexicographicallyPrecedes(acc.variantPath(b)) { rank[Int($0)] < rank[Int($1)] }
        }
        // Keep a sorted list of the best k seen so far (k is small).
        var best: [Int] = []
        best.reserveCapacity(k + 1)
        if k > 0 {
            for v in 0..<distinct {
                if best.count == k, let worst = best.last, !before(v, worst) { continue }
                var lo = 0, hi = best.count
                while lo < hi { let mid = (lo + hi) / 2; if before(best[mid], v) { lo = mid + 1 } else { hi = mid } }
                best.insert(v, at: lo)
                if best.count > k { best.removeLast() }
            }
        }
        let top = best.map { v in
            JourneyGraph.Variant(path: acc.variantPath(v).map { names[Int($0)] }, count: Int(acc.variantCount[v]))
        }
        return JourneyGraph.Variants(top: top, distinct: distinct, truncated: distinct > top.count, limit: k)
    }
}
