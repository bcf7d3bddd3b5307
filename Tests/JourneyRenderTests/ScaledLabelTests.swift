import Foundation
import Testing
import JourneyRender
import JourneyScene

/// A label sized to its measured width stays whole when the scene is scaled to a page
/// (`--page`): Pango rounds each glyph's advance at the size it lays out, so the text measured
/// again at the scaled size can be a few thousandths of a point wider than the scaled frame.
/// Before the tolerance per glyph, "1,257" at 8.71 pt on an A3 page was drawn "1,2…".
@Suite("Scaled labels")
struct ScaledLabelTests {
    @Test func labelsSizedToTheirTextAreNotCutWhenTheSceneIsScaled() throws {
        let measurer = try PangoTextMeasurer()
        let font = FontSpec(size: 10)
        let texts = ["1,257", "637", "1,117", "8", "Consideration", "การพิจารณา", "W_Completeren aanvraag 54,850"]
        var x = 10.0
        var items: [SceneItem] = []
        for text in texts {
            let size = measurer.measure(text, font: font, maxWidth: nil)
            items.append(.text(TextItem(text: text, frame: Rect(x: x, y: 10, width: size.width, height: size.height),
                                        font: font, color: .black, alignment: .center)))
            x += size.width + 10
        }
        let scene = Scene(width: x, height: 40, items: items)
        var cut: [String] = []
        for step in 0..<80 {
            let factor = 0.6 + Double(step) * 0.0377
            let scaled = scene.transformed(scale: factor, offset: Point(0, 0), canvas: Size(width: x * factor, height: 40 * factor))
            let svg = String(decoding: try render(scaled, format: .svg), as: UTF8.self)
            if svg.contains("…") { cut.append(String(format: "%.4f", factor)) }
        }
        #expect(cut.isEmpty, "labels cut with an ellipsis at scales \(cut)")
        // A frame really too narrow is still cut.
        let narrow = Scene(width: 100, height: 40, items: [.text(TextItem(text: "1,257", frame: Rect(x: 10, y: 10, width: 15, height: 12),
                                                                            font: font, color: .black))])
        #expect(String(decoding: try render(narrow, format: .svg), as: UTF8.self).contains("…"))
    }
}
