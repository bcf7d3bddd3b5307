import Foundation
import Testing
@testable import JourneyRender
import JourneyScene

/// Dotted, snake_case and path names too long for their box break after a separator, not
/// inside a word ("cowrie.session.file_down" / "load" on a honeypot log's map), in every
/// format alike; the SVG's text has no trace of the break points.
@Suite struct SeparatorBreakTests {
    static let font = FontSpec(size: 12)

    @Test func breakPointsOnlyBetweenLettersOrDigits() {
        let zw = TextLayout.zeroWidthSpace
        #expect(TextLayout.withBreaksAfterSeparators("cowrie.session.file_download") == "cowrie.\(zw)session.\(zw)file_\(zw)download")
        #expect(TextLayout.withBreaksAfterSeparators("/shop/wallet") == "/shop/\(zw)wallet")
        #expect(TextLayout.withBreaksAfterSeparators("v1.2 ... a__b ./x") == "v1.\(zw)2 ... a__b ./x")
        #expect(TextLayout.withBreaksAfterSeparators("ซื้อ_สินค้า") == "ซื้อ_\(zw)สินค้า")
        #expect(TextLayout.withBreaksAfterSeparators("Plain words") == "Plain words")
    }

    /// The SVG's runs: the lines the box shows, whole words, no zero-width spaces.
    @Test func svgLinesBreakAfterTheSeparator() throws {
        let text = "cowrie.session.file_download"
        let whole = try PangoTextMeasurer().measure(text, font: Self.font, maxWidth: nil)
        let upToFile = try PangoTextMeasurer().measure("cowrie.session.file_", font: Self.font, maxWidth: nil)
        let width = (upToFile.width + whole.width) / 2
        let item = TextItem(text: text, frame: Rect(x: 10, y: 10, width: width, height: 60), font: Self.font, color: .black, wrap: true)
        let scene = Scene(width: width + 40, height: 100, items: [.text(item)])
        let svg = String(decoding: try render(scene, format: .svg), as: UTF8.self)
        #expect(!svg.contains(TextLayout.zeroWidthSpace))
        let runs = svg.components(separatedBy: "<tspan").dropFirst().compactMap { $0.split(separator: ">", maxSplits: 1).last?.components(separatedBy: "</tspan").first }
        #expect(runs == ["cowrie.session.file_", "download"], "\(runs)")
        // Measured as drawn: two lines.
        let measured = try PangoTextMeasurer().measure(text, font: Self.font, maxWidth: width)
        #expect(measured.height > 1.5 * whole.height && measured.width <= width + 0.01)
    }
}
