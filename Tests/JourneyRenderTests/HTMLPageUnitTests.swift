import Foundation
import Testing
@testable import JourneyRender
import JourneyScene

@Suite struct HTMLPageUnitTests {
    func hex(_ b: [UInt8]) -> String { b.map { String(format: "%02x", $0) }.joined() }

    /// FIPS 180-4 test vectors, and the two-block boundary.
    @Test func sha256() {
        #expect(hex(SHA256.digest(Array("abc".utf8))) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(hex(SHA256.digest([])) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(hex(SHA256.digest(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8)))
                == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        #expect(SHA256.base64([0, 1, 2, 3]) == Data([0, 1, 2, 3]).base64EncodedString())
        #expect(SHA256.base64(Array("ab".utf8)) == "YWI=")
    }

    /// The policy names the script's hash, so the browser runs it and nothing else.
    @Test func policyHashesTheScript() throws {
        let digest = Data(SHA256.digest(Array(HTMLPage.scriptText.utf8))).base64EncodedString()
        #expect(HTMLPage.contentSecurityPolicy.contains("script-src 'sha256-\(digest)'"))
        let page = String(decoding: try HTMLPage(svg: Array("<?xml version=\"1.0\"?>\n<svg viewBox=\"0 0 10 10\"></svg>\n".utf8),
                                                 title: "t", background: .white, data: InteractiveData(kind: "map", language: "en")).bytes(),
                          as: UTF8.self)
        #expect(page.contains("<script>" + HTMLPage.scriptText + "</script>"))
        #expect(page.contains("<svg viewBox=\"0 0 10 10\"></svg>\n</div>") && !page.components(separatedBy: "<script")[0].contains("<?xml"))
    }

    @Test func scriptJSONCannotCloseTheScript() throws {
        let json = try HTMLPage.scriptJSON(["name": "</script><!-- & \u{2028}"])
        #expect(!json.contains("<") && !json.contains(">") && !json.contains("&"))
        let back = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: String]
        #expect(back?["name"] == "</script><!-- & \u{2028}")
    }

    /// Cairo's outline SVG gets touchpoint and flow groups from the scene's tags.
    @Test func overlayFromTags() {
        let scene = Scene(width: 100, height: 50, items: [
            .rect(RectItem(frame: Rect(x: 1, y: 2, width: 30, height: 20), tag: SceneTag(.touchpointBox, "a<b"))),
            .path(PathItem(segments: [.move(Point(31, 12)), .line(Point(60, 12))], stroke: Stroke(color: .black, width: 2),
                           arrowAtEnd: Arrow(length: 6, width: 5, color: .black), tag: .edge(.edgePath, from: "a<b", to: "c"))),
        ])
        let svg = String(decoding: HTMLOverlay.added(to: Array("<svg></svg>".utf8), scene: scene), as: UTF8.self)
        #expect(svg.contains("<g class=\"touchpoint\" data-name=\"a&lt;b\"><title>a&lt;b</title><rect x=\"1\" y=\"2\" width=\"30\" height=\"20\"/></g>"))
        #expect(svg.contains("<g class=\"flow\" data-from=\"a&lt;b\" data-to=\"c\">"))
        #expect(svg.contains("M31 12L60 12"))
        let semantic = "<svg><g class=\"touchpoint\" data-name=\"x\"></g></svg>"
        #expect(String(decoding: HTMLOverlay.added(to: Array(semantic.utf8), scene: scene), as: UTF8.self) == semantic)
    }
}
