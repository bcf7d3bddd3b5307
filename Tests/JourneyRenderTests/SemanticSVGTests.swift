import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
import JourneyRender
import JourneyScene

/// The semantic SVG (the default `--svg-text text`): parses as XML, carries every label as
/// `<text>` in its language, one `<g>` per tagged element with the documented id and class,
/// embeds the fonts it uses, and gives the same bytes for the same scene.
@Suite("Semantic SVG")
struct SemanticSVGTests {
    /// SampleScenes.small with tags: two stages, two touchpoints (one Thai), one flow.
    static func tagged() -> Scene {
        var scene = SampleScenes.small()
        scene.language = "en"
        scene.kind = .journeyMap
        let cart = SceneTag(.touchpointBox, "Add to cart", stage: "decision", info: "Add to cart · 120 events")
        let thai = SceneTag(.touchpointBox, "การซื้อซ้ำ", stage: "retention")
        let flow = SceneTag.edge(.edgePath, from: "Add to cart", to: "การซื้อซ้ำ", info: "Add to cart → การซื้อซ้ำ · 42", value: 42)
        let tags: [SceneTag?] = [cart, thai, flow, SceneTag(.stageColumn, "decision"), cart, SceneTag(.note, "footnote"), thai, nil]
        scene.items = zip(scene.items, tags).map { item, tag in tag.map { item.tagged($0) } ?? item }
        return scene
    }

    static func parse(_ bytes: [UInt8]) throws -> SVGReader {
        let reader = SVGReader()
        let parser = XMLParser(data: Data(bytes))
        parser.delegate = reader
        #expect(parser.parse(), "XMLParser: \(String(describing: parser.parserError))")
        return reader
    }

    @Test func parsesAndCarriesEveryLabelAsTextInItsLanguage() throws {
        let reader = try Self.parse(render(Self.tagged(), format: .svg))
        #expect(reader.root["role"] == "img")
        #expect(reader.root["aria-labelledby"] == "svg-title svg-desc")
        #expect(reader.root["xml:lang"] == "en")
        #expect(reader.titles.first == "Sample journey")
        for label in ["Awareness", "การทำความรู้จัก", "การซื้อซ้ำ", "รู้ ซื้อ ซ้ำ — repeat"] {
            #expect(reader.texts.contains { $0.text.contains(label) }, "no <text> holds \(label): \(reader.texts.map(\.text))")
        }
        let thai = try #require(reader.texts.first { $0.text == "การทำความรู้จัก" })
        #expect(thai.lang == "th")
        #expect(reader.texts.first { $0.text == "Awareness" }?.lang == nil)  // the root's en applies
    }

    @Test func groupsHaveStableIdsClassesDataAndTitles() throws {
        let reader = try Self.parse(render(Self.tagged(), format: .svg))
        let groups = reader.groups
        let cart = try #require(groups.first { $0.attributes["id"] == "touchpoint-add_to_cart" })
        #expect(cart.attributes["class"] == "touchpoint" && cart.attributes["data-name"] == "Add to cart")
        #expect(cart.attributes["data-stage"] == "decision")
        #expect(cart.title == "Add to cart · 120 events")
        let thai = try #require(groups.first { $0.attributes["id"] == "touchpoint-การซื้อซ้ำ" })
        #expect(thai.attributes["data-name"] == "การซื้อซ้ำ")
        let flow = try #require(groups.first { $0.attributes["class"] == "flow" })
        #expect(flow.attributes["id"] == "flow-add_to_cart-การซื้อซ้ำ")
        #expect(flow.attributes["data-from"] == "Add to cart" && flow.attributes["data-to"] == "การซื้อซ้ำ")
        #expect(flow.attributes["data-value"] == "42" && flow.title == "Add to cart → การซื้อซ้ำ · 42")
        #expect(groups.contains { $0.attributes["id"] == "stage-decision" && $0.attributes["class"] == "stage" })
        // The same touchpoint drawn again later (painter's order) gets a second, numbered group.
        #expect(groups.contains { $0.attributes["id"] == "touchpoint-add_to_cart-2" })
        let ids = groups.compactMap { $0.attributes["id"] }
        #expect(Set(ids).count == ids.count, "ids repeat: \(ids)")
    }

