@_spi(JourneyIO) import JourneyCore
/// Which columns of a path table hold what (`PathTableReader`).
///
/// A path table has one row per distinct path with counts, the form attribution tools and
/// analytics exports give journeys in: ChannelAttribution's `path;total_conversions;
/// total_conversion_value;total_null` (`alpha > iota > eta;1;0.244;3`), Google Analytics'
/// "Top Conversion Paths" (`MCF Channel Grouping Path,Conversions,Conversion Value`,
/// `Organic Search > Direct,12,340.00`).
public struct PathTableSpec: Sendable, Equatable, Codable {
    /// The column of paths: steps joined by `separator`.
    public var pathColumn: String
    /// Journeys of the path that ended in a conversion (each gets the step `conversionStep`).
    public var conversionsColumn: String?
    /// Journeys of the path that did not convert.
    public var nullsColumn: String?
    /// Journeys of the path, when the table does not split them by conversion.
    public var countColumn: String?
    /// Between steps: `>` or `→` (spaces around a step are dropped).
    public var separator: String

    /// The step a converting journey ends with (`attribution --conversion conversion`).
    public static let conversionStep = "conversion"

    public init(pathColumn: String, conversionsColumn: String? = nil, nullsColumn: String? = nil,
                countColumn: String? = nil, separator: String = ">") {
        self.pathColumn = pathColumn
        self.conversionsColumn = conversionsColumn
        self.nullsColumn = nullsColumn
        self.countColumn = countColumn
        self.separator = separator
    }

    /// The spec for a header and its first row when they look like a path table: a column
    /// named as paths are (`path`, `paths`, `…path`, `path_…`: "MCF Channel Grouping Path",
    /// "conversion_path") whose first value holds a separator, or a one-step path beside a
    /// conversions column. Counts by name: conversions (`total_conversions`, `Conversions`;
    /// not a value or rate), non-conversions (`total_null`, `non_conversions`), else a count
    /// of journeys (`count`, `journeys`, `users`, `sessions`).
    public static func detect(header: [String], firstRow: [String]) -> PathTableSpec? {
        func key(_ name: String) -> String {
            name.lowercased().map { $0.isLetter || $0.isNumber ? String($0) : "_" }.joined()
        }
        let keys = header.map(key)
        // An event log with a path column (breadcrumbs `Home > Shoes`) has a time column.
        let times = Set(ColumnResolver.timestampCandidates.map(key))
        guard !keys.contains(where: times.contains) else { return nil }
        let conversions = keys.firstIndex { k in
            k.contains("conversion") && !k.contains("value") && !k.contains("rate") && !k.contains("path")
                && !k.contains("null") && !k.hasPrefix("non") && !k.contains("no_conversion")
        }
        let nulls = keys.firstIndex { $0.contains("null") || $0.hasPrefix("non_conversion") || $0.hasPrefix("nonconversion") || $0.contains("no_conversion") }
        let count = keys.firstIndex { ["count", "journeys", "users", "sessions", "visitors", "total"].contains($0) }
        for (i, k) in keys.enumerated() where k == "path" || k == "paths" || k.hasSuffix("_path") || k.hasPrefix("path_") {
            guard i < firstRow.count else { continue }
            let value = firstRow[i]
            let separator = value.contains("→") ? "→" : value.contains(">") ? ">" : nil
            guard separator != nil || conversions != nil else { continue }
            return PathTableSpec(pathColumn: header[i], conversionsColumn: conversions.map { header[$0] },
                                 nullsColumn: nulls.map { header[$0] },
                                 countColumn: conversions == nil && nulls == nil ? count.map { header[$0] } : nil,
                                 separator: separator ?? ">")
        }
        return nil
    }

    /// What the journeys are, for messages: "paths in \"path\" (>), conversions …".
    public var description: String {
        var parts = ["paths \"\(pathColumn)\" (steps joined by \(separator))"]
        if let conversionsColumn { parts.append("converting journeys \"\(conversionsColumn)\" (ending in \"\(Self.conversionStep)\")") }
        if let nullsColumn { parts.append("other journeys \"\(nullsColumn)\"") }
        if let countColumn { parts.append("journeys \"\(countColumn)\"") }
        if conversionsColumn == nil && nullsColumn == nil && countColumn == nil { parts.append("one journey a row") }
        return parts.joined(separator: ", ")
    }
}

/// Reads a path table (`PathTableSpec`) as events: each row's path is as many journeys as its
/// counts say (converting ones end with the step "conversion"), each step an event (the
/// steps are often channels; no channel is set, as each box would be its own). Path tables hold no times: every event is at one time (the epoch)
/// in path order, and the table is marked `untimed`, so that no picture or report shows a
/// time span or durations for them. A count that is not a whole number, or a path without a
/// step, is an error naming its row and column (skipped with `--on-error skip`).
public struct PathTableReader {
    public var spec: PathTableSpec
    public var chunkSize: Int

    public init(spec: PathTableSpec, chunkSize: Int = 1 << 20) {
        self.spec = spec
        self.chunkSize = chunkSize
    }

