@_spi(JourneyIO) import JourneyCore
/// Reads CSV (RFC 4180) event logs: a header row, then one event per row.
///
/// Streams the source in chunks and works on bytes: fields are slices of the read buffer,
/// doubled quotes are collapsed into a scratch buffer only for fields that have them, and a
/// row cut by a chunk boundary is carried over to the next chunk. Accepts LF and CRLF, a
/// UTF-8 byte order mark, and `,` `;` tab `|` as delimiter (the most frequent one outside
/// quotes in the header line, unless `ReadOptions.delimiter` gives it). Blank lines are skipped.
///
/// Errors (a row is skipped instead with `--on-error skip`): a row with more or fewer fields
/// than the header, a NUL byte, text after a closing quote, an empty case / activity /
/// timestamp, a value that is not a timestamp. Always fatal: no header, an unbalanced quote
/// at the end of the input, a given column that does not exist, a used name that appears
/// twice in the header. Names are kept as the file's bytes and decoded leniently (invalid
/// UTF-8 shows as U+FFFD).
public struct CSVReader: EventLogReader, Sendable {
    /// Bytes requested from the source per read; tests use tiny chunks to cut rows anywhere.
    public var chunkSize: Int
    /// `readFile` uses one thread per this many bytes at most (tests make it small).
    public var minimumBytesPerThread: Int

    public init(chunkSize: Int = 1 << 20, minimumBytesPerThread: Int = 8 << 20) {
        self.chunkSize = chunkSize
        self.minimumBytesPerThread = minimumBytesPerThread
    }

    public func read<S: ByteSource>(_ source: inout S, into table: EventTable, options: ReadOptions) throws -> ResolvedColumns {
        try read(&source, into: table, options: options, progress: nil)
    }

    /// `read`, adding the events read to `progress` as it goes.
    public func read<S: ByteSource>(_ source: inout S, into table: EventTable, options: ReadOptions,
                                    progress: ReadProgress?) throws -> ResolvedColumns {
        var buf = ReadBuffer(chunkSize: chunkSize, maxRecordBytes: options.maxRecordBytes)
        let header = try readHeader(&buf, &source, attributeNames: table.attributeNames, options: options)
        var sink = EventSink(table: table, options: options, columns: header.columns, file: source.name,
                             epochUnit: header.epochUnit)
        _ = try readRows(&buf, &source, from: header.dataStart, line: header.dataLine, layout: header, sink: &sink,
                         limit: Int.max, progress: progress)
        return header.columns
    }

    /// What the header says: columns, their field indices, the delimiter, where rows begin.
    struct Header: Sendable {
        var columns: ResolvedColumns
        var epochUnit: TimestampParser.EpochUnit?
        var delimiter: UInt8
        var fieldCount: Int
        var caseIndex: Int, fallbackIndex: Int, activityIndex: Int, timestampIndex: Int, channelIndex: Int
        var attributeIndices: [Int]
        /// GA4 key/value lookups (`event_params.KEY` in a cell of JSON), by role slot: case,
        /// fallback, activity, timestamp, channel, then attributes; nil when there are none.
        var keyed: [KeyedPath?]? = nil
        /// Offset in `buf` of the first data row, and its line number.
        var dataStart: Int
        var dataLine: Int
    }

