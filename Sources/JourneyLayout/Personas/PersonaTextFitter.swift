import JourneyScene

/// Text that could not be set in full: it was shortened with an ellipsis, or items were left out.
public struct PersonaLayoutWarning: Sendable, Equatable, CustomStringConvertible {
    /// Persona name (in the card's language).
    public var persona: String
    /// Where: `quote`, `goals[2]`, `lanes.pain_points.decision[0]`, …
    public var element: String
    public var message: String

    public init(persona: String, element: String, message: String) {
        self.persona = persona
        self.element = element
        self.message = message
    }

    public var description: String { "persona \"\(persona)\": \(element): \(message)" }
}

/// Fits text into a box of a given width and a number of lines: wrap at the width; if still
/// too tall (or a word too wide), shrink the font step by step down to `minimumScale` (first
/// looking for a size at which no word of a space-separated script is broken across lines,
/// then allowing it); if it still does not fit, cut it at a character (grapheme cluster,
/// never inside one) and end it with an ellipsis. Only the last case counts as an overflow the caller reports.
struct PersonaTextFitter: Sendable {
    var measurer: any TextMeasurer
    /// Smallest font size as a share of the requested one.
    var minimumScale: Double

    struct Fitted: Sendable {
        var text: String
        var font: FontSpec
        /// Measured size of `text` in `font` (wrapped at the width when `wrap`).
        var size: Size
        var wrap: Bool
        /// Characters were cut.
        var truncated: Bool
    }

    /// Height of one line of `font`, measured on Latin and Thai (with stacked marks) together,
    /// so that fallback fonts with taller lines are accounted for.
    func lineHeight(_ font: FontSpec) -> Double {
        measurer.measure("Ágy ก้ำ", font: font, maxWidth: nil).height
    }

    /// Fits `text` into `width` × (`maxLines` lines of `font` at its full size).
    /// - Complexity: O(s · (1 + w) + log c) measurements for s shrink steps, w words and c characters.
    func fit(_ text: String, font: FontSpec, width: Double, maxLines: Int) -> Fitted {
        let wrap = maxLines > 1
        let budget = Double(max(1, maxLines)) * lineHeight(font) + 0.01
        func attempt(_ s: String, _ f: FontSpec) -> Size? {
            let size = measurer.measure(s, font: f, maxWidth: wrap ? width : nil)
            return size.width <= width + 0.01 && size.height <= budget ? size : nil
        }
        var smallest = font
        // First without breaking a word of a space-separated script, then allowing it.
        let passes = wrap && !spacedWords(text).isEmpty ? [true, false] : [false]
        for whole in passes {
            for scale in scales {
                var f = font
                f.size = font.size * scale
                smallest = f
                guard let size = attempt(text, f) else { continue }
                if whole && !wordsFit(text, font: f, width: width) { continue }
                return Fitted(text: text, font: f, size: size, wrap: wrap, truncated: false)
            }
        }
        // Cut: the longest prefix (whole characters) that fits with an ellipsis.
        let characters = Array(text)
        var lo = 0, hi = characters.count
        var best: (String, Size)?
        while lo <= hi {
            let mid = (lo + hi) / 2
            let candidate = Self.shortened(characters, mid)
            if let size = attempt(candidate, smallest) {
                best = (candidate, size)
                lo = mid + 1
            } else {
                hi = mid - 1
            }
        }
        let (cut, size) = best ?? ("…", measurer.measure("…", font: smallest, maxWidth: nil))
        return Fitted(text: cut, font: smallest, size: size, wrap: wrap, truncated: true)
    }

    /// Words of scripts that break only at spaces (Thai, which wraps between words without
    /// spaces, is left out): wrapping inside one of them reads as a typo ("Consideratio-n").
    func spacedWords(_ text: String) -> [Substring] {
        text.split(whereSeparator: { $0.isWhitespace }).filter { word in
            word.count > 1 && !word.unicodeScalars.contains { (0x0E00...0x0E7F).contains($0.value) }
        }
    }

    /// Every space-separated word fits the width on one line.
    private func wordsFit(_ text: String, font: FontSpec, width: Double) -> Bool {
        spacedWords(text).allSatisfy { measurer.measure(String($0), font: font, maxWidth: nil).width <= width + 0.01 }
    }

    /// Font scales tried, from 1 down to `minimumScale` in steps of 5%.
    private var scales: [Double] {
        var s: [Double] = []
        var i = 0
        while 1 - 0.05 * Double(i) > minimumScale + 1e-9 { s.append(1 - 0.05 * Double(i)); i += 1 }
        return s + [minimumScale]
    }

    /// The first `count` characters, trailing spaces dropped, then "…".
    static func shortened(_ characters: [Character], _ count: Int) -> String {
        var s = String(characters.prefix(count))
        while let last = s.last, last.isWhitespace { s.removeLast() }
        return s + "…"
    }
}
