import Foundation
import JourneyCore

/// Draws an `Attribution` as horizontal bars: per state (largest Markov credit on top) four
/// bars side by side — Markov, first touch, last touch, linear — in the state's stage colour,
/// the Markov bar full and the others lighter by model; the credit at each bar's end and the
/// removal effect under the name. Title, subtitle, a legend of the models and of the stages
/// shown, and a footnote saying what the numbers mean.
public struct AttributionSceneBuilder {
    public var attribution: Attribution
    public var style: SankeyStyle
    public var language: String
    public var title: String?
    /// Where the journeys came from, for the footnote.
    public var source: String?
    /// Most states drawn; the rest are counted in the footnote.
    public var maxStates: Int
    public var maxLabelCharacters: Int
    public var measurer: any TextMeasurer

    public init(attribution: Attribution, style: SankeyStyle = .light, language: String = "en", title: String? = nil,
                source: String? = nil, maxStates: Int = 25, maxLabelCharacters: Int = 48, measurer: any TextMeasurer) {
        self.attribution = attribution
        self.style = style
        self.language = language
        self.title = title
        self.source = source
        self.maxStates = maxStates
        self.maxLabelCharacters = maxLabelCharacters
        self.measurer = measurer
    }

    /// How much lighter each model's bar is than the stage colour (Markov first).
    static let tints: [Double] = [0, 0.3, 0.5, 0.7]

