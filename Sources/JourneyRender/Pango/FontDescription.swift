import CPangoCairo
import JourneyScene

/// Owns a `PangoFontDescription` built from a `FontSpec`.
///
/// The family list is passed whole (comma-separated) so fontconfig tries each family in
/// turn and falls back per character: DejaVu Sans for Latin, Noto Sans Thai or Loma for Thai.
/// The size is absolute, in scene points (one Cairo user unit), not scaled by a screen dpi.
final class FontDescription {
    /// `PangoFontDescription *`.
    let pointer: OpaquePointer

    /// The corresponding C functions are `pango_font_description_new`, `…_set_family`,
    /// `…_set_absolute_size`, `…_set_weight` and `…_set_style`.
    init(_ spec: FontSpec) throws {
        guard let pointer = pango_font_description_new() else {
            throw RenderError.cairo(status: "no font description returned", during: "choosing a font")
        }
        self.pointer = pointer
        pango_font_description_set_family(pointer, Self.familyList(spec.family))
        let size = spec.size.isFinite && spec.size > 0 ? spec.size : 1
        pango_font_description_set_absolute_size(pointer, (size * Double(PANGO_SCALE)).rounded())
        pango_font_description_set_weight(pointer, spec.bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL)
        pango_font_description_set_style(pointer, spec.italic ? PANGO_STYLE_ITALIC : PANGO_STYLE_NORMAL)
    }

    deinit { pango_font_description_free(pointer) }

    /// `"DejaVu Sans , Loma,"` → `"DejaVu Sans,Loma"`; an empty list becomes `sans-serif`.
    static func familyList(_ family: String) -> String {
        let names = family.split(separator: ",")
            .map { String($0.drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed()) }
            .filter { !$0.isEmpty }
        return names.isEmpty ? "sans-serif" : names.joined(separator: ",")
    }
}