    /// Reads the byte order mark and the header row; resolves the columns.
    func readHeader<S: ByteSource>(_ buf: inout ReadBuffer, _ source: inout S, attributeNames: [String],
                                   options: ReadOptions) throws -> Header {
        let file = source.name
        let head = try readHeaderNames(&buf, &source, options: options)
        var resolver = ColumnResolver(available: head.names, source: .header, file: file)
        resolver.headerLine = head.headerLine
        // Names that are not UTF-8 matter only for the columns read: when the columns cannot be
        // told apart, or one read has such a name, the encoding is what to fix.
        let resolution: ColumnResolver.Resolution
        do { resolution = try resolver.resolve(options.columns) } catch {
            if let first = head.undecodable.min(by: { $0.key < $1.key }) { throw first.value }
            if var e = error as? InputError, let hint = Self.preambleHint(buf.base, from: head.dataStart, end: buf.end,
                                                                          headerFields: head.names.count, delimiter: head.delimiter,
                                                                          line: head.dataLine) {
                e.message += hint
                throw e
            }
            throw error
        }
        let columns = resolution.columns
        var attributeIndices: [Int] = []
        for name in attributeNames {
            let found = try resolver.require(name, role: "attribute \"\(name)\"")
            try resolver.checkUnique(found)
            attributeIndices.append(resolver.index(of: found)!)
        }
        let used = [columns.caseColumn, columns.caseFallbackColumn, columns.activityColumn, columns.timestampColumn,
                    columns.channelColumn].compactMap { $0.flatMap(resolver.index) } + attributeIndices
        if let bad = used.sorted().first(where: { head.undecodable[$0] != nil }) { throw head.undecodable[bad]! }
        var header = Header(columns: columns, epochUnit: resolution.epochUnit, delimiter: head.delimiter,
                      fieldCount: head.names.count,
                      caseIndex: resolver.index(of: columns.caseColumn)!,
                      fallbackIndex: columns.caseFallbackColumn.flatMap { resolver.index(of: $0) } ?? -1,
                      activityIndex: resolver.index(of: columns.activityColumn)!,
                      timestampIndex: resolver.index(of: columns.timestampColumn)!,
                      channelIndex: columns.channelColumn.flatMap { resolver.index(of: $0) } ?? -1,
                      attributeIndices: attributeIndices, dataStart: head.dataStart, dataLine: head.dataLine)
        let slots = [columns.caseColumn, columns.caseFallbackColumn, columns.activityColumn, columns.timestampColumn,
                     columns.channelColumn] + attributeNames.map { Optional($0) }
        let keyed = slots.map { $0.flatMap(resolver.keyedPath) }
        if keyed.contains(where: { $0 != nil }) { header.keyed = keyed }
        return header
    }

    /// When the columns cannot be told and the header line is followed by lines of other
    /// lengths before three lines of one length (at least three fields: a table), the header is
    /// likely a preamble above the table (a bank export's account summary): the `--skip-lines`
    /// that starts at that table (among the next 30 lines).
    static func preambleHint(_ b: UnsafePointer<UInt8>, from start: Int, end: Int, headerFields: Int, delimiter: UInt8,
                             line firstLine: Int) -> String? {
        var counts: [Int] = []  // fields of lines firstLine, firstLine + 1, …
        var pos = start
        while pos < end && counts.count < 32 {
            let lineEnd = UnsafeBufferPointer(start: b + pos, count: end - pos).firstIndex(of: 0x0a).map { pos + $0 } ?? end
            counts.append(1 + UnsafeBufferPointer(start: b + pos, count: lineEnd - pos).reduce(0) { $0 + ($1 == delimiter ? 1 : 0) })
            pos = lineEnd + 1
        }
        // The widest such table (a summary of label;value; lines is a table of three too).
        var best: Int?
        for k in 0..<max(0, counts.count - 2) where counts[k] >= 3 && counts[k + 1] == counts[k] && counts[k + 2] == counts[k] {
            if best.map({ counts[k] > counts[$0] }) ?? true { best = k }
        }
        // The table starts right under the header: the header is its own (nothing to pass over).
        guard let k = best, !(k == 0 && counts[k] == headerFields) else { return nil }
        let line = firstLine + k
        return "; line \(line) starts a table of \(counts[k]) columns under lines of other lengths: if its first row is the header, "
            + "pass over the lines above it with --skip-lines \(line - 1)"
    }

