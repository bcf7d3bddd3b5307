import Foundation
import JourneyCore
import JourneyIO
import JourneyGzip

/// Catches XES logs whose events carry several `lifecycle:transition`s (BPI Challenge 2012:
/// SCHEDULE, START and COMPLETE of one work item are three events): each counts as an event,
/// as in pm4py's default, so an activity started and completed is counted twice and shows as a
/// repeat ("W_Afhandelen leads → W_Afhandelen leads"), and nothing said so (a new user's trial,
/// session 26) although the file's own classifier names the key. Reads the traces complete in
/// the file's first `prefixBytes` (decompressed: BPIC 2012's first trace starts 6.6 MB in,
/// after its metadata) and says which transitions they hold and the `--where` that keeps one;
/// nothing when `--where` already filters on the key.
enum LifecycleCheck {
    static let key = "lifecycle:transition"
    static let prefixBytes = 16 << 20

    /// The events of the traces complete in an XES file's first `prefixBytes`, with their
    /// transitions, and the columns read; nil for other files. Read once for this check and
    /// the ties check (`TiedTimestampsCheck`: 64 KB of an XES file is often all metadata).
    static func head(path: String, request: LogRequest) -> (table: EventTable, columns: ResolvedColumns)? {
        guard let (format, plan) = try? LogLoader.readingPlan(path: path, request: request), format == .xes else { return nil }
        var read = plan
        read.onError = .skip
        let table = EventTable(attributeNames: [key])
        guard let file = try? openLogSource(path: path, encoding: plan.encoding) else { return nil }
        var source = PrefixByteSource(file, limit: prefixBytes)
        // The prefix may end inside a trace: the traces before it are in the table all the same.
        let columns = (try? readLog(&source, format: .xes, into: table, options: read))
            ?? ResolvedColumns(caseColumn: "concept:name", activityColumn: "concept:name", timestampColumn: "time:timestamp",
                               channelColumn: nil, guessed: [])
        return table.count > 0 ? (table, columns) : nil
    }

    static func warning(head table: EventTable, request: LogRequest, whereClauses: [MiningOptions.WhereClause]) -> String? {
        guard !whereClauses.contains(where: { $0.attribute == key }), request.read.columns.activityDetailColumn != key,
              table.count > 0, let k = table.attributeIndex(key) else { return nil }
        var counts: [String: Int] = [:]
        for id in table.attributeColumns[k] where id != 0 { counts[table.attributeValues.string(id), default: 0] += 1 }
        // Two transitions each on a twentieth of the events (a rare `ate_abort` beside `complete`
        // counts nothing twice).
        let total = counts.values.reduce(0, +)
        guard counts.values.filter({ Double($0) >= 0.05 * Double(total) }).count >= 2 else { return nil }
        let ranked = counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
        let listed = ranked.map { "\($0.key) \(Int((100 * Double($0.value) / Double(total)).rounded()))%" }.joined(separator: ", ")
        let keep = ranked.first { $0.key.lowercased() == "complete" }?.key ?? ranked[0].key
        let named = keep.contains(" ") ? "\"\(key)=\(keep)\"" : "\(key)=\(keep)"
        return "its events carry several \(key)s (\(listed) of the first \(CountFormat.grouped(table.count)) events): "
            + "each counts as an event, so an activity started and completed counts twice and shows as a repeat; "
            + "keep one with --where \(named)"
    }
}
