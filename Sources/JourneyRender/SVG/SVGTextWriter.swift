import JourneyScene

/// A `TextItem` as SVG: the background box the PNG has, then one `<text>` whose `<tspan>`s are
/// the runs Pango laid out (same wrapping, alignment and "…" cut as `SceneDrawer.drawText`),
/// each at the point Pango put it, in the font Pango chose (embedded by `SVGFontEmbedding`).
/// `xml:lang="th"` marks text with Thai letters (and `en` Latin text in a Thai picture), so
/// screen readers and search read it in its language.
final class SVGTextWriter {
    private let fonts: SVGFontEmbedding
    private let rootLanguage: String
    private let cairo: CairoContext
    /// On the measuring font map (`SharedFontMap`): its matches and sorts are the measurer's,
    /// which laid the picture out. Used under the map's lock.
    private var context: PangoTextContext?
    private var descriptions: [FontSpec: FontDescription] = [:]

    init(fonts: SVGFontEmbedding, rootLanguage: String) throws {
        self.fonts = fonts
        self.rootLanguage = rootLanguage
        cairo = try CairoContext(CairoSurface.image(width: 1, height: 1))
        context = try SharedFontMap.lock.withLock { try PangoTextContext(measuringWith: cairo, options: FontOptions.unhinted()) }
    }

    deinit {
        SharedFontMap.lock.withLock { context = nil }
    }

    func element(_ item: TextItem) throws -> String {
        guard !item.text.isEmpty else { return "" }
        return try SharedFontMap.lock.withLock { try lockedElement(item) }
    }

    /// `element`, with `SharedFontMap.lock` held (the layout is made and released under it).
    private func lockedElement(_ item: TextItem) throws -> String {
        guard let context else { return "" }
        let layout = try TextLayout(context)
        let font = try description(item.font)
        let (logical, origin) = layout.lay(item, font: font)
        var s = ""
        if let background = item.background {
            let p = SceneDrawer.textBackgroundPadding
            s += "<rect x=\"\(n(origin.x + logical.x - p))\" y=\"\(n(origin.y + logical.y - p))\" width=\"\(n(logical.width + 2 * p))\""
            s += " height=\"\(n(logical.height + 2 * p))\" rx=\"\(n(p))\"\(SemanticSVGWriter.paint("fill", background))/>\n"
        }
        let runs = layout.runs.filter { !$0.text.isEmpty }
        guard !runs.isEmpty else { return s }
        s += "<text xml:space=\"preserve\""
        if let lang = language(of: item.text) { s += " xml:lang=\"\(lang)\"" }
        s += " font-size=\"\(n(item.font.size))\""
        if item.font.bold { s += " font-weight=\"bold\"" }
        if item.font.italic { s += " font-style=\"italic\"" }
        s += SemanticSVGWriter.paint("fill", item.color) + ">"
        for run in runs {
            s += "<tspan x=\"\(n(origin.x + run.origin.x))\" y=\"\(n(origin.y + run.origin.y))\""
            if let family = fonts.family(for: run) { s += " font-family=\"\(SemanticSVGWriter.escaped(family))\"" }
            // Browsers that round glyph advances to pixels drift along a long line; the run's
            // width as Pango measured it pins its end (librsvg shapes with Pango and agrees anyway).
            if run.width > 0 { s += " textLength=\"\(n(run.width))\" lengthAdjust=\"spacing\"" }
            // Without the break points the layout added (`withBreaksAfterSeparators`).
            let text = run.text.replacingOccurrences(of: "\t", with: " ").replacingOccurrences(of: TextLayout.zeroWidthSpace, with: "")
            s += ">\(SemanticSVGWriter.escaped(text))</tspan>"
        }
        return s + "</text>\n"
    }

    /// `th` for text with Thai letters, `en` for Latin text in a Thai picture, else nil (the
    /// root's language applies).
    func language(of text: String) -> String? {
        let thai = text.unicodeScalars.contains { $0.value >= 0x0E00 && $0.value <= 0x0E7F }
        if thai { return rootLanguage == "th" ? nil : "th" }
        let latin = text.unicodeScalars.contains { ($0.value >= 0x41 && $0.value <= 0x5A) || ($0.value >= 0x61 && $0.value <= 0x7A) }
        return rootLanguage == "th" && latin ? "en" : nil
    }

    private func description(_ spec: FontSpec) throws -> FontDescription {
        if let d = descriptions[spec] { return d }
        let d = try FontDescription(spec)
        descriptions[spec] = d
        return d
    }

    private func n(_ v: Double) -> String { SVGNumber.format(v) }
}
