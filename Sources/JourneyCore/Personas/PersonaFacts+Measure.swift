extension PersonaFacts {
    /// Measures segments: the journeys of each (`segments`, indices into `seq`) out of `total`.
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
    /// On `threads` threads: the members of all segments cut into fixed chunks, counted on
    /// whichever thread is free and added per segment (integers: the same whatever the
    /// threads), then each segment's typical path and medians. (One task per segment left a
    /// core idle for a third of the time when one segment held half the journeys.)
    /// - Complexity: O(e + m · s + s · t) for the e events of the m members, s observed stages
    ///   and t touchpoints.
    static func measure(_ seq: JourneySequences, segments: [[Int]], total: Int, conversion: JourneyConversion,
                        observedStages: [Int], topChannelCount: Int, threads: Int = 1) -> [PersonaFacts] {
        let stageCount = observedStages.count, touchpointCount = seq.touchpoints.count
        var positionOfStage = [Int](repeating: -1, count: seq.stages.count)
        for (p, s) in observedStages.enumerated() { positionOfStage[s] = p }
        let positionOf = seq.touchpoints.map { positionOfStage[$0.stageIndex] }
        let convertsAt = seq.touchpoints.map { conversion.counts($0.stageIndex) }
        // Per member of each segment: its first touchpoint in each observed stage (-1: not
        // reached), duration (µs) and events; written by the member's chunk.
        let columns = segments.map { MemberColumns(members: $0, stageCount: stageCount) }
        defer { for c in columns { c.free() } }
        let tasks = segments.indices.flatMap { s in
            stride(from: 0, to: segments[s].count, by: Self.measureChunk).map { (segment: s, first: $0) }
        }
        let tallies: [MemberTally] = seq.withColumnPointers { offsets, steps, times, channels in
            positionOf.withUnsafeBufferPointer { positionOf in
                convertsAt.withUnsafeBufferPointer { convertsAt in
                    let events = EventColumns(offsets: offsets.baseAddress!, steps: steps.baseAddress, times: times.baseAddress,
                                              channels: channels.baseAddress, positionOf: positionOf.baseAddress!,
                                              convertsAt: convertsAt.baseAddress!)
                    return ParallelTasks.map(tasks.count, threads: threads) { t in
                        let (s, first) = tasks[t]
                        let members = columns[s]
                        return events.tally(members, first..<min(members.count, first + Self.measureChunk),
                                            touchpointCount: touchpointCount, channelCount: seq.channelNames.count)
                    }
                }
            }
        }
        return ParallelTasks.map(segments.count, threads: threads) { s in
            var sum = MemberTally(stageCount: stageCount, touchpointCount: touchpointCount, channelCount: seq.channelNames.count)
            for (t, task) in tasks.enumerated() where task.segment == s { sum.add(tallies[t]) }
            return facts(seq, columns[s], sum, total: total, conversion: conversion, observedStages: observedStages,
                         topChannelCount: topChannelCount)
        }
    }

    /// A segment's facts from its members' counts (`tally`) and columns.
    private static func facts(_ seq: JourneySequences, _ columns: MemberColumns, _ tally: MemberTally, total: Int,
                              conversion: JourneyConversion, observedStages: [Int], topChannelCount: Int) -> PersonaFacts {
        let n = columns.count
        let stageCount = observedStages.count, touchpointCount = seq.touchpoints.count
        let converted = tally.converted, events = tally.events, channelEvents = tally.channelEvents
        let entries = tally.entries, furthestCount = tally.furthestCount
        let firstIn = columns.firstIn
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
        var following = 0
        for m in 0..<n where chosen.allSatisfy({ firstIn[m * stageCount + $0.position] == $0.touchpoint }) { following += 1 }
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
                            // A path table has no times: no duration rather than 0 s.
                            medianDurationSeconds: seq.untimed ? nil : median(columns.durations) { Double($0) / 1_000_000 }.map { ($0 * 10).rounded() / 10 },
                            topChannels: Array(channels),
                            typicalPath: typical, biggestDropOff: drop, medianEvents: median(columns.lengths) { Double($0) })
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
    private static func median(_ values: UnsafeMutableBufferPointer<Int64>, _ value: (Int64) -> Double) -> Double? {
        guard !values.isEmpty else { return nil }
        let m = values.count / 2
        select(m, in: values)
        if values.count % 2 == 1 { return value(values[m]) }
        return (value(values[..<m].max()!) + value(values[m])) / 2
    }

    /// Members counted at once by `measure` (fixed, so the chunks do not depend on the threads).
    static let measureChunk = 8_192

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

/// Counts over some members of a segment, added over its chunks.
private struct MemberTally {
    var converted = 0, events = 0
    var channelEvents: [Int]
    /// How many journeys enter each observed stage by each touchpoint (stage-major).
    var entries: [Int]
    /// Journeys whose furthest observed stage is each one.
    var furthestCount: [Int]

    init(stageCount: Int, touchpointCount: Int, channelCount: Int) {
        channelEvents = [Int](repeating: 0, count: channelCount)
        entries = [Int](repeating: 0, count: stageCount * touchpointCount)
        furthestCount = [Int](repeating: 0, count: stageCount)
    }

    mutating func add(_ other: MemberTally) {
        converted += other.converted
        events += other.events
        for c in channelEvents.indices { channelEvents[c] += other.channelEvents[c] }
        for i in entries.indices { entries[i] += other.entries[i] }
        for p in furthestCount.indices { furthestCount[p] += other.furthestCount[p] }
    }
}

/// A segment's members and what is kept per member: its first touchpoint in each observed
/// stage, its duration (µs) and its number of events. Each chunk of members writes its own
/// part (allocated uninitialized, so that the pages are first touched on all threads).
private final class MemberColumns: @unchecked Sendable {
    let members: [Int]
    let stageCount: Int
    let firstIn: UnsafeMutablePointer<Int32>
    let durations: UnsafeMutableBufferPointer<Int64>
    let lengths: UnsafeMutableBufferPointer<Int64>
    var count: Int { members.count }

    init(members: [Int], stageCount: Int) {
        self.members = members
        self.stageCount = stageCount
        firstIn = .allocate(capacity: max(1, members.count * stageCount))
        durations = .allocate(capacity: members.count)
        lengths = .allocate(capacity: members.count)
    }

    func free() {
        firstIn.deallocate()
        durations.deallocate()
        lengths.deallocate()
    }
}

/// The sequences' columns and the per-touchpoint tables `tally` reads, shared by the tasks.
private struct EventColumns: @unchecked Sendable {
    let offsets: UnsafePointer<Int>
    let steps: UnsafePointer<Int32>?
    let times: UnsafePointer<Int64>?
    let channels: UnsafePointer<UInt32>?
    let positionOf: UnsafePointer<Int>
    let convertsAt: UnsafePointer<Bool>

    /// Counts of the members at positions `range` of `columns`, writing their columns.
    func tally(_ columns: MemberColumns, _ range: Range<Int>, touchpointCount: Int, channelCount: Int) -> MemberTally {
        let stageCount = columns.stageCount
        var out = MemberTally(stageCount: stageCount, touchpointCount: touchpointCount, channelCount: channelCount)
        let firstIn = columns.firstIn, durations = columns.durations, lengths = columns.lengths
        (firstIn + range.lowerBound * stageCount).initialize(repeating: -1, count: range.count * stageCount)
        guard let steps, let times, let channels else {
            for m in range { durations[m] = 0; lengths[m] = 0 }
            return out
        }
        var converted = 0, events = 0
        columns.members.withUnsafeBufferPointer { members in
        out.channelEvents.withUnsafeMutableBufferPointer { channelEvents in
        out.entries.withUnsafeMutableBufferPointer { entries in
        out.furthestCount.withUnsafeMutableBufferPointer { furthestCount in
            for m in range {
                let j = members[m]
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
        }}}}
        out.converted = converted
        out.events = events
        return out
    }
}
