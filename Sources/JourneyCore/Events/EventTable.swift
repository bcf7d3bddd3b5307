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
    /// The events have no times of their own (a path table: `PathTableReader`), only an
    /// order: the graph mined from them shows no time span or durations.
    public var untimed = false
    /// Anonymous ids and the user ids seen with them on one row (`stitchIdentities()`).
    public var identityLinks = IdentityLinks()

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

    /// Appends events given column by column (`attributes`: the value ids of each row's
    /// attributes, row after row).
    package func append(cases: UnsafeBufferPointer<UInt32>, activities: UnsafeBufferPointer<UInt32>,
                channels: UnsafeBufferPointer<UInt32>, timestamps: UnsafeBufferPointer<Int64>,
                attributes: UnsafeBufferPointer<UInt32>) {
        caseIDs.append(contentsOf: cases); activityIDs.append(contentsOf: activities)
        channelIDs.append(contentsOf: channels); self.timestamps.append(contentsOf: timestamps)
        let k = attributeColumns.count
        guard k > 0 else { return }
        for a in 0..<k {
            for r in 0..<cases.count { attributeColumns[a].append(attributes[r * k + a]) }
        }
    }

    /// Sets attribute `index` (into `attributeNames`) of the most recently appended event.
    @inline(__always)
    public func setAttribute(_ index: Int, _ value: UnsafeRawBufferPointer) {
        attributeColumns[index][attributeColumns[index].count - 1] = attributeValues.intern(value)
    }

    public func setAttribute(_ index: Int, _ value: String) {
        attributeColumns[index][attributeColumns[index].count - 1] = attributeValues.intern(value)
    }

    /// Frees the case pool's lookup table, for a table that is read completely (the miner
    /// needs case ids, not lookups by name; `intern` would rebuild it).
    public func compactCases() {
        cases.compact()
    }

    /// The case pool and the case id column, both writable, for one batch of work.
    package func withCasesAndIDs<R>(_ body: (inout StringPool, UnsafeMutableBufferPointer<UInt32>) -> R) -> R {
        caseIDs.withUnsafeMutableBufferPointer { ids in body(&cases, ids) }
    }

    /// Index of an attribute in `attributeNames`.
    public func attributeIndex(_ name: String) -> Int? { attributeNames.firstIndex(of: name) }

    /// Appends all events of `other` after this table's, re-interning its names by their
    /// bytes. Used to combine tables parsed in parallel chunks; input order is kept.
    public func append(contentsOf other: EventTable) {
        precondition(other.attributeNames == attributeNames, "tables must keep the same attributes")
        appendColumns(of: other, releasing: false)
    }

    /// Like `append(contentsOf:)`, but empties `other` column by column as it goes, so that
    /// combining chunk tables needs at most one extra column of memory; when this table is
    /// empty, `other`'s columns and names are taken over without copying.
    /// `threads` threads look up `other`'s case names (`StringPool.merge`); with
    /// `keepCaseLookup: false` the case pool's lookup table is dropped rather than grown (the
    /// last part of a read: `compactCases` follows, and `intern` would rebuild it).
    /// - Complexity: O(other.count + bytes of other's names).
    package func absorb(_ other: EventTable, threads: Int = 1, keepCaseLookup: Bool = true) {
        precondition(other.attributeNames == attributeNames, "tables must keep the same attributes")
        if count == 0 && cases.count == 0 && activities.count == 0 && channels.count <= 1 && attributeValues.count <= 1 {
            swap(&cases, &other.cases); swap(&activities, &other.activities)
            swap(&channels, &other.channels); swap(&attributeValues, &other.attributeValues)
            swap(&caseIDs, &other.caseIDs); swap(&activityIDs, &other.activityIDs)
            swap(&channelIDs, &other.channelIDs); swap(&timestamps, &other.timestamps)
            swap(&attributeColumns, &other.attributeColumns)
        } else {
            appendColumns(of: other, releasing: true, threads: threads, keepCaseLookup: keepCaseLookup)
        }
        skipped.merge(other.skipped)
        sources.append(contentsOf: other.sources.filter { !sources.contains($0) })
        identityLinks.merge(other.identityLinks)
    }

    private func appendColumns(of other: EventTable, releasing: Bool, threads: Int = 1, keepCaseLookup: Bool = true) {
        func remap(_ column: inout [UInt32], _ from: inout [UInt32], _ map: [UInt32]) {
            column.reserveCapacity(column.count + from.count)
            map.withUnsafeBufferPointer { m in
                for id in from { column.append(m[Int(id)]) }
            }
            if releasing { from = [] }
        }
        let caseMap = cases.merge(contentsOf: other.cases, threads: threads, keepLookup: keepCaseLookup)
        if releasing { other.cases = StringPool() }
        remap(&caseIDs, &other.caseIDs, caseMap)
        remap(&activityIDs, &other.activityIDs, activities.intern(contentsOf: other.activities))
        remap(&channelIDs, &other.channelIDs, channels.intern(contentsOf: other.channels))
        timestamps.append(contentsOf: other.timestamps)
        if releasing { other.timestamps = [] }
        let attrMap = attributeValues.intern(contentsOf: other.attributeValues)
        for k in attributeColumns.indices { remap(&attributeColumns[k], &other.attributeColumns[k], attrMap) }
        if !releasing {
            skipped.merge(other.skipped)
            sources.append(contentsOf: other.sources.filter { !sources.contains($0) })
            identityLinks.merge(other.identityLinks)
        }
    }
}