    /// The header row's names and delimiter, where (offset in `buf`, line) the rows begin,
    /// and the error for each name that is not UTF-8 (by column index; `TextEncodingCheck`).
    func readHeaderNames<S: ByteSource>(_ buf: inout ReadBuffer, _ source: inout S, options: ReadOptions)
        throws -> (names: [String], delimiter: UInt8, dataStart: Int, dataLine: Int, undecodable: [Int: InputError], headerLine: Int) {
        let file = source.name
        var pos = try skipByteOrderMark(&buf, &source, file: file)

        // The header: the first non-blank line after `skipLines` lines, which must be complete in the buffer.
        var line = 1
        var headerEnd = 0
        var toSkip = options.skipLines
        while true {
            if toSkip > 0 {
                // Lines passed over are not parsed (a preamble's quotes need not balance).
                if let newline = UnsafeBufferPointer(start: buf.base + pos, count: buf.end - pos).firstIndex(of: 0x0a) {
                    pos += newline + 1; line += 1; toSkip -= 1
                    continue
                }
                if buf.atEOF {
                    throw InputError(file: file, line: line, message: "--skip-lines \(options.skipLines): the file has only \(line - (buf.end > pos ? 0 : 1)) lines, so no header is left")
                }
                _ = try buf.refill(&source, keepingFrom: pos, line: line)
                pos = 0
                continue
            }
            if let e = Self.headerLineEnd(buf.base, start: pos, end: buf.end) {
                if Self.isBlank(buf.base, pos, e) || (options.skipLines == 0 && Self.isPreambleComment(buf.base, pos, e)) {
                    pos = e; line += 1; continue
                }
                headerEnd = e
                break
            }
            if buf.atEOF {
                guard !Self.isBlank(buf.base, pos, buf.end) else {
                    throw InputError(file: file, line: line, message: "empty file: expected a header row")
                }
                headerEnd = buf.end
                break
            }
            try Self.refuseCarriageReturnLineEnds(buf.base, start: pos, end: buf.end, file: file, line: line)
            _ = try buf.refill(&source, keepingFrom: pos, line: line)
            pos = 0
            headerEnd = 0
        }
        try Self.refuseCarriageReturnLineEnds(buf.base, start: pos, end: headerEnd, file: file, line: line)
        let delimiter = options.delimiter ?? Self.detectDelimiter(buf.base, start: pos, end: headerEnd)
        let names = try headerNames(buf.base, start: pos, end: headerEnd, delimiter: delimiter, line: line, file: file,
                                    absolute: buf.absoluteOffset)
        let headerLine = line
        line += 1 + names.lines
        return (names.names, delimiter, headerEnd, line, names.undecodable, headerLine)
    }

