import Foundation

/// The Markdown report of a comparison: inputs, settings, the stage funnel, the significant
/// changes (largest absolute change first, with counts and shares) and counts of the rest.
public struct ComparisonReport: Sendable {
    public var comparison: JourneyComparison
    /// `en` or `th` for headings; stage names use the template's names in this language.
    public var language: String
    /// Most rows per table of significant changes; the JSON report has them all.
    public var maxRows: Int

    public init(comparison: JourneyComparison, language: String = "en", maxRows: Int = 40) {
        self.comparison = comparison
        self.language = language
        self.maxRows = maxRows
    }

    public func markdown() -> String {
        let s = ComparisonStrings.forLanguage(language)
        let c = comparison
        var out: [String] = []
        out.append("# \(s.title): \(Self.escape(c.before.label)) → \(Self.escape(c.after.label))")
        out.append("")
        out += sidesTable(s)
        out.append("")
        let below = c.allChanges.filter { $0.status == .belowMinCount }.count
        out.append(s.alphaLine(ProportionChange.number(c.options.alpha), c.testedCount))
        out.append(s.minCountLine(c.options.minCount, below))
        out.append(s.minEffectLine(ProportionChange.number(c.options.minEffect * 100),
                                   c.allChanges.filter { $0.status == .belowMinEffect }.count))
        if let w = c.windows { out.append(s.windowsLine(w)) }
        if let k = c.options.minPeople {
            let note = JourneyGraph.PrivacyInfo(minPeople: k).note(thai: language == "th")
            let rows = c.withheldRows ?? 0
            out.append(language == "th"
                ? "\(note): ไม่แสดงและไม่ทดสอบ \(CountFormat.grouped(rows)) แถวที่ฝั่งใดฝั่งหนึ่งมาจากคนน้อยกว่า \(k) คน (docs/privacy.md)"
                : "\(note.prefix(1).uppercased())\(note.dropFirst()): \(CountFormat.grouped(rows)) rows resting on fewer than \(k) people on either side are left out and not tested (docs/privacy.md).")
        }
        out.append(s.methodLine(ProportionChange.number(c.options.minimumExpected)))
        out.append(s.sharesLine)
        let warnings = c.warningSentences(thai: language == "th")
        if !warnings.isEmpty {
            out.append("")
            out.append("**\(s.warnings):**")
            out += warnings.map { "- \(Self.escape($0))" }
        }

        out.append("")
        out.append("## \(s.stageFunnel)")
        out.append("")
        out.append("| \(s.stage) | \(s.before) | \(s.after) | \(s.change) | \(s.relative) | q | |")
        out.append("|---|---:|---:|---:|---:|---:|---|")
        for st in c.stages {
            out.append("| \(Self.escape(st.names.text(language))) | " + numbers(st.change, s).joined(separator: " | ") + " |")
        }

        out.append("")
        out.append("## \(s.significantChanges) (\(CountFormat.grouped(c.significantCount)))")
        let tps = c.touchpoints.filter(\.change.significant).sorted { Self.larger($0.change, $1.change) }
        let trs = c.transitions.filter(\.change.significant).sorted { Self.larger($0.change, $1.change) }
        if tps.isEmpty && trs.isEmpty {
            out.append("")
            out.append(s.noSignificant)
        }
        if !tps.isEmpty {
            out.append("")
            out.append("### \(s.touchpoints)")
            out.append("")
            out.append("| \(s.touchpoints) | \(s.stage) | \(s.before) | \(s.after) | \(s.change) | \(s.relative) | q | |")
            out.append("|---|---|---:|---:|---:|---:|---:|---|")
            for t in tps.prefix(maxRows) {
                let stage = c.stages.first { $0.id == t.stage }?.names.text(language) ?? t.stage
                out.append("| \(Self.escape(t.name)) | \(Self.escape(stage)) | " + numbers(t.change, s).joined(separator: " | ") + " |")
            }
            if tps.count > maxRows { out.append(""); out.append("… \(CountFormat.grouped(tps.count - maxRows)) \(s.moreRows)") }
        }
        if !trs.isEmpty {
            out.append("")
            out.append("### \(s.transitions)")
            out.append("")
            out.append("| \(s.from) | \(s.to) | \(s.before) | \(s.after) | \(s.change) | \(s.relative) | q | |")
            out.append("|---|---|---:|---:|---:|---:|---:|---|")
            for t in trs.prefix(maxRows) {
                out.append("| \(t.from.map(Self.escape) ?? s.start) | \(t.to.map(Self.escape) ?? s.end) | "
                           + numbers(t.change, s).joined(separator: " | ") + " |")
            }
            if trs.count > maxRows { out.append(""); out.append("… \(CountFormat.grouped(trs.count - maxRows)) \(s.moreRows)") }
        }

        out.append("")
        out.append("## \(s.notSignificantHeading)")
        out.append("")
        for (kind, rows) in [(s.stageFunnel, c.stages.map(\.change)), (s.touchpoints, c.touchpoints.map(\.change)),
                             (s.transitions, c.transitions.map(\.change))] {
            func n(_ status: ChangeStatus) -> Int { rows.filter { $0.status == status }.count }
            out.append("- " + s.notSignificantLine(kind, n(.notSignificant), n(.belowMinCount), n(.untestable))
                       + (n(.belowMinEffect) > 0 ? s.belowMinEffect(n(.belowMinEffect)) : ""))
        }
        return out.joined(separator: "\n") + "\n"
    }

