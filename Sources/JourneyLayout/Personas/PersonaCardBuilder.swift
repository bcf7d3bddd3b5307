import JourneyCore
import JourneyScene

/// What a persona card shows and how.
public struct PersonaCardOptions: Sendable {
    /// Language of the text (`en`, `th`, …); fields without it fall back to English.
    public var language: String
    /// Also show this language, smaller and muted, under each text that has it (e.g. `en`
    /// under Thai); nil for one language.
    public var secondaryLanguage: String?
    /// Stage names, order and colours (template stages then `unassigned`).
    public var stages: [StageDefinition]
    public var style: PersonaStyle
    /// Bullets shown per section; the rest are counted ("+ 2 more") and reported.
    public var maxItemsPerSection: Int
    /// Boxes of a data persona's typical path; longer paths end in "+n steps".
    public var maxPathBoxes: Int
    /// Show the "Stage by stage" section (notes, pain points and opportunities per stage).
    public var showStageDetails: Bool

    public init(language: String = "en", secondaryLanguage: String? = nil,
                stages: [StageDefinition] = JourneyTemplate.builtinDefault().allStages, style: PersonaStyle = .light,
                maxItemsPerSection: Int = 6, maxPathBoxes: Int = 12, showStageDetails: Bool = true) {
        self.language = language
        self.secondaryLanguage = secondaryLanguage
        self.stages = stages
        self.style = style
        self.maxItemsPerSection = maxItemsPerSection
        self.maxPathBoxes = maxPathBoxes
        self.showStageDetails = showStageDetails
    }
}

/// One laid-out card: its items (without the card background), its natural frame and what
/// did not fit.
public struct PersonaCardLayout: Sendable {
    public var items: [SceneItem]
    /// Position and natural size; a sheet may draw the card taller to line up a row.
    public var frame: Rect
    public var warnings: [PersonaLayoutWarning]
}

/// Lays out a persona card on a fixed-width grid:
/// header (initials avatar, name, role) · quote · Goals | Pain points · Motivations | Channels ·
/// emotion strip across the stages · for data personas: stat tiles, top channels, biggest
/// drop-off and the typical path as touchpoint boxes with arrows, wrapped to rows · "Stage by
/// stage": notes, pain points and opportunities of each stage.
///
/// Every text is fitted with `PersonaTextFitter` (wrap, shrink to `minimumScale`, then cut
/// with an ellipsis and a warning), so no text leaves its box. A photo fills the avatar
/// circle; without one (or with one that could not be read, reported) it shows initials.
/// Every number is a named field of `PersonaStyle.CardSizes`.
public struct PersonaCardBuilder: Sendable {
    public var options: PersonaCardOptions
    public var measurer: any TextMeasurer

    public init(options: PersonaCardOptions = PersonaCardOptions(), measurer: any TextMeasurer) {
        self.options = options
        self.measurer = measurer
    }

    var style: PersonaStyle { options.style }
    /// The card's named numbers (`PersonaStyle.CardSizes`).
    var sizes: PersonaStyle.CardSizes { options.style.sizes }
    var labels: PersonaLabels { PersonaLabels(language: options.language) }
    var contentWidth: Double { style.cardWidth - 2 * style.padding }

    /// The card background for a card drawn `height` tall at `frame`'s position.
    public func background(_ frame: Rect) -> SceneItem {
        .rect(RectItem(frame: frame, cornerRadius: sizes.cornerRadius, fill: style.card,
                       stroke: Stroke(color: style.border, width: sizes.borderWidth)))
    }

    /// Lays out `persona` with its top-left corner at `origin`; `photo` (read and decoded by
    /// the caller, e.g. `PersonaPhoto.load`) fills the avatar, else its initials do.
    public func layout(_ persona: Persona, photo: PersonaPhoto? = nil, at origin: Point) -> PersonaCardLayout {
        let fitter = PersonaTextFitter(measurer: measurer, minimumScale: style.minimumScale)
        var canvas = PersonaCanvas(fitter: fitter, persona: persona.name.text(options.language))
        let x = origin.x + style.padding
        var y = origin.y + style.padding
        y = header(persona, photo: photo, x: x, y: y, into: &canvas) + sizes.sectionGap
        if let quote = persona.quote { y = self.quote(quote, x: x, y: y, into: &canvas) + sizes.sectionGap }
        y = sections(persona, x: x, y: y, into: &canvas)
        if let facts = persona.facts { y = self.facts(facts, x: x, y: y, into: &canvas) }
        if persona.stages.contains(where: { $0.emotion != nil }) { y = emotionStrip(persona, x: x, y: y, into: &canvas) }
        if options.showStageDetails { y = stageDetails(persona, x: x, y: y, into: &canvas) }
        let height = y - sizes.sectionGap + style.padding - origin.y
        return PersonaCardLayout(items: canvas.items,
                                 frame: Rect(x: origin.x, y: origin.y, width: style.cardWidth, height: height),
                                 warnings: canvas.warnings)
    }

