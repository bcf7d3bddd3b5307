import CPangoCairo

/// Owns a `cairo_font_options_t`.
///
/// `FontOptions.unhinted()` is used both by the measurer and by every drawing context, so
/// text is laid out with the same metrics at any scale and in every format: measured size
/// equals drawn size.
final class FontOptions {
    /// `cairo_font_options_t *`.
    let pointer: OpaquePointer

    /// Hint metrics off, hinting none, grey antialiasing.
    /// The corresponding C function is `cairo_font_options_create`.
    static func unhinted() throws -> FontOptions {
        guard let pointer = cairo_font_options_create() else {
            throw RenderError.cairo(status: "no font options returned", during: "creating font options")
        }
        let options = FontOptions(pointer)
        cairo_font_options_set_hint_metrics(pointer, CAIRO_HINT_METRICS_OFF)
        cairo_font_options_set_hint_style(pointer, CAIRO_HINT_STYLE_NONE)
        cairo_font_options_set_antialias(pointer, CAIRO_ANTIALIAS_GRAY)
        try checkCairo(cairo_font_options_status(pointer), during: "creating font options")
        return options
    }

    private init(_ pointer: OpaquePointer) { self.pointer = pointer }
    deinit { cairo_font_options_destroy(pointer) }
}
