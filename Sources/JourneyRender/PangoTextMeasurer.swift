import Foundation
import JourneyScene

/// Measures text with Pango exactly as the renderer draws it.
///
/// Uses the renderer's own layout set-up (`TextLayout.configure`) on a 1×1 image surface
/// with hint metrics off and hinting none — the same font options every drawing context
/// uses — so a `TextItem` whose frame is the measured size shows the whole text, in PNG at
/// any scale as in SVG and PDF.
///
/// Thread-safe: its Pango context is on the measuring font map, used under that map's lock
/// (`SharedFontMap`). Results are cached by (text, font, maxWidth); copies of a measurer share
/// the cache.
public struct PangoTextMeasurer: TextMeasurer {
    private let engine: MeasuringEngine

    /// Throws only when Cairo or Pango cannot allocate their objects (out of memory).
    public init() throws {
        engine = try MeasuringEngine()
    }

    /// Logical size in points of `text` in `font`: one line per paragraph when `maxWidth` is
    /// nil, else wrapped at `maxWidth` (width is then the widest line, at most `maxWidth`
    /// unless one character alone is wider).
    ///
    /// - Complexity: O(1) for a cached request, else one Pango layout of `text`.
    public func measure(_ text: String, font: FontSpec, maxWidth: Double?) -> Size {
        engine.measure(MeasureKey(text: text, font: font, maxWidth: maxWidth))
    }

    /// The characters of `texts` that no installed font draws in `family` or its fallbacks:
    /// Pango draws them as boxes (Japanese labels on a system without a CJK font). Each
    /// distinct character beyond ASCII is looked up once per measurer and family.
    public func charactersWithoutGlyphs(in texts: some Sequence<String>, family: String) -> [Character] {
        engine.charactersWithoutGlyphs(in: texts, family: family)
    }

    /// Number of cached measurements (for tests and tuning).
    public var cachedCount: Int { engine.cachedCount }
}

/// What a measurement depends on.
struct MeasureKey: Hashable {
    var text: String
    var font: FontSpec
    var maxWidth: Double?
}

/// The Pango objects, and the cache, all guarded by `SharedFontMap.lock`.
final class MeasuringEngine: @unchecked Sendable {
    /// Above this many entries the cache is emptied (a layout needs a few thousand at most).
    static let cacheLimit = 50_000

    private let cairo: CairoContext
    private var layout: TextLayout?
    private var cache: [MeasureKey: Size] = [:]
    private var fonts: [FontSpec: FontDescription] = [:]

    init() throws {
        cairo = try CairoContext(CairoSurface.image(width: 1, height: 1))
        layout = try SharedFontMap.lock.withLock { try TextLayout(PangoTextContext(measuringWith: cairo, options: FontOptions.unhinted())) }
    }

    deinit {
        // The layout's fonts belong to the shared map: let them go under its lock.
        SharedFontMap.lock.withLock { layout = nil }
    }

    var cachedCount: Int { SharedFontMap.lock.withLock { cache.count } }

    func measure(_ key: MeasureKey) -> Size {
        SharedFontMap.lock.withLock {
            if let size = cache[key] { return size }
            guard !key.text.isEmpty else { return Size(width: 0, height: 0) }
            guard let font = font(for: key.font), let layout else { return Size(width: 0, height: 0) }
            layout.configure(text: key.text, font: font, wrapWidth: key.maxWidth.map { max(0, $0) })
            let logical = layout.logicalExtents
            let size = Size(width: logical.width, height: logical.height)
            if cache.count >= Self.cacheLimit { cache.removeAll(keepingCapacity: true) }
            cache[key] = size
            return size
        }
    }

    /// Whether a character has a glyph, by family asked for (its fallbacks differ).
    private var hasGlyph: [String: [Character: Bool]] = [:]

    func charactersWithoutGlyphs(in texts: some Sequence<String>, family: String) -> [Character] {
        var seen = Set<Character>()
        var missing: [Character] = []
        for text in texts {
            for c in text where !c.isASCII && !c.isWhitespace && !seen.contains(c) {
                seen.insert(c)
                if !glyphFound(c, family: family) { missing.append(c) }
            }
        }
        return missing
    }

    private func glyphFound(_ c: Character, family: String) -> Bool {
        SharedFontMap.lock.withLock {
            if let known = hasGlyph[family]?[c] { return known }
            guard let font = font(for: FontSpec(family: family, size: 12, bold: false)), let layout else { return true }
            layout.configure(text: String(c), font: font, wrapWidth: nil)
            let found = layout.unknownGlyphCount == 0
            hasGlyph[family, default: [:]][c] = found
            return found
        }
    }

    /// Call with the lock held.
    private func font(for spec: FontSpec) -> FontDescription? {
        if let font = fonts[spec] { return font }
        guard let font = try? FontDescription(spec) else { return nil }
        if fonts.count >= 256 { fonts.removeAll() }
        fonts[spec] = font
        return font
    }
}
