/// The events of a log in columns, in input order, with interned names.
///
/// Readers append into a table; the miner groups by case and orders by time. Ids index the
/// pools: `cases.string(caseIDs[i])` is the case of event `i`. Channel id 0 and attribute
/// value id 0 mean "absent" (both pools intern the empty string first).
/// Memory: 20 bytes per event plus 4 per requested attribute, plus the distinct names.
public final class EventTable: @unchecked Sendable {
    public var cases = StringPool()
    public var activities = StringPool()
    /// Channel names; id 0 is the empty string (no channel).
    public var channels = StringPool()
    /// Attribute values of all requested attributes share one pool; id 0 is "" (absent).
    public var attributeValues = StringPool()

    public private(set) var caseIDs: [UInt32] = []
    public private(set) var activityIDs: [UInt32] = []
    public private(set) var channelIDs: [UInt32] = []
    /// Microseconds since 1970-01-01T00:00:00Z.
    public private(set) var timestamps: [Int64] = []

    /// Names of the extra attributes kept (the ones `--where`, `--split-by` etc. asked for).
    public let attributeNames: [String]
    /// `attributeColumns[k][i]` is the value id of attribute `attributeNames[k]` for event `i`.
    public private(set) var attributeColumns: [[UInt32]]

    /// Rows the readers skipped (with `--on-error skip`) and why.
    public var skipped = SkipReport()
    /// Where the events came from, for footnotes and the journey file.
    public var sources: [String] = []

    public init(attributeNames: [String] = []) {
        self.attributeNames = attributeNames
        self.attributeColumns = Array(repeating: [], count: attributeNames.count)
        _ = channels.intern("")
        _ = attributeValues.intern("")
    }

    public var count: Int { caseIDs.count }

    public func reserveCapacity(_ n: Int) {
        caseIDs.reserveCapacity(n); activityIDs.reserveCapacity(n)
        channelIDs.reserveCapacity(n); timestamps.reserveCapacity(n)
        for k in attributeColumns.indices { attributeColumns[k].reserveCapacity(n) }
    }

    /// Appends one event. Attribute values start absent; set them with `setAttribute`.
    @inline(__always)
    public func append(case caseName: UnsafeRawBufferPointer, activity: UnsafeRawBufferPointer,
                       timestamp: Int64, channel: UnsafeRawBufferPointer?) {
        caseIDs.append(cases.intern(caseName))
        activityIDs.append(activities.intern(activity))
        channelIDs.append(channel.map { channels.intern($0) } ?? 0)
        timestamps.append(timestamp)
        for k in attributeColumns.indices { attributeColumns[k].append(0) }
    }

    /// Appends one event from Swift strings (tests, XES).
    public func append(case caseName: String, activity: String, timestamp: Int64, channel: String? = nil) {
        caseIDs.append(cases.intern(caseName))
        activityIDs.append(activities.intern(activity))
        channelIDs.append(channel.map { channels.intern($0) } ?? 0)
        timestamps.append(timestamp)
        for k in attributeColumns.indices { attributeColumns[k].append(0) }
    }

    /// Appends event with already-interned ids (used when merging tables).
    @inline(__always)
    public func appendIDs(case c: UInt32, activity a: UInt32, timestamp t: Int64, channel ch: UInt32, attributes: [UInt32]) {
        caseIDs.append(c); activityIDs.append(a); timestamps.append(t); channelIDs.append(ch)
        for k in attributeColumns.indices { attributeColumns[k].append(attributes[k]) }
    }

    /// Sets attribute `index` (into `attributeNames`) of the most recently appended event.
    @inline(__always)
    public func setAttribute(_ index: Int, _ value: UnsafeRawBufferPointer) {
        attributeColumns[index][attributeColumns[index].count - 1] = attributeValues.intern(value)
    }

    public func setAttribute(_ index: Int, _ value: String) {
        attributeColumns[index][attributeColumns[index].count - 1] = attributeValues.intern(value)
    }

    /// Index of an attribute in `attributeNames`.
    public func attributeIndex(_ name: String) -> Int? { attributeNames.firstIndex(of: name) }

    /// Appends all events of `other` after this table's, re-interning its names.
    /// Used to combine tables parsed in parallel chunks; input order is kept.
    public func append(contentsOf other: EventTable) {
        precondition(other.attributeNames == attributeNames, "tables must keep the same attributes")
        let caseMap = other.cases.strings.map { cases.intern($0) }
        let actMap = other.activities.strings.map { activities.intern($0) }
        let chMap = other.channels.strings.map { channels.intern($0) }
        let attrMap = other.attributeValues.strings.map { attributeValues.intern($0) }
        reserveCapacity(count + other.count)
        for i in 0..<other.count {
            caseIDs.append(caseMap[Int(other.caseIDs[i])])
            activityIDs.append(actMap[Int(other.activityIDs[i])])
            channelIDs.append(chMap[Int(other.channelIDs[i])])
            timestamps.append(other.timestamps[i])
        }
        for k in attributeColumns.indices {
            attributeColumns[k].append(contentsOf: other.attributeColumns[k].map { attrMap[Int($0)] })
        }
        skipped.merge(other.skipped)
        sources.append(contentsOf: other.sources.filter { !sources.contains($0) })
    }
}