    public func build() -> Scene {
        let words = AttributionStrings(language: language)
        let base = style.fontSize, margin = base * 2, gap = base
        let rows = Array(attribution.rows.prefix(max(1, maxStates)))
        let nameFont = style.font(1, bold: true), smallFont = style.font(0.85), valueFont = style.font(0.8)
        let names = rows.map { Self.clipped($0.name, maxLabelCharacters) }
        let nameWidth = min(260, (names.map { measurer.measure($0, font: nameFont, maxWidth: nil).width }.max() ?? 0))
        let effectTexts = rows.map { $0.hidden.contains(.markov) ? words.effect("–") : words.effect(String(format: "%.1f %%", $0.removalEffect * 100)) }
        let labelWidth = max(nameWidth, effectTexts.map { measurer.measure($0, font: smallFont, maxWidth: nil).width }.max() ?? 0)
        let plotWidth = max(base * 30, 360.0)
        let valueRoom = measurer.measure("0000.0", font: valueFont, maxWidth: nil).width + 6
        let contentWidth = labelWidth + gap + plotWidth + valueRoom

        var items: [SceneItem] = []
        var y = margin
        func text(_ s: String, _ font: FontSpec, _ color: Color, x: Double, width: Double, align: TextAlignment = .left,
                  wrap: Bool = false, tag: SceneTag? = nil) -> Double {
            let size = measurer.measure(s, font: font, maxWidth: wrap ? width : nil)
            items.append(.text(TextItem(text: s, frame: Rect(x: x, y: y, width: wrap ? width : max(width, size.width), height: size.height),
                                        font: font, color: color, alignment: align, wrap: wrap, tag: tag)))
            return size.height
        }
        let titleText = title ?? words.title(attribution.options.by)
        y += text(titleText, style.font(1.7, bold: true), style.text, x: margin, width: contentWidth, wrap: true, tag: SceneTag(.title, "title"))
        y += 2
        y += text(words.subtitle(attribution, language: language), style.font(1), style.mutedText, x: margin, width: contentWidth, wrap: true)
        y += gap * 1.2

        // Legend: the four models as tints of a neutral ink, then the stages shown.
        let swatch = base * 0.9
        var x = margin
        let legendInk = style.text.mixed(with: style.background, 0.25)
        for (m, name) in words.models.enumerated() {
            let w = measurer.measure(name, font: smallFont, maxWidth: nil)
            if x + swatch + 4 + w.width > margin + contentWidth { x = margin; y += w.height + 4 }
            items.append(.rect(RectItem(frame: Rect(x: x, y: y + (w.height - swatch) / 2, width: swatch * 1.6, height: swatch),
                                        fill: legendInk.mixed(with: style.background, Self.tints[m]), tag: SceneTag(.legend, "model \(m)"))))
            items.append(.text(TextItem(text: name, frame: Rect(x: x + swatch * 1.6 + 4, y: y, width: w.width, height: w.height),
                                        font: smallFont, color: style.text, tag: SceneTag(.legend, "model \(m)"))))
            x += swatch * 1.6 + 4 + w.width + gap * 1.5
        }
        if let note = attribution.minPeopleNote(thai: words.thai) {
            let legend = "– " + note
            let w = measurer.measure(legend, font: smallFont, maxWidth: nil)
            if x + w.width > margin + contentWidth { x = margin; y += w.height + 4 }
            items.append(.text(TextItem(text: legend, frame: Rect(x: x, y: y, width: w.width, height: w.height),
                                        font: smallFont, color: style.text, tag: SceneTag(.legend, "min people"))))
        }
        y += measurer.measure("Ag", font: smallFont, maxWidth: nil).height + 4
        x = margin
        let shownStages = Array(Set(rows.map(\.stageIndex))).sorted()
        for s in shownStages {
            let name = attribution.stages.indices.contains(s) ? attribution.stages[s].names.text(language) : "?"
            let w = measurer.measure(name, font: smallFont, maxWidth: nil)
            if x + swatch + 4 + w.width > margin + contentWidth { x = margin; y += w.height + 4 }
            items.append(.rect(RectItem(frame: Rect(x: x, y: y + (w.height - swatch) / 2, width: swatch, height: swatch),
                                        cornerRadius: 2, fill: stageColor(s), tag: SceneTag(.legend, "stage \(s)"))))
            items.append(.text(TextItem(text: name, frame: Rect(x: x + swatch + 4, y: y, width: w.width, height: w.height),
                                        font: smallFont, color: style.mutedText, tag: SceneTag(.legend, "stage \(s)"))))
            x += swatch + 4 + w.width + gap * 1.5
        }
        y += measurer.measure("Ag", font: smallFont, maxWidth: nil).height + gap

        // Bars.
        let columns: [AttributionColumn] = [.markov, .firstTouch, .lastTouch, .linear]
        let maxValue = max(1e-12, rows.flatMap { r in columns.filter { attribution.shows(r, $0) }.map { r.value($0) } }.max() ?? 1)
        let barHeight = max(6, base * 0.75), barGap = 2.0
        let groupHeight = max(4 * barHeight + 3 * barGap, measurer.measure("Ag", font: nameFont, maxWidth: nil).height
                              + measurer.measure("Ag", font: smallFont, maxWidth: nil).height)
        let plotLeft = margin + labelWidth + gap
        let axisTop = y
        for (i, row) in rows.enumerated() {
            let color = stageColor(row.stageIndex)
            let tag = SceneTag(.touchpointBox, row.name, stage: attribution.stages.indices.contains(row.stageIndex) ? attribution.stages[row.stageIndex].id : nil)
            let nameSize = measurer.measure(names[i], font: nameFont, maxWidth: nil)
            items.append(.text(TextItem(text: names[i], frame: Rect(x: margin, y: y, width: labelWidth, height: nameSize.height),
                                        font: nameFont, color: style.text, alignment: .right, tag: SceneTag(.nodeLabel, row.name))))
            let effectSize = measurer.measure(effectTexts[i], font: smallFont, maxWidth: nil)
            items.append(.text(TextItem(text: effectTexts[i], frame: Rect(x: margin, y: y + nameSize.height, width: labelWidth, height: effectSize.height),
                                        font: smallFont, color: style.mutedText, alignment: .right, tag: SceneTag(.nodeLabel, row.name))))
            for (m, column) in columns.enumerated() {
                let v = row.value(column), hidden = !attribution.shows(row, column)
                let top = y + Double(m) * (barHeight + barGap)
                let length = v > 0 && !hidden ? max(1, plotWidth * v / maxValue) : 0
                if length > 0 {
                    items.append(.rect(RectItem(frame: Rect(x: plotLeft, y: top, width: length, height: barHeight),
                                                fill: color.mixed(with: style.background, Self.tints[m]), tag: tag)))
                }
                // Touches are whole conversions (481, 6,308); Markov and linear credits shares of them (6,308.4).
                let label = hidden ? "–" : column == .firstTouch || column == .lastTouch ? CountFormat.grouped(Int(v.rounded()))
                    : Self.groupedDecimal(v)
                let size = measurer.measure(label, font: valueFont, maxWidth: nil)
                items.append(.text(TextItem(text: label, frame: Rect(x: plotLeft + length + 3, y: top + (barHeight - size.height) / 2,
                                                                     width: size.width, height: size.height),
                                            font: valueFont, color: style.mutedText, tag: SceneTag(.edgeLabel, "\(row.name) model \(m)"))))
            }
            y += groupHeight + gap
        }
        // Axis line at zero.
        items.append(.path(PathItem(segments: [.move(Point(plotLeft, axisTop - 2)), .line(Point(plotLeft, y - gap + 2))],
                                    stroke: Stroke(color: style.nodeBorder, width: 0.75))))

        // Footnote.
        var notes = [words.meaning]
        if attribution.convertedAtFirstStep > 0 {
            notes.append(words.firstStep(attribution.firstStepHidden ? (words.thai ? "น้อยกว่า \(attribution.minPeople ?? 0)" : "Fewer than \(attribution.minPeople ?? 0)")
                                                                      : CountFormat.grouped(attribution.convertedAtFirstStep)))
        }
        if let offPath = attribution.offConvertingJourneysNote(thai: words.thai) { notes.append(offPath) }
        if let note = attribution.minPeopleNote(thai: words.thai) { notes.append("– : " + note) }
        if let why = attribution.conversionsWithheldReason(thai: words.thai) { notes.append(why) }
        if attribution.rows.count > rows.count { notes.append(words.hidden(attribution.rows.count - rows.count)) }
        if let source { notes.append(source) }
        y += gap * 0.5
        for n in notes {
            y += text(n, style.font(0.8), style.mutedText, x: margin, width: contentWidth, wrap: true, tag: SceneTag(.note, "footnote")) + 2
        }
        let width = (margin * 2 + contentWidth).rounded(.up)
        let height = (y + margin).rounded(.up)
        return Scene(width: width, height: height, background: style.background, title: titleText,
                     summary: words.subtitle(attribution, language: language), items: items)
    }

    private func stageColor(_ index: Int) -> Color {
        if !style.stagePalette.isEmpty { return style.stagePalette[index % style.stagePalette.count] }
        guard attribution.stages.indices.contains(index) else { return style.neutral }
        return Color(hex: attribution.stages[index].color) ?? style.neutral
    }

    static func clipped(_ s: String, _ n: Int) -> String {
        s.count > n ? String(s.prefix(max(1, n - 1))) + "…" : s
    }

    /// `v` to one decimal with thousands separators (6,308.4).
    static func groupedDecimal(_ v: Double) -> String {
        let text = String(format: "%.1f", v)
        guard let dot = text.firstIndex(of: "."), let whole = Int(text[..<dot]) else { return text }
        return (text.hasPrefix("-") && whole == 0 ? "-" : "") + CountFormat.grouped(whole) + text[dot...]
    }
}
