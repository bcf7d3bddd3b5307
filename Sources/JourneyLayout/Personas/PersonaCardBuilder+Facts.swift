import JourneyCore
import JourneyScene

extension PersonaCardBuilder {
    /// Measured facts of a data persona: three stat tiles (share of journeys, conversion,
    /// median duration), top channels as bars, the biggest drop-off, and the typical path.
    func facts(_ f: PersonaFacts, x: Double, y: Double, into canvas: inout PersonaCanvas) -> Double {
        var y = statTiles(f, x: x, y: y, into: &canvas) + sizes.sectionGap
        if !f.topChannels.isEmpty { y = channelBars(f.topChannels, x: x, y: y, into: &canvas) + sizes.sectionGap }
        if let d = f.biggestDropOff {
            y = heading(labels.biggestDropOff, x: x, y: y, width: contentWidth, key: "facts.drop_off", into: &canvas)
            y += canvas.text(labels.dropOff(stageName(d.from), stageName(d.to), d), x: x, y: y, width: contentWidth,
                             font: style.font(style.bodySize), color: style.text, maxLines: 3,
                             element: "facts.biggest_drop_off") + sizes.sectionGap
        }
        if let path = f.typicalPath, !path.steps.isEmpty {
            y = heading(labels.pathCaption(path), x: x, y: y, width: contentWidth,
                        key: "facts.typical_path", into: &canvas)
            y = pathBoxes(path, x: x, y: y, into: &canvas) + sizes.sectionGap
        }
        return y
    }

    private func statTiles(_ f: PersonaFacts, x: Double, y: Double, into canvas: inout PersonaCanvas) -> Double {
        let gap = sizes.tileGap, pad = sizes.tilePadding
        let width = (contentWidth - 2 * gap) / 3
        let tiles: [(String, String)] = [
            // The share is in the subtitle already: the journey length, when measured, says more.
            f.medianEvents.map { (labels.count($0), labels.medianEvents($0)) } ?? (PersonaLabels.percent(f.share), labels.ofJourneys),
            (f.conversionRateWithheld ? "–" : PersonaLabels.percent(f.conversionRate), labels.reach(stageName(f.conversionStage))),
            (f.medianDurationSeconds.map(labels.duration) ?? "–", labels.medianJourney),
        ]
        let mark = canvas.items.count
        var bottom = y
        for (i, tile) in tiles.enumerated() {
            let tx = x + Double(i) * (width + gap) + pad
            var ty = y + pad
            ty += canvas.text(tile.0, x: tx, y: ty, width: width - 2 * pad, font: style.font(style.statSize, bold: true),
                              color: style.accent, maxLines: 1, element: "facts.tile[\(i)].value")
            ty += canvas.text(tile.1, x: tx, y: ty, width: width - 2 * pad, font: style.font(style.smallSize),
                              color: style.mutedText, maxLines: 2, element: "facts.tile[\(i)].label")
            bottom = max(bottom, ty + pad)
        }
        for i in (0..<3).reversed() {
            canvas.items.insert(.rect(RectItem(frame: Rect(x: x + Double(i) * (width + gap), y: y, width: width,
                                                           height: bottom - y), cornerRadius: sizes.tileRadius, fill: style.tint)), at: mark)
        }
        return bottom
    }

    /// One row per channel: name, a bar as long as its share, the share.
    private func channelBars(_ channels: [PersonaFacts.ChannelShare], x: Double, y: Double,
                             into canvas: inout PersonaCanvas) -> Double {
        var y = heading(labels.topChannels, x: x, y: y, width: contentWidth, key: "facts.top_channels", into: &canvas)
        let nameWidth = sizes.channelNameWidth, valueWidth = sizes.channelValueWidth
        let barWidth = contentWidth - nameWidth - valueWidth - sizes.channelBarRoom
        let barX = x + nameWidth + sizes.channelBarGap, barHeight = sizes.channelBarHeight
        let font = style.font(style.bodySize + sizes.compactSizeDelta)
        for (i, c) in channels.enumerated() {
            let name = canvas.fit(c.channel, width: nameWidth, font: font, maxLines: 1, element: "facts.top_channels[\(i)]")
            let h = name.size.height
            canvas.place(name, x: x, y: y, width: nameWidth, color: style.text)
            let barY = y + h / 2 - barHeight / 2
            canvas.rect(Rect(x: barX, y: barY, width: barWidth, height: barHeight), radius: barHeight / 2, fill: style.tint)
            canvas.rect(Rect(x: barX, y: barY, width: max(sizes.channelBarMinimum, barWidth * min(1, c.share)), height: barHeight),
                        radius: barHeight / 2, fill: style.accent)
            canvas.text(PersonaLabels.percent(c.share), x: x + contentWidth - valueWidth, y: y, width: valueWidth, font: font,
                        color: style.mutedText, maxLines: 1, alignment: .right, element: "facts.top_channels[\(i)].share")
            y += h + sizes.channelRowGap
        }
        return y - sizes.channelRowGap
    }

