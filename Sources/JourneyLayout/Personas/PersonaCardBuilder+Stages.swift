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
        y = legend(x: x, y: y, into: &canvas) + sizes.stageLegendGap
        let nameWidth = sizes.stageNameWidth, gutter = sizes.stageGutter, indent = sizes.stageNameIndent
        let tx = x + nameWidth + gutter, tw = contentWidth - nameWidth - gutter
        let font = style.font(style.bodySize + sizes.compactSizeDelta), markerIndent = sizes.markerIndent
        let dotY = canvas.fitter.lineHeight(font) / 2
        for (r, s) in stages.enumerated() {
            if r > 0 {
                let ruleY = y - sizes.stageDividerOffset
                canvas.path(PersonaShapes.line(Point(x, ruleY), Point(x + contentWidth, ruleY)),
                            stroke: Stroke(color: style.border, width: sizes.stageDividerWidth))
            }
            let top = y
            var left = y
            left += canvas.text(stageName(s.stage), x: x + indent, y: y, width: nameWidth - indent,
                                font: style.font(style.bodySize + sizes.compactSizeDelta, bold: true),
                                color: style.text, maxLines: 2, element: "stages[\(s.stage)].name")
            if let e = s.emotion {
                left += canvas.text(labels.emotionScore(e), x: x + indent, y: left + 1, width: nameWidth - indent,
                                    font: style.font(style.smallSize), color: style.mutedText, maxLines: 1,
                                    element: "stages[\(s.stage)].emotion") + 1
            }
            var right = y
            if let note = s.notes {
                right += canvas.text(primary(note), x: tx, y: right, width: tw,
                                     font: style.font(style.bodySize + sizes.compactSizeDelta, italic: true),
                                     color: style.mutedText, maxLines: 3, element: "stages[\(s.stage)].notes") + sizes.stageItemGap
            }
            let kinds: [(items: [LocalizedText], key: String, pain: Bool)] = [
                (s.painPoints, "pain_points", true), (s.opportunities, "opportunities", false),
            ]
            for kind in kinds {
                let shown = kind.items.prefix(options.maxItemsPerSection)
                for (i, item) in shown.enumerated() {
                    marker(pain: kind.pain, center: Point(tx + sizes.markerX, right + dotY), into: &canvas)
                    right += canvas.text(primary(item), x: tx + markerIndent, y: right, width: tw - markerIndent, font: font,
                                         color: style.text, maxLines: 3,
                                         element: "stages[\(s.stage)].\(kind.key)[\(i)]") + sizes.stageItemGap
                }
                if kind.items.count > shown.count {
                    let hidden = kind.items.count - shown.count
                    right += canvas.text(labels.more(hidden), x: tx + markerIndent, y: right, width: tw - markerIndent,
                                         font: style.font(style.smallSize), color: style.mutedText, maxLines: 1,
                                         element: "stages[\(s.stage)].\(kind.key)") + sizes.stageItemGap
                    canvas.warn("stages[\(s.stage)].\(kind.key)",
                                "\(hidden) of \(kind.items.count) items not shown (at most \(options.maxItemsPerSection))")
                }
            }
            let bottom = max(left, right - sizes.stageItemGap)
            canvas.rect(Rect(x: x, y: top + 1, width: sizes.stageBarWidth, height: max(4, bottom - top - 2)),
                        radius: sizes.stageBarRadius, fill: stageColor(s.stage))
            y = bottom + sizes.stageRowGap
        }
        return y + sizes.stageEndGap
    }

    /// A pain point is a dot in the negative colour, an opportunity a plus in the positive one.
    private func marker(pain: Bool, center c: Point, into canvas: inout PersonaCanvas) {
        if pain {
            canvas.path(PersonaShapes.circle(center: c, radius: sizes.painDotRadius), fill: style.negative)
        } else {
            let a = sizes.plusArm
            canvas.path([.move(Point(c.x - a, c.y)), .line(Point(c.x + a, c.y)), .move(Point(c.x, c.y - a)),
                         .line(Point(c.x, c.y + a))], stroke: Stroke(color: style.positive, width: sizes.plusWidth))
        }
    }

    private func legend(x: Double, y: Double, into canvas: inout PersonaCanvas) -> Double {
        let font = style.font(style.smallSize)
        let dotY = canvas.fitter.lineHeight(font) / 2
        var cx = x
        var bottom = y
        for (pain, label) in [(true, labels.painPoint), (false, labels.opportunity)] {
            marker(pain: pain, center: Point(cx + sizes.markerX, y + dotY), into: &canvas)
            let f = canvas.fit(label, width: contentWidth / 2 - 20, font: font, maxLines: 1, element: "stages.legend")
            canvas.place(f, x: cx + sizes.legendIndent, y: y, width: f.size.width, color: style.mutedText)
            cx += sizes.legendIndent + f.size.width + sizes.legendEntryGap
            bottom = max(bottom, y + f.size.height)
        }
        return bottom
    }
}
