import Foundation
import JourneyKit

/// What every command that mined a log tells the user on standard error (unless `--quiet`):
/// the columns it guessed, rows it skipped, and a template that matched nothing.
enum RunNotes {
    /// `template`: the `--template` given, if any (the advice on inferred stages differs).
    /// `readLogs`: false when the graph came from journey files, whose reading notes were said
    /// when they were mined (no column is read now).
    static func lines(for graph: JourneyGraph, template: String? = nil, readLogs: Bool = true) -> [String] {
        guard readLogs else { return inferredStagesNote(graph, template: template).map { [$0] } ?? [] }
        var out: [String] = recognised(graph) + graph.readingWarnings.map { "warning: \($0)" }
        if let c = graph.source.columns, !c.guessed.isEmpty {
            // Only what was guessed: a column given with --case etc. is not news.
            let named = ["case": c.caseColumn, "activity": c.activityColumn, "timestamp": c.timestampColumn,
                         "channel": c.channelColumn ?? ""]
            let roles = ["case", "activity", "timestamp", "channel"].filter { c.guessed.contains($0) }
            out.append("columns guessed: " + roles.map { "\($0) \(named[$0]!)" }.joined(separator: ", ")
                + " (set them with " + roles.map { "--\($0)" }.joined(separator: "/") + ")")
        }
        if let c = graph.source.columns, let joined = c.stitchedIDs, let fallback = c.caseFallbackColumn {
            out.append("joined \(CountFormat.grouped(joined)) \(fallback) values to the \(c.caseColumn) seen with them, so that what people did before signing in is part of their journey (--no-stitch-ids keeps them apart)")
        }
        var duplicates = graph.skipped.reasons[EventTable.duplicateReason] ?? 0
        if duplicates > 0 {
            out.append("dropped \(CountFormat.grouped(duplicates)) exact duplicate events (--dedupe)")
        }
        // Access logs: requests left out on purpose are not bad rows.
        let statics = graph.skipped.reasons[AccessLogReader.staticReason] ?? 0
        let bots = graph.skipped.reasons[AccessLogReader.botReason] ?? 0
        if statics + bots > 0 {
            out.append("left out \(CountFormat.counted(statics, "request")) for static files (keep them with --keep-static) and \(CountFormat.counted(bots, "request")) by bots (--keep-bots)")
        }
        // Segment: identify, group and alias calls say who someone is, not what they did.
        let calls = graph.skipped.reasons[SkipReport.segmentCallReason] ?? 0
        if calls > 0 {
            out.append("left out \(CountFormat.grouped(calls)) Segment identify, group and alias calls (they describe people, not steps); page and screen calls are read as \"Page: NAME\" and \"Screen: NAME\"")
        }
        duplicates += statics + bots + calls
        if graph.skipped.count > duplicates {
            let first = graph.skipped.examples.first { !$0.hasPrefix("duplicate event dropped") } ?? ""
            out.append("skipped \(CountFormat.grouped(graph.skipped.count - duplicates)) bad rows; first: \(first)")
        }
        if let left = graph.hidden.activityFilteredEvents {
            let patterns = (graph.filters.include ?? []).map { "--include \($0)" } + (graph.filters.exclude ?? []).map { "--exclude \($0)" }
            out.append("left out \(CountFormat.grouped(left)) events by activity (\(patterns.joined(separator: " ")))")
        }
        if let note = inferredStagesNote(graph, template: template) { out.append(note) }
        let assigned = graph.touchpoints.filter { $0.stage != StageDefinition.unassigned.id }
        if !graph.touchpoints.isEmpty && assigned.isEmpty && graph.stages.count > 1 {
            out.append("no activity matched a stage of template \(graph.source.template): everything is drawn as one unassigned group (choose a template with --template, e.g. thai-retail)")
        }
        return out
    }

    /// What to do about stages inferred from the data, or nil when the graph's are the template's.
    static func inferredStagesNote(_ graph: JourneyGraph, template: String?) -> String? {
        guard graph.source.stagesInferred == true else { return nil }
        if let template {
            // A template was given: it placed too little (or --stages auto asked for inference).
            return "stages inferred from the data where template \(template) does not fit it; to name those stages, edit the starter `journeymap template suggest LOG --template \(template) -o my-template.yaml` writes (every activity on the inferred stages) and give it with --template, or give --stages template to keep only \(template)'s stages"
        }
        return "stages inferred from the data; give --template to name them (`journeymap template suggest LOG -o my-template.yaml` writes a starter), or --stages template to keep the template's"
    }

    /// The export recognised from its keys (`stats` says it too: its report goes to stdout).
    static func recognised(_ graph: JourneyGraph) -> [String] {
        guard let c = graph.source.columns, let preset = c.recognisedPreset else { return [] }
        let name: String
        switch preset {
        case .ga4: name = "a GA4 BigQuery export"
        case .amplitude: name = "an Amplitude export"
        case .mixpanel: name = "a Mixpanel raw export"
        case .segment: name = "a Segment export"
        }
        return ["read as \(name) (recognised from its keys; --preset \(preset.rawValue)): "
                + "case \(c.caseColumn), activity \(c.activityColumn), timestamp \(c.timestampColumn)"
                + (preset == .ga4 ? "; event_params.KEY and user_properties.KEY read GA4's parameters, e.g. --case user_pseudo_id+event_params.ga_session_id for sessions" : "")]
    }

    /// Files already warned about in this run (`replay --versus` and `compare` build more than
    /// one request over the same file).
    nonisolated(unsafe) private static var epochWarned: Set<String> = []

    /// `JourneyRequest.timestampWarnings` as `journeymap: warning: …` on standard error, once per file.
    static func printTimestampWarnings(_ request: JourneyRequest) {
        let fresh = request.log.paths.filter { !epochWarned.contains($0) }
        guard !fresh.isEmpty else { return }
        epochWarned.formUnion(fresh)
        var only = request
        only.log.paths = fresh
        // Once per run each (a --timestamp-format without a date is said of every request).
        let lines = only.timestampWarnings.filter { !warned.contains($0) }
        warned.formUnion(lines)
        print(lines.map { "warning: \($0)" })
    }

    /// Timestamp warnings already printed in this run.
    nonisolated(unsafe) private static var warned: Set<String> = []

    static func print(_ lines: [String]) {
        Console.notes(lines)
    }
}
