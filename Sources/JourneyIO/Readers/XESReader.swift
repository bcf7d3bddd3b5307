@_spi(JourneyIO) import JourneyCore
/// Reads XES (IEEE 1849) event logs.
///
/// Each `<trace>` is a case named by its `concept:name`; each `<event>` in it is an event
/// whose activity is its `concept:name` and whose time is its `time:timestamp`. Other keys
/// can be chosen with `ColumnSpec` (`caseColumn` names a trace attribute, with or without the
/// pm4py prefix `case:`; the others name event attributes). `lifecycle:transition` is not part
/// of the activity (as in pm4py's default) but can be kept as an attribute. Requested
/// attributes (`EventTable.attributeNames`) are event attributes, or trace attributes when
/// written `case:KEY`. Nested attributes (inside `<list>`, `<container>` or other attributes)
/// are ignored.
///
/// `<global>` defaults are NOT applied, as pm4py does not: their values are placeholders in
/// real logs (the running example declares `concept:name` = "name"), so an event without an
/// activity or timestamp is an error (skipped with `--on-error skip`) rather than silently
/// given one. Events are buffered per trace because a trace's attributes may follow its
/// events; memory is one trace at a time.
public struct XESReader: EventLogReader {
    /// Bytes requested from the source per read.
    public var chunkSize: Int

    public init(chunkSize: Int = 1 << 20) {
        self.chunkSize = chunkSize
    }

    /// What an open element is, for deciding what its children mean.
    private enum Kind { case log, trace, event, global, attribute, other }

    public func read<S: ByteSource>(_ source: inout S, into table: EventTable, options: ReadOptions) throws -> ResolvedColumns {
        let file = source.name
        let spec = options.columns
        let caseKey = Self.stripCasePrefix(spec.caseColumn ?? "concept:name")
        let activityKey = spec.activityColumn ?? "concept:name"
        let timestampKey = spec.timestampColumn ?? "time:timestamp"
        let columns = ResolvedColumns(caseColumn: "case:" + caseKey, activityColumn: activityKey,
                                      timestampColumn: timestampKey, channelColumn: spec.channelColumn)
        // Event keys captured: activity, timestamp, channel, then each event-level attribute.
        // Trace keys captured: case, then each trace-level (`case:`) attribute.
        var eventKeys = [activityKey, timestampKey, spec.channelColumn ?? ""]
        var traceKeys = [caseKey]
        /// Per requested attribute: (is a trace attribute, index in its key list).
        var attributeSlots: [(trace: Bool, slot: Int)] = []
        for name in table.attributeNames {
            if name.hasPrefix("case:") {
                attributeSlots.append((true, traceKeys.count))
                traceKeys.append(Self.stripCasePrefix(name))
            } else {
                attributeSlots.append((false, eventKeys.count))
                eventKeys.append(name)
            }
        }
        let eventKeyBytes = eventKeys.map { Array($0.utf8) }
        let traceKeyBytes = traceKeys.map { Array($0.utf8) }

        var xml = XMLTokenizer(chunkSize: chunkSize, file: file, maxRecordBytes: options.maxRecordBytes)
        var sink = EventSink(table: table, options: options, columns: columns, file: file)
        var kinds: [Kind] = []
        var trace = CapturedValues(keys: traceKeys.count)
        var events = PendingEvents(keys: eventKeys.count)
        var sawLog = false

        while true {
            switch try xml.next(&source) {
            case .endOfInput:
                guard sawLog else {
                    throw InputError(file: file, line: 1, message: "no <log> element: expected an XES file (IEEE 1849)")
                }
                return columns
            case .end:
                let kind = kinds.removeLast()
                if kind == .event { events.finishEvent() }
                if kind == .trace {
                    try flush(trace: &trace, events: &events, sink: &sink, attributeSlots: attributeSlots)
                }
            case .start(let selfClosing):
                let parent = kinds.last
                var kind = Kind.other
                if parent == nil {
                    try Self.checkRoot(&xml)
                    kind = .log
                    sawLog = true
                } else if parent == .log && xml.nameIs("trace") {
                    kind = .trace
                    trace.reset()
                    events.reset()
                } else if xml.nameIs("event") && (parent == .trace || parent == .log) {
                    guard parent == .trace else {
                        throw xml.error("an <event> directly in <log>: expected events inside <trace> elements")
                    }
                    kind = .event
                    events.startEvent(line: xml.tokenLine)
                } else if xml.nameIs("global") {
                    kind = .global
                } else if parent == .event || parent == .trace, let k = xml.attributeIndex("key") {
                    kind = .attribute
                    let key = try xml.attributeValue(k)
                    let keys = parent == .event ? eventKeyBytes : traceKeyBytes
                    if let slot = keys.firstIndex(where: { bytesEqual($0, key) }), let v = xml.attributeIndex("value") {
                        let value = try xml.attributeValue(v)
                        if parent == .event { events.set(slot, value) } else { trace.set(slot, value) }
                    }
                } else if parent == .attribute || parent == .global {
                    kind = .attribute
                }
                if selfClosing {
                    if kind == .event { events.finishEvent() }
                    if kind == .trace {
                        try flush(trace: &trace, events: &events, sink: &sink, attributeSlots: attributeSlots)
                    }
                } else {
                    kinds.append(kind)
                }
            }
        }
    }