    // MARK: Text in two languages

    func primary(_ t: LocalizedText) -> String { t.text(options.language) }

    /// The secondary-language text when it exists and says something else.
    func secondary(_ t: LocalizedText) -> String? {
        guard let lang = options.secondaryLanguage, lang != options.language, let s = t.values[lang],
              !s.isEmpty, s != primary(t) else { return nil }
        return s
    }

    // MARK: Header

    private func header(_ persona: Persona, photo: PersonaPhoto?, x: Double, y: Double, into canvas: inout PersonaCanvas) -> Double {
        let d = sizes.avatarDiameter
        if case .png(let png) = photo {
            canvas.path(PersonaShapes.circle(center: Point(x + d / 2, y + d / 2), radius: d / 2 + sizes.avatarRing), fill: style.accent)
            canvas.image(Rect(x: x, y: y, width: d, height: d), png: png, circular: true)
        } else {
            if let path = persona.photo {
                var why = "not loaded"
                if case .unusable(let problem) = photo { why = problem }
                canvas.warn("photo", "\"\(path)\" is not drawn (\(why)); the card shows initials")
            }
            let inset = sizes.initialsInset
            canvas.path(PersonaShapes.circle(center: Point(x + d / 2, y + d / 2), radius: d / 2), fill: style.accent)
            let initials = canvas.fit(PersonaLabels.initials(primary(persona.name)), width: d - 2 * inset,
                                      font: style.font(sizes.initialsSize, bold: true), maxLines: 1, element: "avatar")
            canvas.place(initials, x: x + inset, y: y + (d - initials.size.height) / 2, width: d - 2 * inset, color: style.onAccent,
                         alignment: .center)
        }

        let tx = x + d + sizes.avatarGap, tw = contentWidth - d - sizes.avatarGap
        var ty = y + sizes.nameTop
        ty += canvas.text(primary(persona.name), x: tx, y: ty, width: tw, font: style.font(style.nameSize, bold: true),
                          color: style.text, maxLines: 2, element: "name")
        if let other = secondary(persona.name) {
            ty += canvas.text(other, x: tx, y: ty, width: tw, font: style.font(style.bodySize), color: style.mutedText,
                              maxLines: 1, element: "name (\(options.secondaryLanguage ?? ""))")
        }
        let role = persona.role.map(primary) ?? persona.facts.map(labels.segmentSubtitle) ?? ""
        if !role.isEmpty {
            ty += sizes.roleGap
            ty += canvas.text(role, x: tx, y: ty, width: tw, font: style.font(style.bodySize + sizes.roleSizeDelta), color: style.mutedText,
                              maxLines: 3, element: "role")
        }
        if let r = persona.role, let other = secondary(r) {
            ty += canvas.text(other, x: tx, y: ty, width: tw, font: style.font(style.smallSize), color: style.mutedText,
                              maxLines: 2, element: "role (\(options.secondaryLanguage ?? ""))")
        }
        return max(y + d, ty)
    }

    // MARK: Quote

    private func quote(_ q: LocalizedText, x: Double, y: Double, into canvas: inout PersonaCanvas) -> Double {
        let barIndex = canvas.items.count
        var ty = y
        let indent = sizes.quoteIndent
        ty += canvas.text("“\(primary(q))”", x: x + indent, y: ty, width: contentWidth - indent,
                          font: style.font(style.bodySize + sizes.quoteSizeDelta, italic: true), color: style.text, maxLines: 4,
                          element: "quote")
        if let other = secondary(q) {
            ty += sizes.quoteSecondaryGap
            ty += canvas.text("“\(other)”", x: x + indent, y: ty, width: contentWidth - indent,
                              font: style.font(style.smallSize + sizes.quoteSecondarySizeDelta, italic: true), color: style.mutedText,
                              maxLines: 3, element: "quote (\(options.secondaryLanguage ?? ""))")
        }
        canvas.items.insert(.rect(RectItem(frame: Rect(x: x, y: y, width: sizes.quoteBarWidth, height: ty - y),
                                           cornerRadius: sizes.quoteBarRadius,
                                           fill: style.accent)), at: barIndex)
        return ty
    }

    // MARK: Sections grid

    private enum Cell {
        case bullets(title: String, key: String, items: [LocalizedText])
        case chips(title: String, key: String, items: [LocalizedText])
    }

