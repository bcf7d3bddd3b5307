import Foundation
import JourneyScene
import Synchronization

/// Characters of the pictures written in this run that no installed font draws: Pango shows
/// them as empty boxes, which a user sees only on opening the PNG or PDF (Japanese labels read
/// with `--encoding shift_jis` on a system without a CJK font came out as rows of boxes, and
/// the command said nothing). `PictureWriter` notes each scene it writes; the command line
/// prints `warning()` once at the end.
public enum MissingGlyphs {
    private static let found = Mutex<[Character]>([])

    /// Notes the characters of `scene`'s texts that no font draws.
    static func note(_ scene: Scene) {
        var texts: [String] = []
        var family: String?
        for case .text(let t) in scene.items {
            texts.append(t.text)
            if family == nil { family = t.font.family }
        }
        guard let family, let measurer = try? PictureWriter.measurer() else { return }
        let missing = measurer.charactersWithoutGlyphs(in: texts, family: family)
        guard !missing.isEmpty else { return }
        found.withLock { all in for c in missing where !all.contains(c) { all.append(c) } }
    }

    /// The warning for the characters noted so far, nil when every one was drawn.
    public static func warning() -> String? {
        let missing = found.withLock { $0 }
        guard !missing.isEmpty else { return nil }
        // With their code points: a character without a glyph may not show in the terminal either.
        let shown = missing.prefix(8).map { c in
            "\(c) (" + c.unicodeScalars.map { "U+" + String($0.value, radix: 16, uppercase: true) }.joined(separator: " ") + ")"
        }.joined(separator: ", ") + (missing.count > 8 ? ", …" : "")
        let cjk = missing.contains { c in c.unicodeScalars.contains { (0x2E80...0x9FFF).contains($0.value) || (0xAC00...0xD7AF).contains($0.value) || (0xF900...0xFAFF).contains($0.value) || (0xFF00...0xFFEF).contains($0.value) } }
        let install = cjk ? "Chinese, Japanese and Korean: apt-get install fonts-noto-cjk" : "e.g. apt-get install fonts-noto"
        return "no font on this system draws \(missing.count == 1 ? "this character" : "these \(missing.count) characters") of the labels: \(shown); "
            + "they show as empty boxes in PNG and PDF (and in SVG where the viewer lacks such a font too); install a font that has them (\(install)) and draw again"
    }
}