    /// Reads rows from `pos` in `buf` (line `line`) into `sink` until the input ends or a row
    /// would start at or after the absolute offset `limit`. Returns the absolute offset where
    /// reading stopped (the start of the first row not read) and that row's line.
    /// - Complexity: O(bytes read).
    func readRows<S: ByteSource>(_ buf: inout ReadBuffer, _ source: inout S, from start: Int, line firstLine: Int,
                                 layout h: Header, sink: inout EventSink, limit: Int,
                                 progress: ReadProgress? = nil) throws -> (offset: Int, line: Int) {
        let file = source.name
        var pos = start
        var line = firstLine
        var scanner = CSVRowScanner(delimiter: h.delimiter, maxFields: h.fieldCount + 1)
        var scratch = UnescapeScratch()
        let delimiter = h.delimiter, fieldCount = h.fieldCount
        let caseIndex = h.caseIndex, fallbackIndex = h.fallbackIndex, activityIndex = h.activityIndex
        let timestampIndex = h.timestampIndex, channelIndex = h.channelIndex
        // GA4 lookups in cells of JSON (none in plain logs: one nil test per row).
        let keyed = h.keyed
        let lookups = keyed?.map { $0.map { _ in KeyValueListReader() } }
        sink.batching = true
        var reported = sink.table.count
        func report() {
            guard let progress else { return }
            let now = sink.table.count
            progress.add(events: now - reported)
            reported = now
        }
        defer { sink.flushRows(); report() }

        while true {
            if buf.absoluteOffset + pos >= limit { break }
            if pos >= buf.end {
                sink.flushRows()
                report()
                guard try buf.refill(&source, keepingFrom: pos) else { break }
                pos = 0
            }
            let base = buf.base
            switch scanner.scan(base, start: pos, end: buf.end, eof: buf.atEOF, line: line) {
            case .needMore:
                sink.flushRows()
                report()
                _ = try buf.refill(&source, keepingFrom: pos, line: line)
                pos = 0
                continue
            case .unbalancedQuote(_, let quoteLine):
                throw InputError(file: file, line: quoteLine, message:
                    "a quoted field opened on this line is never closed (expected a closing '\"' before the end of the file)")
            case .row(let next):
                defer { line += 1 + scanner.newlines; pos = next }
                let n = scanner.fieldCount
                if n == 1 && scanner.ends[0] == scanner.starts[0] && next - pos <= 2 { continue }  // blank line
                sink.line = line
                sink.byteOffset = buf.absoluteOffset + pos
                if n != fieldCount {
                    _ = try sink.reject("expected \(fieldCount) fields (as in the header), found \(n)", reason: "wrong field count")
                    continue
                }
                switch scanner.problem {
                case .none: break
                case .nul:
                    _ = try sink.reject("NUL byte in the row (is the file UTF-16 or binary?)", reason: "NUL byte")
                    continue
                case .textAfterQuote(let at):
                    _ = try sink.reject("expected \(Self.describe(delimiter)) or end of line after a closing quote, found \(Self.describe(base[at]))",
                                        reason: "text after quote")
                    continue
                }
                if scanner.anyEscaped { scratch.reset(capacity: next - pos) }
                @inline(__always) func field(_ i: Int) -> UnsafeRawBufferPointer {
                    let s = scanner.starts[i], e = scanner.ends[i]
                    if scanner.escaped[i] { return scratch.unescape(base + s, count: e - s) }
                    return UnsafeRawBufferPointer(start: base + s, count: e - s)
                }
                if let keyed, let lookups {
                    // A list column may be unescaped once per role that looks into it.
                    if scanner.anyEscaped { scratch.reset(capacity: (next - pos) * keyed.count) }
                    func value(_ slot: Int, _ index: Int) -> UnsafeRawBufferPointer? {
                        guard let path = keyed[slot], let lookup = lookups[slot] else { return field(index) }
                        return lookup.value(of: path.key, in: field(index))
                    }
                    guard try sink.stage(case: value(0, caseIndex), fallback: fallbackIndex >= 0 ? value(1, fallbackIndex) : nil,
                                         activity: value(2, activityIndex), timestamp: value(3, timestampIndex),
                                         channel: channelIndex >= 0 ? value(4, channelIndex) : nil) else { continue }
                    for k in h.attributeIndices.indices {
                        if let v = value(5 + k, h.attributeIndices[k]) { try sink.stageAttribute(k, v) }
                    }
                    sink.commit()
                    continue
                }
                guard try sink.stage(case: field(caseIndex), fallback: fallbackIndex >= 0 ? field(fallbackIndex) : nil,
                                     activity: field(activityIndex), timestamp: field(timestampIndex),
                                     channel: channelIndex >= 0 ? field(channelIndex) : nil,
                                     deferringCase: !scanner.anyEscaped) else { continue }
                for k in h.attributeIndices.indices { try sink.stageAttribute(k, field(h.attributeIndices[k])) }
                sink.commit()
            }
        }
        return (buf.absoluteOffset + pos, line)
    }

