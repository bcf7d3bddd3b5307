@_spi(JourneyIO) import JourneyCore
/// Reads JSON Lines event logs: one JSON object per line, blank lines skipped.
///
/// Columns are dotted paths into each object (`properties.distinct_id`); nil ones are taken
/// from the preset or guessed from the flattened keys of the first object. Strings and
/// numbers are values (numbers as written: text for names, epoch for timestamps); `null` and
/// missing keys are absent. A line that is not a JSON object is an `InputError` with its line
/// and byte column (skipped with `--on-error skip`). Given paths are not checked against the
/// first object's keys (a key may appear later), except that with `--on-error fail` a
/// required column missing from the first object is reported with the keys it has.
public struct JSONLinesReader: EventLogReader {
    /// Bytes requested from the source per read; tests use tiny chunks to cut lines anywhere.
    public var chunkSize: Int

    public init(chunkSize: Int = 1 << 20) {
        self.chunkSize = chunkSize
    }

    public func read<S: ByteSource>(_ source: inout S, into table: EventTable, options: ReadOptions) throws -> ResolvedColumns {
        let file = source.name
        var lines = LineReader(chunkSize: chunkSize, maxRecordBytes: options.maxRecordBytes)

        // The first object gives the keys to resolve (and guess) columns from.
        var available: [String]? = nil
        var probe = JSONScanner(paths: [])
        var firstLine = true
        /// Keys of the first object whose value is a list of objects (events nested per line).
        var nestedLists: [String] = []
        while let (start, end) = try lines.next(&source) {
            let base = lines.buffer.base
            if JSONScanner.isBlank(base, start, end) { continue }
            do {
                available = try probe.collectPaths(base, start: start, end: end)
                nestedLists = Self.keysOfObjectLists(base, start, end)
                lines.unread()
                break
            } catch let error as JSONScanner.SyntaxError {
                // A whole JSON document (pretty-printed, or an array) is no JSON Lines log,
                // whatever --on-error says: every line of it would be skipped.
                if firstLine, let document = Self.wholeDocument(base, start, end) {
                    throw InputError(file: file, line: lines.line, message: document)
                }
                firstLine = false
                let e = syntaxError(error, file: file, line: lines.line, lineStart: lines.absolute(start))
                guard options.onError == .skip else { throw e.withSkipHint }
                table.skipped.record(e, reason: "invalid JSON")
            }
        }
        guard let available else {
            throw InputError(file: file, line: lines.line > 0 ? lines.line : nil,
                             message: table.skipped.count > 0 ? "no valid JSON object in the file"
                                                              : "empty file: expected one JSON object per line")
        }

        let resolver = ColumnResolver(available: available, source: .jsonPaths, file: file)
        let resolution: ColumnResolver.Resolution
        do {
            resolution = try resolver.resolve(options.columns)
        } catch var error as InputError where !nestedLists.isEmpty {
            let key = nestedLists[0]
            error.message += "; the events are nested, a list of them under \"\(key)\" on each line: write one event per line first, "
                + "each with the keys of its line, e.g. jq -c '. as $l | .[\"\(key)\"][] | ($l | del(.[\"\(key)\"])) + .' FILE > events.jsonl"
            throw error
        }
        let columns = resolution.columns
        if options.onError == .fail {
            try checkPresent(columns, in: resolver, file: file, line: lines.line + 1,
                             activityMayLack: (options.columns.preset ?? columns.recognisedPreset) == .segment)
        }
        // Paths asked of every line: case, fallback, activity, timestamp, channel, attributes.
        var paths = [columns.caseColumn, columns.caseFallbackColumn ?? "", columns.activityColumn,
                     columns.timestampColumn, columns.channelColumn ?? ""]
        // An attribute that is also a role's path (`--where time=…`) reads that role's value:
        // the scanner captures each path once.
        var attributeSlots: [Int] = []
        for name in table.attributeNames {
            if let k = paths.firstIndex(of: name), !name.isEmpty { attributeSlots.append(k) } else {
                attributeSlots.append(paths.count)
                paths.append(name)
            }
        }
        let hasFallback = columns.caseFallbackColumn != nil, hasChannel = columns.channelColumn != nil
        // Segment: the call's type and page/screen names (`SegmentCalls`).
        let segment = (options.columns.preset ?? columns.recognisedPreset) == .segment
        let segmentSlot = paths.count
        if segment { paths += SegmentCalls.paths }
        var callActivity: [UInt8] = []
        // GA4 paths into key/value lists (`event_params.ga_session_id`) ask the scanner for the
        // list; each is then looked up in its text.
        let keyed = paths.map { $0.isEmpty ? nil : resolver.keyedPath($0) }
        let lookups = keyed.map { $0.map { _ in KeyValueListReader() } }
        for (i, k) in keyed.enumerated() { if let k { paths[i] = k.list } }
        // The scanner captures a path once: repeated paths (several keys of one list) share it.
        var scannerPaths: [String] = []
        let slot = paths.map { path in
            if let i = scannerPaths.firstIndex(of: path) { return i }
            scannerPaths.append(path)
            return scannerPaths.count - 1
        }
        var scanner = JSONScanner(paths: scannerPaths)
        @inline(__always) func value(_ i: Int) -> UnsafeRawBufferPointer? {
            guard let path = keyed[i] else { return scanner.value(slot[i]) }
            return lookups[i]!.value(of: path.key, in: scanner.value(slot[i]))
        }
        var sink = EventSink(table: table, options: options, columns: columns, file: file, epochUnit: resolution.epochUnit)

        while let (start, end) = try lines.next(&source) {
            let base = lines.buffer.base
            if JSONScanner.isBlank(base, start, end) { continue }
            sink.line = lines.line
            sink.byteOffset = lines.absolute(start)
            do {
                try scanner.extract(base, start: start, end: end)
            } catch let error as JSONScanner.SyntaxError {
                let e = syntaxError(error, file: file, line: lines.line, lineStart: lines.absolute(start))
                guard options.onError == .skip else { throw e.withSkipHint }
                table.skipped.record(e, reason: "invalid JSON")
                continue
            }
            let activity = value(2)
            var named = false
            if segment {
                let kind = SegmentCalls.kind(value(segmentSlot))
                if kind == .leftOut {
                    // An identify call links the ids even though it is no step.
                    if hasFallback, let user = value(0), let anonymous = value(1) { sink.link(anonymous, user) }
                    table.skipped.count += 1
                    table.skipped.reasons[SegmentCalls.leftOutReason, default: 0] += 1
                    continue
                }
                if kind != .event && (activity?.isEmpty ?? true) {
                    SegmentCalls.activity(kind, names: (1..<SegmentCalls.paths.count).map { value(segmentSlot + $0) },
                                          into: &callActivity)
                    named = true
                }
            }
            let staged: Bool
            if named {
                staged = try callActivity.withUnsafeBytes { name in
                    try sink.stage(case: value(0), fallback: hasFallback ? value(1) : nil, activity: name,
                                   timestamp: value(3), channel: hasChannel ? value(4) : nil)
                }
            } else {
                staged = try sink.stage(case: value(0), fallback: hasFallback ? value(1) : nil, activity: activity,
                                        timestamp: value(3), channel: hasChannel ? value(4) : nil)
            }
            guard staged else { continue }
            for k in table.attributeNames.indices {
                if let v = value(attributeSlots[k]) { try sink.stageAttribute(k, v) }
            }
            sink.commit()
        }
        return columns
    }

