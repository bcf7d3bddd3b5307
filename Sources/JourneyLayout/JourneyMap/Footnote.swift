import JourneyCore

/// Where the data came from, what was filtered and what simplification hid.
struct Footnote {
    var lines: [String]
    let style: MapStyle
    let measurer: any TextMeasurer

    init(graph: JourneyGraph, selection: MapSelection, options: MapOptions, style: MapStyle, words: FootnoteWords,
         measurer: any TextMeasurer) {
        self.style = style
        self.measurer = measurer
        var lines: [String] = []
        let files = FileNames.shown(graph.source.files)
        let span = graph.firstTimestamp.flatMap { a in graph.lastTimestamp.map { b in (formatISO8601(a), formatISO8601(b)) } }
        lines.append(words.source(files: files, span: span, journeys: graph.journeys, events: graph.events,
                                  template: graph.source.template))
        if graph.source.stagesInferred == true { lines.append(words.stagesInferred) }
        var filters: [String] = []
        if let s = graph.filters.since { filters.append(words.since(s)) }
        if let u = graph.filters.until { filters.append(words.until(u)) }
        filters += graph.filters.whereClauses.map(words.whereClause)
        if let g = graph.filters.sessionGapSeconds { filters.append(words.sessions(formatDuration(g))) }
        if !filters.isEmpty { lines.append(words.filters(filters, leftOut: graph.hidden.filteredEvents)) }
        if !graph.hidden.touchpoints.isEmpty {
            lines.append(words.simplifiedBefore(touchpoints: graph.hidden.touchpoints.count, events: graph.hidden.hiddenEvents))
        }
        if graph.hidden.edges > 0 {
            lines.append(words.simplifiedAfter(edges: graph.hidden.edges, moves: graph.hidden.transitions))
        }
        if let note = selection.note(words) { lines.append(note) }
        if let privacy = graph.privacy { lines.append(words.privacy(privacy)) }
        let leftOut = (graph.skipped.reasons[SkipReport.staticFileReason] ?? 0) + (graph.skipped.reasons[SkipReport.botReason] ?? 0)
        let calls = graph.skipped.reasons[SkipReport.segmentCallReason] ?? 0
        if graph.skipped.count > leftOut + calls { lines.append(words.skipped(graph.skipped.count - leftOut - calls)) }
        if leftOut > 0 { lines.append(words.leftOut(leftOut)) }
        if let lanes = options.swimlanes {
            let split = Set(lanes.boxes.values.filter(\.split).map(\.touchpoint)).count
            lines.append(words.lanes(attribute: lanes.attribute, threshold: lanes.splitThreshold, split: split))
            lines += lanes.notes
        }
        lines += options.footnotes
        self.lines = lines
    }

    var summary: String { lines.joined(separator: " ") }
    var minimumWidth: Double { style.base * style.footnoteMinWidthEm }

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
