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
        setText(wrapWidth == nil ? text : Self.withBreaksAfterSeparators(text))
        setEllipsizeEnd(false)
        setAlignment(.left)
        setWidth(wrapWidth)
        if wrapWidth != nil {
            setWrapWordChar()
            setNoHyphens()
        }
    }

    /// A zero-width space (U+200B) after each `.`, `_` and `/` between two letters or digits,
    /// so that a name too long for its box breaks there rather than inside a word: event
    /// names are dotted or snake_case ("cowrie.session.file_download" was drawn
    /// "cowrie.session.file_down" / "load"; "add_to_cart", "/shop/wallet/txnhistory").
    /// Line-breaking rules (UAX #14) allow no break at these characters, and the space is
    /// not drawn; `SVGTextWriter` leaves it out of the text it writes.
    static func withBreaksAfterSeparators(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 == 0x2e || $0 == 0x5f || $0 == 0x2f }) else { return text }
        var out = ""
        out.unicodeScalars.reserveCapacity(text.unicodeScalars.count + 8)
        let scalars = Array(text.unicodeScalars)
        for (i, c) in scalars.enumerated() {
            out.unicodeScalars.append(c)
            if (c == "." || c == "_" || c == "/"), i > 0, i + 1 < scalars.count,
               Self.isLetterOrDigit(scalars[i - 1]), Self.isLetterOrDigit(scalars[i + 1]) {
                out.unicodeScalars.append("\u{200B}")
            }
        }
        return out
    }

    static let zeroWidthSpace = "\u{200B}"

    private static func isLetterOrDigit(_ c: Unicode.Scalar) -> Bool {
        c.properties.isAlphabetic || c.properties.numericType != nil
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
    /// point, or scaled from it (`Scene.fitted`, `--page`): Pango rounds each glyph's advance to
    /// its units (1/1024 pt) at the size it lays out, so the text measured again at a scale f can
    /// exceed the scaled frame by up to (0.5 + 0.5·f) units per glyph. Differences below three
    /// units per character (f up to 5: A0 is about 2.7) and half a unit for any text do not count
    /// as "too wide" — a thousandth of a point per letter. (It had been half a unit in all:
    /// "1,257" at 8.71 pt on an A3 page measured 24.9414 pt in a frame of 24.9397 and was drawn
    /// "1,2…"; a new user's trial, session 26.)
    static func widthTolerance(for text: String) -> Double {
        (0.5 + 3 * Double(text.unicodeScalars.count)) / 1024
    }
}
