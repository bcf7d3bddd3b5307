import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
import JourneyTestSupport

/// The semantic SVG through the binary (issue 20): valid XML, every touchpoint name drawn as
/// `<text>` (Thai too), the documented group ids and classes for every touchpoint and flow of the
/// layout export, the same bytes on every run, and smaller than Cairo's outlines.
@Suite(.serialized) struct SemanticSVGCLITests {
    static func sample(_ name: String) -> String { CLI.root.appendingPathComponent("samples/\(name)").path }

    static func scratch(_ name: String) throws -> URL { try TemporaryDirectory.makeFolder("cli-svg-\(name)") }

    /// `Add to cart` → `add_to_cart`; Thai letters and marks stay (docs: "Embedding the SVG").
    static func slug(_ s: String) -> String {
        String(String.UnicodeScalarView(s.lowercased().unicodeScalars.map { u -> Unicode.Scalar in
            let p = u.properties
            return p.isAlphabetic || p.numericType != nil || p.generalCategory == .nonspacingMark || p.generalCategory == .spacingMark ? u : "_"
        }))
    }

    struct Drawn { var svg: [UInt8]; var layout: [[String: Any]]; var reader: SVGDocumentReader }

    static func draw(_ arguments: [String], in dir: URL, name: String = "map") throws -> Drawn {
        let svg = dir.appendingPathComponent("\(name).svg").path, layout = dir.appendingPathComponent("\(name).layout.json").path
        let r = try CLI.run(arguments + ["-o", svg, "-o", layout, "--quiet"])
        #expect(r.status == 0, "stderr: \(r.stderr)")
        let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: svg)))
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: layout))) as? [String: Any]
        let reader = SVGDocumentReader()
        let parser = XMLParser(data: Data(bytes))
        parser.delegate = reader
        #expect(parser.parse(), "not XML: \(String(describing: parser.parserError))")
        return Drawn(svg: bytes, layout: json?["elements"] as? [[String: Any]] ?? [], reader: reader)
    }

    /// Every touchpoint box of the layout export: its name findable as `<text>` content, its
    /// group `touchpoint-<slug>`; every edge path: its group `flow-<from>-<to>` with data-from/-to.
    static func expectSemantics(_ d: Drawn, names: (([String: Any]) -> String)? = nil) {
        let boxes = d.layout.filter { $0["role"] as? String == "touchpoint box" }
        #expect(!boxes.isEmpty)
        for box in boxes {
            let id = box["id"] as? String ?? ""
            let name = names?(box) ?? id
            #expect(d.reader.texts.contains { $0.text == name }, "no <text> is \(name)")
            let group = d.reader.groups.first { $0["id"] == "touchpoint-" + slug(id) }
            #expect(group?["class"] == "touchpoint" && group?["data-id"] == id, "no group for touchpoint \(id)")
        }
        for edge in d.layout where edge["role"] as? String == "edge path" {
            let from = edge["from"] as? String ?? "", to = edge["to"] as? String ?? ""
            let group = d.reader.groups.first { $0["id"] == "flow-\(slug(from))-\(slug(to))" }
            #expect(group?["class"] == "flow" && group?["data-from"] == from && group?["data-to"] == to, "no group for flow \(from) → \(to)")
        }
        let ids = d.reader.groups.compactMap { $0["id"] }
        #expect(Set(ids).count == ids.count, "repeated ids")
        #expect(d.reader.root["role"] == "img" && d.reader.root["aria-labelledby"] == "svg-title svg-desc")
        #expect(d.reader.texts.allSatisfy { !$0.text.isEmpty })
    }

    @Test
    func demoMapIsSearchableDeterministicAndSmallerThanOutlines() throws {
        let dir = try Self.scratch("en")
        defer { try? FileManager.default.removeItem(at: dir) }
        let args = ["map", Self.sample("shop-journeys.csv")]
        let d = try Self.draw(args, in: dir)
        Self.expectSemantics(d)
        #expect(d.reader.root["xml:lang"] == "en")
        #expect(d.reader.groups.contains { $0["id"] == "stage-decision" && $0["class"] == "stage" })
        let again = try Self.draw(args, in: dir, name: "again")
        #expect(again.svg == d.svg, "same input, different bytes")
        let outlines = dir.appendingPathComponent("outlines.svg").path
        #expect(try CLI.run(args + ["-o", outlines, "--svg-text", "outlines", "--quiet"]).status == 0)
        let cairo = try Data(contentsOf: URL(fileURLWithPath: outlines))
        #expect(!String(decoding: cairo, as: UTF8.self).contains("<text"))
        print("demo map SVG: semantic \(d.svg.count) bytes, --svg-text outlines \(cairo.count) bytes")
        #expect(d.svg.count < cairo.count / 2)
    }

    @Test
    func thaiMapCarriesThaiText() throws {
        let dir = try Self.scratch("th")
        defer { try? FileManager.default.removeItem(at: dir) }
        let d = try Self.draw(["map", Self.sample("thai-shop.csv"), "--template", "thai-retail", "--lang", "th"], in: dir)
        Self.expectSemantics(d)
        #expect(d.reader.root["xml:lang"] == "th")
        #expect(d.reader.texts.contains { $0.text == "เพิ่มลงตะกร้า" || $0.text == "ใส่ตะกร้า" })
        #expect(d.reader.groups.contains { ($0["id"] ?? "").hasPrefix("touchpoint-ใส่ตะกร้า") })
    }

    @Test
    func sankeyComparePersonaHaveTheirGroups() throws {
        let dir = try Self.scratch("kinds")
        defer { try? FileManager.default.removeItem(at: dir) }
        let sankey = try Self.draw(["sankey", Self.sample("shop-journeys.csv"), "--by", "stage"], in: dir, name: "sankey")
        // Sankey nodes are `node3`; their group names them (the label's first line).
        Self.expectSemantics(sankey) { box in
            let id = box["id"] as? String ?? ""
            return sankey.reader.groups.first { $0["data-id"] == id && $0["class"] == "touchpoint" }?["data-name"] ?? id
        }
        #expect(sankey.reader.root["class"] == "journeymap sankey-stages")
        let compare = dir.appendingPathComponent("sbs.svg").path
        #expect(try CLI.run(["compare", Self.sample("compare-before.csv"), Self.sample("compare-after.csv"), "--side-by-side", compare, "--quiet"]).status == 0)
        let sbs = String(decoding: try Data(contentsOf: URL(fileURLWithPath: compare)), as: UTF8.self)
        #expect(sbs.contains("id=\"touchpoint-before_landing_page\"") && sbs.contains("id=\"touchpoint-after_landing_page\""))
        let persona = dir.appendingPathComponent("nok.svg").path
        #expect(try CLI.run(["persona", "nok-thai-shopper", "--lang", "th", "-o", persona, "--quiet"]).status == 0)
        let card = String(decoding: try Data(contentsOf: URL(fileURLWithPath: persona)), as: UTF8.self)
        #expect(card.contains("class=\"persona\"") && card.contains("data-name=\"นก สุภาวดี\"") && card.contains(">นก สุภาวดี</tspan>"))
    }
}

/// The root's attributes, every `<text>` (characters, xml:lang) and every `<g>`'s attributes.
final class SVGDocumentReader: NSObject, XMLParserDelegate {
    struct Text { var text: String; var lang: String? }
    var root: [String: String] = [:]
    var texts: [Text] = []
    var groups: [[String: String]] = []
    private var depth = 0, inText = false

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?,
                qualifiedName: String?, attributes: [String: String] = [:]) {
        if depth == 0 { root = attributes }
        depth += 1
        if name == "text" { texts.append(Text(text: "", lang: attributes["xml:lang"])); inText = true }
        if name == "g" { groups.append(attributes) }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if inText { texts[texts.count - 1].text += string }
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        depth -= 1
        if name == "text" { inText = false }
    }
}