    public func read<S: ByteSource>(_ source: inout S, into table: EventTable, options: ReadOptions) throws -> ResolvedColumns {
        let file = source.name
        var buf = ReadBuffer(chunkSize: chunkSize, maxRecordBytes: options.maxRecordBytes)
        // Column names name the activities or the paths: none may be undecodable.
        let (head, resolver) = try CSVTableRows.header(&buf, &source, chunkSize: chunkSize, options: options)
        func index(_ name: String?, _ role: String) throws -> Int? {
            guard let name else { return nil }
            return resolver.index(of: try resolver.require(name, role: role))
        }
        let pathIndex = try index(spec.pathColumn, "path column")!
        let conversionsIndex = try index(spec.conversionsColumn, "conversions column")
        let nullsIndex = try index(spec.nullsColumn, "non-conversions column")
        let countIndex = try index(spec.countColumn, "count column")
        table.untimed = true
        let columns = ResolvedColumns(caseColumn: "(a journey per count of a path: \(spec.description))", activityColumn: spec.pathColumn,
                                      timestampColumn: "(none: a path table holds no times)", channelColumn: nil)

        var sink = EventSink(table: table, options: options, columns: columns, file: file)
        let separator = Array(spec.separator.utf8)
        let conversion = PathTableSpec.conversionStep
        let countColumns = [(conversionsIndex, spec.conversionsColumn, true), (nullsIndex, spec.nullsColumn, false),
                            (countIndex, spec.countColumn, false)].compactMap { i, name, converts in
            i.flatMap { i in name.map { (index: i, name: $0, converts: converts) } }
        }
        try CSVTableRows.forEach(&buf, &source, header: head, sink: &sink) { field, sink in
            guard let steps = Self.steps(field(pathIndex), separator: separator) else {
                _ = try sink.reject("column \"\(spec.pathColumn)\": expected a path of steps joined by \(spec.separator), found an empty one", reason: "empty path")
                return
            }
            var counts: [(Int, Bool)] = []
            for column in countColumns {
                let cell = MilestoneReader.trimmed(field(column.index))
                guard let k = Self.wholeNumber(cell) else {
                    _ = try sink.reject("column \"\(column.name)\": expected a whole number of journeys, found \"\(String(decoding: cell, as: UTF8.self))\"", reason: "bad count")
                    return
                }
                counts.append((k, column.converts))
            }
            if counts.isEmpty { counts = [(1, false)] }
            var journey = 0
            for (k, converts) in counts {
                for _ in 0..<k {
                    journey += 1
                    let name = "\(sink.line).\(journey)"
                    for step in steps { table.append(case: name, activity: step, timestamp: 0) }
                    if converts { table.append(case: name, activity: conversion, timestamp: 0) }
                }
            }
        }
        return sink.columns
    }

    /// The steps of a path (split at `separator`, spaces around each dropped, empty ones left
    /// out), nil when none is left.
    static func steps(_ value: UnsafeRawBufferPointer, separator: [UInt8]) -> [String]? {
        var steps: [String] = []
        var start = 0, p = 0
        func take(_ end: Int) {
            let step = MilestoneReader.trimmed(UnsafeRawBufferPointer(rebasing: value[start..<end]))
            if !step.isEmpty { steps.append(String(decoding: step, as: UTF8.self)) }
        }
        while p + separator.count <= value.count {
            if value[p] == separator[0] && (1..<separator.count).allSatisfy({ value[p + $0] == separator[$0] }) {
                take(p)
                p += separator.count
                start = p
            } else {
                p += 1
            }
        }
        take(value.count)
        return steps.isEmpty ? nil : steps
    }

    /// A count: digits, perhaps grouped by `,` (`1,234`) or ending in `.0`; nil otherwise.
    static func wholeNumber(_ cell: UnsafeRawBufferPointer) -> Int? {
        var text = String(decoding: cell, as: UTF8.self).filter { $0 != "," }
        if text.hasSuffix(".0") { text.removeLast(2) } else if text.hasSuffix(".00") { text.removeLast(3) }
        guard !text.isEmpty, text.allSatisfy(\.isASCII), let v = Int(text), v >= 0, v <= 100_000_000 else { return nil }
        return v
    }
}

extension PathTableReader {
    /// The path table spec for a CSV file whose first bytes are `head` (`PathTableSpec.detect`
    /// on its header and first row), nil when it is not one or cannot be read so.
    public static func detect(head: [UInt8], name: String, options: ReadOptions) -> PathTableSpec? {
        guard !head.isEmpty else { return nil }
        var source = MemoryByteSource(head, name: name)
        var buf = ReadBuffer(chunkSize: max(1 << 16, head.count + 1), maxRecordBytes: options.maxRecordBytes)
        guard let header = try? CSVReader(chunkSize: max(1 << 16, head.count + 1)).readHeaderNames(&buf, &source, options: options),
              header.undecodable.isEmpty else { return nil }
        var scanner = CSVRowScanner(delimiter: header.delimiter, maxFields: header.names.count + 1)
        var scratch = UnescapeScratch()
        var pos = header.dataStart
        while pos < buf.end {
            guard case .row(let next) = scanner.scan(buf.base, start: pos, end: buf.end, eof: true, line: header.dataLine) else { return nil }
            defer { pos = next }
            let n = scanner.fieldCount
            if n == 1 && scanner.ends[0] == scanner.starts[0] { continue }  // blank line
            guard n == header.names.count else { return nil }
            scratch.reset(capacity: next - pos)
            let row = (0..<n).map { i -> String in
                let s = scanner.starts[i], e = scanner.ends[i]
                let bytes = scanner.escaped[i] ? scratch.unescape(buf.base + s, count: e - s) : UnsafeRawBufferPointer(start: buf.base + s, count: e - s)
                return String(decoding: bytes, as: UTF8.self)
            }
            return PathTableSpec.detect(header: header.names, firstRow: row)
        }
        return nil
    }
}
