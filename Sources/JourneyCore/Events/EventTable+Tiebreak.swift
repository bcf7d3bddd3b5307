extension EventTable {
    /// This table with its events stably reordered by the whole-number attribute `attribute`
    /// (`--tiebreak COL`: an event id or load sequence), so that mining, which orders a case's
    /// events by time and equal times by input order, orders equal times by that column, then
    /// by input order — as the engines' `ORDER BY t, tiebreak, row order` does.
    /// Throws naming the column and the first value that is not a whole number.
    public func orderedForTies(by attribute: String) throws -> EventTable {
        guard let column = attributeIndex(attribute) else {
            throw MiningError("--tiebreak \(attribute): the log has no column \"\(attribute)\"")
        }
        var keys = [Int64](repeating: 0, count: count)
        var parsed: [UInt32: Int64] = [:]
        for i in 0..<count {
            let id = attributeColumns[column][i]
            if let k = parsed[id] { keys[i] = k; continue }
            let text = attributeValues.string(id)
            guard let k = Int64(text) else {
                throw MiningError("--tiebreak \(attribute): value \"\(text)\" of case \"\(cases.string(caseIDs[i]))\" is not a whole number; expected an event id or load sequence (an integer column)")
            }
            parsed[id] = k
            keys[i] = k
        }
        let order = (0..<count).sorted { keys[$0] != keys[$1] ? keys[$0] < keys[$1] : $0 < $1 }
        if order.elementsEqual(0..<count) { return self }
        let out = EventTable(attributeNames: attributeNames)
        out.cases = cases; out.activities = activities
        out.channels = channels; out.attributeValues = attributeValues
        out.reserveCapacity(count)
        out.skipped = skipped
        out.sources = sources
        out.untimed = untimed
        var attributes = [UInt32](repeating: 0, count: attributeNames.count)
        for i in order {
            for k in attributes.indices { attributes[k] = attributeColumns[k][i] }
            out.appendIDs(case: caseIDs[i], activity: activityIDs[i], timestamp: timestamps[i], channel: channelIDs[i],
                          attributes: attributes)
        }
        return out
    }
}