    /// The typical path as touchpoint boxes (tinted by stage) joined by arrows, wrapped to rows;
    /// runs of one touchpoint become one box "name ×n". A new row starts with an arrow.
    private func pathBoxes(_ path: PersonaFacts.TypicalPath, x: Double, y: Double,
                           into canvas: inout PersonaCanvas) -> Double {
        var runs: [(step: PersonaFacts.TypicalPath.Step, count: Int)] = []
        for s in path.steps {
            if let last = runs.last, last.step == s { runs[runs.count - 1].count += 1 } else { runs.append((s, 1)) }
        }
        let limit = max(2, options.maxPathBoxes)
        var hidden = 0
        if runs.count > limit {
            hidden = runs[(limit - 1)...].map(\.count).reduce(0, +)
            runs = Array(runs.prefix(limit - 1))
        }
        let pad = sizes.pathBoxPadding, arrowGap = sizes.pathArrowGap, maxBox = sizes.pathMaxBoxWidth
        let font = style.font(style.smallSize)
        var boxes: [(fitted: PersonaTextFitter.Fitted, stage: String?)] = []
        for (i, run) in runs.enumerated() {
            var label = run.count > 1 ? "\(run.step.touchpoint) ×\(run.count)" : run.step.touchpoint
            if let share = run.step.share { label += " · " + PersonaLabels.percent(share) }
            boxes.append((canvas.fit(label, width: maxBox - 2 * pad, font: font, maxLines: 2,
                                     element: "facts.typical_path[\(i)]"), run.step.stage))
        }
        if hidden > 0 {
            boxes.append((canvas.fit(labels.moreSteps(hidden), width: maxBox - 2 * pad, font: font, maxLines: 1,
                                     element: "facts.typical_path.more"), nil))
        }
        // Rows: boxes flow left to right; a box that does not fit starts a new row.
        var rows: [[Int]] = [[]]
        var cx = x
        for (i, b) in boxes.enumerated() {
            let w = b.fitted.size.width + 2 * pad
            if !rows[rows.count - 1].isEmpty && cx + w > x + contentWidth {
                rows.append([])
                cx = x + arrowGap
            }
            rows[rows.count - 1].append(i)
            cx += w + arrowGap
        }
        var ry = y
        let arrow = Arrow(length: sizes.pathArrowSize, width: sizes.pathArrowSize, color: style.mutedText)
        for (r, row) in rows.enumerated() {
            let height = row.map { boxes[$0].fitted.size.height + 2 * pad - 4 }.max() ?? 0
            var bx = r == 0 ? x : x + arrowGap
            if r > 0 {
                canvas.path(PersonaShapes.line(Point(x, ry + height / 2), Point(bx - 2, ry + height / 2)),
                            stroke: Stroke(color: style.mutedText, width: 1), arrow: arrow)
            }
            for (k, i) in row.enumerated() {
                let b = boxes[i]
                let w = b.fitted.size.width + 2 * pad
                let color = b.stage.map(stageColor) ?? style.neutral
                canvas.rect(Rect(x: bx, y: ry, width: w, height: height), radius: sizes.pathBoxRadius,
                            fill: b.stage == nil ? style.tint : color.mixed(with: style.card, sizes.pathStageTint),
                            stroke: Stroke(color: color, width: 1))
                canvas.place(b.fitted, x: bx + pad, y: ry + (height - b.fitted.size.height) / 2, width: w - 2 * pad,
                             color: style.text, alignment: .center)
                let last = k == row.count - 1
                let ax = bx + w + 2
                if !last {
                    canvas.path(PersonaShapes.line(Point(ax, ry + height / 2), Point(ax + arrowGap - 4, ry + height / 2)),
                                stroke: Stroke(color: style.mutedText, width: 1), arrow: arrow)
                } else if r < rows.count - 1, min(x + contentWidth, ax + arrowGap - 4) > ax + 2 {
                    // The path goes on in the next row.
                    canvas.path(PersonaShapes.line(Point(ax, ry + height / 2),
                                                   Point(min(x + contentWidth, ax + arrowGap - 4), ry + height / 2)),
                                stroke: Stroke(color: style.mutedText, width: 1))
                }
                bx += w + arrowGap
            }
            ry += height + sizes.pathRowGap
        }
        return ry - sizes.pathRowGap
    }
}
