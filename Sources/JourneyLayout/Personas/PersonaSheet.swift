import JourneyCore
import JourneyScene

/// Several persona cards side by side (`journeymap persona a.yaml b.yaml -o sheet.svg`; one
/// card is a sheet of one). Cards flow left to right, `columns` per row; cards of a row are
/// drawn equally tall. An optional title goes on top and a footnote (e.g. which segments
/// `--min-cases` hid) at the bottom.
public struct PersonaSheet: Sendable {
    public var card: PersonaCardBuilder
    public var columns: Int
    public var margin: Double
    public var gap: Double

    public init(options: PersonaCardOptions = PersonaCardOptions(), measurer: any TextMeasurer, columns: Int = 4,
                margin: Double = 24, gap: Double = 20) {
        self.card = PersonaCardBuilder(options: options, measurer: measurer)
        self.columns = columns
        self.margin = margin
        self.gap = gap
    }

    public struct Layout: Sendable {
        public var scene: Scene
        /// Texts that were cut or left out, by persona and element.
        public var warnings: [PersonaLayoutWarning]
    }

    /// `photos[i]` fills the avatar of `personas[i]` (missing or nil: initials).
    /// - Complexity: O(total text items × fitting measurements).
    public func layout(_ personas: [Persona], photos: [PersonaPhoto?] = [], title: String? = nil,
                       footnote: String? = nil) -> Layout {
        let style = card.options.style, sizes = style.sizes
        let perRow = max(1, min(columns, personas.count))
        let width = 2 * margin + Double(perRow) * style.cardWidth + Double(perRow - 1) * gap
        let fitter = PersonaTextFitter(measurer: card.measurer, minimumScale: style.minimumScale)
        var top = PersonaCanvas(fitter: fitter, persona: "")
        var y = margin
        if let title, !title.isEmpty {
            y += top.text(title, x: margin, y: y, width: width - 2 * margin, font: style.font(sizes.sheetTitleSize, bold: true),
                          color: style.text, maxLines: 2, element: "title") + sizes.sheetTitleGap
        }
        var items = top.items.tagged(.title, "title")
        var warnings = top.warnings
        for rowStart in stride(from: 0, to: personas.count, by: perRow) {
            let row = personas[rowStart..<min(rowStart + perRow, personas.count)]
            let cards = row.enumerated().map { i, p in
                let index = rowStart + i
                return card.layout(p, photo: index < photos.count ? photos[index] : nil,
                                   at: Point(margin + Double(i) * (style.cardWidth + gap), y))
            }
            let height = cards.map(\.frame.height).max() ?? 0
            for (c, p) in zip(cards, row) {
                var frame = c.frame
                frame.height = height
                let tag = SceneTag(.personaCard, card.primary(p.name), name: card.primary(p.name))
                items.append(card.background(frame).tagged(tag))
                items += c.items.tagged(tag)
                warnings += c.warnings
            }
            y += height + gap
        }
        y += margin - gap
        if let footnote, !footnote.isEmpty {
            var foot = PersonaCanvas(fitter: fitter, persona: "")
            y += foot.text(footnote, x: margin, y: y - margin + sizes.sheetFootnoteGap, width: width - 2 * margin,
                           font: style.font(style.smallSize + sizes.sheetFootnoteSizeDelta), color: style.mutedText, maxLines: 4,
                           element: "footnote") + sizes.sheetFootnoteGap
            items += foot.items.tagged(.note, "footnote")
            warnings += foot.warnings
        }
        let names = personas.map { card.primary($0.name) }
        let scene = Scene(width: width, height: y, background: style.background,
                          title: title ?? (names.count == 1 ? names[0] : "Personas"),
                          summary: "Persona cards: " + names.joined(separator: ", "), items: items, kind: .persona)
        return Layout(scene: scene, warnings: warnings)
    }
}
