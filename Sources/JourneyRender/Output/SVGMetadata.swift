/// Puts the scene's title and summary into Cairo's SVG as `<title>` and `<desc>`, and
/// makes sure the root element has a `viewBox`.
///
/// Cairo 1.16 writes neither title nor description. Both go right after the opening
/// `<svg …>` tag, where screen readers and file browsers look for them.
struct SVGMetadata {
    var title: String
    var description: String
    var width: Double
    var height: Double

    /// The SVG with metadata inserted; throws when Cairo's output has no `<svg` root tag.
    ///
    /// - Complexity: O(n) in the size of the document.
    func inserted(into svg: [UInt8]) throws -> [UInt8] {
        guard let open = Self.find(Array("<svg".utf8), in: svg),
              let close = svg[open...].firstIndex(of: UInt8(ascii: ">")) else {
            throw RenderError.cairo(status: "no <svg> element in Cairo's output", during: "adding the SVG title")
        }
        var tag = Array(svg[open..<close])
        if Self.find(Array("viewBox=".utf8), in: tag) == nil {
            tag += Array(" viewBox=\"0 0 \(Self.format(width)) \(Self.format(height))\"".utf8)
        }
        var extra = ""
        if !title.isEmpty { extra += "\n<title>\(Self.escaped(title))</title>" }
        if !description.isEmpty { extra += "\n<desc>\(Self.escaped(description))</desc>" }
        return Array(svg[..<open]) + tag + [UInt8(ascii: ">")] + Array(extra.utf8) + Array(svg[(close + 1)...])
    }

    /// XML text with `& < > " '` escaped and characters XML 1.0 forbids (most C0 controls) dropped.
    static func escaped(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
            default:
                let v = scalar.value
                if v >= 0x20 && v != 0xFFFE && v != 0xFFFF { out.unicodeScalars.append(scalar) }
            }
        }
        return out
    }

    /// Shortest plain decimal for a coordinate: `120`, `80.5`.
    static func format(_ v: Double) -> String {
        v == v.rounded() && abs(v) < 1e15 ? String(Int(v)) : String(v)
    }

    private static func find(_ needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard needle.count <= haystack.count else { return nil }
        for i in 0...(haystack.count - needle.count) where haystack[i] == needle[0] {
            if haystack[i..<(i + needle.count)].elementsEqual(needle) { return i }
        }
        return nil
    }
}
