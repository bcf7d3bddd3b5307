import CPangoCairo
import JourneyScene

/// Owns one `cairo_t` drawing into a `CairoSurface`, which it keeps alive.
///
/// The methods are one-to-one with Cairo calls of the same name (`cairo_move_to`, …);
/// Cairo records the first error in the context, so `check(during:)` after a batch of
/// drawing calls is enough.
final class CairoContext {
    /// `cairo_t *`; never escapes the Cairo/Pango wrappers.
    let pointer: OpaquePointer
    let surface: CairoSurface

    /// The corresponding C function is `cairo_create`.
    init(_ surface: CairoSurface) throws {
        guard let pointer = cairo_create(surface.pointer) else {
            throw RenderError.cairo(status: "no context returned", during: "creating a drawing context")
        }
        let status = cairo_status(pointer)
        if status != CAIRO_STATUS_SUCCESS {
            cairo_destroy(pointer)
            try checkCairo(status, during: "creating a drawing context")
        }
        self.pointer = pointer
        self.surface = surface
    }

    deinit { cairo_destroy(pointer) }

    /// Throws the first error Cairo recorded in this context.
    /// The corresponding C function is `cairo_status`.
    func check(during what: @autoclosure () -> String) throws {
        try checkCairo(cairo_status(pointer), during: what())
    }

    func save() { cairo_save(pointer) }
    func restore() { cairo_restore(pointer) }
    func scale(_ sx: Double, _ sy: Double) { cairo_scale(pointer, sx, sy) }

    func setSource(_ color: Color) {
        cairo_set_source_rgba(pointer, color.red, color.green, color.blue, color.alpha)
    }

    /// Fills the whole clip area with the current source (`cairo_paint`).
    func paint() { cairo_paint(pointer) }

    func newPath() { cairo_new_path(pointer) }
    func move(to p: Point) { cairo_move_to(pointer, p.x, p.y) }
    func line(to p: Point) { cairo_line_to(pointer, p.x, p.y) }
    func curve(_ c1: Point, _ c2: Point, _ to: Point) { cairo_curve_to(pointer, c1.x, c1.y, c2.x, c2.y, to.x, to.y) }
    func closePath() { cairo_close_path(pointer) }
    func rectangle(_ r: Rect) { cairo_rectangle(pointer, r.x, r.y, r.width, r.height) }
    /// A circular arc around `center` from `angle1` to `angle2` (radians, clockwise with y down).
    func arc(center: Point, radius: Double, from angle1: Double, to angle2: Double) {
        cairo_arc(pointer, center.x, center.y, radius, angle1, angle2)
    }

    /// Fills the current path and keeps it for a following `stroke`.
    func fillPreserve() { cairo_fill_preserve(pointer) }
    func fill() { cairo_fill(pointer) }
    func stroke() { cairo_stroke(pointer) }
    func strokePreserve() { cairo_stroke_preserve(pointer) }

    /// Line width, dash pattern (empty for solid), round joins and butt caps.
    func setStroke(_ stroke: Stroke) {
        cairo_set_line_width(pointer, stroke.width)
        cairo_set_line_join(pointer, CAIRO_LINE_JOIN_ROUND)
        cairo_set_line_cap(pointer, CAIRO_LINE_CAP_BUTT)
        let dash = stroke.dash.filter { $0.isFinite && $0 >= 0 }
        if dash.isEmpty || dash.allSatisfy({ $0 == 0 }) {
            cairo_set_dash(pointer, nil, 0, 0)
        } else {
            dash.withUnsafeBufferPointer { cairo_set_dash(pointer, $0.baseAddress, Int32($0.count), 0) }
        }
    }
}
