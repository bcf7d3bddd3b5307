import JourneyCore

/// The band above the columns: per stage its name, the journeys reaching it and the share
/// kept from the previous stage; and the faint column backgrounds below it.
struct StageHeader {
    struct Cell {
        let stage: JourneyGraph.Stage
        let color: Color
        let lines: [(text: String, font: FontSpec)]
    }

    let cells: [Cell]
    let style: MapStyle
    let measurer: any TextMeasurer
    /// Height of the band, measured for the narrowest column the layout promises (`minColumnWidth`).
    let height: Double
    let minColumnWidth: Double

    /// `alternatives`: decorated headers (by stage id) this band will also be drawn with; the
    /// band is as high as the highest of them.
    init(graph: JourneyGraph, stages: [JourneyGraph.Stage], language: String, style: MapStyle, words: MapStrings,
         measurer: any TextMeasurer, alternatives: [[String: MapDecoration.StageStyle]] = []) {
        self.style = style
        self.measurer = measurer
        let funnel = Dictionary(uniqueKeysWithValues: graph.funnel.map { ($0.stage, $0) })
        // Journeys may start in a stage or skip one, so a stage's journeys need not be a part of
        // the previous stage's: "kept from previous" only where every journey came through it.
        let nested = graph.nestedFunnelStages
        let allIndex = Dictionary(uniqueKeysWithValues: graph.stages.enumerated().map { ($1.id, $0) })
        cells = stages.map { stage in
            let color = style.theme.stageColor(index: allIndex[stage.id] ?? 0, hex: stage.color)
            var lines: [(String, FontSpec)] = [(stage.names.text(language), style.headerFont)]
            let share = graph.journeys == 0 ? 0 : Double(stage.journeys) / Double(graph.journeys)
            // --min-people: a withheld stage total is "–", not the 0 the graph holds for it.
            let withheld = graph.privacy?.stages.contains(stage.id) ?? false
            lines.append((withheld ? "–" : "\(words.journeys(stage.journeys)) · \(formatPercent(share))", style.statFont))
            if !withheld, nested.contains(stage.id), let step = funnel[stage.id], let kept = step.keptFromPrevious {
                // After a stage no journey reached, the share is of the last stage reached: named.
                let from = step.previousStage.flatMap { id in graph.stages.first { $0.id == id } }
                lines.append(("\(formatPercent(kept)) " + (from.map { words.keptFrom($0.names.text(language)) } ?? words.keptFromPrevious),
                              style.statFont))
            }
            return Cell(stage: stage, color: color, lines: lines)
        }
        var widest = style.base * style.headerMinNameEm
        for c in cells { widest = max(widest, measurer.measure(c.lines[0].text, font: c.lines[0].font, maxWidth: nil).width) }
        let columnWidth = min(widest, style.base * style.headerMaxNameEm) + style.nodePadding * 2
        minColumnWidth = columnWidth
        var h = 0.0
        for c in cells {
            var cellHeight = 0.0
            for line in c.lines {
                cellHeight += measurer.measure(line.text, font: line.font, maxWidth: columnWidth - 2 * style.nodePadding).height
            }
            h = max(h, cellHeight)
            for alt in alternatives {
                guard let deco = alt[c.stage.id] else { continue }
                var altHeight = measurer.measure(c.lines[0].text, font: c.lines[0].font, maxWidth: columnWidth - 2 * style.nodePadding).height
                for line in deco.lines {
                    altHeight += measurer.measure(line.text, font: Self.font(line, style), maxWidth: columnWidth - 2 * style.nodePadding).height
                }
                if deco.accent != nil { altHeight += deco.accentHeight + style.nodePadding * 0.5 }
                h = max(h, altHeight)
            }
        }
        height = (h + 2 * style.nodePadding).rounded(.up)
    }

    func color(of stage: String) -> Color {
        cells.first { $0.stage.id == stage }?.color ?? style.theme.neutral
    }

    func columnBackgrounds(columns: [StageColumn], top: Double, bottom: Double) -> [SceneItem] {
        columns.map { col in
            .rect(RectItem(frame: Rect(x: col.minX, y: top, width: col.maxX - col.minX, height: bottom - top),
                           cornerRadius: style.base * style.headerCornerEm, fill: color(of: col.stage).withAlpha(style.theme.columnAlpha),
                           tag: SceneTag(.stageColumn, col.stage)))
        }
    }

    static func font(_ line: MapDecoration.Line, _ style: MapStyle) -> FontSpec {
        var f = style.statFont
        f.bold = line.bold
        return f
    }

    /// The header bands; `decorations` (by stage id) replace the lines under the stage name
    /// and may add an accent bar at the bottom of the band.
    func items(columns: [StageColumn], top: Double, decorations: [String: MapDecoration.StageStyle] = [:]) -> [SceneItem] {
        var out: [SceneItem] = []
        for col in columns {
            guard let cell = cells.first(where: { $0.stage.id == col.stage }) else { continue }
            defer { out = out.tagged(.stageHeader, col.stage) }
            let band = style.theme.background.mixed(with: cell.color, style.theme.stageBandAlpha)
            let frame = Rect(x: col.minX, y: top, width: col.maxX - col.minX, height: height)
            out.append(.rect(RectItem(frame: frame, cornerRadius: style.base * style.headerCornerEm, fill: band)))
            let ink = style.theme.readableText(on: band)
            var y = top + style.nodePadding
            let w = frame.width - 2 * style.nodePadding
            var lines = cell.lines.map { (text: $0.text, font: $0.font, color: ink) }
            let deco = decorations[cell.stage.id]
            if let deco {
                lines = [lines[0]] + deco.lines.map {
                    (text: $0.text, font: Self.font($0, style), color: $0.color.map { c in c.readable(on: band, toward: ink) } ?? ink)
                }
            }
            for line in lines {
                let h = measurer.measure(line.text, font: line.font, maxWidth: w).height
                out.append(.text(TextItem(text: line.text, frame: Rect(x: frame.minX + style.nodePadding, y: y, width: w, height: h),
                                          font: line.font, color: line.color, alignment: .center, wrap: true)))
                y += h
            }
            if let deco, let accent = deco.accent {
                let bar = Rect(x: frame.minX + style.nodePadding, y: frame.maxY - deco.accentHeight - style.nodePadding * 0.5,
                               width: frame.width - 2 * style.nodePadding, height: deco.accentHeight)
                out.append(.rect(RectItem(frame: bar, cornerRadius: min(style.accentMaxCorner, deco.accentHeight / 2), fill: accent,
                                          stroke: Stroke(color: style.theme.background, width: style.accentBorderWidth))))
            }
        }
        return out
    }
}

/// A stage column's horizontal extent on the canvas.
struct StageColumn {
    let stage: String
    let minX: Double
    let maxX: Double
}
