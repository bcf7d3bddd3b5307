import Foundation
import JourneyCore
import JourneyIO

/// Catches numbers read as epoch times that land where no log lives: a ledger's `19971231`
/// would be 1970 as seconds (such eight-digit dates are dates now, but other numbers —
/// day counts, ids, `--timestamp-unit` given wrongly — still can be). Reads the first rows
/// again (at most `LogSniffer.headBytes`), keeping the timestamp column's raw text, and warns
/// when most of those that are plain numbers read as before 1990 or after 2100.
enum EpochRangeCheck {
    static let earliest = daysFromCivil(1990, 1, 1) * 86_400_000_000
    static let latest = daysFromCivil(2100, 1, 1) * 86_400_000_000

    /// The warning for the file at `path`, or nil when its timestamps look right.
    static func warning(path: String, request: LogRequest) -> String? {
        guard let (format, plan) = try? LogLoader.readingPlan(path: path, request: request),
              format == .csv || format == .jsonl else { return nil }
        let head = HeadRows.bytes(of: path, encoding: plan.encoding)
        var read = plan
        read.onError = .skip
        // First read: which column is the timestamp; second: its raw text as an attribute.
        var first = MemoryByteSource(head, name: path)
        guard let columns = try? readLog(&first, format: format, into: EventTable(), options: read) else { return nil }
        read.columns.attributes = [columns.timestampColumn]
        var second = MemoryByteSource(head, name: path)
        let table = EventTable(attributeNames: [columns.timestampColumn])
        guard (try? readLog(&second, format: format, into: table, options: read)) != nil, table.count > 0 else { return nil }
        var numeric = 0, outside = 0
        var example: (raw: String, micros: Int64)?
        for row in 0..<table.count {
            let raw = table.attributeValues.string(table.attributeColumns[0][row])
            guard isPlainNumber(raw) else { continue }
            numeric += 1
            let t = table.timestamps[row]
            if t < earliest || t >= latest {
                outside += 1
                if example == nil { example = (raw, t) }
            }
        }
        guard numeric > 0, outside * 2 > table.count, let example else { return nil }
        let unit = plan.timestamps.epochUnit.map { "--timestamp-unit \($0.rawValue)" }
            ?? "epoch \(TimestampParser.guessUnit(Int64(Double(example.raw) ?? 0)).rawValue) (by magnitude)"
        return "column \"\(columns.timestampColumn)\": \(outside) of the first \(table.count) timestamps read as \(unit) land before 1990 or after 2100, e.g. \(example.raw) → \(formatISO8601(example.micros)); if that is wrong, give --timestamp-unit s|ms|us|ns or --timestamp-format (e.g. \"%Y%m%d\")"
    }

    /// `123`, `-5`, `1700000000.25`: what the parser reads as an epoch (ISO dates have inner dashes).
    static func isPlainNumber(_ s: String) -> Bool {
        // ASCII text judged by its bytes (Foundation's trimming took ~6 ms of a 1,000-row head).
        var ascii = true
        let answer: Bool? = s.utf8.withContiguousStorageIfAvailable { bytes -> Bool in
            var lo = 0, hi = bytes.count
            while lo < hi, bytes[lo] == 0x20 || bytes[lo] == 0x09 { lo += 1 }
            while hi > lo, bytes[hi - 1] == 0x20 || bytes[hi - 1] == 0x09 { hi -= 1 }
            if lo < hi, bytes[lo] == UInt8(ascii: "-") { lo += 1 }
            var digitsBeforeDot = 0, dots = 0
            for i in lo..<hi {
                let b = bytes[i]
                if b >= 0x80 { ascii = false; return false }
                if b == UInt8(ascii: ".") { dots += 1 } else if b >= 0x30 && b <= 0x39 { if dots == 0 { digitsBeforeDot += 1 } } else { return false }
            }
            return dots <= 1 && digitsBeforeDot > 0
        }
        if let answer, ascii { return answer }
        return isPlainNumberUnicode(s)
    }

    /// `isPlainNumber` for text with non-ASCII characters (Unicode spaces around the number).
    static func isPlainNumberUnicode(_ s: String) -> Bool {
        var body = Substring(s.trimmingCharacters(in: .whitespaces))
        if body.first == "-" { body = body.dropFirst() }
        let parts = body.split(separator: ".", omittingEmptySubsequences: false)
        return !body.isEmpty && parts.count <= 2 && !parts[0].isEmpty
            && parts.allSatisfy { $0.allSatisfy { $0.isASCII && $0.isNumber } }
    }
}