    /// Goals | Pain points, then Motivations | Channels, in two columns; empty cells are left out.
    private func sections(_ persona: Persona, x: Double, y: Double, into canvas: inout PersonaCanvas) -> Double {
        let gutter = sizes.columnGutter
        let columnWidth = (contentWidth - gutter) / 2
        var cells: [Cell] = []
        if !persona.goals.isEmpty { cells.append(.bullets(title: labels.goals, key: "goals", items: persona.goals)) }
        if !persona.painPoints.isEmpty {
            cells.append(.bullets(title: labels.painPoints, key: "pain_points", items: persona.painPoints))
        }
        if !persona.motivations.isEmpty {
            cells.append(.bullets(title: labels.motivations, key: "motivations", items: persona.motivations))
        }
        if !persona.channels.isEmpty { cells.append(.chips(title: labels.channels, key: "channels", items: persona.channels)) }
        var y = y
        for row in stride(from: 0, to: cells.count, by: 2) {
            var bottom = y
            for (i, cell) in cells[row..<min(row + 2, cells.count)].enumerated() {
                let cx = x + Double(i) * (columnWidth + gutter)
                switch cell {
                case let .bullets(title, key, items):
                    bottom = max(bottom, bullets(title, key: key, items: items, x: cx, y: y, width: columnWidth, into: &canvas))
                case let .chips(title, key, items):
                    bottom = max(bottom, chips(title, key: key, items: items, x: cx, y: y, width: columnWidth, into: &canvas))
                }
            }
            y = bottom + sizes.sectionGap
        }
        return y
    }

    /// A heading; returns the y below it.
    func heading(_ title: String, x: Double, y: Double, width: Double, key: String,
                 into canvas: inout PersonaCanvas) -> Double {
        y + canvas.text(title, x: x, y: y, width: width, font: style.font(style.headingSize, bold: true),
                        color: style.accent, maxLines: 1, element: "\(key).heading") + sizes.headingGap
    }

    /// A heading and bulleted items; returns the bottom.
    func bullets(_ title: String, key: String, items: [LocalizedText], x: Double, y: Double, width: Double,
                 maxLines: Int = 4, into canvas: inout PersonaCanvas) -> Double {
        var ty = heading(title, x: x, y: y, width: width, key: key, into: &canvas)
        let font = style.font(style.bodySize), indent = sizes.bulletIndent
        let dotY = canvas.fitter.lineHeight(font) / 2
        let shown = items.prefix(options.maxItemsPerSection)
        for (i, item) in shown.enumerated() {
            canvas.path(PersonaShapes.circle(center: Point(x + sizes.bulletDotX, ty + dotY), radius: sizes.bulletDotRadius),
                        fill: style.accent)
            ty += canvas.text(primary(item), x: x + indent, y: ty, width: width - indent, font: font, color: style.text,
                              maxLines: maxLines, element: "\(key)[\(i)]")
            if let other = secondary(item) {
                ty += canvas.text(other, x: x + indent, y: ty, width: width - indent, font: style.font(style.smallSize),
                                  color: style.mutedText, maxLines: 3, element: "\(key)[\(i)] (\(options.secondaryLanguage ?? ""))")
            }
            ty += sizes.itemGap
        }
        if items.count > shown.count {
            let hidden = items.count - shown.count
            ty += canvas.text(labels.more(hidden), x: x + indent, y: ty, width: width - indent, font: style.font(style.smallSize),
                              color: style.mutedText, maxLines: 1, element: "\(key)") + sizes.itemGap
            canvas.warn(key, "\(hidden) of \(items.count) items not shown (at most \(options.maxItemsPerSection) per section)")
        }
        return ty - sizes.itemGap
    }

    /// A heading and items as rounded chips flowing in rows; returns the bottom.
    private func chips(_ title: String, key: String, items: [LocalizedText], x: Double, y: Double, width: Double,
                       into canvas: inout PersonaCanvas) -> Double {
        var rowY = heading(title, x: x, y: y, width: width, key: key, into: &canvas)
        let pad = sizes.chipPadding, padY = sizes.chipPaddingY, font = style.font(style.bodySize + sizes.compactSizeDelta)
        var cx = x
        var rowHeight = 0.0
        let shown = items.prefix(options.maxItemsPerSection * 2)
        for (i, item) in shown.enumerated() {
            let label = secondary(item).map { "\(primary(item)) · \($0)" } ?? primary(item)
            let fitted = canvas.fit(label, width: width - 2 * pad, font: font, maxLines: 1, element: "\(key)[\(i)]")
            let w = fitted.size.width + 2 * pad, h = fitted.size.height + 2 * padY
            if cx > x && cx + w > x + width {
                cx = x
                rowY += rowHeight + sizes.chipGap
                rowHeight = 0
            }
            canvas.rect(Rect(x: cx, y: rowY, width: w, height: h), radius: h / 2, fill: style.tint)
            canvas.place(fitted, x: cx + pad, y: rowY + padY, width: w - 2 * pad, color: style.text)
            cx += w + sizes.chipGap
            rowHeight = max(rowHeight, h)
        }
        if items.count > shown.count {
            canvas.warn(key, "\(items.count - shown.count) of \(items.count) channels not shown")
        }
        return rowY + rowHeight
    }
}
