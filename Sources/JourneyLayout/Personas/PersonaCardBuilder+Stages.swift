import JourneyCore
import JourneyScene

extension PersonaCardBuilder {
    /// "Stage by stage": one row per stage that has notes, pain points or opportunities: the
    /// stage name (with its colour as a bar) on the left; the note, then pain points (a dot in
    /// the negative colour) and opportunities (a plus in the positive colour) on the right.
    /// Shapes differ as well as colours, and a legend under the heading says which is which.
    func stageDetails(_ persona: Persona, x: Double, y: Double, into canvas: inout PersonaCanvas) -> Double {
        let stages = orderedStages(persona).filter { $0.notes != nil || !$0.painPoints.isEmpty || !$0.opportunities.isEmpty }
        guard !stages.isEmpty else { return y }
        var y = heading(labels.stageByStage, x: x, y: y, width: contentWidth, key: "stages", into: &canvas)
        y = legend(x: x, y: y, into: &canvas) + 8
        let nameWidth = 92.0, gutter = 12.0
        let tx = x + nameWidth + gutter, tw = contentWidth - nameWidth - gutter
        let font = style.font(style.bodySize - 0.5)
        let dotY = canvas.fitter.lineHeight(font) / 2
        for (r, s) in stages.enumerated() {
            if r > 0 {
                canvas.path(PersonaShapes.line(Point(x, y - 5), Point(x + contentWidth, y - 5)),
                            stroke: Stroke(color: style.border, width: 0.5))
            }
            let top = y
            var left = y
            left += canvas.text(stageName(s.stage), x: x + 8, y: y, width: nameWidth - 8, font: style.font(style.bodySize - 0.5, bold: true),
                                color: style.text, maxLines: 2, element: "stages[\(s.stage)].name")
            if let e = s.emotion {
                left += canvas.text(labels.emotionScore(e), x: x + 8, y: left + 1, width: nameWidth - 8,
                                    font: style.font(style.smallSize), color: style.mutedText, maxLines: 1,
                                    element: "stages[\(s.stage)].emotion") + 1
            }
            var right = y
            if let note = s.notes {
                right += canvas.text(primary(note), x: tx, y: right, width: tw, font: style.font(style.bodySize - 0.5, italic: true),
                                     color: style.mutedText, maxLines: 3, element: "stages[\(s.stage)].notes") + 3
            }
            let kinds: [(items: [LocalizedText], key: String, pain: Bool)] = [
                (s.painPoints, "pain_points", true), (s.opportunities, "opportunities", false),
            ]
            for kind in kinds {
                let shown = kind.items.prefix(options.maxItemsPerSection)
                for (i, item) in shown.enumerated() {
                    marker(pain: kind.pain, center: Point(tx + 3.5, right + dotY), into: &canvas)
                    right += canvas.text(primary(item), x: tx + 12, y: right, width: tw - 12, font: font, color: style.text,
                                         maxLines: 3, element: "stages[\(s.stage)].\(kind.key)[\(i)]") + 3
                }
                if kind.items.count > shown.count {
                    let hidden = kind.items.count - shown.count
                    right += canvas.text(labels.more(hidden), x: tx + 12, y: right, width: tw - 12,
                                         font: style.font(style.smallSize), color: style.mutedText, maxLines: 1,
                                         element: "stages[\(s.stage)].\(kind.key)") + 3
                    canvas.warn("stages[\(s.stage)].\(kind.key)",
                                "\(hidden) of \(kind.items.count) items not shown (at most \(options.maxItemsPerSection))")
                }
            }
            let bottom = max(left, right - 3)
            canvas.rect(Rect(x: x, y: top + 1, width: 3, height: max(4, bottom - top - 2)), radius: 1.5,
                        fill: stageColor(s.stage))
            y = bottom + 10
        }
        return y + 4
    }

    /// A pain point is a dot in the negative colour, an opportunity a plus in the positive one.
    private func marker(pain: Bool, center c: Point, into canvas: inout PersonaCanvas) {
        if pain {
            canvas.path(PersonaShapes.circle(center: c, radius: 2.6), fill: style.negative)
        } else {
            let a = 3.2
            canvas.path([.move(Point(c.x - a, c.y)), .line(Point(c.x + a, c.y)), .move(Point(c.x, c.y - a)),
                         .line(Point(c.x, c.y + a))], stroke: Stroke(color: style.positive, width: 1.6))
        }
    }

    private func legend(x: Double, y: Double, into canvas: inout PersonaCanvas) -> Double {
        let font = style.font(style.smallSize)
        let dotY = canvas.fitter.lineHeight(font) / 2
        var cx = x
        var bottom = y
        for (pain, label) in [(true, labels.painPoint), (false, labels.opportunity)] {
            marker(pain: pain, center: Point(cx + 3.5, y + dotY), into: &canvas)
            let f = canvas.fit(label, width: contentWidth / 2 - 20, font: font, maxLines: 1, element: "stages.legend")
            canvas.place(f, x: cx + 11, y: y, width: f.size.width, color: style.mutedText)
            cx += 11 + f.size.width + 16
            bottom = max(bottom, y + f.size.height)
        }
        return bottom
    }
}
