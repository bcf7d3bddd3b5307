import Foundation
import JourneyKit

/// What every command that mined a log tells the user on standard error (unless `--quiet`):
/// the columns it guessed, rows it skipped, and a template that matched nothing.
enum RunNotes {
    static func lines(for graph: JourneyGraph) -> [String] {
        var out: [String] = graph.readingWarnings.map { "warning: \($0)" }
        if let c = graph.source.columns, !c.guessed.isEmpty {
            // Only what was guessed: a column given with --case etc. is not news.
            let named = ["case": c.caseColumn, "activity": c.activityColumn, "timestamp": c.timestampColumn,
                         "channel": c.channelColumn ?? ""]
            let roles = ["case", "activity", "timestamp", "channel"].filter { c.guessed.contains($0) }
            out.append("columns guessed: " + roles.map { "\($0) \(named[$0]!)" }.joined(separator: ", ")
                + " (set them with " + roles.map { "--\($0)" }.joined(separator: "/") + ")")
        }
        var duplicates = graph.skipped.reasons[EventTable.duplicateReason] ?? 0
        if duplicates > 0 {
            out.append("dropped \(duplicates) exact duplicate events (--dedupe)")
        }
        // Access logs: requests left out on purpose are not bad rows.
        let statics = graph.skipped.reasons[AccessLogReader.staticReason] ?? 0
        let bots = graph.skipped.reasons[AccessLogReader.botReason] ?? 0
        if statics + bots > 0 {
            out.append("left out \(statics) requests for static files (keep them with --keep-static) and \(bots) requests by bots (--keep-bots)")
        }
        duplicates += statics + bots
        if graph.skipped.count > duplicates {
            let first = graph.skipped.examples.first { !$0.hasPrefix("duplicate event dropped") } ?? ""
            out.append("skipped \(graph.skipped.count - duplicates) bad rows; first: \(first)")
        }
        let assigned = graph.touchpoints.filter { $0.stage != StageDefinition.unassigned.id }
        if !graph.touchpoints.isEmpty && assigned.isEmpty && graph.stages.count > 1 {
            out.append("no activity matched a stage of template \(graph.source.template): everything is drawn as one unassigned group (choose a template with --template, e.g. thai-retail)")
        }
        return out
    }

    static func print(_ lines: [String]) {
        guard !lines.isEmpty else { return }
        FileHandle.standardError.write(Data(lines.map { "journeymap: \($0)\n" }.joined().utf8))
    }
}
