import CPangoCairo
import Foundation

/// The one font map every measuring context uses — the measurer's and each SVG's — and the lock
/// every use of those contexts, their layouts and their fonts takes: a Pango font map is not
/// thread-safe. One map for all means fontconfig matches and sorts each font once per process;
/// an SVG with a map of its own did it all again (measured: 13 ms of `persona` on a small log,
/// 92 → 79 ms, and ~20 ms of its run on the 10M-row benchmark log, same bytes).
///
/// Drawing (PNG, PDF) uses the drawing thread's own default map (`PangoTextContext(drawingInto:)`),
/// not this one.
enum SharedFontMap {
    /// Taken around every call into Pango with a measuring context (not recursive).
    static let lock = NSLock()
    /// `PangoFontMap *`, made on first use and kept for the life of the process.
    nonisolated(unsafe) static let pointer: UnsafeMutablePointer<PangoFontMap>? = pango_cairo_font_map_new()
}
