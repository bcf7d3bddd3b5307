@_spi(JourneyIO) import JourneyCore
/// The data rows of a CSV table whose header `CSVReader.readHeaderNames` has read, for the
/// readers that turn a table into events (`MilestoneReader`, `PathTableReader`): blank lines
/// passed over, rows with another number of fields than the header, a NUL byte or text after
/// a closing quote rejected through the sink (`--on-error`), each other row handed to `body`
/// with its fields (quotes undone) and the sink's line and byte offset set. The event-log
/// reader (`CSVReader.readRows`) has its own loop, which reports progress and stops at a range.
struct CSVTableRows {
    typealias Header = (names: [String], delimiter: UInt8, dataStart: Int, dataLine: Int, undecodable: [Int: InputError], headerLine: Int)

    /// Reads the header of a table whose column names name things (milestones, paths), none
    /// of which may be undecodable, and the resolver of its columns.
    static func header<S: ByteSource>(_ buf: inout ReadBuffer, _ source: inout S, chunkSize: Int,
                                      options: ReadOptions) throws -> (Header, ColumnResolver) {
        let head = try CSVReader(chunkSize: chunkSize).readHeaderNames(&buf, &source, options: options)
        if let first = head.undecodable.min(by: { $0.key < $1.key }) { throw first.value }
        return (head, ColumnResolver(available: head.names, source: .header, file: source.name))
    }

    static func forEach<S: ByteSource>(_ buf: inout ReadBuffer, _ source: inout S, header: Header, sink: inout EventSink,
                                       _ body: (_ field: (Int) -> UnsafeRawBufferPointer, _ sink: inout EventSink) throws -> Void) throws {
        var scanner = CSVRowScanner(delimiter: header.delimiter, maxFields: header.names.count + 1)
        var scratch = UnescapeScratch()
        var pos = header.dataStart, line = header.dataLine
        while true {
            if pos >= buf.end {
                guard try buf.refill(&source, keepingFrom: pos) else { break }
                pos = 0
            }
            let base = buf.base
            switch scanner.scan(base, start: pos, end: buf.end, eof: buf.atEOF, line: line) {
            case .needMore:
                _ = try buf.refill(&source, keepingFrom: pos, line: line)
                pos = 0
                continue
            case .unbalancedQuote(_, let quoteLine):
                throw InputError(file: source.name, line: quoteLine, message:
                    "a quoted field opened on this line is never closed (expected a closing '\"' before the end of the file)")
            case .row(let next):
                defer { line += 1 + scanner.newlines; pos = next }
                let n = scanner.fieldCount
                if n == 1 && scanner.ends[0] == scanner.starts[0] && next - pos <= 2 { continue }  // blank line
                sink.line = line
                sink.byteOffset = buf.absoluteOffset + pos
                if n != header.names.count {
                    _ = try sink.reject("expected \(header.names.count) fields (as in the header), found \(n)", reason: "wrong field count")
                    continue
                }
                switch scanner.problem {
                case .none: break
                case .nul:
                    _ = try sink.reject("NUL byte in the row (is the file UTF-16 or binary?)", reason: "NUL byte")
                    continue
                case .textAfterQuote(let at):
                    _ = try sink.reject("expected \(CSVReader.describe(header.delimiter)) or end of line after a closing quote, found \(CSVReader.describe(base[at]))",
                                        reason: "text after quote")
                    continue
                }
                scratch.reset(capacity: next - pos)
                try body({ i in
                    let s = scanner.starts[i], e = scanner.ends[i]
                    if scanner.escaped[i] { return scratch.unescape(base + s, count: e - s) }
                    return UnsafeRawBufferPointer(start: base + s, count: e - s)
                }, &sink)
            }
        }
    }
}
