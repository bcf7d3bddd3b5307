@testable import JourneyCore

/// `PersonaFacts.measure` of commit 4d192a4 (a dictionary per stage, medians by sorting), kept
/// word for word as the reference the one-pass measure must equal (`PersonaFactsMeasureTests`).
enum ReferencePersonaFacts {
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
    /// - Complexity: O(e log e) for the e events of the members (path counting and sorting).
    static func measure(_ seq: JourneySequences, members: [Int], total: Int, conversion: JourneyConversion,
                        observedStages: [Int], topChannelCount: Int) -> PersonaFacts {
        let n = members.count
        var converted = 0
        var durations: [Double] = [], lengths: [Double] = []
        durations.reserveCapacity(n)
        var channelEvents = [Int](repeating: 0, count: seq.channelNames.count)
        var events = 0
        let stageCount = observedStages.count
        // First touchpoint of each member journey in each observed stage (-1: not reached).
        var firstIn = [Int32](repeating: -1, count: n * stageCount)
        var entries = [[Int32: Int]](repeating: [:], count: stageCount)
        var furthestCount = [Int](repeating: 0, count: observedStages.count)
        var positionOfStage = [Int](repeating: -1, count: seq.stages.count)
        for (p, s) in observedStages.enumerated() { positionOfStage[s] = p }

        for (m, j) in members.enumerated() {
            let path = seq.path(j), times = seq.timestamps(j)
            if conversion.converts(seq, journey: j) { converted += 1 }
            durations.append(Double(times.last! - times.first!) / 1_000_000)
            for c in seq.channelsOf(j) { channelEvents[Int(c)] += 1 }
            events += path.count
            lengths.append(Double(path.count))
            var furthest = -1
            for t in path {
                let position = positionOfStage[seq.touchpoints[Int(t)].stageIndex]
                furthest = max(furthest, position)
                if position >= 0 && firstIn[m * stageCount + position] < 0 {
                    firstIn[m * stageCount + position] = t
                    entries[position][t, default: 0] += 1
                }
            }
            if furthest >= 0 { furthestCount[furthest] += 1 }
        }

        let channels = channelEvents.indices.filter { $0 != 0 && channelEvents[$0] > 0 }
            .sorted { channelEvents[$0] != channelEvents[$1] ? channelEvents[$0] > channelEvents[$1]
                : seq.channelNames[$0] < seq.channelNames[$1] }
            .prefix(topChannelCount)
            .map { PersonaFacts.ChannelShare(channel: seq.channelNames[$0], share: rounded(Double(channelEvents[$0]) / Double(max(events, 1)))) }

        var chosen: [(position: Int, touchpoint: Int32, entering: Int)] = []
        for position in 0..<stageCount {
            let reached = entries[position].values.reduce(0, +)
            guard n > 0, reached * 2 >= n else { continue }
            let best = entries[position].max { a, b in
                a.value != b.value ? a.value < b.value : seq.touchpoints[Int(b.key)].name < seq.touchpoints[Int(a.key)].name
            }
            if let best { chosen.append((position, best.key, best.value)) }
        }
        let following = (0..<n).filter { m in chosen.allSatisfy { firstIn[m * stageCount + $0.position] == $0.touchpoint } }.count
        let typical = chosen.isEmpty ? nil : PersonaFacts.TypicalPath(
            steps: chosen.map { PersonaFacts.TypicalPath.Step(touchpoint: seq.touchpoints[Int($0.touchpoint)].name,
                                                 stage: seq.touchpoints[Int($0.touchpoint)].stage,
                                                 share: rounded(Double($0.entering) / Double(n))) },
            journeys: following)

        var drop: PersonaFacts.DropOff?
        for p in 0..<max(0, observedStages.count - 1) where furthestCount[p] > 0 && furthestCount[p] > (drop?.journeys ?? 0) {
            drop = PersonaFacts.DropOff(from: seq.stages[observedStages[p]].id, to: seq.stages[observedStages[p + 1]].id,
                           journeys: furthestCount[p], share: rounded(Double(furthestCount[p]) / Double(max(n, 1))))
        }

        return PersonaFacts(journeys: n, share: total == 0 ? 0 : rounded(Double(n) / Double(total)),
                            conversionStage: seq.stages[conversion.stageIndex].id,
                            conversionRate: n == 0 ? 0 : rounded(Double(converted) / Double(n)),
                            medianDurationSeconds: median(&durations).map { ($0 * 10).rounded() / 10 },
                            topChannels: Array(channels),
                            typicalPath: typical, biggestDropOff: drop, medianEvents: median(&lengths))
    }

    private static func rounded(_ share: Double) -> Double { (share * 10_000).rounded() / 10_000 }

    private static func median(_ values: inout [Double]) -> Double? {
        guard !values.isEmpty else { return nil }
        values.sort()
        let m = values.count / 2
        return values.count % 2 == 1 ? values[m] : (values[m - 1] + values[m]) / 2
    }
}
