import Foundation

/// The text `journeymap stats` prints: size, time span, touchpoints per stage (unassigned
/// activities listed), the funnel, top variants and what was skipped or hidden.
public struct StatsReport {
    public var graph: JourneyGraph
    public var language: String
    public var variantLimit: Int

    public init(graph: JourneyGraph, language: String? = nil, variantLimit: Int = 10) {
        self.graph = graph
        self.language = language ?? graph.source.defaultLanguage
        self.variantLimit = variantLimit
    }

    public func render() -> String {
        var out: [String] = []
        func n(_ v: Int) -> String { CountFormat.grouped(v) }
        let g = graph
        out.append("Source:      \(g.source.files.joined(separator: ", "))")
        if let c = g.source.columns {
            func col(_ name: String, _ role: String) -> String { c.guessed.contains(role) ? "\(name) (guessed)" : name }
            var line = "Columns:     case \(col(c.caseColumn, "case")), activity \(col(c.activityColumn, "activity")), timestamp \(col(c.timestampColumn, "timestamp"))"
            if let ch = c.channelColumn { line += ", channel \(col(ch, "channel"))" }
            out.append(line)
        }
        // A template whose stages were (partly) inferred says so: its name alone read as if it had placed every event.
        let inferred = g.source.stagesInferred == true
            ? (g.source.template == "inferred" ? " (stages inferred from the data)" : " (the stages it places, the others inferred from the data)") : ""
        out.append("Template:    \(g.source.template)\(inferred)")
        out.append("Events:      \(n(g.events))")
        out.append("Journeys:    \(n(g.journeys))" + (g.filters.sessionGapSeconds.map { " (sessions split at \(Self.duration($0)) gaps)" } ?? ""))
        if let a = g.firstTimestamp, let b = g.lastTimestamp {
            out.append("Time span:   \(formatISO8601(a)) .. \(formatISO8601(b)) (\(Self.duration(Double(b - a) / 1e6)))")
        }
        out.append("Touchpoints: \(n(g.touchpoints.count)), transitions: \(n(g.transitionCount)) over \(Self.count(g.edges.count, "distinct edge"))")
        out.append("")
        out.append("Touchpoints per stage:")
        for stage in g.stages {
            let tps = g.touchpoints.filter { $0.stage == stage.id }.sorted { $0.events > $1.events }
            let share = g.journeys == 0 ? 0 : Double(stage.journeys) / Double(g.journeys)
            if g.privacy?.stages.contains(stage.id) == true {
                out.append("  \(stage.names.text(language)) [\(stage.id)]: \(Self.count(tps.count, "touchpoint")), totals withheld (--min-people)")
            } else {
            out.append("  \(stage.names.text(language)) [\(stage.id)]: \(Self.count(tps.count, "touchpoint")), \(Self.count(stage.events, "event")), reached by \(Self.count(stage.journeys, "journey")) (\(Self.percent(share)))")
            }
            if stage.id == StageDefinition.unassigned.id {
                out.append("    no template rule matched these activities (add rules to the template to place them):")
            }
            for t in tps.prefix(stage.id == StageDefinition.unassigned.id ? 1000 : 12) {
                out.append("    \(t.name): \(Self.count(t.events, "event")), \(Self.count(t.journeys, "journey"))" + (t.channelSummary().map { ", \($0)" } ?? ""))
            }
            if stage.id != StageDefinition.unassigned.id && tps.count > 12 { out.append("    … \(tps.count - 12) more") }
        }
        let funnel = g.funnel
        if !funnel.isEmpty {
            out.append("")
            out.append("Funnel (journeys reaching each stage):")
            var before: String?
            let nested = g.nestedFunnelStages
            for step in funnel {
                defer { if step.journeys > 0 { before = step.stage } }
                if g.privacy?.stages.contains(step.stage) == true { out.append("  \(step.stage): withheld (--min-people)"); continue }
                let of = step.previousStage.map { "of \($0)" } ?? "of previous"
                // Journeys reach a stage without passing the one before (inferred stages, a
                // process log's loops): more than it is said as such, not as "550% of previous".
                let kept = step.keptFromPrevious.map { k in
                    k > 1 ? ", more than \(step.previousStage ?? before ?? "the stage before"): not every journey passes the stages in order"
                        : nested.contains(step.stage) ? ", \(Self.percent(k)) \(of)"
                        : ", \(Self.percent(k)) as many as \(step.previousStage ?? before ?? "the stage before"): not all came through it"
                } ?? ""
                out.append("  \(step.stage): \(n(step.journeys)) (\(Self.percent(step.shareOfAll)) of all\(kept))")
            }
        }
        out.append("")
        out.append("Top variants (\(n(g.variants.distinct)) distinct paths):")
        for (i, v) in g.variants.top.prefix(variantLimit).enumerated() {
            let share = g.journeys == 0 ? 0 : Double(v.count) / Double(g.journeys)
            let path = v.path.count > 12 ? v.path.prefix(12).joined(separator: " → ") + " → … (\(v.path.count) steps)"
                                          : v.path.joined(separator: " → ")
            out.append("  \(i + 1). \(n(v.count)) (\(Self.percent(share))): \(path)")
        }
        if !g.readingWarnings.isEmpty {
            out.append("")
            out.append("Warnings:")
            for w in g.readingWarnings { out.append("  \(w)") }
        }
        if g.skipped.count > 0 {
            out.append("")
            out.append("Rows skipped: \(n(g.skipped.count))")
            for (reason, n) in g.skipped.reasons.sorted(by: { $0.value > $1.value }) { out.append("  \(reason): \(CountFormat.grouped(n))") }
            if !g.skipped.examples.isEmpty { out.append("  first ones:") }
            for e in g.skipped.examples { out.append("    \(e)") }
        }
        if !g.hidden.isEmpty {
            out.append("")
            if g.hidden.filteredEvents > 0 { out.append("Filtered out: \(CountFormat.grouped(g.hidden.filteredEvents)) events (\(Self.filterText(g.filters)))") }
            if !g.hidden.touchpoints.isEmpty {
                out.append("Hidden touchpoints: \(g.hidden.touchpoints.count) (\(CountFormat.grouped(g.hidden.hiddenEvents)) events): "
                           + g.hidden.touchpoints.sorted { $0.value > $1.value }.map { "\($0.key) (\($0.value))" }.joined(separator: ", "))
            }
            if g.hidden.edges > 0 { out.append("Hidden edges: \(g.hidden.edges) carrying \(g.hidden.transitions) transitions") }
        }
        if let p = g.privacy {
            out.append("")
            out.append("Privacy: \(p.note()) (--min-people \(p.minPeople)): withheld \(p.touchpoints) touchpoints, \(p.edges) transitions, \(p.starts) start and \(p.ends) end counts, \(p.stages.count) stage totals, \(p.stageEdges) stage transitions, \(p.variants) variants (docs/privacy.md)")
        }
        return out.joined(separator: "\n") + "\n"
    }

