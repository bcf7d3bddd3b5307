import Foundation
import JourneyKit

/// What every command that mined a log tells the user on standard error (unless `--quiet`):
/// the columns it guessed, rows it skipped, and a template that matched nothing.
enum RunNotes {
    static func lines(for graph: JourneyGraph) -> [String] {
        var out: [String] = []
        if let c = graph.source.columns, !c.guessed.isEmpty {
            out.append("columns guessed: case \(c.caseColumn), activity \(c.activityColumn), timestamp \(c.timestampColumn)"
                + (c.channelColumn.map { ", channel \($0)" } ?? "") + " (set them with --case/--activity/--timestamp/--channel)")
        }
        let duplicates = graph.skipped.reasons[EventTable.duplicateReason] ?? 0
        if duplicates > 0 {
            out.append("dropped \(duplicates) exact duplicate events (--dedupe)")
        }
        if graph.skipped.count > duplicates {
            let first = graph.skipped.examples.first { !$0.hasPrefix("duplicate event dropped") } ?? ""
            out.append("skipped \(graph.skipped.count - duplicates) bad rows; first: \(first)")
        }
        if graph.source.stagesInferred == true {
            out.append("stages inferred from the data; give --template to name them (`journeymap template suggest LOG -o my-template.yaml` writes a starter), or --stages template to keep the template's")
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