    /// Skips a UTF-8 byte order mark; refuses UTF-16 ones (an uncompressed file starting with one is converted before it gets here, `LogTextEncoding`). Returns where the text starts.
    private func skipByteOrderMark<S: ByteSource>(_ buf: inout ReadBuffer, _ source: inout S, file: String) throws -> Int {
        while buf.end < 3, try buf.refill(&source, keepingFrom: 0) {}
        let b = buf.base
        if buf.end >= 2 && ((b[0] == 0xff && b[1] == 0xfe) || (b[0] == 0xfe && b[1] == 0xff)) {
            throw InputError(file: file, line: 1, byteOffset: 0, message: "the file is UTF-16 (it starts with UTF-16's byte order mark); give --encoding utf-16 to read it, or convert it, e.g. with iconv -f UTF-16 -t UTF-8")
        }
        if buf.end >= 3 && b[0] == 0xef && b[1] == 0xbb && b[2] == 0xbf { return 3 }
        return 0
    }

    /// The header's field names (doubled quotes collapsed, decoded leniently), the number
    /// of line breaks inside its quoted names, and the error for each name that is not UTF-8.
    private func headerNames(_ b: UnsafePointer<UInt8>, start: Int, end: Int, delimiter: UInt8, line: Int,
                             file: String, absolute: Int) throws -> (names: [String], lines: Int, undecodable: [Int: InputError]) {
        var scanner = CSVRowScanner(delimiter: delimiter, maxFields: end - start + 1)
        switch scanner.scan(b, start: start, end: end, eof: true, line: line) {
        case .needMore: preconditionFailure("eof given")
        case .unbalancedQuote(_, let quoteLine):
            throw InputError(file: file, line: quoteLine, message:
                "a quoted column name opened on this line is never closed (expected a closing '\"')")
        case .row:
            if case .nul = scanner.problem {
                if let e = Self.utf16WithoutMark(b, start: start, end: end, file: file, line: line) { throw e }
                throw InputError(file: file, line: line, byteOffset: absolute + start,
                                 message: "NUL byte in the header (is the file UTF-16 or binary?)")
            }
        }
        var scratch = UnescapeScratch()
        scratch.reset(capacity: end - start)
        var names: [String] = []
        var undecodable: [Int: InputError] = [:]
        for i in 0..<scanner.fieldCount {
            let s = scanner.starts[i], e = scanner.ends[i]
            let bytes = scanner.escaped[i] ? scratch.unescape(b + s, count: e - s)
                                           : UnsafeRawBufferPointer(start: b + s, count: e - s)
            undecodable[i] = TextEncodingCheck.columnNameError(bytes, index: i, file: file, line: line, byteOffset: absolute + s)
            names.append(String(decoding: bytes, as: UTF8.self))
        }
        return (names, scanner.newlines, undecodable)
    }

    static func isBlank(_ b: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
        var p = start
        while p < end {
            let c = b[p]
            if c != 0x0a && c != 0x0d && c != 0x20 && c != 0x09 { return false }
            p += 1
        }
        return true
    }
}

/// Where quoted fields with doubled quotes are collapsed; reset per row, sized to the row.
struct UnescapeScratch: ~Copyable {
    private var base: UnsafeMutablePointer<UInt8>
    private var capacity = 256
    private var used = 0

    init() { base = .allocate(capacity: capacity) }
    deinit { base.deallocate() }

    /// Empties the scratch and makes room for `capacity` bytes.
    mutating func reset(capacity needed: Int) {
        used = 0
        guard needed > capacity else { return }
        base.deallocate()
        while capacity < needed { capacity *= 2 }
        base = .allocate(capacity: capacity)
    }

    /// Copies `count` bytes at `p` with every `""` collapsed to `"`; the slice lives until `reset`.
    mutating func unescape(_ p: UnsafePointer<UInt8>, count: Int) -> UnsafeRawBufferPointer {
        let out = base + used
        var n = 0, i = 0
        while i < count {
            out[n] = p[i]
            n += 1
            i += (p[i] == 0x22 && i + 1 < count && p[i + 1] == 0x22) ? 2 : 1
        }
        used += n
        return UnsafeRawBufferPointer(start: out, count: n)
    }
}
