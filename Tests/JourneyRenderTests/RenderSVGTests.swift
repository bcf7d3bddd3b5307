import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
import JourneyRender
import JourneyScene

@Suite("SVG rendering (Cairo, --svg-text outlines)")
struct RenderSVGTests {
    static let outlines: RenderOptions = { var o = RenderOptions(); o.svgText = .outlines; return o }()

    @Test func hasTitleDescAndViewBoxAfterTheRootTag() throws {
        let svg = String(decoding: try render(SampleScenes.small(), format: .svg, options: Self.outlines), as: UTF8.self)
        let root = try #require(svg.range(of: "<svg "))
        let rootEnd = try #require(svg[root.upperBound...].firstIndex(of: ">"))
        let tag = svg[root.lowerBound...rootEnd]
        #expect(tag.contains("viewBox=\"0 0 360 200\""))
        #expect(tag.contains("width=\"360pt\"") && tag.contains("height=\"200pt\""))
        #expect(svg[svg.index(after: rootEnd)...].hasPrefix("\n<title>Sample journey</title>\n<desc>Two stages and a Thai label</desc>\n"))
    }

    @Test func sameSceneGivesSameBytes() throws {
        let a = try render(SampleScenes.small(), format: .svg, options: Self.outlines)
        let b = try render(SampleScenes.small(), format: .svg, options: Self.outlines)
        #expect(firstDifference(a, b) == nil)
        #expect(!String(decoding: a, as: UTF8.self).contains("<text"))  // Cairo 1.16 writes glyph outlines
    }

    @Test func markupInTitleIsEscapedAndDocumentParses() throws {
        let title = "</title><script>alert('x')</script> & \"quoted\" \u{1}"
        let summary = "<desc> ขั้นตอน & more"
        let bytes = try render(SampleScenes.small(title: title, summary: summary), format: .svg, options: Self.outlines)
        let svg = String(decoding: bytes, as: UTF8.self)
        #expect(!svg.contains("<script>"))
        #expect(svg.contains("<title>&lt;/title&gt;&lt;script&gt;alert(&apos;x&apos;)&lt;/script&gt; &amp; &quot;quoted&quot; </title>"))

        let reader = TitleReader()
        let parser = XMLParser(data: Data(bytes))
        parser.delegate = reader
        #expect(parser.parse(), "XMLParser: \(String(describing: parser.parserError))")
        #expect(reader.texts["title"] == "</title><script>alert('x')</script> & \"quoted\" ")
        #expect(reader.texts["desc"] == summary)
        #expect(reader.elements.first == "svg")
    }

    @Test func emptyTitleAndSummaryAddNoElements() throws {
        let svg = String(decoding: try render(SampleScenes.small(title: "", summary: ""), format: .svg, options: Self.outlines), as: UTF8.self)
        #expect(!svg.contains("<title") && !svg.contains("<desc"))
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: rsvgConvert),
                    "needs rsvg-convert (Debian package librsvg2-bin)"))
    func independentRendererReadsItAtTheSameSize() throws {
        let scene = SampleScenes.small()
        let svgPath = temporaryPath("sample.svg"), pngPath = temporaryPath("rsvg.png")
        defer {
            try? FileManager.default.removeItem(atPath: svgPath)
            try? FileManager.default.removeItem(atPath: pngPath)
        }
        try write(render(scene, format: .svg, options: Self.outlines), to: svgPath)
        // The SVG is in pt: at 72 dpi one point is one pixel, so zoom 2 matches scale 2.
        let result = try run(rsvgConvert, ["--dpi-x", "72", "--dpi-y", "72", "-z", "2", "-o", pngPath, svgPath])
        #expect(result.status == 0, "rsvg-convert: \(result.stderr)")
        let theirs = try decodePNG(Array(Data(contentsOf: URL(fileURLWithPath: pngPath))))
        let ours = try decodePNG(render(scene, format: .png, options: RenderOptions(scale: 2)))
        #expect(theirs.width == ours.width && theirs.height == ours.height)
        #expect(isClose(theirs.pixel(x: 60, y: 60), SampleScenes.red))
        #expect(isClose(theirs.pixel(x: 660, y: 140), SampleScenes.blue))
        #expect(isClose(theirs.pixel(x: 10, y: 390), SampleScenes.paper))
    }
}

/// Collects element names and the text of `title`/`desc` elements.
private final class TitleReader: NSObject, XMLParserDelegate {
    var elements: [String] = []
    var texts: [String: String] = [:]
    private var current: String?

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?,
                qualifiedName: String?, attributes: [String: String] = [:]) {
        elements.append(name)
        current = name == "title" || name == "desc" ? name : nil
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if let current { texts[current, default: ""] += string }
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        current = nil
    }
}
