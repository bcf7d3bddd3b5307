extension String {
    /// The text with what a renderer cannot draw replaced by U+FFFD (`�`), so that one odd
    /// label never makes one output format fail while the others succeed (issue 15): Cairo
    /// refuses Unicode noncharacters (U+FDD0…U+FDEF and U+xFFFE, U+xFFFF in every plane) as
    /// "input string not valid UTF-8" in PDFs, and C0 controls (but tab and line feed), DEL
    /// and C1 controls have no glyph. NUL is dropped, as it always was. Lone surrogates cannot
    /// occur in a `String` (decoding the log already replaced them by U+FFFD).
    ///
    /// Applied where text enters the renderer (Pango layouts, PDF metadata), so measuring and
    /// drawing see the same text; text without such characters is returned unchanged.
    public var drawable: String {
        guard unicodeScalars.contains(where: Self.needsReplacing) else { return self }
        var out = String.UnicodeScalarView()
        for scalar in unicodeScalars {
            if scalar.value == 0 { continue }
            out.append(Self.needsReplacing(scalar) ? "\u{FFFD}" : scalar)
        }
        return String(out)
    }

    static func needsReplacing(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        if v < 0x20 { return v != 0x09 && v != 0x0A }
        if v >= 0x7F && v <= 0x9F { return true }
        if v >= 0xFDD0 && v <= 0xFDEF { return true }
        return v & 0xFFFE == 0xFFFE
    }
}
