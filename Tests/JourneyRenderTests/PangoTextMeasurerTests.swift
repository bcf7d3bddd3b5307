import Foundation
import Testing
import JourneyRender
import JourneyScene

@Suite("Pango text measurer")
struct PangoTextMeasurerTests {
    static let font = FontSpec(size: 14)

    @Test func thaiHasPositiveSize() throws {
        let size = try PangoTextMeasurer().measure("การซื้อซ้ำ", font: Self.font, maxWidth: nil)
        #expect(size.width > 20 && size.width < 200)
        #expect(size.height > 14 && size.height < 40)
    }

    @Test func narrowWrapWidthMakesMoreLines() throws {
        let measurer = try PangoTextMeasurer()
        let text = "รู้ ซื้อ ซ้ำ การทำความรู้จัก repeat purchase"
        let one = measurer.measure(text, font: Self.font, maxWidth: nil)
        let wrapped = measurer.measure(text, font: Self.font, maxWidth: 80)
        #expect(wrapped.height >= 3 * one.height * 0.9)
        #expect(wrapped.width <= 80)
        #expect(measurer.measure(text, font: Self.font, maxWidth: 10_000) == one)
    }

    @Test func boldIsWiderAndBiggerIsTaller() throws {
        let measurer = try PangoTextMeasurer()
        let plain = measurer.measure("Consideration", font: Self.font, maxWidth: nil)
        #expect(measurer.measure("Consideration", font: FontSpec(size: 14, bold: true), maxWidth: nil).width > plain.width)
        #expect(measurer.measure("Consideration", font: FontSpec(size: 28), maxWidth: nil).height > 1.8 * plain.height)
        #expect(measurer.measure("", font: Self.font, maxWidth: nil) == Size(width: 0, height: 0))
    }

    @Test func repeatedRequestsAreCached() throws {
        let measurer = try PangoTextMeasurer()
        let first = measurer.measure("Awareness", font: Self.font, maxWidth: 50)
        #expect(measurer.cachedCount == 1)
        #expect(measurer.measure("Awareness", font: Self.font, maxWidth: 50) == first)
        #expect(measurer.cachedCount == 1)
        _ = measurer.measure("Awareness", font: Self.font, maxWidth: nil)
        #expect(measurer.cachedCount == 2)
    }

    @Test func concurrentCallsAgreeWithSerialOnes() throws {
        let texts = (0..<40).map { "ขั้นตอน \($0) step การซื้อซ้ำ" }
        let serial = try PangoTextMeasurer()
        let expected = texts.map { serial.measure($0, font: Self.font, maxWidth: 90) }
        let shared = try PangoTextMeasurer()
        let results = ResultBox<Size>(count: texts.count * 4)
        DispatchQueue.concurrentPerform(iterations: texts.count * 4) { i in
            results.set(i, shared.measure(texts[i % texts.count], font: Self.font, maxWidth: 90))
        }
        for i in 0..<(texts.count * 4) {
            #expect(results.get(i) == expected[i % texts.count])
        }
    }

    /// Text drawn in a frame of exactly its measured size: nothing is cut or re-wrapped
    /// (same pixels as in a roomier frame) and no ink falls more than 1 px outside the frame.
    @Test(arguments: [("Awareness", nil), ("การซื้อซ้ำ", nil), ("รู้ ซื้อ ซ้ำ", nil), ("การทำความรู้จัก", nil),
                      ("Customer support ติดต่อฝ่ายบริการลูกค้า หลังการซื้อซ้ำ", 110.0)] as [(String, Double?)])
    func measuredFrameHoldsDrawnText(_ text: String, _ maxWidth: Double?) throws {
        let measured = try PangoTextMeasurer().measure(text, font: Self.font, maxWidth: maxWidth)
        let scale = 4.0
        func picture(frameWidth: Double, frameHeight: Double) throws -> DecodedImage {
            let item = TextItem(text: text, frame: Rect(x: 20, y: 20, width: frameWidth, height: frameHeight),
                                font: Self.font, color: .black, wrap: maxWidth != nil)
            let scene = Scene(width: measured.width + 240, height: measured.height + 40, items: [.text(item)])
            return try decodePNG(render(scene, format: .png, options: RenderOptions(scale: scale)))
        }
        let tight = try picture(frameWidth: measured.width, frameHeight: measured.height)
        let roomy = try picture(frameWidth: maxWidth ?? measured.width + 200, frameHeight: measured.height + 20)
        let same = tight == roomy  // compared outside #expect so a failure does not print every pixel
        #expect(same, "text at its measured size was cut or wrapped differently")

        var outside = 0, inked = 0
        for y in 0..<tight.height {
            for x in 0..<tight.width where !isClose(tight.pixel(x: x, y: y), .white, tolerance: 0.02) {
                inked += 1
                let px = Double(x), py = Double(y)
                if px < 20 * scale - 1 || px >= (20 + measured.width) * scale + 1
                    || py < 20 * scale - 1 || py >= (20 + measured.height) * scale + 1 {
                    outside += 1
                }
            }
        }
        #expect(inked > 100)
        #expect(outside == 0, "\(outside) inked pixels outside the measured frame")
    }

    @Test func singleLineWiderThanFrameIsEllipsizedInside() throws {
        let text = "A very long touchpoint name that cannot fit ชื่อยาวมาก"
        let frame = Rect(x: 10, y: 10, width: 100, height: 30)
        let scene = Scene(width: 400, height: 50, items: [
            .text(TextItem(text: text, frame: frame, font: Self.font, color: .black)),
        ])
        let image = try decodePNG(render(scene, format: .png, options: RenderOptions(scale: 2)))
        var rightmost = 0
        for y in 0..<image.height {
            for x in 0..<image.width where !isClose(image.pixel(x: x, y: y), .white, tolerance: 0.02) {
                rightmost = max(rightmost, x)
            }
        }
        #expect(rightmost > 150)             // text is there
        #expect(rightmost <= Int(frame.maxX * 2) + 1)  // and stops at the frame
    }
}
