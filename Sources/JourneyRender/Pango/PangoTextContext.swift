import CPangoCairo

/// Owns a `PangoContext` set up with the shared unhinted font options and unrounded
/// glyph positions, so that text metrics do not depend on the output scale.
final class PangoTextContext {
    /// `PangoContext *`.
    let pointer: OpaquePointer

    /// A context for drawing into `cairo`: it follows that context's current transformation
    /// (set any scale before creating it) and uses the calling thread's default font map.
    /// The corresponding C function is `pango_cairo_create_context`.
    init(drawingInto cairo: CairoContext, options: FontOptions) throws {
        guard let pointer = pango_cairo_create_context(cairo.pointer) else {
            throw RenderError.cairo(status: "no Pango context returned", during: "setting up text drawing")
        }
        self.pointer = pointer
        Self.apply(options, to: pointer)
    }

    /// A context for measuring on the measuring font map (`SharedFontMap`), which no drawing
    /// thread uses: call with `SharedFontMap.lock` held, and use and release the context with it
    /// held. The corresponding C functions are `pango_font_map_create_context` and
    /// `pango_cairo_update_context`.
    init(measuringWith cairo: CairoContext, options: FontOptions) throws {
        guard let fontMap = SharedFontMap.pointer else {
            throw RenderError.cairo(status: "no font map returned", during: "setting up text measuring")
        }
        guard let pointer = pango_font_map_create_context(fontMap) else {
            throw RenderError.cairo(status: "no Pango context returned", during: "setting up text measuring")
        }
        self.pointer = pointer
        pango_cairo_update_context(cairo.pointer, pointer)
        Self.apply(options, to: pointer)
    }

    deinit {
        g_object_unref(UnsafeMutableRawPointer(pointer))
    }

    private static func apply(_ options: FontOptions, to context: OpaquePointer) {
        pango_cairo_context_set_font_options(context, options.pointer)
        pango_context_set_round_glyph_positions(context, 0)
    }
}
