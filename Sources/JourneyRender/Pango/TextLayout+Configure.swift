import CPangoCairo
import JourneyScene

extension TextLayout {
    /// Sets text, font and wrapping exactly as both `PangoTextMeasurer` and the scene drawer
    /// need them, so a measured size and a drawn size come from the same Pango calls:
    /// wrapped at `wrapWidth` (between words, inside a word only when it alone is too wide),
    /// or one line per paragraph (explicit `\n` still breaks) when `wrapWidth` is nil.
    /// Left-aligned, not ellipsized; the drawer changes those afterwards when it must.
    func configure(text: String, font: FontDescription, wrapWidth: Double?) {
        setFont(font)
        setText(text)
        setEllipsizeEnd(false)
        setAlignment(.left)
        setWidth(wrapWidth)
        if wrapWidth != nil {
            setWrapWordChar()
            setNoHyphens()
        }
    }

    /// Lines broken inside a word get no hyphen: labels are names — camelCase, ids, URLs,
    /// `SCREEN_ON` — and Pango's inserted hyphen read as part of them ("WithC-ache",
    /// "S-CREEN_ON"; a user's report on loghub's HealthApp log).
    /// The corresponding C functions are `pango_attr_insert_hyphens_new` and `pango_layout_set_attributes`.
    func setNoHyphens() {
        guard let list = pango_attr_list_new() else { return }
        pango_attr_list_insert(list, pango_attr_insert_hyphens_new(0))
        pango_layout_set_attributes(pointer, list)
        pango_attr_list_unref(list)
    }

    /// A measured width may be compared with a frame width computed from it in floating
    /// point; differences below this (half a Pango unit) do not count as "too wide".
    static let widthTolerance = 0.5 / 1024
}
