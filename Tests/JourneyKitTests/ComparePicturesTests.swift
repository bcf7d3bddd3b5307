import Foundation
import Testing
import JourneyKit

/// The comparison pictures with real Pango text and Cairo pixels, from the bundled samples
/// (samples/compare-before.csv and compare-after.csv carry planted changes; see
/// scripts/make-compare-samples.py).
@Suite(.serialized) struct ComparePicturesTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static func sample(_ name: String) -> String { root.appendingPathComponent("samples/\(name)").path }

    static func planted() throws -> (ComparisonPair, JourneyComparison) {
        func graph(_ name: String) throws -> JourneyGraph {
            try JourneyRequest(log: LogRequest(paths: [sample(name)]), mining: MiningOptions(threads: 1)).graph()
        }
        let pair = ComparisonPair(before: try graph("compare-before.csv"), after: try graph("compare-after.csv"),
                                  beforeLabel: "before", afterLabel: "after")
        return (pair, try pair.compare())
    }

    static func close(_ a: Color?, _ b: Color, _ tolerance: Double) -> Bool {
        guard let a else { return false }
        return abs(a.red - b.red) <= tolerance && abs(a.green - b.green) <= tolerance && abs(a.blue - b.blue) <= tolerance
    }

    /// The top border of every significant box, sampled in the PNG, has the mark's colour;
    /// the planted changes are among them.
    @Test func pngShowsSignificantBoxesInTheirColour() throws {
        let (pair, comparison) = try Self.planted()
        let result = try ComparisonPictures.scenes(pair: pair, comparison: comparison)
        #expect(result.model.touchpoint("landing_page")?.significant == true)
        let image = try decodePNG(render(result.diff, format: .png, options: RenderOptions(scale: 2)))
        #expect(image.width == Int((result.diff.width * 2).rounded(.up)))
        var checked = 0
        for (name, frame) in result.nodeFrames.sorted(by: { $0.key < $1.key }) {
            guard let mark = result.model.touchpoint(name), let want = Color(hex: mark.color) else { continue }
            let px = image.pixel(x: Int((frame.center.x * 2).rounded()), y: Int((frame.minY * 2).rounded()))
            if mark.significant {
                #expect(Self.close(px, want, 4.0 / 255), "\(name): top border \(px?.hex ?? "none"), expected \(want.hex)")
                checked += 1
            } else {
                // A thin grey border: no hue of either ramp.
                let p = try #require(px)
                #expect(max(p.red, p.green, p.blue) - min(p.red, p.green, p.blue) < 0.08, "\(name): \(p.hex) is not grey")
            }
        }
        #expect(checked >= 2)
    }

    /// The before | after PNG: every box's channel stripe is at the same place in both panels.
    @Test func sideBySidePanelsHaveTheSamePositionsInPixels() throws {
        let (pair, comparison) = try Self.planted()
        let result = try ComparisonPictures.scenes(pair: pair, comparison: comparison)
        #expect(result.panelOffset == result.panelOffset.rounded(), "panels a whole number of points apart")
        let image = try decodePNG(render(result.sideBySide, format: .png, options: RenderOptions(scale: 1)))
        var checked = 0
        for (name, frame) in result.nodeFrames {
            let y = Int(frame.center.y.rounded())
            let x = Int((frame.minX + 1.5).rounded())
            let left = image.pixel(x: x, y: y), right = image.pixel(x: x + Int(result.panelOffset), y: y)
            #expect(left != nil && left == right, "\(name): \(left?.hex ?? "-") before, \(right?.hex ?? "-") after")
            if left != nil { checked += 1 }
        }
        #expect(checked == result.nodeFrames.count && checked > 10)
    }

    /// The SVG, drawn by another renderer (librsvg), shows the same colours in the same places.
    @Test func svgThroughRsvgConvert() throws {
        let (pair, comparison) = try Self.planted()
        let result = try ComparisonPictures.scenes(pair: pair, comparison: comparison)
        let image = try RsvgConvert.render(render(result.diff, format: .svg), pixelsPerPoint: 2).image
        #expect(abs(image.width - Int(result.diff.width * 2)) <= 2)
        var checked = 0
        for (name, frame) in result.nodeFrames {
            guard let mark = result.model.touchpoint(name), mark.significant, let want = Color(hex: mark.color) else { continue }
            let px = image.pixel(x: Int((frame.center.x * 2).rounded()), y: Int((frame.minY * 2).rounded()))
            #expect(Self.close(px, want, 8.0 / 255), "\(name): rsvg top border \(px?.hex ?? "none"), expected \(want.hex)")
            checked += 1
        }
        #expect(checked >= 2)
    }

    @Test func sameInputsGiveTheSameBytes() throws {
        let (pair, comparison) = try Self.planted()
        let a = try ComparisonPictures.scenes(pair: pair, comparison: comparison)
        let b = try ComparisonPictures.scenes(pair: pair, comparison: comparison)
        #expect(try render(a.diff, format: .svg) == render(b.diff, format: .svg))
        #expect(try render(a.sideBySide, format: .png) == render(b.sideBySide, format: .png))
    }

    /// Thai stage and touchpoint names reach the picture and every text fits its measured box.
    @Test func thaiSampleByTimeWindows() throws {
        let template = try TemplateLocator.load("thai-retail")
        let loaded = try LogLoader.load(LogRequest(paths: [Self.sample("thai-shop.csv")]))
        let pair = try ComparisonInputs.split(table: loaded.table, template: template, options: MiningOptions(threads: 1),
                                              by: .windows(before: try TimeWindow(parsing: "2023-11-15..2024-02-13"),
                                                           after: try TimeWindow(parsing: "2024-02-14..2024-05-13", flag: "--after")))
        let result = try ComparisonPictures.scenes(pair: pair, comparison: try pair.compare(), options: MapOptions(language: "th"))
        let texts = result.diff.items.compactMap { if case .text(let t) = $0 { return t } else { return nil } }
        #expect(texts.contains { $0.text == "การพิจารณา" })
        let measurer = try PictureWriter.measurer()
        for t in texts {
            let size = measurer.measure(t.text, font: t.font, maxWidth: t.wrap ? t.frame.width : nil)
            #expect(size.height <= t.frame.height + 0.5, "\"\(t.text)\" needs \(size.height) pt, has \(t.frame.height)")
        }
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("compare-thai-\(getpid()).png").path
        try PictureWriter.write(result.diff, to: [out])
        #expect(FileManager.default.fileExists(atPath: out))
        try? FileManager.default.removeItem(atPath: out)
    }
}
