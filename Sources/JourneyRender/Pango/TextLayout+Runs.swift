import CPangoCairo
import JourneyScene

/// One run of a laid-out text: consecutive characters of one line set in one font, where
/// Pango put them. The semantic SVG writes each run as a `<tspan>` at `origin`, so the viewer
/// only shapes text inside a run, with the same font, and lines fall where the PNG has them.
struct TextRun {
    /// Left end of the run on its line's baseline, relative to the layout's top-left corner.
    var origin: Point
    /// Logical width Pango gave the run (its glyph advances).
    var width: Double
    /// The characters the run shows ("…" for the run Pango put in place of cut text).
    var text: String
    /// The `PangoFont *` the run is set in (owned by the layout's font map).
    var font: UnsafeMutableRawPointer?
    /// Glyph ids in `font` that Pango drew.
    var glyphs: [UInt32]
}

extension TextLayout {
    /// The layout's runs, line by line, left to right in visual order.
    /// The corresponding C functions are `pango_layout_get_iter`, `pango_layout_iter_get_run_readonly`,
    /// `…_get_run_extents`, `…_get_baseline` and `…_next_run`.
    var runs: [TextRun] {
        guard let iter = pango_layout_get_iter(pointer) else { return [] }
        defer { pango_layout_iter_free(iter) }
        let bytes: [UInt8] = pango_layout_get_text(pointer).map { Array(UnsafeBufferPointer(start: UnsafeRawPointer($0).assumingMemoryBound(to: UInt8.self), count: strlen($0))) } ?? []
        let ellipsized = pango_layout_is_ellipsized(pointer) != 0
        let scale = Double(PANGO_SCALE)
        var out: [TextRun] = []
        repeat {
            guard let run = pango_layout_iter_get_run_readonly(iter), let item = run.pointee.item,
                  let glyphString = run.pointee.glyphs else { continue }
            var logical = PangoRectangle()
            pango_layout_iter_get_run_extents(iter, nil, &logical)
            let baseline = Double(pango_layout_iter_get_baseline(iter)) / scale
            let start = Int(item.pointee.offset), end = start + Int(item.pointee.length)
            guard start >= 0, end <= bytes.count, start < end else { continue }
            let count = Int(glyphString.pointee.num_glyphs)
            var glyphs: [UInt32] = []
            if let infos = glyphString.pointee.glyphs {
                for i in 0..<count where infos[i].glyph & PANGO_GLYPH_UNKNOWN_FLAG == 0 { glyphs.append(infos[i].glyph) }
            }
            let font = item.pointee.analysis.font.map { UnsafeMutableRawPointer($0) }
            var text = String(decoding: bytes[start..<end], as: UTF8.self)
            if ellipsized, let ellipsis = Self.ellipsis(glyphs: glyphs, font: item.pointee.analysis.font) { text = ellipsis }
            out.append(TextRun(origin: Point(Double(logical.x) / scale, baseline), width: Double(logical.width) / scale,
                               text: text, font: font, glyphs: glyphs))
        } while pango_layout_iter_next_run(iter) != 0
        return out
    }

    /// "…" (or "...") when `glyphs` are what Pango draws in place of cut text: the ellipsis
    /// glyph of the font, or three full stops when the font has none. The run Pango puts in
    /// place of cut text still points at the characters it hides.
    private static func ellipsis(glyphs: [UInt32], font: UnsafeMutablePointer<PangoFont>?) -> String? {
        guard let font, let hb = pango_font_get_hb_font(font) else { return nil }
        var glyph: hb_codepoint_t = 0
        if glyphs.count == 1, hb_font_get_nominal_glyph(hb, 0x2026, &glyph) != 0, glyphs[0] == glyph { return "…" }
        if glyphs.count == 3, hb_font_get_nominal_glyph(hb, 0x2E, &glyph) != 0, glyphs.allSatisfy({ $0 == glyph }) { return "..." }
        return nil
    }
}
