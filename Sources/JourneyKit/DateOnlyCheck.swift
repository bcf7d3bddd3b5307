import Foundation
import JourneyCore
import JourneyIO

/// Catches timestamps without a time of day ("2024-03-05", a date column beside a separate time
/// column): every event of a case on one day has the same time, so their order is the file's
/// row order (rule: ties keep file order) — right for a log written oldest first, reversed
/// journeys for one written newest first, and no warning said so. Reads the first rows again
/// (at most `LogSniffer.headBytes`) and warns when all their timestamps share one time of day
/// and some case has several events at one time.
enum DateOnlyCheck {
    /// The warning for a file's first rows (read by `JourneyRequest.tieWarnings`, `--tiebreak`
    /// not given), or nil when their timestamps have times of day or no case has two events at one time.
    static func warning(table: EventTable, columns: ResolvedColumns) -> String? {
        guard table.count >= 2 else { return nil }
        let first = microsIntoDay(table.timestamps[0])
        guard table.timestamps.allSatisfy({ microsIntoDay($0) == first }) else { return nil }
        // Cases with two or more events at one time (a day), among the first rows.
        var seen = Set<[Int64]>(), tied = Set<UInt32>()
        for i in 0..<table.count where !seen.insert([Int64(table.caseIDs[i]), table.timestamps[i]]).inserted {
            tied.insert(table.caseIDs[i])
        }
        guard !tied.isEmpty else { return nil }
        let cases = Set(table.caseIDs).count
        return "column \"\(columns.timestampColumn)\" holds dates without a time of day: \(tied.count) of the first \(cases) cases "
            + "have several events on one day, and those keep the file's row order (reversed if the file lists newest first); "
            + "give a timestamp with times (--timestamp), or order them with `mine --tiebreak COLUMN` (a whole-number sequence column)"
    }
}
