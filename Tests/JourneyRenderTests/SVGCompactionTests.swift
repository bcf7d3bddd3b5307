import Testing
@testable import JourneyRender

@Suite struct SVGCompactionTests {
    func compact(_ s: String) -> String { String(decoding: SVGCompaction.compacted(Array(s.utf8)), as: UTF8.self) }

    @Test func roundsLongDecimalsOnly() {
        #expect(compact(##"<use xlink:href="#glyph0-12" x="95.772461" y="90.59375"/>"##)
                == ##"<use xlink:href="#glyph0-12" x="95.77" y="90.59"/>"##)
        #expect(compact(#"<svg version="1.1" width="1129pt">"#) == #"<svg version="1.1" width="1129pt">"#)
        #expect(compact("stroke:rgb(43.137255%,46.666667%,50.588235%);stroke-opacity:0.589853;")
                == "stroke:rgb(43.14%,46.67%,50.59%);stroke-opacity:0.59;")
        #expect(compact("M 9.999 -0.004 L 19.995 3.10001") == "M 10 -0 L 20 3.1")
        #expect(compact("<symbol id=\"glyph0-1\"><path d=\"M 6.7343 -1.67249\"/></symbol> x=\"1.234\"")
                == "<symbol id=\"glyph0-1\"><path d=\"M 6.734 -1.672\"/></symbol> x=\"1.23\"")
    }
}
