import Testing
@testable import JourneyRender
import JourneyScene

@Suite("Arrow heads, formats, SVG escaping")
struct GeometryAndFormatTests {
    @Test func arrowFollowsLastLine() throws {
        let head = try #require(ArrowHead(endOf: [.move(Point(0, 0)), .line(Point(10, 0))], length: 4, width: 2))
        #expect(head.tip == Point(10, 0))
        #expect(head.base == Point(6, 0))
        #expect(head.left == Point(6, 1) && head.right == Point(6, -1))
    }

    @Test func curveUsesSecondControlPointThenFallsBack() throws {
        let viaC2 = try #require(ArrowHead.endAndDirection(of: [.move(Point(0, 0)),
                                                                .curve(c1: Point(0, 5), c2: Point(10, 5), to: Point(10, 10))]))
        #expect(viaC2.1 == Point(0, 1))
        let viaC1 = try #require(ArrowHead.endAndDirection(of: [.move(Point(0, 0)),
                                                                .curve(c1: Point(7, 10), c2: Point(10, 10), to: Point(10, 10))]))
        #expect(viaC1.1 == Point(1, 0))
        let viaFrom = try #require(ArrowHead.endAndDirection(of: [.move(Point(0, 0)),
                                                                  .curve(c1: Point(5, 0), c2: Point(5, 0), to: Point(5, 0))]))
        #expect(viaFrom.1 == Point(1, 0))
    }

    @Test func zeroLengthEndKeepsEarlierDirectionAndNoMoveMeansNoArrow() throws {
        let path: [PathSegment] = [.move(Point(0, 0)), .line(Point(0, 10)), .line(Point(0, 10))]
        #expect(ArrowHead.endAndDirection(of: path)?.1 == Point(0, 1))
        #expect(ArrowHead(endOf: [.move(Point(3, 3))], length: 4, width: 2) == nil)
        #expect(ArrowHead(endOf: path, length: 0, width: 2) == nil)
    }

    @Test func strokeIsTrimmedUnderTheHead() throws {
        let line: [PathSegment] = [.move(Point(0, 0)), .line(Point(10, 0))]
        let head = try #require(ArrowHead(endOf: line, length: 4, width: 2))
        #expect(head.trimming(line, by: 4) == [.move(Point(0, 0)), .line(Point(6, 0))])
        let short: [PathSegment] = [.move(Point(0, 0)), .line(Point(2, 0))]
        let shortHead = try #require(ArrowHead(endOf: short, length: 4, width: 2))
        #expect(shortHead.trimming(short, by: 4) == [.move(Point(0, 0)), .line(Point(0, 0))])
    }

    @Test(arguments: [("map.svg", OutputFormat.svg), ("out/Journey.PNG", .png), ("a.b/c.pdf", .pdf),
                      ("notes.txt", nil), ("svg", nil), (".png", nil), ("dir.png/file", nil)] as [(String, OutputFormat?)])
    func formatFromPath(_ path: String, _ expected: OutputFormat?) {
        #expect(OutputFormat.from(path: path) == expected)
    }

    @Test func escapingCoversAllFiveCharacters() {
        #expect(SVGMetadata.escaped("a&b<c>d\"e'f\u{0}g") == "a&amp;b&lt;c&gt;d&quot;e&apos;fg")
    }

    @Test func viewBoxIsAddedWhenMissing() throws {
        let svg = Array("<?xml version=\"1.0\"?>\n<svg width=\"10pt\" height=\"5pt\"><g/></svg>".utf8)
        let out = try SVGMetadata(title: "T", description: "", width: 10, height: 5.5).inserted(into: svg)
        #expect(String(decoding: out, as: UTF8.self)
            == "<?xml version=\"1.0\"?>\n<svg width=\"10pt\" height=\"5pt\" viewBox=\"0 0 10 5.5\">\n<title>T</title><g/></svg>")
    }

    @Test func optionsDpiMirrorsScale() {
        var options = RenderOptions()
        #expect(options.scale == 2 && options.dpi == 144)
        options.dpi = 300
        #expect(abs(options.scale - 300.0 / 72) < 1e-12)
        #expect(options.pdfCreationDate == "2000-01-01T00:00:00Z" && options.maxPixels == 100_000_000)
    }
}

/// Issue 15: text every renderer can draw.
@Suite struct DrawableTextTests {
    @Test func nonCharactersAndControlsBecomeReplacementCharacters() {
        let fffe = String(Unicode.Scalar(0xFFFE)!), fdd0 = String(Unicode.Scalar(0xFDD0)!), top = String(Unicode.Scalar(0x10FFFF)!)
        #expect("a\(fffe)b\(fdd0)c\(top)".drawable == "a\u{FFFD}b\u{FFFD}c\u{FFFD}")
        #expect("x\u{1B}\u{07}\u{7F}\u{85}\0y".drawable == "x\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}y")
        let plain = "two\nlines\tand ไทย \u{2028}"
        #expect(plain.drawable == plain)
    }

    /// The PDF took U+FFFE in a label as "input string not valid UTF-8".
    @Test func pdfDrawsANoncharacterLabel() throws {
        let fffe = String(Unicode.Scalar(0xFFFE)!)
        let text = TextItem(text: "a\(fffe)b", frame: Rect(x: 10, y: 10, width: 100, height: 20),
                            font: FontSpec(size: 12), color: .black)
        let scene = Scene(width: 200, height: 100, title: "t\(fffe)", items: [.text(text)])
        for format in OutputFormat.allCases { #expect(try !render(scene, format: format).isEmpty) }
    }
}
