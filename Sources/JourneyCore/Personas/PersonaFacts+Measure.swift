extension PersonaFacts {
    /// Measures a segment: the journeys `members` (indices into `seq`) out of `total`.
    ///
    /// - The typical path goes stage by stage: for each template stage that at least half of the
    ///   segment's journeys reach (in template order), the touchpoint most of them enter that
    ///   stage by (their first touchpoint there; ties: the name that sorts first). Its `journeys`
    ///   count those that enter every one of these stages by exactly these touchpoints. (The most
    ///   frequent exact path was tried first: on the shop sample it covered only 1–9 % of a
    ///   segment, since long journeys rarely repeat exactly.)
    /// - The biggest drop-off looks at the template stages that some journey of the whole log
    ///   reaches (`observedStages`, in template order): a journey drops off after its furthest
    ///   such stage, unless that is the last one; the transition losing the most journeys wins
    ///   (ties: the earlier stage).
    /// Shares are rounded to 4 decimals and durations to 0.1 s, so written YAML stays readable.
    ///
    /// One pass over the members' events through pointers, entries counted in a stage ×
    /// touchpoint table (a dictionary per stage cost a hash per journey and stage: most of the
    /// 0.3 s this took on the 1.28M journeys of the 10M bench log), medians by selection.
    /// - Complexity: O(e + m · s + s · t) for the e events of the m members, s observed stages
    ///   and t touchpoints.
    static func measure(_ seq: JourneySequences, members: [Int], total: Int, conversion: JourneyConversion,
                        observedStages: [Int], topChannelCount: Int) -> PersonaFacts {
        let n = members.count
        let stageCount = observedStages.count, touchpointCount = seq.touchpoints.count
        var positionOfStage = [Int](repeating: -1, count: seq.stages.count)
        for (p, s) in observedStages.enumerated() { positionOfStage[s] = p }
        let positionOf = seq.touchpoints.map { positionOfStage[$0.stageIndex] }
        let convertsAt = seq.touchpoints.map { conversion.counts($0.stageIndex) }

        var converted = 0, events = 0
        var durations = [Int64](repeating: 0, count: n)  // µs
        var lengths = [Int64](repeating: 0, count: n)
        var channelEvents = [Int](repeating: 0, count: seq.channelNames.count)
        // First touchpoint of each member journey in each observed stage (-1: not reached), and
        // how many journeys enter each stage by each touchpoint.
        var firstIn = [Int32](repeating: -1, count: n * stageCount)
        var entries = [Int](repeating: 0, count: stageCount * touchpointCount)
        var furthestCount = [Int](repeating: 0, count: stageCount)

        seq.withColumnPointers { offsets, steps, times, channels in
        positionOf.withUnsafeBufferPointer { positionOf in
        convertsAt.withUnsafeBufferPointer { convertsAt in
        firstIn.withUnsafeMutableBufferPointer { firstIn in
        entries.withUnsafeMutableBufferPointer { entries in
        channelEvents.withUnsafeMutableBufferPointer { channelEvents in
            for (m, j) in members.enumerated() {
                let lo = offsets[j], hi = offsets[j + 1]
                var converts = false, furthest = -1
                for e in lo..<hi {
                    let t = Int(steps[e])
                    converts = converts || convertsAt[t]
                    channelEvents[Int(channels[e])] += 1
                    let position = positionOf[t]
                    furthest = max(furthest, position)
                    if position >= 0 && firstIn[m * stageCount + position] < 0 {
                        firstIn[m * stageCount + position] = Int32(t)
                        entries[position * touchpointCount + t] += 1
                    }
                }
                if converts { converted += 1 }
                durations[m] = times[hi - 1] - times[lo]
                lengths[m] = Int64(hi - lo)
                events += hi - lo
                if furthest >= 0 { furthestCount[furthest] += 1 }
            }
        }}}}}}

        let channels = channelEvents.indices.filter { $0 != 0 && channelEvents[$0] > 0 }
            .sorted { channelEvents[$0] != channelEvents[$1] ? channelEvents[$0] > channelEvents[$1]
                : seq.channelNames[$0] < seq.channelNames[$1] }
            .prefix(topChannelCount)
            .map { ChannelShare(channel: seq.channelNames[$0], share: rounded(Double(channelEvents[$0]) / Double(max(events, 1)))) }

        var chosen: [(position: Int, touchpoint: Int32, entering: Int)] = []
        for position in 0..<stageCount {
            let row = entries[position * touchpointCount ..< (position + 1) * touchpointCount]
            let reached = row.reduce(0, +)
            guard n > 0, reached * 2 >= n else { continue }
            // The most entered touchpoint; ties: the name that sorts first.
            var best = -1
            for t in 0..<touchpointCount where row[row.startIndex + t] > 0 {
                let count = row[row.startIndex + t]
                if best < 0 || count > row[row.startIndex + best]
                    || (count == row[row.startIndex + best] && seq.touchpoints[t].name < seq.touchpoints[best].name) {
                    best = t
                }
            }
            if best >= 0 { chosen.append((position, Int32(best), row[row.startIndex + best])) }
        }
        let following = (0..<n).filter { m in chosen.allSatisfy { firstIn[m * stageCount + $0.position] == $0.touchpoint } }.count
        let typical = chosen.isEmpty ? nil : TypicalPath(
            steps: chosen.map { TypicalPath.Step(touchpoint: seq.touchpoints[Int($0.touchpoint)].name,
                                                 stage: seq.touchpoints[Int($0.touchpoint)].stage,
                                                 share: rounded(Double($0.entering) / Double(n))) },
            journeys: following)

        var drop: DropOff?
        for p in 0..<max(0, observedStages.count - 1) where furthestCount[p] > 0 && furthestCount[p] > (drop?.journeys ?? 0) {
            drop = DropOff(from: seq.stages[observedStages[p]].id, to: seq.stages[observedStages[p + 1]].id,
                           journeys: furthestCount[p], share: rounded(Double(furthestCount[p]) / Double(max(n, 1))))
        }

        return PersonaFacts(journeys: n, share: total == 0 ? 0 : rounded(Double(n) / Double(total)),
                            conversionStage: seq.stages[conversion.stageIndex].id,
                            conversionRate: n == 0 ? 0 : rounded(Double(converted) / Double(n)),
                            medianDurationSeconds: median(&durations) { Double($0) / 1_000_000 }.map { ($0 * 10).rounded() / 10 },
                            topChannels: Array(channels),
                            typicalPath: typical, biggestDropOff: drop, medianEvents: median(&lengths) { Double($0) })
    }

    /// Template stages (indices into `seq.stages`, unassigned excluded) that some journey reaches.
    static func observedStages(_ seq: JourneySequences, threads: Int = 1) -> [Int] {
        let uses = seq.steps.withUnsafeBufferPointer { steps in
            ParallelTasks.counts(of: steps, buckets: seq.touchpoints.count, threads: threads)
        }
        var reached = [Bool](repeating: false, count: seq.stages.count)
        for (t, info) in seq.touchpoints.enumerated() where uses[t] > 0 { reached[info.stageIndex] = true }
        return seq.stages.indices.filter { reached[$0] && seq.stages[$0].id != StageDefinition.unassigned.id }
    }

    private static func rounded(_ share: Double) -> Double { (share * 10_000).rounded() / 10_000 }

    /// The median of `values` mapped by `value`, a non-decreasing map (so the middle values
    /// mapped are the middle of the mapped values): the middle ones found by selection, not by
    /// sorting; nil for none.
    private static func median(_ values: inout [Int64], _ value: (Int64) -> Double) -> Double? {
        guard !values.isEmpty else { return nil }
        let m = values.count / 2
        values.withUnsafeMutableBufferPointer { select(m, in: $0) }
        if values.count % 2 == 1 { return value(values[m]) }
        return (value(values[..<m].max()!) + value(values[m])) / 2
    }

    /// Reorders `a` so that `a[k]` is what sorting would put there, nothing greater before it
    /// and nothing smaller after it (quickselect: Hoare partitions around a median of three).
    /// - Complexity: O(n) expected.
    private static func select(_ k: Int, in a: UnsafeMutableBufferPointer<Int64>) {
        var lo = 0, hi = a.count - 1
        while lo < hi {
            let x = a[lo], y = a[lo + (hi - lo) / 2], z = a[hi]
            let pivot = max(min(x, y), min(max(x, y), z))
            var i = lo, j = hi
            while i <= j {
                while a[i] < pivot { i += 1 }
                while a[j] > pivot { j -= 1 }
                if i <= j { a.swapAt(i, j); i += 1; j -= 1 }
            }
            // a[lo...j] ≤ pivot ≤ a[i...hi], and what lies between equals the pivot.
            if k <= j { hi = j } else if k >= i { lo = i } else { return }
        }
    }
}
