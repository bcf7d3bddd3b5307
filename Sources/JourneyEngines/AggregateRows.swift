import Foundation
import JourneyCore

/// The result table of a `MiningQuery`: the "aggregates rows" CSV (docs/engines.md).
///
/// A header `kind,key1,key2,n1,n2,n3`, then one row per aggregate, in any order:
///
/// | kind | key1 | key2 | n1 | n2 | n3 |
/// |---|---|---|---|---|---|
/// | read | | | rows read | | |
/// | events | | | events mined | first µs | last µs |
/// | journeys | | | journeys | | |
/// | touchpoint | id | name | stage index | | |
/// | node | id | | events | journeys | |
/// | start / end | id | | journeys starting / ending there | | |
/// | channel | id | channel | events | | |
/// | edge | from id | to id | transitions | journeys | sum of durations µs |
/// | bucket | from id | to id | histogram bucket | transitions | |
/// | stage | stage index | | events | journeys | |
/// | stage_edge | from index | to index | transitions | journeys | |
/// | variants | | | distinct paths | | |
/// | variant | ids joined by spaces | | journeys | | |
/// | position | id | | bin 0…63 | events | |
///
/// Any CSV export of that table reads back (DuckDB's `COPY`, BigQuery's or psql's CSV):
/// RFC 4180 quoting, CRLF or LF line ends, empty numbers read as 0.
public struct AggregateRows: Sendable, Equatable {
    public struct Row: Sendable, Equatable {
        public var kind: String
        public var key1: String
        public var key2: String
        public var n: [Int64]
        /// Line of the file the row starts on (1-based; 0 when not from a file).
        public var line: Int
    }

    public var rows: [Row]
    public static let header = ["kind", "key1", "key2", "n1", "n2", "n3"]
    public static let kinds: Set<String> = ["read", "events", "journeys", "touchpoint", "node", "start", "end", "channel",
                                            "edge", "bucket", "stage", "stage_edge", "variants", "variant", "position"]

    public init(rows: [Row]) { self.rows = rows }

    /// Reads the CSV at `url`; errors name the file, the line and what was expected.
    public init(contentsOf url: URL, name: String? = nil) throws {
        let file = name ?? url.path
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw AggregateRowsError(file: file, line: 0, message: "cannot read the file (\(error.localizedDescription))")
        }
        try self.init(csv: data, file: file)
    }

    /// Parses the CSV bytes.
    public init(csv data: Data, file: String) throws {
        var records = CSVRecords(bytes: [UInt8](data))
        guard let (header, headerLine) = try records.next(file: file) else {
            throw AggregateRowsError(file: file, line: 1, message: "the file is empty; expected the header \(Self.header.joined(separator: ","))")
        }
        let names = header.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        guard names.count >= 6, Array(names.prefix(6)) == Self.header else {
            throw AggregateRowsError(file: file, line: headerLine,
                                     message: "header \"\(header.joined(separator: ","))\": expected \(Self.header.joined(separator: ",")) (the columns of the query `mine --engine sql` prints)")
        }
        var rows: [Row] = []
        while let (fields, line) = try records.next(file: file) {
            if fields.count == 1 && fields[0].isEmpty { continue }  // a blank line
            guard fields.count >= 6 else {
                throw AggregateRowsError(file: file, line: line, message: "\(fields.count) field\(fields.count == 1 ? "" : "s"); expected 6 (kind,key1,key2,n1,n2,n3)")
            }
            let kind = fields[0]
            guard Self.kinds.contains(kind) else {
                throw AggregateRowsError(file: file, line: line, message: "kind \"\(kind)\": expected one of \(Self.kinds.sorted().joined(separator: ", "))")
            }
            var numbers: [Int64] = []
            for (i, text) in fields[3..<6].enumerated() {
                let t = text.trimmingCharacters(in: .whitespaces)
                if t.isEmpty { numbers.append(0); continue }
                guard let v = Self.integer(t) else {
                    throw AggregateRowsError(file: file, line: line, message: "n\(i + 1) \"\(text)\": expected a whole number")
                }
                numbers.append(v)
            }
            rows.append(Row(kind: kind, key1: fields[1], key2: fields[2], n: numbers, line: line))
        }
        self.rows = rows
    }

    /// A whole number, also written `12.0` or `1.2E+1` by engines that sum into decimals or doubles.
    static func integer(_ t: String) -> Int64? {
        if let v = Int64(t) { return v }
        if let d = Decimal(string: t), d == d.rounded(0), let v = Int64(exactly: NSDecimalNumber(decimal: d).int64Value),
           Decimal(v) == d { return v }
        return nil
    }

    /// The rows as CSV (the same format; `--aggregates` reads it back).
    public func csv() -> String {
        var out = Self.header.joined(separator: ",") + "\n"
        for r in rows {
            out += [r.kind, r.key1, r.key2].map(Self.quoted).joined(separator: ",")
            out += "," + r.n.map(String.init).joined(separator: ",") + "\n"
        }
        return out
    }

    static func quoted(_ field: String) -> String {
        guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

extension Decimal {
    fileprivate func rounded(_ scale: Int) -> Decimal {
        var value = self, result = Decimal()
        NSDecimalRound(&result, &value, scale, .plain)
        return result
    }
}

/// An aggregates file that cannot be read: which file, which line, what was expected.
public struct AggregateRowsError: CategorizedError, Sendable, Equatable {
    public var file: String
    public var line: Int
    public var message: String
    public var category: ErrorCategory { .badInput }
    public var description: String { line > 0 ? "\(file):\(line): \(message)" : "\(file): \(message)" }
}

/// RFC 4180 records of a byte buffer, with the line each starts on.
struct CSVRecords {
    let bytes: [UInt8]
    var i = 0
    var line = 1

    init(bytes: [UInt8]) {
        self.bytes = bytes
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { i = 3 }
    }

    mutating func next(file: String) throws -> ([String], Int)? {
        guard i < bytes.count else { return nil }
        let start = line
        var fields: [String] = []
        var field: [UInt8] = []
        var quoted = false
        while i < bytes.count {
            let b = bytes[i]
            if quoted {
                if b == 0x22 {
                    if i + 1 < bytes.count, bytes[i + 1] == 0x22 { field.append(0x22); i += 2; continue }
                    quoted = false; i += 1; continue
                }
                if b == 0x0A { line += 1 }
                field.append(b); i += 1; continue
            }
            switch b {
            case 0x22 where field.isEmpty: quoted = true; i += 1
            case 0x2C: fields.append(String(decoding: field, as: UTF8.self)); field = []; i += 1
            case 0x0D where i + 1 < bytes.count && bytes[i + 1] == 0x0A: i += 1
            case 0x0A:
                i += 1; line += 1
                fields.append(String(decoding: field, as: UTF8.self))
                return (fields, start)
            default: field.append(b); i += 1
            }
        }
        if quoted { throw AggregateRowsError(file: file, line: start, message: "a quoted field is not closed; expected a closing \"") }
        fields.append(String(decoding: field, as: UTF8.self))
        return (fields, start)
    }
}

/// Plain CSV records of a small result file (header included), e.g. the column names an
/// engine reports.
public enum AggregateRowsCSV {
    public static func records(of url: URL) throws -> [[String]] {
        var records = CSVRecords(bytes: [UInt8]((try? Data(contentsOf: url)) ?? Data()))
        var out: [[String]] = []
        while let (fields, _) = try records.next(file: url.path) { out.append(fields) }
        return out
    }
}
