@_spi(JourneyIO) import JourneyCore
/// Reads whitespace-aligned text tables (`--delimiter whitespace`): a header line, then one
/// event per line, fields separated by runs of spaces or tabs, leading and trailing ones
/// ignored — the layout of fixed-width ledgers such as
/// ```
///  customer_id  date      number_of_cds  dollar_value
///        00001  19970101              1         11.77
/// ```
/// No quoting: a value cannot hold a space. Columns are resolved as for CSV; a line with
/// another number of fields than the header is an `InputError` (skipped with `--on-error skip`).
public struct WhitespaceTableReader: EventLogReader {
    public var chunkSize: Int

    public init(chunkSize: Int = 1 << 20) {
        self.chunkSize = chunkSize
    }

    /// The fields of `b[start..<end]`, as offset ranges.
    static func fields(_ b: UnsafePointer<UInt8>, start: Int, end: Int, into out: inout [(Int, Int)]) {
        out.removeAll(keepingCapacity: true)
        var p = start
        while true {
            while p < end && (b[p] == 0x20 || b[p] == 0x09 || b[p] == 0x0d) { p += 1 }
            guard p < end else { return }
            let s = p
            while p < end && b[p] != 0x20 && b[p] != 0x09 && b[p] != 0x0d { p += 1 }
            out.append((s, p))
        }
    }

    public func read<S: ByteSource>(_ source: inout S, into table: EventTable, options: ReadOptions) throws -> ResolvedColumns {
        let file = source.name
        var lines = LineReader(chunkSize: chunkSize, maxRecordBytes: options.maxRecordBytes)
        var spans: [(Int, Int)] = []
        var names: [String]? = nil
        var undecodable: InputError?
        while let (start, end) = try lines.next(&source) {
            let base = lines.buffer.base
            if CSVReader.isBlank(base, start, end) { continue }
            Self.fields(base, start: start, end: end, into: &spans)
            names = spans.map { String(decoding: UnsafeRawBufferPointer(start: base + $0.0, count: $0.1 - $0.0), as: UTF8.self) }
            for (i, span) in spans.enumerated() where undecodable == nil {
                undecodable = TextEncodingCheck.columnNameError(UnsafeRawBufferPointer(start: base + span.0, count: span.1 - span.0),
                                                                index: i, file: file, line: lines.line)
            }
            break
        }
        guard let names else { throw InputError(file: file, line: 1, message: "empty file: expected a header row") }
        let resolver = ColumnResolver(available: names, source: .header, file: file)
        // A header that is not UTF-8: the encoding is what to fix when the columns cannot be told apart.
        let resolution: ColumnResolver.Resolution
        do { resolution = try resolver.resolve(options.columns) } catch { throw undecodable ?? error }
        let columns = resolution.columns
        let attributeIndices = try table.attributeNames.map { name -> Int in
            let found = try resolver.require(name, role: "attribute \"\(name)\"")
            try resolver.checkUnique(found)
            return resolver.index(of: found)!
        }
        let caseIndex = resolver.index(of: columns.caseColumn)!
        let fallbackIndex = columns.caseFallbackColumn.flatMap { resolver.index(of: $0) }
        let activityIndex = resolver.index(of: columns.activityColumn)!
        let timestampIndex = resolver.index(of: columns.timestampColumn)!
        let channelIndex = columns.channelColumn.flatMap { resolver.index(of: $0) }
        var sink = EventSink(table: table, options: options, columns: columns, file: file, epochUnit: resolution.epochUnit)

        while let (start, end) = try lines.next(&source) {
            let base = lines.buffer.base
            if CSVReader.isBlank(base, start, end) { continue }
            sink.line = lines.line
            sink.byteOffset = lines.absolute(start)
            Self.fields(base, start: start, end: end, into: &spans)
            guard spans.count == names.count else {
                _ = try sink.reject("expected \(names.count) fields separated by spaces (as in the header), found \(spans.count)",
                                    reason: "wrong field count")
                continue
            }
            func field(_ i: Int) -> UnsafeRawBufferPointer {
                UnsafeRawBufferPointer(start: base + spans[i].0, count: spans[i].1 - spans[i].0)
            }
            guard try sink.stage(case: field(caseIndex), fallback: fallbackIndex.map(field), activity: field(activityIndex),
                                 timestamp: field(timestampIndex), channel: channelIndex.map(field)) else { continue }
            for (k, i) in attributeIndices.enumerated() { try sink.stageAttribute(k, field(i)) }
            sink.commit()
        }
        return columns
    }
}
