import JourneyCore
import JourneyScene

/// The persona's lanes under a journey map's stage columns (`journeymap map LOG --persona
/// p.yaml`): an emotion curve across the stages, then notes (when any), pain points and
/// opportunities, each lane a band across all columns with text per stage column that stays
/// inside its column (wrapped, shrunk, or cut with a warning).
public struct PersonaLanes: Sendable {
    public var style: PersonaStyle
    public var measurer: any TextMeasurer
    public var language: String
    /// Lines per item in a lane cell, and items per cell before "+ n more".
    public var maxLinesPerItem: Int
    public var maxItemsPerCell: Int
    /// Height of the emotion plot (−2 at the bottom, +2 at the top).
    public var emotionHeight: Double

    public init(style: PersonaStyle = .light, measurer: any TextMeasurer, language: String = "en",
                maxLinesPerItem: Int = 4, maxItemsPerCell: Int = 4, emotionHeight: Double = 70) {
        self.style = style
        self.measurer = measurer
        self.language = language
        self.maxLinesPerItem = maxLinesPerItem
        self.maxItemsPerCell = maxItemsPerCell
        self.emotionHeight = emotionHeight
    }

    /// A stage column of the map: the x range its lane cells use.
    public struct Column: Sendable, Equatable {
        public var stage: String
        public var minX: Double
        public var maxX: Double
        public init(stage: String, minX: Double, maxX: Double) {
            self.stage = stage
            self.minX = minX
            self.maxX = maxX
        }
    }

    public struct Layout: Sendable {
        public var items: [SceneItem]
        /// From `top` to the bottom of the last lane.
        public var height: Double
        public var warnings: [PersonaLayoutWarning]
    }

    private var labels: PersonaLabels { PersonaLabels(language: language) }
    private let cellPadding = 5.0
    private let laneGap = 8.0

    /// Lays out the lanes of `persona` from y = `top`, aligned with `stageColumns` (left to right).
    public func layout(_ persona: Persona, stageColumns: [Column], top: Double) -> Layout {
        let fitter = PersonaTextFitter(measurer: measurer, minimumScale: style.minimumScale)
        var canvas = PersonaCanvas(fitter: fitter, persona: persona.name.text(language))
        guard let first = stageColumns.first, let last = stageColumns.last else {
            return Layout(items: [], height: 0, warnings: [])
        }
        guard !persona.stages.isEmpty else {
            canvas.warn("stages", "the persona says nothing per stage (no emotion, pain points or opportunities); no lanes drawn")
            return Layout(items: [], height: 0, warnings: canvas.warnings)
        }
        let known = Set(stageColumns.map(\.stage))
        for s in persona.stages where !known.contains(s.stage) {
            canvas.warn("stages[\(s.stage)]", "stage \"\(s.stage)\" is not a column of the map; its lane entries are not shown")
        }
        let span = (first.minX, last.maxX)
        var y = top
        y = emotionLane(persona, columns: stageColumns, span: span, top: y, into: &canvas) + laneGap
        let lanes: [(String, String, Color, (PersonaStage) -> [LocalizedText])] = [
            (labels.notes, "notes", style.tint, { $0.notes.map { [$0] } ?? [] }),
            (labels.painPoints, "pain_points", style.painTint, { $0.painPoints }),
            (labels.opportunities, "opportunities", style.opportunityTint, { $0.opportunities }),
        ]
        for (title, key, tint, entries) in lanes {
            // The notes lane only when some stage has notes; the others always, to show the gap.
            if key == "notes" && !persona.stages.contains(where: { $0.notes != nil }) { continue }
            y = textLane(title, key: key, tint: tint, persona: persona, entries: entries, columns: stageColumns,
                         span: span, top: y, into: &canvas) + laneGap
        }
        return Layout(items: canvas.items, height: y - laneGap - top, warnings: canvas.warnings)
    }

    /// The lane title at the top-left of a band; returns its bottom.
    private func laneTitle(_ title: String, key: String, span: (Double, Double), top: Double,
                           into canvas: inout PersonaCanvas) -> Double {
        top + 4 + canvas.text(title, x: span.0 + cellPadding, y: top + 4, width: span.1 - span.0 - 2 * cellPadding,
                              font: style.font(style.headingSize, bold: true), color: style.accent, maxLines: 1,
                              element: "lanes.\(key).title")
    }

