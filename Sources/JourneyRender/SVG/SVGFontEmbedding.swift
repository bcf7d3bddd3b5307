import CFontSubsetShim
import CPangoCairo
import Foundation

/// The fonts a semantic SVG uses, collected run by run, embedded at the end as `@font-face`
/// rules whose data URIs hold only the glyphs the picture shows (HarfBuzz's subsetter).
///
/// Each font file becomes its own family, `jm0`, `jm1`, … in order of first use, followed in
/// every `font-family` by the installed family Pango chose ("DejaVu Sans"), for viewers that
/// do not load web fonts (librsvg): on a machine with that font they draw the same glyphs.
final class SVGFontEmbedding {
    struct Face {
        var name: String
        var family: String
        var weight: Int
        var italic: Bool
        /// The `PangoFont *` (referenced until `release`).
        var font: UnsafeMutableRawPointer
        var face: UnsafeRawPointer
        var unicodes: Set<UInt32> = []
        var glyphs: Set<UInt32> = []
    }

    private(set) var faces: [Face] = []
    private var index: [UnsafeRawPointer: Int] = [:]

    deinit {
        // The fonts belong to the measuring font map (`SharedFontMap`): released under its lock.
        let fonts = faces.map(\.font)
        SharedFontMap.lock.withLock { for f in fonts { g_object_unref(f) } }
    }

    /// The CSS `font-family` value for `run`, recording its characters and glyphs; nil when
    /// Pango gave the run no font (the viewer then uses the text element's own family).
    func family(for run: TextRun) -> String? {
        guard let font = run.font, let face = jm_font_face(font) else { return nil }
        let k: Int
        if let known = index[face] {
            k = known
        } else {
            var weight: Int32 = 400, italic: Int32 = 0
            let family = jm_font_family(font, &weight, &italic).map { p -> String in
                defer { jm_free(p) }
                return String(cString: p)
            } ?? ""
            g_object_ref(font)
            k = faces.count
            faces.append(Face(name: "jm\(k)", family: family, weight: Int(weight), italic: italic != 0, font: font, face: face))
            index[face] = k
        }
        for scalar in run.text.unicodeScalars { faces[k].unicodes.insert(scalar.value) }
        faces[k].glyphs.formUnion(run.glyphs)
        return Self.familyList(faces[k])
    }

    static func familyList(_ face: Face) -> String {
        face.family.isEmpty ? face.name : "\(face.name),'\(cssString(face.family))'"
    }

    /// The `@font-face` rules, one per face used, with the subset as a base64 data URI
    /// (`font/ttf` or `font/otf` by the subset's first bytes); a face HarfBuzz cannot subset is
    /// left out (its text falls back to the installed family).
    func styleSheet() -> String {
        var css = ""
        for f in faces {
            let unicodes = f.unicodes.sorted(), glyphs = f.glyphs.sorted()
            var length = 0
            guard let data = jm_font_subset(f.face, unicodes, unicodes.count, glyphs, glyphs.count, &length), length > 0 else { continue }
            let bytes = Data(bytes: data, count: length)
            jm_free(data)
            let mime = bytes.starts(with: Array("OTTO".utf8)) ? "font/otf" : "font/ttf"
            css += "@font-face{font-family:\(f.name);src:url(data:\(mime);base64,\(bytes.base64EncodedString())) format('\(mime == "font/otf" ? "opentype" : "truetype")');"
            css += "font-weight:\(f.weight >= 600 ? 700 : 400);font-style:\(f.italic ? "italic" : "normal")}\n"
        }
        return css
    }

    /// Text for inside single quotes in CSS (quotes and backslashes escaped).
    static func cssString(_ s: String) -> String {
        s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "'", with: "\\'")
    }
}
