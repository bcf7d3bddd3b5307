extension EventTable {
    /// The reason under which `deduplicated()` counts dropped events in `skipped`.
    public static let duplicateReason = "duplicate event (--dedupe)"

    /// This table without exact duplicate events (`--dedupe`): two events are duplicates when
    /// their case, activity, timestamp, channel and every kept attribute are equal. The first
    /// occurrence stays, in input order; the others are counted in the result's `skipped`
    /// under `duplicateReason`, with the first few described. Returns `self` when there are
    /// no duplicates.
    /// - Complexity: O(n log n) for n events (a sort of event indices), O(n) extra memory.
    public func deduplicated() -> EventTable {
        let n = count
        guard n > 1 else { return self }
        let order = duplicateOrder()
        var drop = [Bool](repeating: false, count: n)
        var dropped = 0
        for k in 1..<n where sameEvent(order[k - 1], order[k]) {
            drop[Int(order[k])] = true
            dropped += 1
        }
        guard dropped > 0 else { return self }

        let out = EventTable(attributeNames: attributeNames)
        out.cases = cases; out.activities = activities
        out.channels = channels; out.attributeValues = attributeValues
        out.reserveCapacity(n - dropped)
        out.skipped = skipped
        out.sources = sources
        out.untimed = untimed
        var attributes = [UInt32](repeating: 0, count: attributeNames.count)
        for i in 0..<n {
            for k in attributes.indices { attributes[k] = attributeColumns[k][i] }
            if drop[i] {
                out.skipped.count += 1
                out.skipped.reasons[Self.duplicateReason, default: 0] += 1
                if out.skipped.examples.count < SkipReport.maxExamples {
                    out.skipped.examples.append("duplicate event dropped (--dedupe): case \"\(cases.string(caseIDs[i]))\", "
                        + "activity \"\(activities.string(activityIDs[i]))\" at \(formatISO8601(timestamps[i]))")
                }
                continue
            }
            out.appendIDs(case: caseIDs[i], activity: activityIDs[i], timestamp: timestamps[i], channel: channelIDs[i],
                          attributes: attributes)
        }
        return out
    }

    /// Event indices sorted by (case, timestamp, activity, channel, attributes, index), so
    /// duplicates are neighbours and the first occurrence of each comes first.
    private func duplicateOrder() -> [UInt32] {
        var order = (0..<UInt32(count)).map { $0 }
        order.sort { a, b in
            let i = Int(a), j = Int(b)
            if caseIDs[i] != caseIDs[j] { return caseIDs[i] < caseIDs[j] }
            if timestamps[i] != timestamps[j] { return timestamps[i] < timestamps[j] }
            if activityIDs[i] != activityIDs[j] { return activityIDs[i] < activityIDs[j] }
            if channelIDs[i] != channelIDs[j] { return channelIDs[i] < channelIDs[j] }
            for k in attributeColumns.indices where attributeColumns[k][i] != attributeColumns[k][j] {
                return attributeColumns[k][i] < attributeColumns[k][j]
            }
            return a < b
        }
        return order
    }

    private func sameEvent(_ a: UInt32, _ b: UInt32) -> Bool {
        let i = Int(a), j = Int(b)
        return caseIDs[i] == caseIDs[j] && timestamps[i] == timestamps[j] && activityIDs[i] == activityIDs[j]
            && channelIDs[i] == channelIDs[j] && attributeColumns.allSatisfy { $0[i] == $0[j] }
    }
}