    private func emotionLane(_ persona: Persona, columns: [Column], span: (Double, Double), top: Double,
                             into canvas: inout PersonaCanvas) -> Double {
        let band = canvas.items.count
        let plotTop = laneTitle(labels.emotion, key: "emotion", span: span, top: top, into: &canvas) + 10
        let h = emotionHeight
        func yOf(_ e: Double) -> Double { plotTop + (2 - e) / 4 * h }
        let axisFont = style.font(style.smallSize - 0.5)
        for (label, e) in [("+2", 2.0), ("+1", 1.0), ("0", 0.0), ("−1", -1.0), ("−2", -2.0)] {
            let dash: [Double] = e == 0 ? [4, 3] : [1, 3]
            canvas.path(PersonaShapes.line(Point(span.0 + 22, yOf(e)), Point(span.1 - cellPadding, yOf(e))),
                        stroke: Stroke(color: e == 0 ? style.neutral : style.border, width: e == 0 ? 1 : 0.75, dash: dash))
            let f = canvas.fit(label, width: 16, font: axisFont, maxLines: 1, element: "lanes.emotion.axis")
            canvas.place(f, x: span.0 + 3, y: yOf(e) - f.size.height / 2, width: 16, color: style.mutedText, alignment: .right)
        }
        var points: [(Point, Double)] = []
        for c in columns {
            guard let e = persona.stage(c.stage)?.emotion else { continue }
            points.append((Point((c.minX + c.maxX) / 2, yOf(e)), e))
        }
        canvas.path(PersonaShapes.monotoneCurve(points.map(\.0)), stroke: Stroke(color: style.mutedText, width: 2))
        for (p, e) in points {
            canvas.path(PersonaShapes.circle(center: p, radius: 5), fill: style.emotionColor(e),
                        stroke: Stroke(color: style.card, width: 1.5))
        }
        let bottom = plotTop + h + 10
        canvas.items.insert(.rect(RectItem(frame: Rect(x: span.0, y: top, width: span.1 - span.0, height: bottom - top),
                                           cornerRadius: 6, fill: style.tint)), at: band)
        return bottom
    }

    /// A band with the lane title and, per column, the stage's entries as wrapped text.
    private func textLane(_ title: String, key: String, tint: Color, persona: Persona,
                          entries: (PersonaStage) -> [LocalizedText], columns: [Column], span: (Double, Double),
                          top: Double, into canvas: inout PersonaCanvas) -> Double {
        let band = canvas.items.count
        let cellTop = laneTitle(title, key: key, span: span, top: top, into: &canvas) + 4
        var bottom = cellTop + 14
        let font = style.font(style.smallSize + 0.5)
        for c in columns {
            guard let stage = persona.stage(c.stage) else { continue }
            let items = entries(stage)
            let x = c.minX + cellPadding, width = c.maxX - c.minX - 2 * cellPadding
            guard width > 12 else {
                if !items.isEmpty { canvas.warn("lanes.\(key).\(c.stage)", "column too narrow (\(Int(width)) pt) for text") }
                continue
            }
            var y = cellTop
            let shown = items.prefix(maxItemsPerCell)
            // Bullets (a dot and a hanging indent) unless the cell holds a single note.
            let indent = key == "notes" && items.count == 1 ? 0.0 : 8.0
            let dotY = canvas.fitter.lineHeight(font) / 2
            for (i, item) in shown.enumerated() {
                if indent > 0 {
                    canvas.path(PersonaShapes.circle(center: Point(x + 2.5, y + dotY), radius: 1.8), fill: style.mutedText)
                }
                y += canvas.text(item.text(language), x: x + indent, y: y, width: width - indent, font: font,
                                 color: style.text, maxLines: maxLinesPerItem, element: "lanes.\(key).\(c.stage)[\(i)]") + 4
            }
            if items.count > shown.count {
                let hidden = items.count - shown.count
                y += canvas.text(labels.more(hidden), x: x, y: y, width: width, font: style.font(style.smallSize),
                                 color: style.mutedText, maxLines: 1, element: "lanes.\(key).\(c.stage)") + 4
                canvas.warn("lanes.\(key).\(c.stage)", "\(hidden) of \(items.count) items not shown (at most \(maxItemsPerCell) per cell)")
            }
            bottom = max(bottom, y)
        }
        bottom += 6
        canvas.items.insert(.rect(RectItem(frame: Rect(x: span.0, y: top, width: span.1 - span.0, height: bottom - top),
                                           cornerRadius: 6, fill: tint)), at: band)
        return bottom
    }
}