    /// What to say when the first line that is not blank opens one JSON document rather than
    /// holding an event: a lone `{` (pretty-printed objects, such as an OCEL 2.0 log or `jq .`'s
    /// output) or a `[` (an array of events, or a line that is an array); nil for any other line.
    static func wholeDocument(_ base: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> String? {
        var a = start, b = end
        func space(_ c: UInt8) -> Bool { c == 0x20 || c == 0x09 || c == 0x0D || c == 0x0A }
        while a < b && space(base[a]) { a += 1 }
        while b > a && space(base[b - 1]) { b -= 1 }
        // A UTF-8 byte-order mark first.
        if b - a >= 3 && base[a] == 0xEF && base[a + 1] == 0xBB && base[a + 2] == 0xBF { a += 3 }
        guard a < b else { return nil }
        let convert = "journeymap reads JSON Lines, one event object per line"
        if base[a] == UInt8(ascii: "[") {
            if b - a > 1 && base[b - 1] == UInt8(ascii: "]") {
                return "this line is a JSON array, not an object: journeymap reads JSON Lines, one event object per line with named keys ({\"user\": …, \"event\": …, \"time\": …}); write each event as an object, or the rows as CSV with a header"
            }
            return "this file is one JSON array, not JSON Lines (\(convert)); convert it, e.g. jq -c '.[]' FILE > events.jsonl"
        }
        if b - a == 1 && base[a] == UInt8(ascii: "{") {
            return "this file is pretty-printed JSON, not JSON Lines (\(convert)); write one object per line: jq -c . FILE > events.jsonl when it holds events one after another, jq -c '.events[]' FILE > events.jsonl when they are in a list; an object-centric log (OCEL 2.0: objectTypes, events, objects) must first be flattened to one object type as the case (e.g. pm4py.ocel_flattening)"
        }
        return nil
    }

    /// Names a list of events goes by (OTTO's `events`, GA's `hits`): a list of objects under
    /// another name (`tags`, `items`) is an attribute, not the journey.
    static let eventListNames: Set<String> = ["events", "hits", "actions", "activities", "steps", "touchpoints", "interactions", "history"]

    /// Top-level keys of the object on the line `start..<end` whose value opens a list of
    /// objects (`"events":[{`) and that name events (`eventListNames`, any case).
    static func keysOfObjectLists(_ base: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> [String] {
        var keys: [String] = []
        var depth = 0, i = start
        while i < end {
            let c = base[i]
            if c == UInt8(ascii: "\"") {
                // A string, escapes skipped; at depth 1 followed by `:` `[` `{` it is such a key.
                var close = i + 1
                while close < end && base[close] != UInt8(ascii: "\"") { close += base[close] == UInt8(ascii: "\\") ? 2 : 1 }
                guard close < end else { break }
                var j = close + 1
                func skip() { while j < end && (base[j] == 0x20 || base[j] == 0x09) { j += 1 } }
                skip()
                if depth == 1 && j < end && base[j] == UInt8(ascii: ":") {
                    j += 1; skip()
                    if j < end && base[j] == UInt8(ascii: "[") {
                        j += 1; skip()
                        let key = String(decoding: UnsafeBufferPointer(start: base + i + 1, count: close - i - 1), as: UTF8.self)
                        if j < end && base[j] == UInt8(ascii: "{") && eventListNames.contains(key.lowercased()) { keys.append(key) }
                    }
                }
                i = close + 1
                continue
            }
            if c == UInt8(ascii: "{") || c == UInt8(ascii: "[") { depth += 1 }
            if c == UInt8(ascii: "}") || c == UInt8(ascii: "]") { depth -= 1 }
            i += 1
        }
        return keys
    }

    private func syntaxError(_ error: JSONScanner.SyntaxError, file: String, line: Int, lineStart: Int) -> InputError {
        InputError(file: file, line: line, byteOffset: lineStart + error.offset,
                   message: "invalid JSON at column \(error.offset + 1): \(error.message)")
    }

    /// Fails fast on a mistyped path: the first object must have the case (or its fallback),
    /// the activity and the timestamp.
    /// (`activityMayLack`: a Segment export may start with a page or identify call, which has no `event`.)
    private func checkPresent(_ c: ResolvedColumns, in resolver: ColumnResolver, file: String, line: Int,
                              activityMayLack: Bool = false) throws {
        let has = { (name: String) in resolver.available.contains(name) || resolver.keyedPath(name) != nil }
        var missing: [(String, String)] = []
        if !has(c.caseColumn) && !(c.caseFallbackColumn.map(has) ?? false) { missing.append(("case", c.caseColumn)) }
        if !has(c.activityColumn) && !activityMayLack { missing.append(("activity", c.activityColumn)) }
        if !has(c.timestampColumn) { missing.append(("timestamp", c.timestampColumn)) }
        guard let (role, name) = missing.first else { return }
        throw InputError(file: file, line: line, column: name, message:
            "the first object has no key \"\(name)\" for the \(role); \(resolver.listing)")
    }
}
