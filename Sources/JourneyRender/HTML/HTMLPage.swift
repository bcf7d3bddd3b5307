import Foundation
import JourneyScene

/// The one-file interactive HTML page (`-o map.html`): the picture's SVG inline, its numbers as
/// JSON (`InteractiveData`), the viewer's JavaScript and CSS inline, and a Content-Security-Policy
/// that forbids every network request (no `connect-src`, images and fonts only from `data:`), so
/// the page works from a file:// URL or a mail attachment and never calls home.
///
/// Same bytes for the same scene and data: no dates, no random ids, JSON keys sorted.
struct HTMLPage {
    var svg: [UInt8]
    var title: String
    var background: Color
    var data: InteractiveData

    /// The viewer script exactly as the page holds it between `<script>` and `</script>`.
    static let scriptText = "\n" + HTMLViewerScript.source + "\n"

    /// Only the page's own script may run (its SHA-256); styles inline (the SVG's too); images
    /// and fonts only from `data:`; nothing else, no request of any kind.
    static let contentSecurityPolicy = "default-src 'none'; script-src 'sha256-\(SHA256.base64(SHA256.digest(Array(scriptText.utf8))))'; "
        + "style-src 'unsafe-inline'; img-src data: blob:; font-src data:; base-uri 'none'; form-action 'none'"

    func bytes() throws -> [UInt8] {
        let words = HTMLViewerWords.words(data.language)
        let dark = background.relativeLuminance < 0.4
        let colors = ":root{--jm-bg:\(background.withAlpha(1).hex);--jm-fg:\(dark ? "#f2f2f2" : "#1a1a1a");"
            + "--jm-line:\(dark ? "#777777" : "#8a8a8a");--jm-focus:\(dark ? "#ffb000" : "#0050c8")}\n"
        var page = "<!DOCTYPE html>\n<html lang=\"\(Self.escaped(data.language))\">\n<head>\n<meta charset=\"utf-8\">\n"
        page += "<meta http-equiv=\"Content-Security-Policy\" content=\"\(Self.contentSecurityPolicy)\">\n"
        page += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        page += "<meta name=\"generator\" content=\"journeymap\">\n"
        page += "<title>\(Self.escaped(title.isEmpty ? "journeymap" : title))</title>\n"
        page += "<style>\n" + colors + HTMLViewerStyle.source + "\n</style>\n</head>\n<body data-kind=\"\(Self.escaped(data.kind))\">\n"
        page += "<header class=\"jm-bar\">\n<h1>\(Self.escaped(title))</h1>\n<div class=\"jm-controls\">\n"
        page += "<label>\(Self.escaped(words["search"]!)) <input id=\"jm-search\" type=\"search\" autocomplete=\"off\" spellcheck=\"false\"></label>\n"
        page += "<label class=\"jm-slider\">\(Self.escaped(words["flows"]!)) <input id=\"jm-flows\" type=\"range\" min=\"0\" max=\"0\" step=\"1\" value=\"0\">"
        page += " <output id=\"jm-hidden\" for=\"jm-flows\"></output></label>\n"
        for (id, key, text) in [("jm-zoom-in", "zoomIn", "+"), ("jm-zoom-out", "zoomOut", "−"), ("jm-reset", "reset", nil),
                                ("jm-download", "download", nil)] as [(String, String, String?)] {
            let label = Self.escaped(words[key]!)
            page += "<button type=\"button\" id=\"\(id)\" title=\"\(label)\" aria-label=\"\(label)\">\(text ?? label)</button>\n"
        }
        page += "</div>\n<ul id=\"jm-results\" hidden></ul>\n</header>\n<main>\n"
        page += "<div id=\"jm-view\" tabindex=\"0\" role=\"group\" aria-label=\"\(Self.escaped(words["view"]!))\">\n"
        var out = Array(page.utf8)
        out += Self.inlineSVG(svg)
        page = "\n</div>\n<aside id=\"jm-panel\" aria-live=\"polite\"></aside>\n</main>\n"
        page += "<div id=\"jm-tip\" role=\"tooltip\" hidden></div>\n"
        page += "<script type=\"application/json\" id=\"jm-data\">" + (try Self.scriptJSON(data)) + "</script>\n"
        page += "<script type=\"application/json\" id=\"jm-words\">" + (try Self.scriptJSON(words)) + "</script>\n"
        page += "<script>" + Self.scriptText + "</script>\n</body>\n</html>\n"
        out += Array(page.utf8)
        return out
    }

    /// The SVG document from its `<svg` root on (the XML declaration and anything before the
    /// root dropped: HTML parses inline SVG as foreign content).
    static func inlineSVG(_ svg: [UInt8]) -> [UInt8] {
        let open = Array("<svg".utf8)
        guard svg.count >= open.count else { return svg }
        for i in 0...(svg.count - open.count) where svg[i] == open[0] && svg[i..<(i + open.count)].elementsEqual(open) {
            var body = Array(svg[i...])
            while let last = body.last, last == UInt8(ascii: "\n") || last == UInt8(ascii: " ") { body.removeLast() }
            return body
        }
        return svg
    }

    /// JSON for a `<script type="application/json">`: keys sorted (same bytes each run), and
    /// `<`, `>`, `&` written as `\u003c`… so no name can close the script element.
    static func scriptJSON<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let text = String(decoding: try encoder.encode(value), as: UTF8.self)
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "<": out += "\\u003c"
            case ">": out += "\\u003e"
            case "&": out += "\\u0026"
            case "\u{2028}": out += "\\u2028"
            case "\u{2029}": out += "\\u2029"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// Text for HTML content and attribute values.
    static func escaped(_ text: String) -> String { SVGMetadata.escaped(text) }
}

/// The picture as a one-file interactive HTML page; `data` gives its numbers (nil: the page
/// still pans, zooms, searches the SVG's touchpoint groups by name and prints).
/// The SVG is written as `options` say (`--svg-text`): the semantic SVG's groups serve the page
/// directly; Cairo's outlines get an overlay of groups (`HTMLOverlay`).
public func renderHTML(_ scene: Scene, data: InteractiveData?, options: RenderOptions = RenderOptions()) throws -> [UInt8] {
    guard scene.width.isFinite, scene.height.isFinite, scene.width > 0, scene.height > 0 else {
        throw RenderError.emptyCanvas(width: scene.width, height: scene.height)
    }
    let svg = HTMLOverlay.added(to: try render(scene, format: .svg, options: options), scene: scene)
    return try HTMLPage(svg: svg, title: scene.title, background: scene.background,
                        data: data ?? InteractiveData(kind: "picture", language: "en")).bytes()
}