    /// The before/after summary table.
    private func sidesTable(_ s: ComparisonStrings) -> [String] {
        let b = comparison.before, a = comparison.after
        func span(_ side: ComparisonSide) -> String {
            guard let f = side.firstTimestamp, let l = side.lastTimestamp else { return s.none }
            return "\(formatISO8601(f)) .. \(formatISO8601(l))"
        }
        // Names without folders, as the pictures write them.
        func files(_ side: ComparisonSide) -> String { side.files.isEmpty ? s.none : Self.escape(FileNames.shown(side.files)) }
        return [
            "| | \(s.before) | \(s.after) |",
            "|---|---|---|",
            "| \(s.label) | \(Self.escape(b.label)) | \(Self.escape(a.label)) |",
            "| \(s.journeys) | \(CountFormat.grouped(b.journeys)) | \(CountFormat.grouped(a.journeys)) |",
            "| \(s.events) | \(CountFormat.grouped(b.events)) | \(CountFormat.grouped(a.events)) |",
            "| \(s.timeSpan) | \(span(b)) | \(span(a)) |",
            "| \(s.files) | \(files(b)) | \(files(a)) |",
        ]
    }

    /// Before, after, change, relative change, q, marker cells of a row.
    private func numbers(_ ch: ProportionChange, _ s: ComparisonStrings) -> [String] {
        let marker: String
        switch (ch.significant, ch.direction) {
        case (true, .increase): marker = "▲"
        case (true, .decrease): marker = "▼"
        default: marker = ""
        }
        return [Self.proportion(ch.before), Self.proportion(ch.after), Self.points(ch.absoluteChange, s),
                ch.relativeChange.map { Self.signed($0 * 100, suffix: "%") } ?? s.none,
                ch.q.map(Self.pValue) ?? s.none, marker]
    }

    /// Larger |absolute change| first; ties by smaller q, then by original order (stable sort).
    static func larger(_ a: ProportionChange, _ b: ProportionChange) -> Bool {
        let x = abs(a.absoluteChange), y = abs(b.absoluteChange)
        if x != y { return x > y }
        return (a.q ?? 1) < (b.q ?? 1)
    }

    /// `412/2,000 (20.6%)`; a share above 0 that would round to 0.0 reads `<0.1%`.
    static func proportion(_ p: Proportion) -> String {
        let share = p.share > 0 && p.share < 0.0005 ? "<0.1" : String(format: "%.1f", p.share * 100)
        return "\(CountFormat.grouped(p.count))/\(CountFormat.grouped(p.total)) (\(share)%)"
    }

    /// `+14.4 pp`.
    static func points(_ change: Double, _ s: ComparisonStrings) -> String {
        signed(change * 100, suffix: " " + s.percentagePoints)
    }

    static func signed(_ v: Double, suffix: String) -> String {
        let text = String(format: "%.1f", abs(v))
        if text == "0.0" { return "0.0" + suffix }
        return (v > 0 ? "+" : "−") + text + suffix
    }

    /// `<0.0001`, else two significant digits (`0.032`, `0.5`, `1`).
    static func pValue(_ p: Double) -> String {
        p < 0.0001 ? "<0.0001" : String(format: "%.2g", p)
    }

    /// Escapes characters that Markdown tables or emphasis would eat, and control characters
    /// (the report is often read on a terminal: `String.terminalSafe`); keeps all other text.
    static func escape(_ text: String) -> String {
        var out = ""
        for ch in text {
            switch ch {
            case "\\", "|", "*", "_", "`", "<", ">", "[", "]": out.append("\\"); out.append(ch)
            case "\n", "\r", "\r\n": out.append(" ")
            default: out.append(ch)
            }
        }
        return out.terminalSafe
    }
}
