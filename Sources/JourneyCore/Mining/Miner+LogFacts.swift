extension Miner {
    /// Sources, skipped rows, channel counts and time range of the events of `table` that
    /// `order` takes part in.
    func logFacts(_ table: EventTable, assignment: Assignment, order: CaseOrder) -> LogFacts {
        let channelNames = table.channels.strings
        let byID = countChannels(table, assignment: assignment, order: order)
        let channelCounts = byID.map { counts in
            var named: [String: Int] = [:]
            for (ch, n) in counts where ch != 0 { named[channelNames[Int(ch)], default: 0] += n }
            return named
        }
        var range: (Int64, Int64)?
        table.timestamps.withUnsafeBufferPointer { ts in
            var lo = Int64.max, hi = Int64.min
            order.forEachEventAnyOrder(eventCount: table.count) { e in lo = min(lo, ts[e]); hi = max(hi, ts[e]) }
            if order.count > 0 { range = (lo, hi) }
        }
        var facts = LogFacts(sources: table.sources, skipped: table.skipped, channelCounts: channelCounts, timeRange: table.untimed ? nil : range)
        facts.untimed = table.untimed
        return facts
    }

    /// Events per (touchpoint, channel id) over the events that were mined.
    private func countChannels(_ table: EventTable, assignment: Assignment, order: CaseOrder) -> [[UInt32: Int]] {
        let tpCount = assignment.touchpointNames.count
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

}
