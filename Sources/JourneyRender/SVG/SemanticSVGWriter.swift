import Foundation
import JourneyScene

/// Writes a `Scene` as SVG of our own (the default `--svg-text text`): real `<text>` with the
/// words and their language, each run of text placed where Pango placed it for the PNG, the
/// glyphs used embedded as `@font-face` subsets, and one `<g>` per tagged element with a stable
/// id, a class, data attributes and a `<title>` with its numbers (`SVGGroupIDs`).
///
/// The same scene gives the same bytes: numbers are rounded to hundredths of a point, ids come
/// from the scene, fonts are numbered in order of first use and HarfBuzz's subsets are
/// deterministic.
struct SemanticSVGWriter {
    let scene: Scene
    private let texts: SVGTextWriter
    private let fonts = SVGFontEmbedding()
    private var ids = SVGGroupIDs(reserved: ["svg-title", "svg-desc"])
    private var clipCount = 0
    /// Markup the animated replay adds (`SVGExtras`); empty for every other picture.
    var extras = SVGExtras()

    init(_ scene: Scene) throws {
        self.scene = scene
        texts = try SVGTextWriter(fonts: fonts, rootLanguage: scene.language ?? "en")
    }

    mutating func write() throws -> [UInt8] {
        var body = ""
        body += "<rect width=\"\(n(scene.width))\" height=\"\(n(scene.height))\"\(Self.paint("fill", scene.background))/>\n"
        var open: SceneTag?
        var groupBody = "", groupTexts: [String] = []
        func close() {
            guard let tag = open else { return }
            body += group(tag, body: groupBody, texts: groupTexts)
            open = nil; groupBody = ""; groupTexts = []
        }
        for item in scene.items {
            if item.tag != open { close() }
            var out = ""
            switch item {
            case .rect(let r): out = rect(r)
            case .path(let p): out = path(p)
            case .text(let t): out = try texts.element(t)
            case .image(let i): out = image(i)
            }
            if let tag = item.tag {
                open = tag
                groupBody += out
                if case .text(let t) = item { groupTexts.append(t.text) }
            } else {
                body += out
            }
        }
        close()
        var head = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        let labelled = [scene.title.isEmpty ? nil : "svg-title", scene.summary.isEmpty ? nil : "svg-desc"].compactMap { $0 }
        head += "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" version=\"1.1\""
        head += " width=\"\(n(scene.width))pt\" height=\"\(n(scene.height))pt\" viewBox=\"0 0 \(n(scene.width)) \(n(scene.height))\""
        head += " xml:lang=\"\(Self.escaped(scene.language ?? "en"))\" role=\"img\""
        if !labelled.isEmpty { head += " aria-labelledby=\"\(labelled.joined(separator: " "))\"" }
        if let kind = scene.kind { head += " class=\"journeymap \(kind.rawValue)\"" } else { head += " class=\"journeymap\"" }
        head += ">\n"
        if !scene.title.isEmpty { head += "<title id=\"svg-title\">\(Self.escaped(scene.title))</title>\n" }
        if !scene.summary.isEmpty { head += "<desc id=\"svg-desc\">\(Self.escaped(scene.summary))</desc>\n" }
        let css = fonts.styleSheet()
        if !css.isEmpty { head += "<defs><style type=\"text/css\"><![CDATA[\n\(css)]]></style></defs>\n" }
        return Array((head + body + extras.trailer + "</svg>\n").utf8)
    }

    // MARK: - Groups

    private mutating func group(_ tag: SceneTag, body: String, texts: [String]) -> String {
        let (cls, _) = SVGGroupIDs.base(tag)
        var g = "<g id=\"\(Self.escaped(ids.id(for: tag)))\" class=\"\(cls)\""
        for (k, v) in SVGGroupIDs.dataAttributes(tag) { g += " \(k)=\"\(Self.escaped(v))\"" }
        g += extras.groupAttributes[tag.id] ?? ""
        g += ">"
        let title = tag.info ?? (texts.isEmpty ? (tag.name ?? tag.id) : texts.joined(separator: " · "))
        g += "<title>\(Self.escaped(title))</title>\n"
        return g + (extras.groupChildren[tag.id] ?? "") + body + "</g>\n"
    }

    // MARK: - Shapes

