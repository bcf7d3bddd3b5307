import JourneyCore
import JourneyScene

extension PersonaCardBuilder {
    /// The persona's stages in template order (stages the template does not know last).
    func orderedStages(_ persona: Persona) -> [PersonaStage] {
        let rank = Dictionary(options.stages.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        return persona.stages.enumerated().sorted { a, b in
            let ra = rank[a.element.stage] ?? Int.max, rb = rank[b.element.stage] ?? Int.max
            return ra != rb ? ra < rb : a.offset < b.offset
        }.map(\.element)
    }

    /// Name of a stage id in the card's language (the id itself when unknown).
    func stageName(_ id: String) -> String {
        options.stages.first { $0.id == id }.map { primary($0.names) } ?? id
    }

    func stageColor(_ id: String) -> Color {
        options.stages.first { $0.id == id }.flatMap { Color(hex: $0.color) } ?? style.neutral
    }

    /// A small chart: one column per stage, the emotion score as a smooth curve between
    /// −2 and +2 around a dashed zero line, dots coloured by sign, stage names below.
    func emotionStrip(_ persona: Persona, x: Double, y: Double, into canvas: inout PersonaCanvas) -> Double {
        let stages = orderedStages(persona)
        var ty = heading(labels.emotionJourney, x: x, y: y, width: contentWidth, key: "emotion", into: &canvas)
        let axis = sizes.emotionAxisWidth
        let columnWidth = (contentWidth - axis) / Double(stages.count)
        let plotHeight = sizes.emotionPlotHeight, top = ty + sizes.emotionTopGap
        func yOf(_ e: Double) -> Double { top + (2 - e) / 4 * plotHeight }

        let axisFont = style.font(style.smallSize + sizes.emotionAxisSizeDelta)
        for (label, e) in [("+2", 2.0), ("0", 0.0), ("−2", -2.0)] {
            let f = canvas.fit(label, width: axis - 2, font: axisFont, maxLines: 1, element: "emotion.axis")
            canvas.place(f, x: x, y: yOf(e) - f.size.height / 2, width: axis - 2, color: style.mutedText, alignment: .right)
        }
        let left = x + axis, right = x + contentWidth
        let grid = Stroke(color: style.border, width: sizes.emotionGridWidth)
        canvas.path(PersonaShapes.line(Point(left, yOf(2)), Point(right, yOf(2))), stroke: grid)
        canvas.path(PersonaShapes.line(Point(left, yOf(-2)), Point(right, yOf(-2))), stroke: grid)
        canvas.path(PersonaShapes.line(Point(left, yOf(0)), Point(right, yOf(0))),
                    stroke: Stroke(color: style.neutral, width: sizes.emotionZeroWidth, dash: sizes.emotionZeroDash))

        var points: [(Point, Double)] = []
        for (i, s) in stages.enumerated() {
            guard let e = s.emotion else { continue }
            points.append((Point(left + columnWidth * (Double(i) + 0.5), yOf(e)), e))
        }
        canvas.path(PersonaShapes.monotoneCurve(points.map(\.0)), stroke: Stroke(color: style.mutedText, width: sizes.emotionCurveWidth))
        for (p, e) in points {
            canvas.path(PersonaShapes.circle(center: p, radius: sizes.emotionDotRadius), fill: style.emotionColor(e),
                        stroke: Stroke(color: style.card, width: sizes.emotionDotBorder))
        }
        ty = top + plotHeight + sizes.emotionNamesGap
        var bottom = ty
        for (i, s) in stages.enumerated() {
            let h = canvas.text(stageName(s.stage), x: left + columnWidth * Double(i) + 2, y: ty, width: columnWidth - 4,
                                font: style.font(style.smallSize), color: style.mutedText, maxLines: 2, alignment: .center,
                                element: "emotion.stage[\(s.stage)]")
            bottom = max(bottom, ty + h)
        }
        return bottom + sizes.sectionGap
    }
}
