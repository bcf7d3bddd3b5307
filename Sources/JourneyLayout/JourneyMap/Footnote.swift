import JourneyCore

/// Where the data came from, what was filtered and what simplification hid.
struct Footnote {
    let lines: [String]
    let style: MapStyle
    let measurer: any TextMeasurer

    init(graph: JourneyGraph, selection: MapSelection, options: MapOptions, style: MapStyle, measurer: any TextMeasurer) {
        self.style = style
        self.measurer = measurer
        var lines: [String] = []
        var source = "Data: \(graph.source.files.map { $0.split(separator: "/").last.map(String.init) ?? $0 }.joined(separator: ", "))"
        if let a = graph.firstTimestamp, let b = graph.lastTimestamp { source += ", \(formatISO8601(a)) to \(formatISO8601(b))" }
        source += "; \(formatCount(graph.journeys)) journeys, \(formatCount(graph.events)) events; template \(graph.source.template)."
        lines.append(source)
        var filters: [String] = []
        if let s = graph.filters.since { filters.append("since \(s)") }
        if let u = graph.filters.until { filters.append("until \(u)") }
        filters += graph.filters.whereClauses.map { "where \($0)" }
        if let g = graph.filters.sessionGapSeconds { filters.append("sessions split at \(formatDuration(g)) of inactivity") }
        if !filters.isEmpty { lines.append("Filters: " + filters.joined(separator: ", ") + " (\(formatCount(graph.hidden.filteredEvents)) events left out).") }
        if !graph.hidden.touchpoints.isEmpty {
            lines.append("Simplified before mining: \(graph.hidden.touchpoints.count) rare touchpoints (\(formatCount(graph.hidden.hiddenEvents)) events) dropped, neighbours reconnected.")
        }
        if graph.hidden.edges > 0 {
            lines.append("Simplified after mining: \(graph.hidden.edges) transitions (\(formatCount(graph.hidden.transitions)) moves) hidden.")
        }
        if let note = selection.note() { lines.append(note) }
        if graph.skipped.count > 0 { lines.append("\(formatCount(graph.skipped.count)) unreadable rows were skipped.") }
        lines += options.footnotes
        self.lines = lines
    }

    var summary: String { lines.joined(separator: " ") }
    var minimumWidth: Double { style.base * 30 }

    struct Block {
        let items: [(TextItem)]
        let height: Double
        func items(origin: Point) -> [SceneItem] {
            items.map { var t = $0; t.frame.x += origin.x; t.frame.y += origin.y; return .text(t) }
        }
    }

    func layout(width: Double) -> Block {
        var y = 0.0
        var out: [TextItem] = []
        for line in lines {
            let s = measurer.measure(line, font: style.smallFont, maxWidth: width)
            out.append(TextItem(text: line, frame: Rect(x: 0, y: y, width: width, height: s.height), font: style.smallFont,
                                color: style.theme.mutedText, wrap: true))
            y += s.height
        }
        return Block(items: out, height: y.rounded(.up))
    }
}