    /// Appends the buffered events of a finished trace.
    private func flush(trace: inout CapturedValues, events: inout PendingEvents, sink: inout EventSink,
                       attributeSlots: [(trace: Bool, slot: Int)]) throws {
        let hasChannel = sink.columns.channelColumn != nil
        let caseValue = trace.value(0)
        for e in 0..<events.count {
            sink.line = events.lines[e]
            sink.byteOffset = 0
            guard try sink.stage(case: caseValue, fallback: nil, activity: events.value(e, 0),
                                 timestamp: events.value(e, 1), channel: hasChannel ? events.value(e, 2) : nil) else { continue }
            for (k, where_) in attributeSlots.enumerated() {
                let v = where_.trace ? trace.value(where_.slot) : events.value(e, where_.slot)
                if let v { try sink.stageAttribute(k, v) }
            }
            sink.commit()
        }
        events.reset()
        trace.reset()
    }

    /// The root element must be XES's `<log>`, in no namespace or in XES's own
    /// (`http://www.xes-standard.org/`, or OpenXES's older `http://code.deckfour.org/xes`):
    /// another root, or a `<log>` of another vocabulary, is refused rather than read as
    /// events it does not hold.
    static func checkRoot(_ xml: inout XMLTokenizer) throws {
        let name = String(decoding: xml.name, as: UTF8.self)
        guard xml.nameIs("log") else {
            throw xml.error("no <log> element: the root element is <\(name)>; expected an XES file (IEEE 1849), whose root is <log>")
        }
        guard let i = xml.attributeIndex("xmlns") else { return }
        let namespace = String(decoding: try xml.attributeValue(i), as: UTF8.self)
        let xes = ["xes-standard.org", "deckfour.org/xes"]
        guard namespace.isEmpty || xes.contains(where: { namespace.lowercased().contains($0) }) else {
            throw xml.error("the root <log> is in the namespace \"\(namespace)\", not XES's (http://www.xes-standard.org/): "
                + "expected an XES file (IEEE 1849)")
        }
    }

    /// `case:concept:name` → `concept:name`.
    static func stripCasePrefix(_ key: String) -> String {
        key.hasPrefix("case:") ? String(key.dropFirst(5)) : key
    }
}

private func bytesEqual(_ a: [UInt8], _ b: UnsafeRawBufferPointer) -> Bool {
    a.count == b.count && a.withUnsafeBytes { $0.elementsEqual(b) }
}

/// Bytes appended back to back in memory this type owns, handed out as slices that stay
/// valid until `removeAll` (nothing is moved while slices are in use: callers only read).
private struct ByteArena: ~Copyable {
    private var base: UnsafeMutablePointer<UInt8>
    private var capacity = 4096
    private(set) var count = 0

    init() { base = .allocate(capacity: capacity) }
    deinit { base.deallocate() }

    mutating func removeAll() { count = 0 }

    /// Appends `value`; returns its start.
    mutating func append(_ value: UnsafeRawBufferPointer) -> Int {
        if count + value.count > capacity {
            while count + value.count > capacity { capacity *= 2 }
            let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
            grown.update(from: base, count: count)
            base.deallocate()
            base = grown
        }
        let start = count
        if let src = value.baseAddress { (base + count).update(from: src.assumingMemoryBound(to: UInt8.self), count: value.count) }
        count += value.count
        return start
    }

    func slice(_ start: Int, _ end: Int) -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(start: base + start, count: end - start)
    }
}

/// Values captured for a fixed list of keys (a trace's attributes), as bytes.
private struct CapturedValues: ~Copyable {
    private var bytes = ByteArena()
    /// Start and end in `bytes` per key; start -1 when absent.
    private var ranges: [(Int, Int)]

    init(keys: Int) { ranges = Array(repeating: (-1, 0), count: keys) }

    mutating func reset() {
        bytes.removeAll()
        for i in ranges.indices { ranges[i] = (-1, 0) }
    }

    mutating func set(_ slot: Int, _ value: UnsafeRawBufferPointer) {
        let start = bytes.append(value)
        ranges[slot] = (start, start + value.count)
    }

    /// Valid until the next mutation.
    func value(_ slot: Int) -> UnsafeRawBufferPointer? {
        let (s, e) = ranges[slot]
        guard s >= 0 else { return nil }
        return bytes.slice(s, e)
    }
}

/// The events of the current trace, each with values for a fixed list of keys.
private struct PendingEvents: ~Copyable {
    private let keys: Int
    private var bytes = ByteArena()
    /// `keys` ranges per event, back to back; start -1 when absent.
    private var ranges: [(Int, Int)] = []
    private(set) var lines: [Int] = []
    private(set) var count = 0

    init(keys: Int) { self.keys = keys }

    mutating func reset() {
        bytes.removeAll()
        ranges.removeAll(keepingCapacity: true)
        lines.removeAll(keepingCapacity: true)
        count = 0
    }

    mutating func startEvent(line: Int) {
        ranges.append(contentsOf: repeatElement((-1, 0), count: keys))
        lines.append(line)
    }

    mutating func finishEvent() { count += 1 }

    /// Sets key `slot` of the event being read.
    mutating func set(_ slot: Int, _ value: UnsafeRawBufferPointer) {
        let start = bytes.append(value)
        ranges[count * keys + slot] = (start, start + value.count)
    }

    /// Valid until the next mutation.
    func value(_ event: Int, _ slot: Int) -> UnsafeRawBufferPointer? {
        let (s, e) = ranges[event * keys + slot]
        guard s >= 0 else { return nil }
        return bytes.slice(s, e)
    }
}