    static func filterText(_ f: JourneyGraph.FilterInfo) -> String {
        var parts: [String] = []
        if let s = f.since { parts.append("since \(s)") }
        if let u = f.until { parts.append("until \(u)") }
        parts += f.whereClauses.map { "where \($0)" }
        parts += (f.include ?? []).map { "include \($0)" } + (f.exclude ?? []).map { "exclude \($0)" }
        return parts.joined(separator: ", ")
    }

    /// `1 event`, `12 events`: a count and its noun, singular for one.
    /// "1 event", "1,515 events": counts with thousands separators, as everywhere else.
    static func count(_ n: Int, _ noun: String) -> String { n == 1 ? "1 \(noun)" : "\(CountFormat.grouped(n)) \(noun)s" }

    public static func percent(_ v: Double) -> String { String(format: "%.1f%%", v * 100) }

    /// `45s`, `12m`, `3.5h`, `12d`.
    public static func duration(_ seconds: Double) -> String {
        if seconds < 90 { return String(format: "%.0fs", seconds) }
        if seconds < 90 * 60 { return String(format: "%.0fm", seconds / 60) }
        if seconds < 48 * 3600 { return String(format: "%.1fh", seconds / 3600) }
        return String(format: "%.0fd", seconds / 86400)
    }
}
