import Foundation
import JourneyCore
import JourneyIO

/// Catches Buddhist-era years (พ.ศ. 2567 = 2024), which Thai exports and Thai Excel write: read
/// as common-era years they put events five centuries ahead, and nothing else looked wrong (a
/// journey of one user spanned 543 years). Reads the first rows again (at most
/// `LogSniffer.headBytes`) and warns when their timestamps fall in the years 2400–2700 and
/// `--buddhist-era` was not given.
enum BuddhistEraCheck {
    static let earliest = daysFromCivil(2400, 1, 1) * 86_400_000_000
    static let latest = daysFromCivil(2700, 1, 1) * 86_400_000_000

    /// The warning for the file at `path`, or nil.
    static func warning(path: String, request: LogRequest) -> String? {
        guard request.read.timestamps.yearOffset == 0, request.read.timestamps.epochUnit == nil,
              let (table, columns) = HeadRows.read(path: path, request: request, formats: [.csv, .jsonl, .xes]) else { return nil }
        let late = table.timestamps.filter { $0 >= earliest && $0 < latest }.count
        guard late * 2 > table.count, let first = table.timestamps.first(where: { $0 >= earliest && $0 < latest }) else { return nil }
        let year = civilFromDays(first / 86_400_000_000).0
        return "column \"\(columns.timestampColumn)\" holds years like \(year): Buddhist-era years (พ.ศ. \(year) = \(year - TimestampParser.buddhistEraOffset))? "
            + "read as they are, the events are dated five centuries ahead; give --buddhist-era to take 543 off each year"
    }
}