    private func rect(_ r: RectItem) -> String {
        guard r.fill != nil || r.stroke != nil else { return "" }
        let f = r.frame
        var s = "<rect x=\"\(n(f.x))\" y=\"\(n(f.y))\" width=\"\(n(max(0, f.width)))\" height=\"\(n(max(0, f.height)))\""
        let radius = max(0, min(r.cornerRadius, min(f.width, f.height) / 2))
        if radius > 0 { s += " rx=\"\(n(radius))\"" }
        s += r.fill.map { Self.paint("fill", $0) } ?? " fill=\"none\""
        if let stroke = r.stroke, stroke.width > 0 { s += Self.stroke(stroke) }
        return s + "/>\n"
    }

    private func path(_ p: PathItem) -> String {
        var s = ""
        let arrow = p.arrowAtEnd.flatMap { ArrowHead(endOf: p.segments, length: $0.length, width: $0.width) }
        if let fill = p.fill {
            s += "<path d=\"\(Self.pathData(p.segments))\"\(Self.paint("fill", fill))/>\n"
        }
        if let stroke = p.stroke, stroke.width > 0 {
            let trim = arrow == nil ? 0 : 0.9 * (p.arrowAtEnd?.length ?? 0)
            let segments = arrow?.trimming(p.segments, by: trim) ?? p.segments
            s += "<path d=\"\(Self.pathData(segments))\" fill=\"none\"\(Self.stroke(stroke))/>\n"
        }
        if let arrow, let color = p.arrowAtEnd?.color {
            s += "<path class=\"arrowhead\" d=\"M\(n(arrow.tip.x)) \(n(arrow.tip.y))L\(n(arrow.left.x)) \(n(arrow.left.y))L\(n(arrow.right.x)) \(n(arrow.right.y))Z\"\(Self.paint("fill", color))/>\n"
        }
        return s
    }

    /// The PNG scaled to cover its frame and clipped to it (or to the inscribed circle), as
    /// Cairo draws it.
    private mutating func image(_ i: ImageItem) -> String {
        let f = i.frame
        guard f.width > 0, f.height > 0, !i.png.isEmpty else { return "" }
        clipCount += 1
        let clip = "clip-image-\(clipCount)"
        var s = "<clipPath id=\"\(clip)\">"
        if i.circular {
            s += "<circle cx=\"\(n(f.center.x))\" cy=\"\(n(f.center.y))\" r=\"\(n(min(f.width, f.height) / 2))\"/>"
        } else {
            s += "<rect x=\"\(n(f.x))\" y=\"\(n(f.y))\" width=\"\(n(f.width))\" height=\"\(n(f.height))\"/>"
        }
        s += "</clipPath>\n"
        s += "<image x=\"\(n(f.x))\" y=\"\(n(f.y))\" width=\"\(n(f.width))\" height=\"\(n(f.height))\" preserveAspectRatio=\"xMidYMid slice\""
        s += " clip-path=\"url(#\(clip))\" xlink:href=\"data:image/png;base64,\(Data(i.png).base64EncodedString())\"/>\n"
        return s
    }

    // MARK: - Attributes

    private func n(_ v: Double) -> String { SVGNumber.format(v) }

    /// ` fill="#rrggbb"` (and ` fill-opacity` when not opaque).
    static func paint(_ name: String, _ c: Color) -> String {
        var s = " \(name)=\"\(c.hex)\""
        if let a = SVGNumber.opacity(c.alpha) { s += " \(name)-opacity=\"\(a)\"" }
        return s
    }

    /// Stroke colour, width, round joins, butt caps (Cairo's set-up) and dashes.
    static func stroke(_ k: Stroke) -> String {
        var s = paint("stroke", k.color) + " stroke-width=\"\(SVGNumber.format(k.width))\" stroke-linejoin=\"round\""
        let dash = k.dash.filter { $0.isFinite && $0 >= 0 }
        if !dash.isEmpty, !dash.allSatisfy({ $0 == 0 }) {
            s += " stroke-dasharray=\"\(dash.map(SVGNumber.format).joined(separator: " "))\""
        }
        return s
    }

    static func pathData(_ segments: [PathSegment]) -> String {
        func p(_ q: Point) -> String { "\(SVGNumber.format(q.x)) \(SVGNumber.format(q.y))" }
        var d = ""
        for s in segments {
            switch s {
            case .move(let a): d += "M" + p(a)
            case .line(let a): d += "L" + p(a)
            case let .curve(c1, c2, to): d += "C" + p(c1) + " " + p(c2) + " " + p(to)
            case .close: d += "Z"
            }
        }
        return d
    }

    static func escaped(_ s: String) -> String { SVGMetadata.escaped(s) }
}