    @Test func sameSceneGivesSameBytesAndEmbedsOnlyTheGlyphsUsed() throws {
        let a = try render(Self.tagged(), format: .svg), b = try render(Self.tagged(), format: .svg)
        #expect(firstDifference(a, b) == nil)
        let svg = String(decoding: a, as: UTF8.self)
        #expect(svg.contains("@font-face{font-family:jm0;src:url(data:font/ttf;base64,"))
        // DejaVu Sans alone is 740 KB; the subsets of this scene's few letters are far smaller.
        #expect(a.count < 60_000, "\(a.count) bytes")
        #expect(!svg.contains("<symbol"))
    }

    @Test func outlinesModeKeepsCairosSVG() throws {
        var options = RenderOptions()
        options.svgText = .outlines
        let svg = String(decoding: try render(Self.tagged(), format: .svg, options: options), as: UTF8.self)
        #expect(!svg.contains("<text") && svg.contains("<symbol"))
    }

    @Test func cutLabelsShowTheEllipsisPangoDrew() throws {
        var scene = Scene(width: 200, height: 40)
        scene.items = [.text(TextItem(text: "A very long touchpoint name that cannot fit", frame: Rect(x: 4, y: 4, width: 90, height: 20),
                                      font: FontSpec(size: 12), color: .black))]
        let reader = try Self.parse(render(scene, format: .svg))
        let text = try #require(reader.texts.first?.text)
        #expect(text.hasPrefix("A very") && text.hasSuffix("…") && text.count < 20, "\(text)")
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: rsvgConvert), "needs rsvg-convert (Debian package librsvg2-bin)"))
    func rsvgConvertDrawsItLikeOurPNG() throws {
        let scene = Self.tagged()
        let svgPath = temporaryPath("semantic.svg"), pngPath = temporaryPath("semantic-rsvg.png")
        defer { for p in [svgPath, pngPath] { try? FileManager.default.removeItem(atPath: p) } }
        try write(render(scene, format: .svg), to: svgPath)
        let result = try run(rsvgConvert, ["--dpi-x", "144", "--dpi-y", "144", "-o", pngPath, svgPath])
        #expect(result.status == 0 && result.stderr.isEmpty, "rsvg-convert: \(result.stderr)")
        let theirs = try decodePNG(Array(Data(contentsOf: URL(fileURLWithPath: pngPath))))
        let ours = try decodePNG(render(scene, format: .png, options: RenderOptions(scale: 2)))
        #expect(theirs.width == ours.width && theirs.height == ours.height)
        let d = ImageDifference(ours, theirs)
        #expect(d.differingShare < 0.015, "\(d.differingShare * 100)% of pixels differ by more than 64/255")
        // The measure is not blind to a word out of place: "Awareness" 12 pt lower counts about 1 %
        // of this small picture's pixels (both where it was and where it went).
        var moved = scene
        if case .text(var t) = moved.items[4] { t.frame.y += 12; moved.items[4] = .text(t) }
        let shifted = try decodePNG(render(moved, format: .png, options: RenderOptions(scale: 2)))
        #expect(ImageDifference(shifted, ours).differingShare > 0.005)
    }
}

/// The root's attributes, the document title, every `<text>` (its characters and xml:lang)
/// and every `<g>` (its attributes and `<title>`).
final class SVGReader: NSObject, XMLParserDelegate {
    struct Text { var text: String; var lang: String? }
    struct Group { var attributes: [String: String]; var title = "" }
    var root: [String: String] = [:]
    var titles: [String] = []
    var texts: [Text] = []
    var groups: [Group] = []
    private var stack: [String] = []
    private var openGroups: [Int] = []

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?,
                qualifiedName: String?, attributes: [String: String] = [:]) {
        if stack.isEmpty { root = attributes }
        stack.append(name)
        switch name {
        case "text": texts.append(Text(text: "", lang: attributes["xml:lang"]))
        case "g": openGroups.append(groups.count); groups.append(Group(attributes: attributes))
        case "title" where stack.count == 2: titles.append("")
        default: break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if stack.contains("text") { texts[texts.count - 1].text += string }
        if stack.last == "title" {
            if stack.count == 2 { titles[titles.count - 1] += string } else if let g = openGroups.last { groups[g].title += string }
        }
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        stack.removeLast()
        if name == "g" { openGroups.removeLast() }
    }
}
