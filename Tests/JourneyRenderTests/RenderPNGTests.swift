import Foundation
import Testing
import JourneyRender
import JourneyScene

@Suite("PNG rendering")
struct RenderPNGTests {
    /// Boxes only, so their centres are free of text.
    static let boxes = Scene(width: 100.3, height: 50, background: SampleScenes.paper, items: [
        .rect(RectItem(frame: Rect(x: 10, y: 10, width: 30, height: 30), cornerRadius: 4, fill: SampleScenes.red)),
        .rect(RectItem(frame: Rect(x: 60, y: 10, width: 30, height: 30), fill: SampleScenes.blue.withAlpha(0.5))),
    ])

    @Test func sizeIsScaledAndRoundedUp() throws {
        let image = try decodePNG(render(Self.boxes, format: .png, options: RenderOptions(scale: 2)))
        #expect(image.width == 201)  // ceil(100.3 × 2)
        #expect(image.height == 100)
        let dpi = try decodePNG(render(Self.boxes, format: .png, options: .dpi(72)))
        #expect(dpi.width == 101 && dpi.height == 50)
    }

    @Test func fillColoursAtCentresAndBackgroundElsewhere() throws {
        let image = try decodePNG(render(Self.boxes, format: .png, options: RenderOptions(scale: 3)))
        #expect(isClose(image.pixel(x: 75, y: 75), SampleScenes.red))
        // 50 % blue over paper
        #expect(isClose(image.pixel(x: 225, y: 75), SampleScenes.paper.mixed(with: SampleScenes.blue, 0.5)))
        #expect(isClose(image.pixel(x: 3, y: 3), SampleScenes.paper))
        #expect(isClose(image.pixel(x: 150, y: 140), SampleScenes.paper))
        // rounded corner: the rectangle's very corner pixel stays background
        #expect(isClose(image.pixel(x: 31, y: 31), SampleScenes.paper))
        #expect(image.pixel(x: image.width, y: 0) == nil)
    }

    @Test func sampleSceneHasBoxesArrowAndDashes() throws {
        let image = try decodePNG(render(SampleScenes.small(), format: .png))
        #expect(image.width == 720 && image.height == 400)
        #expect(isClose(image.pixel(x: 60, y: 60), SampleScenes.red))    // (30, 30) pt in the red box
        #expect(isClose(image.pixel(x: 660, y: 140), SampleScenes.blue)) // (330, 70) pt in the blue box
        #expect(isClose(image.pixel(x: 10, y: 390), SampleScenes.paper))
        // Arrow head: just behind the tip (220, 50) along the curve's end tangent (30, 50).
        let d = (30.0 * 30 + 50 * 50).squareRoot()
        let inside = Point(220 - 4 * 30 / d, 50 - 4 * 50 / d)
        #expect(isClose(image.pixel(x: Int(inside.x * 2), y: Int(inside.y * 2)), SampleScenes.ink, tolerance: 0.1))
        // Dashed line at y = 100 pt: both green dashes and gaps along it.
        let row = (60..<660).compactMap { image.pixel(x: $0, y: 200) }
        #expect(row.contains { isClose($0, SampleScenes.green, tolerance: 0.05) })
        #expect(row.contains { isClose($0, SampleScenes.paper) })
    }

    @Test func thaiSampleIsWrittenForInspection() throws {
        let bytes = try render(SampleScenes.small(), format: .png)
        try write(bytes, to: "/tmp/render-check.png")
        #expect(Array(bytes.prefix(8)) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
    }

    @Test func refusesSidesAboveCairoLimit() {
        #expect(throws: RenderError.pictureTooLarge(width: 40000, height: 30000, limit: 32767)) {
            try render(Scene(width: 400, height: 300), format: .png, options: RenderOptions(scale: 100))
        }
        let message = RenderError.pictureTooLarge(width: 40000, height: 30000, limit: 32767).description
        #expect(message == "picture too large: 40000×30000 px exceeds the 32767 px limit; lower --scale")
    }

    @Test func refusesMoreThanMaxPixels() {
        #expect(throws: RenderError.tooManyPixels(width: 200, height: 100, limit: 10_000)) {
            try render(Scene(width: 100, height: 50), format: .png, options: RenderOptions(scale: 2, maxPixels: 10_000))
        }
    }

    @Test(arguments: [0.0, -1, .nan, .infinity])
    func refusesUnusableScale(_ scale: Double) {
        #expect(throws: RenderError.self) {
            try render(Scene(width: 10, height: 10), format: .png, options: RenderOptions(scale: scale))
        }
    }

    @Test(arguments: OutputFormat.allCases)
    func refusesEmptyCanvas(_ format: OutputFormat) {
        #expect(throws: RenderError.emptyCanvas(width: 0, height: 10)) {
            try render(Scene(width: 0, height: 10), format: format)
        }
    }

    @Test func decodeRejectsNonPNG() {
        #expect(throws: RenderError.self) { try decodePNG(Array("not a png".utf8)) }
    }
}
