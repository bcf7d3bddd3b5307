import CPangoCairo
import JourneyScene

/// Owns a `PangoLayout`: one block of text, its font, width and wrapping.
///
/// Sizes are in scene points; Pango's integer units (1/1024 pt) are converted here.
final class TextLayout {
    /// `PangoLayout *`.
    let pointer: OpaquePointer
    /// The Pango context this layout was made from; kept alive with it.
    let context: PangoTextContext

    /// The corresponding C function is `pango_layout_new`.
    init(_ context: PangoTextContext) throws {
        guard let pointer = pango_layout_new(context.pointer) else {
            throw RenderError.cairo(status: "no layout returned", during: "laying out text")
        }
        self.pointer = pointer
        self.context = context
    }

    deinit { g_object_unref(UnsafeMutableRawPointer(pointer)) }

    /// The corresponding C function is `pango_layout_set_text` (NUL characters are dropped,
    /// what cannot be drawn becomes U+FFFD: `String.drawable`).
    func setText(_ text: String) {
        var copy = text.drawable
        copy.withUTF8 { utf8 in
            utf8.withMemoryRebound(to: CChar.self) {
                pango_layout_set_text(pointer, $0.baseAddress, Int32(clamping: $0.count))
            }
        }
    }

    /// Characters of the text no font on the system draws (shown as boxes). The corresponding
    /// C function is `pango_layout_get_unknown_glyphs_count`.
    var unknownGlyphCount: Int { Int(pango_layout_get_unknown_glyphs_count(pointer)) }

    /// The corresponding C function is `pango_layout_set_font_description` (which copies it).
    func setFont(_ font: FontDescription) { pango_layout_set_font_description(pointer, font.pointer) }

    /// Wrap or ellipsize width in points; nil for unlimited.
    /// The corresponding C function is `pango_layout_set_width`.
    func setWidth(_ width: Double?) {
        pango_layout_set_width(pointer, width.map(Self.pangoUnits) ?? -1)
    }

    /// Break lines between words, or inside a word too long for a line.
    /// The corresponding C function is `pango_layout_set_wrap`.
    func setWrapWordChar() { pango_layout_set_wrap(pointer, PANGO_WRAP_WORD_CHAR) }

    /// Cut lines wider than the width with "…" at the end (needs a width).
    /// The corresponding C function is `pango_layout_set_ellipsize`.
    func setEllipsizeEnd(_ on: Bool) {
        pango_layout_set_ellipsize(pointer, on ? PANGO_ELLIPSIZE_END : PANGO_ELLIPSIZE_NONE)
    }

    /// Line alignment inside the layout width (no effect without a width).
    /// The corresponding C function is `pango_layout_set_alignment`.
    func setAlignment(_ alignment: TextAlignment) {
        let value: PangoAlignment
        switch alignment {
        case .left: value = PANGO_ALIGN_LEFT
        case .center: value = PANGO_ALIGN_CENTER
        case .right: value = PANGO_ALIGN_RIGHT
        }
        pango_layout_set_alignment(pointer, value)
    }

    /// The box the text occupies for layout purposes (line heights and advances),
    /// relative to the layout's top-left corner.
    /// The corresponding C function is `pango_layout_get_extents`.
    var logicalExtents: Rect {
        var logical = PangoRectangle()
        pango_layout_get_extents(pointer, nil, &logical)
        return Self.rect(logical)
    }

    /// The box actually covered by glyph ink, relative to the layout's top-left corner.
    var inkExtents: Rect {
        var ink = PangoRectangle()
        pango_layout_get_extents(pointer, &ink, nil)
        return Self.rect(ink)
    }

    /// Draws the layout with its top-left corner at `origin` in the current source colour.
    /// The corresponding C function is `pango_cairo_show_layout`.
    func show(in cairo: CairoContext, at origin: Point) {
        cairo.move(to: origin)
        pango_cairo_show_layout(cairo.pointer, pointer)
        cairo.newPath()
    }

    /// Points → Pango units, rounded to the nearest unit and clamped to `Int32`.
    static func pangoUnits(_ points: Double) -> Int32 {
        guard points.isFinite else { return points > 0 ? Int32.max : 0 }
        return Int32(clamping: Int64(max(0, min(points * Double(PANGO_SCALE), 2e9)).rounded()))
    }

    private static func rect(_ r: PangoRectangle) -> Rect {
        let s = Double(PANGO_SCALE)
        return Rect(x: Double(r.x) / s, y: Double(r.y) / s, width: Double(r.width) / s, height: Double(r.height) / s)
    }
}
