@_spi(JourneyIO) import JourneyCore
/// The end every reader shares: checks one row's values, appends the event to the table, or
/// throws / counts (with `--on-error skip`) why it could not.
///
/// Use: `stage(...)` the row (false: it was skipped), then `stageAttribute` for each requested
/// attribute found, then `commit()`. Names are interned through `ByteInterner`s, so the
/// table's pools are touched only for new names.
///
/// Names stay the bytes of the file: the pools store them as they are and decode leniently
/// when a `String` is asked for, so invalid UTF-8 shows as U+FFFD and costs nothing here.
struct EventSink: ~Copyable {
    let table: EventTable
    let parser: TimestampParser
    let onError: OnError
    let file: String
    /// The columns named in errors (`MilestoneReader` sets the timestamp column per cell).
    var columns: ResolvedColumns
    /// Position of the row being added, for errors.
    var line = 0
    var byteOffset = 0

    /// Cases are many: only the previous one is remembered (sorted logs repeat it); a hashed
    /// cache would duplicate the pool's work and memory.
    private var cases = ByteInterner(maxEntries: 0)
    private var activities = ByteInterner()
    private var channels = ByteInterner()
    private var values = ByteInterner()
    /// The staged event.
    private var caseID: UInt32 = 0
    private var activityID: UInt32 = 0
    private var channelID: UInt32 = 0
    private var micros: Int64 = 0
    /// Staged attribute value ids, one per `table.attributeNames` (0 = absent).
    private var attributeIDs: [UInt32]
    /// With `batching`, committed rows wait here (raw memory, no per-row access to the
    /// table's arrays: measured ~15 % of a sorted 10M-row read went to Swift's exclusivity and
    /// uniqueness checks) and reach the table by `flushRows()`. The CSV reader sets it and
    /// flushes before its buffer moves and at the end; other readers commit row by row.
    var batching = false
    private var stagedCases = RawColumn<UInt32>(capacity: PendingCases.capacity)
    private var stagedActivities = RawColumn<UInt32>(capacity: PendingCases.capacity)
    private var stagedChannels = RawColumn<UInt32>(capacity: PendingCases.capacity)
    private var stagedTimes = RawColumn<Int64>(capacity: PendingCases.capacity)
    /// Attribute value ids of the staged rows, row by row.
    private var stagedAttributes = RawColumn<UInt32>(capacity: 16)
    /// Rows in the table (committed rows not counting the staged ones).
    private var tableCount: Int
    /// Case names of committed rows not interned yet (`stage(deferringCase: true)`).
    private var pending = PendingCases()
    private var caseDeferred = false
    private var deferredCase = UnsafeRawBufferPointer(start: nil, count: 0)
    /// Rows with both the case and its fallback link them (`IdentityLinks`).
    private let linksIdentities: Bool
    /// The first new name beyond ASCII that read as UTF-8 (`checkText`).
    private var utf8Example: String?
    /// A staged attribute failed the row (`--on-error skip`): `commit` adds nothing.
    private var rowRejected = false
    /// Whether new activity, channel and attribute values must be UTF-8 (`TextEncodingCheck`); access
    /// logs' names are made from request lines, where stray bytes are the requester's.
    var checksUTF8 = true
    /// The last (fallback, case) pair linked: rows of one person repeat it.
    private var lastLink: ([UInt8], [UInt8]) = ([], [])

    init(table: EventTable, options: ReadOptions, columns: ResolvedColumns, file: String,
         epochUnit: TimestampParser.EpochUnit? = nil) {
        self.table = table
        var parser = options.timestamps
        if parser.epochUnit == nil, let epochUnit { parser.epochUnit = epochUnit }
        self.parser = parser
        self.onError = options.onError
        self.file = file
        self.columns = columns
        self.attributeIDs = [UInt32](repeating: 0, count: table.attributeNames.count)
        self.tableCount = table.count
        self.linksIdentities = options.stitchIdentities && columns.caseFallbackColumn != nil
        if !table.sources.contains(file) { table.sources.append(file) }
    }

    deinit {
        stagedCases.free(); stagedActivities.free(); stagedChannels.free(); stagedTimes.free(); stagedAttributes.free()
    }

