import Foundation
import JourneyCore
import JourneyIO

/// Catches logs whose cases have many events at one and the same time — the lines of one
/// invoice (UCI Online Retail: 98 % of moves), steps a system writes in one second (Sepsis:
/// 31 %). Such events keep the file's row order (rule: ties keep file order), so the moves
/// between them, the paths and the durations of 0 s come from how the file was written, not
/// from what people did — and nothing said so (a new user's trial, session 26). Reads the
/// first rows again (at most `LogSniffer.headBytes`, as `DateOnlyCheck`) and warns when at
/// least `minimumShare` of their moves, and `minimumMoves` of them, join events at one time.
enum TiedTimestampsCheck {
    static let minimumShare = 0.10
    static let minimumMoves = 20

    /// The warning for a file's first rows, or nil (see the type's comment). Dates without a
    /// time of day are `DateOnlyCheck`'s to name.
    /// `rows`: what the first rows are called ("events" for an XES file's first traces).
    static func warning(table: EventTable, columns: ResolvedColumns, rows: String = "rows") -> String? {
        guard table.count >= 2 else { return nil }
        // A tie between two events of one activity (a duplicate row, a repeat) orders nothing.
        var events: [UInt32: [(time: Int64, row: Int, activity: UInt32)]] = [:]
        for i in 0..<table.count { events[table.caseIDs[i], default: []].append((table.timestamps[i], i, table.activityIDs[i])) }
        var moves = 0, tied = 0
        for var e in events.values where e.count > 1 {
            e.sort { ($0.time, $0.row) < ($1.time, $1.row) }  // ties in file order, as mined
            moves += e.count - 1
            for k in 1..<e.count where e[k].time == e[k - 1].time && e[k].activity != e[k - 1].activity { tied += 1 }
        }
        guard tied >= minimumMoves, Double(tied) >= minimumShare * Double(moves) else { return nil }
        let percent = Int((100 * Double(tied) / Double(moves)).rounded())
        return "\(CountFormat.grouped(tied)) of the \(CountFormat.grouped(moves)) moves in the first \(CountFormat.grouped(table.count)) \(rows) (\(percent)%) "
            + "join two events of a case at the same time (column \"\(columns.timestampColumn)\"): those events keep the file's row order, "
            + "so the moves between them and their durations of 0 s come from how the file was written; "
            + "give a finer timestamp (--timestamp), or order them with `mine --tiebreak COLUMN` (a whole-number sequence column)"
    }
}
