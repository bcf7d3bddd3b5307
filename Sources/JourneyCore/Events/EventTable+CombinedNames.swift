extension EventTable {
    /// The separator of combined names: `view · phones`, `123.456 · 1611619200`.
    public static let nameSeparator = " · "

    /// This table with activities and cases named from several columns, read as attributes:
    /// - `activityDetail` (`--activity-detail category_code`): activity `view · phones`; an
    ///   empty or absent detail leaves the activity as it is (`view`);
    /// - `caseParts` (`--case user_pseudo_id+event_params.ga_session_id`): case
    ///   `user · session`, absent parts left out (a GA4 event without a session id stays
    ///   with its user alone).
    /// Order, timestamps, channels and attributes are unchanged. Returns `self` when there is
    /// nothing to combine.
    /// - Complexity: O(n) hash lookups for n events, plus the distinct combined names.
    public func combiningNames(activityDetail: String?, caseParts: [String]) -> EventTable {
        let detail = activityDetail.flatMap(attributeIndex)
        let parts = caseParts.compactMap(attributeIndex)
        guard detail != nil || !parts.isEmpty else { return self }
        let out = EventTable(attributeNames: attributeNames)
        out.channels = channels
        out.attributeValues = attributeValues
        out.skipped = skipped
        out.sources = sources
        out.untimed = untimed
        out.reserveCapacity(count)
        if detail == nil { out.activities = activities }
        if parts.isEmpty { out.cases = cases }

        var activityOf: [UInt64: UInt32] = [:]
        var caseOf: [[UInt32]: UInt32] = [:]
        var attributes = [UInt32](repeating: 0, count: attributeNames.count)
        var key = [UInt32](repeating: 0, count: parts.count + 1)
        for i in 0..<count {
            for k in attributes.indices { attributes[k] = attributeColumns[k][i] }
            var activity = activityIDs[i]
            if let detail {
                let value = attributeColumns[detail][i]
                let pair = UInt64(activity) << 32 | UInt64(value)
                if let id = activityOf[pair] { activity = id } else {
                    var name = activities.string(activity)
                    if value != 0 { name += Self.nameSeparator + attributeValues.string(value) }
                    let id = out.activities.intern(name)
                    activityOf[pair] = id
                    activity = id
                }
            }
            var caseID = caseIDs[i]
            if !parts.isEmpty {
                key[0] = caseID
                for (k, column) in parts.enumerated() { key[k + 1] = attributeColumns[column][i] }
                if let id = caseOf[key] { caseID = id } else {
                    var name = cases.string(caseID)
                    for value in key.dropFirst() where value != 0 { name += Self.nameSeparator + attributeValues.string(value) }
                    let id = out.cases.intern(name)
                    caseOf[key] = id
                    caseID = id
                }
            }
            out.appendIDs(case: caseID, activity: activity, timestamp: timestamps[i], channel: channelIDs[i], attributes: attributes)
        }
        return out
    }
}