    /// Checks and stages one event; returns false when the row was skipped (`--on-error skip`).
    /// `nil` or empty values are absent; the fallback case is used when the case is absent.
    @inline(__always)
    mutating func stage(case caseValue: UnsafeRawBufferPointer?, fallback: UnsafeRawBufferPointer?,
                        activity: UnsafeRawBufferPointer?, timestamp: UnsafeRawBufferPointer?,
                        channel: UnsafeRawBufferPointer?, deferringCase: Bool = false) throws -> Bool {
        var caseBytes = caseValue ?? UnsafeRawBufferPointer(start: nil, count: 0)
        if caseBytes.isEmpty, let fallback { caseBytes = fallback } else if linksIdentities, let fallback { link(fallback, caseBytes) }
        guard !caseBytes.isEmpty else {
            let names = [columns.caseColumn, columns.caseFallbackColumn].compactMap { $0 }
            return try reject("missing case: \(names.map { "\"\($0)\"" }.joined(separator: " and ")) empty or absent",
                              column: columns.caseColumn, reason: "missing case")
        }
        guard let activity, !activity.isEmpty else {
            return try reject("missing activity: the value is empty or absent", column: columns.activityColumn,
                              reason: "missing activity")
        }
        guard let timestamp, !timestamp.isEmpty else {
            return try reject("missing timestamp: the value is empty or absent", column: columns.timestampColumn,
                              reason: "missing timestamp")
        }
        guard let t = parser.parse(timestamp) else {
            return try reject(badTimestampMessage(timestamp), column: columns.timestampColumn, reason: "bad timestamp",
                              suggestedFormats: TimestampFormat.suggestions(for: String(decoding: timestamp, as: UTF8.self),
                                                                            yearOffset: parser.yearOffset))
        }
        micros = t
        caseDeferred = false
        if let id = cases.cachedID(caseBytes) { caseID = id } else if deferringCase {
            caseDeferred = true
            deferredCase = caseBytes
            caseID = 0
        } else {
            flushRows()  // earlier rows' names first: ids stay first-seen order
            caseID = table.cases.intern(caseBytes)
            cases.remember(caseBytes, id: caseID)
        }
        if let id = activities.cachedID(activity) { activityID = id } else {
            if checksUTF8 && !checkText(activity) {
                return try rejectEncoding(activity, what: "the activity", column: columns.activityColumn)
            }
            activityID = table.activities.intern(activity)
            activities.remember(activity, id: activityID)
        }
        channelID = 0
        if let channel, !channel.isEmpty {
            if let id = channels.cachedID(channel) { channelID = id } else {
                if checksUTF8 && !checkText(channel) {
                    return try rejectEncoding(channel, what: "the channel", column: columns.channelColumn)
                }
                channelID = table.channels.intern(channel)
                channels.remember(channel, id: channelID)
            }
        }
        return true
    }

    /// Records that `user` was seen with the anonymous id `anonymous` (both non-empty).
    mutating func link(_ anonymous: UnsafeRawBufferPointer, _ user: UnsafeRawBufferPointer) {
        guard linksIdentities, !anonymous.isEmpty, !user.isEmpty else { return }
        if anonymous.elementsEqual(lastLink.0) && user.elementsEqual(lastLink.1) { return }
        lastLink = (Array(anonymous), Array(user))
        table.identityLinks.link(anonymous: String(decoding: anonymous, as: UTF8.self), user: String(decoding: user, as: UTF8.self))
    }

    /// Sets attribute `k` (into `table.attributeNames`) of the staged event. A value that is
    /// not UTF-8 fails the row as a name does (attributes name touchpoints with
    /// `--activity-detail`, journeys with `--case A+B`, sides with `--split-by`), or with
    /// `--on-error skip` leaves it out (`commit` then adds nothing).
    @inline(__always)
    mutating func stageAttribute(_ k: Int, _ value: UnsafeRawBufferPointer) throws {
        guard !rowRejected else { return }
        guard !value.isEmpty else { attributeIDs[k] = 0; return }
        if let id = values.cachedID(value) { attributeIDs[k] = id; return }
        if checksUTF8 && !checkText(value) {
            _ = try rejectEncoding(value, what: "the value", column: table.attributeNames[k])
            rowRejected = true
            return
        }
        let id = table.attributeValues.intern(value)
        values.remember(value, id: id)
        attributeIDs[k] = id
    }

    /// Appends the staged event to the table (or to the rows waiting for `flushRows`).
    @inline(__always)
    mutating func commit() {
        if rowRejected {
            rowRejected = false
            for k in attributeIDs.indices { attributeIDs[k] = 0 }
            return
        }
        guard batching else {
            let row = table.count
            table.appendIDs(case: caseID, activity: activityID, timestamp: micros, channel: channelID, attributes: attributeIDs)
            if !attributeIDs.isEmpty {
                for k in attributeIDs.indices { attributeIDs[k] = 0 }
            }
            if caseDeferred {
                pending.add(row: row, name: deferredCase)
                flushRows()
            }
            return
        }
        let row = tableCount + stagedCases.count
        stagedCases.append(caseID); stagedActivities.append(activityID)
        stagedChannels.append(channelID); stagedTimes.append(micros)
        if !attributeIDs.isEmpty {
            for k in attributeIDs.indices { stagedAttributes.append(attributeIDs[k]); attributeIDs[k] = 0 }
        }
        if caseDeferred { pending.add(row: row, name: deferredCase) }
        if stagedCases.count == PendingCases.capacity { flushRows() }
    }

    /// Moves the staged rows into the table, then interns the deferred case names (call it
    /// before the bytes they point to move or go). The last name becomes the remembered
    /// previous one.
    mutating func flushRows() {
        if stagedCases.count > 0 {
            table.append(cases: UnsafeBufferPointer(stagedCases.buffer), activities: UnsafeBufferPointer(stagedActivities.buffer),
                         channels: UnsafeBufferPointer(stagedChannels.buffer), timestamps: UnsafeBufferPointer(stagedTimes.buffer),
                         attributes: UnsafeBufferPointer(stagedAttributes.buffer))
            tableCount += stagedCases.count
            stagedCases.removeAll(); stagedActivities.removeAll(); stagedChannels.removeAll()
            stagedTimes.removeAll(); stagedAttributes.removeAll()
        }
        guard pending.count > 0 else { return }
        let lastName = pending.names[pending.count - 1]
        if let id = table.internCases(&pending) { cases.remember(lastName, id: id) }
    }

    /// Whether a new name is UTF-8; the first one beyond ASCII is kept as a sign that the file
    /// is UTF-8 (`TextEncodingCheck.message(mixedWith:)`).
    private mutating func checkText(_ bytes: UnsafeRawBufferPointer) -> Bool {
        switch TextEncodingCheck.kind(bytes) {
        case .ascii: return true
        case .utf8:
            if utf8Example == nil { utf8Example = String(decoding: bytes, as: UTF8.self) }
            return true
        case .invalid: return false
        }
    }

    /// Rejects a name that is not UTF-8 (`TextEncodingCheck`): stopping, the message says how
    /// to convert the file (no `--on-error skip` hint: it would leave out every row with such a
    /// name), or, when names beyond ASCII read as UTF-8 before it, that the file mixes
    /// encodings. Skipping, only the first rows kept as examples get the whole message.
    private func rejectEncoding(_ value: UnsafeRawBufferPointer, what: String, column: String?) throws -> Bool {
        guard onError == .skip else {
            let message = TextEncodingCheck.message(value, what: what, file: file, mixedWith: utf8Example)
            throw InputError(file: file, line: line, byteOffset: byteOffset, column: column, message: message)
        }
        let message = table.skipped.examples.count < SkipReport.maxExamples
            ? TextEncodingCheck.message(value, what: what, file: file, mixedWith: utf8Example) : "\(what) is not UTF-8 text"
        return try reject(message, column: column, reason: "not UTF-8")
    }

    /// Throws `message` at the current row, or counts it when skipping; returns false.
    /// The message (and the patterns a bad timestamp suggests) are made only when used: when
    /// stopping, or for the first skipped rows kept as examples (a log skipping a million rows
    /// tried every common pattern on each of them).
    func reject(_ message: @autoclosure () -> String, column: String? = nil, reason: String,
                suggestedFormats: @autoclosure () -> [String] = []) throws -> Bool {
        func error() -> InputError { InputError(file: file, line: line, byteOffset: byteOffset, column: column, message: message()) }
        // Stopping, it says how to read on without such rows.
        guard onError == .skip else {
            var stop = error()
            stop.suggestedFormats = suggestedFormats()
            throw stop.withSkipHint
        }
        if table.skipped.examples.count < SkipReport.maxExamples || table.skipped.firstByReason[reason] == nil {
            table.skipped.record(error(), reason: reason)
        } else {
            table.skipped.tally(reason: reason)
        }
        return false
    }

    func badTimestampMessage(_ value: UnsafeRawBufferPointer) -> String {
        var hint = "ISO 8601 like 2024-05-19T08:30:00Z or epoch seconds/ms"
        if let format = parser.format { hint = "the format \(format.pattern)" }
        return "expected a timestamp (\(hint)), found \(quoted(value))"
            + TimestampFormat.hint(for: String(decoding: value, as: UTF8.self), yearOffset: parser.yearOffset,
                                   readsInEra: readsInBuddhistEra(value))
    }

    /// Whether the reading's own parser reads `value` once its years are Buddhist-era.
    private func readsInBuddhistEra(_ value: UnsafeRawBufferPointer) -> Bool {
        guard parser.yearOffset == 0 else { return false }
        var era = parser
        era.yearOffset = -TimestampParser.buddhistEraOffset
        return era.parse(value) != nil
    }
}

/// `value` in double quotes for an error message, decoded leniently, cut to 60 characters.
func quoted(_ value: UnsafeRawBufferPointer) -> String {
    let s = String(decoding: value, as: UTF8.self)
    if s.count <= 60 { return "\"\(s)\"" }
    return "\"\(s.prefix(60))…\""
}
