import Foundation
import JourneyCore
import JourneyIO
import JourneyGzip

/// Settles between the `--timestamp-format`s a timestamp error suggests when its value fits
/// more than one: "12/1/10 8:26" (UCI Online Retail) reads day first and month first, and the
/// error offered both, day first first, so a user who took it read 1 December as 12 January
/// until a row such as "12/13/10" stopped the reading. The rows at the start of the file
/// (`prefixBytes`, whole lines) are read with each pattern: when exactly one reads them all, the
/// error names only it and says what the other leaves out; when each does, it says that the
/// rows fit both. Nothing when the file cannot be read again.
enum TimestampFormatChoice {
    static let prefixBytes = 16 << 20

    static func settle(_ error: InputError, path: String, format: LogFormat, read: ReadOptions) -> InputError {
        guard error.suggestedFormats.count >= 2, format == .csv || format == .jsonl, read.milestones == nil else { return error }
        // `rows`: the timestamps read or refused (a row left out for its case is not read further).
        var results: [(pattern: String, rows: Int, bad: Int, first: String?)] = []
        var whole = false
        for pattern in error.suggestedFormats {
            guard let parsed = try? TimestampFormat(pattern), let file = try? openLogSource(path: path, encoding: read.encoding) else {
                return error
            }
            var options = read
            options.timestamps.format = parsed
            options.onError = .skip
            let table = EventTable(attributeNames: read.columns.attributes)
            var source = PrefixByteSource(file, limit: prefixBytes, wholeLines: true)
            do {
                // As `LogLoader` reads it: whitespace-aligned tables through `readLog`.
                if format == .csv && read.delimiter != ReadOptions.whitespaceDelimiter {
                    _ = try CSVReader().read(&source, into: table, options: options)
                } else {
                    _ = try readLog(&source, format: format, into: table, options: options)
                }
            } catch _ {
                return error
            }
            whole = source.left > 0
            let bad = table.skipped.reasons["bad timestamp"] ?? 0
            results.append((pattern, table.count + bad, bad, bad > 0 ? firstBad(table.skipped.firstByReason["bad timestamp"].map { [$0] } ?? [], path: path, column: error.column) : nil))
        }
        let all = results.filter { $0.bad == 0 }
        let listed = "--timestamp-format " + error.suggestedFormats.map { "\"\($0)\"" }.joined(separator: " or ") + " would read it"
        guard error.message.contains(listed), let rows = results.map(\.rows).max(), rows > 0 else { return error }
        let timestamps = "\(CountFormat.grouped(rows)) timestamps " + (whole ? "in the file" : "at the start of the file")
        var settled = error
        if all.count == 1, let winner = all.first {
            let others = results.filter { $0.bad > 0 }.map { other in
                "\"\(other.pattern)\" fails on \(CountFormat.grouped(other.bad))" + (other.first.map { ", the first \($0)" } ?? "")
            }
            settled.message = error.message.replacingOccurrences(
                of: listed,
                with: "--timestamp-format \"\(winner.pattern)\" would read it (it reads all \(timestamps); "
                    + others.joined(separator: "; ") + ")")
        } else if all.count == results.count {
            settled.message = error.message.replacingOccurrences(
                of: listed,
                with: listed + " (each reads all \(timestamps): which one the file means, its source has to say)")
        }
        settled.suggestedFormats = all.count == 1 ? all.map(\.pattern) : error.suggestedFormats
        return settled
    }

    /// `line L: "value"` from the first skipped row's description in the timestamp column
    /// (`path:L: column "c": … found "value"…`; rows left out for other reasons are passed by).
    static func firstBad(_ examples: [String], path: String, column: String?) -> String? {
        let inColumn = column.map { ": column \"\($0)\": expected " } ?? ": expected "
        guard let example = examples.first(where: { $0.hasPrefix(path + ":") && $0.contains(inColumn) }) else { return nil }
        let rest = example.dropFirst(path.count + 1)
        guard let line = Int(rest.prefix { $0.isNumber }) else { return nil }
        guard let found = example.range(of: "found \"") else { return "at line \(line)" }
        let value = example[found.upperBound...].prefix { $0 != "\"" }
        return "at line \(line): \"\(value)\""
    }
}
