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
        if wrapWidth != nil { setWrapWordChar() }
    }

    /// A measured width may be compared with a frame width computed from it in floating
    /// point; differences below this (half a Pango unit) do not count as "too wide".
    static let widthTolerance = 0.5 / 1024
}
