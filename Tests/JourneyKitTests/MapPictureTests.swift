import Foundation
import Testing
import JourneyKit

/// The journey map as pictures (issue 3): the PNG decoded and sampled where the stage bands
/// are, the SVG read by an independent renderer (rsvg-convert) at the same size, the same bytes
/// on every run, and a Thai map.
@Suite struct MapPictureTests {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static func sample(_ name: String) -> String { packageRoot.appendingPathComponent("samples/\(name)").path }

    func map(_ file: String, template: String? = nil, options: MapOptions = MapOptions()) throws -> (JourneyMapBuilder.Result, JourneyGraph) {
        let graph = try JourneyRequest(log: LogRequest(paths: [Self.sample(file)]), template: TemplateLocator.load(template)).graph()
        return (try JourneyMapBuilder(graph: graph, options: options, measurer: PictureWriter.measurer()).build(), graph)
    }

    /// Header band rectangles in stage order, and the colour each must have.
    func bands(_ result: JourneyMapBuilder.Result, graph: JourneyGraph, theme: Theme) -> [(Rect, Color)] {
        graph.stages.enumerated().compactMap { i, stage -> (Rect, Color)? in
            let expected = theme.background.mixed(with: theme.stageColor(index: i, hex: stage.color), theme.stageBandAlpha)
            for item in result.scene.items { if case .rect(let r) = item, r.fill == expected { return (r.frame, expected) } }
            return nil
        }
    }

    @Test(arguments: ["light", "dark", "print"])
    func pngShowsStageBandsWhereTheyBelong(themeName: String) throws {
        let theme = try Theme.named(themeName)
        let (result, graph) = try map("shop-journeys.csv", options: MapOptions(theme: theme))
        let image = try decodePNG(render(result.scene, format: .png, options: RenderOptions(scale: 1)))
        #expect(image.width == Int(result.scene.width) && image.height == Int(result.scene.height))
        let bands = bands(result, graph: graph, theme: theme)
        #expect(bands.count == 6)
        for (frame, color) in bands {
            // Just inside the left edge, below the rounded corner: band colour, not text.
            let pixel = try #require(image.pixel(x: Int(frame.minX + 3), y: Int(frame.center.y)))
            for (a, b) in [(pixel.red, color.red), (pixel.green, color.green), (pixel.blue, color.blue)] {
                #expect(Swift.abs(a - b) < 3.0 / 255, "\(themeName): band at \(frame) is \(pixel.hex), expected \(color.hex)")
            }
        }
        // The canvas corner is the theme background.
        #expect(image.pixel(x: 1, y: 1)?.hex == theme.background.hex)
    }

    @Test func svgIsReadByRsvgConvertAtThePNGSize() throws {
        let (result, _) = try map("shop-journeys.csv")
        let svg = try render(result.scene, format: .svg)
        let text = String(decoding: svg, as: UTF8.self)
        #expect(text.contains("viewBox=\"0 0 \(Int(result.scene.width)) \(Int(result.scene.height))\""))
        #expect(text.contains("<title id=\"svg-title\">Customer journey"))
        #expect(text.contains("<desc id=\"svg-desc\">Data: shop-journeys.csv"))
        let converted = try RsvgConvert.render(svg)
        #expect(converted.messages.isEmpty, "rsvg-convert warned: \(converted.messages)")
        let fromRsvg = converted.image
        let ours = try decodePNG(render(result.scene, format: .png, options: RenderOptions(scale: 1)))
        #expect(fromRsvg.width == ours.width && fromRsvg.height == ours.height)
    }

    @Test func sameInputSameBytes() throws {
        let first = try map("shop-journeys.csv").0.scene, second = try map("shop-journeys.csv").0.scene
        for format in [OutputFormat.svg, .png, .pdf] {
            #expect(try render(first, format: format) == render(second, format: format), "\(format) differs between runs")
        }
        let svg = String(decoding: try render(first, format: .svg), as: UTF8.self)
        #expect(!svg.contains("2026"), "SVG carries a date")
    }

    @Test func thaiMapShapesAndRenders() throws {
        let (result, graph) = try map("thai-shop.csv", template: "thai-retail", options: MapOptions(language: "th"))
        #expect(graph.touchpoints.allSatisfy { $0.stage != StageDefinition.unassigned.id })
        let texts = result.scene.items.compactMap { if case .text(let t) = $0 { return t.text } else { return nil } }
        #expect(texts.contains("การทำความรู้จัก"))
        #expect(texts.contains { $0.unicodeScalars.contains { (0x0E00...0x0E7F).contains($0.value) } && $0.contains("ค") })
        // Measured with Pango: Thai above/below marks make lines taller than Latin ones, never cut.
        let measurer = try PictureWriter.measurer()
        for item in result.scene.items {
            guard case .text(let t) = item, !t.wrap else { continue }
            let needed = measurer.measure(t.text, font: t.font, maxWidth: nil)
            #expect(needed.width <= t.frame.width + 0.5 && needed.height <= t.frame.height + 0.5, "“\(t.text)” does not fit its frame")
        }
        let image = try decodePNG(render(result.scene, format: .png, options: RenderOptions(scale: 1)))
        #expect(image.width > 500)
    }
}
