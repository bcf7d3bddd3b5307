import Foundation
import Testing
import JourneyKit

/// The repository root, found from this file.
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path

func sampleSequences(_ name: String, template: String? = nil) throws -> JourneySequences {
    let t = try template.map { try TemplateLocator.load("\(repositoryRoot)/templates/\($0).yaml") } ?? .builtinDefault()
    return try JourneyRequest(log: LogRequest(paths: ["\(repositoryRoot)/samples/\(name)"]), template: t).sequences()
}

/// True when every component is within `tolerance` (in 0…1).
func close(_ a: Color?, _ b: Color, _ tolerance: Double = 4.0 / 255) -> Bool {
    guard let a else { return false }
    return abs(a.red - b.red) <= tolerance && abs(a.green - b.green) <= tolerance && abs(a.blue - b.blue) <= tolerance
}

@Suite(.serialized) struct SankeyPictureTests {
    func build(_ seq: JourneySequences, mode: SankeyFlows.Mode, theme: Theme = .light, language: String = "en") throws
        -> (flows: SankeyFlows, result: SankeySceneBuilder.Result) {
        let flows = try SankeyPictures.flows(seq, mode: mode)
        let result = SankeySceneBuilder(flows: flows, options: SankeyLayoutOptions(language: language),
                                        style: SankeyStyle(theme: theme), measurer: try PictureWriter.measurer()).build()
        return (flows, result)
    }

    /// Checks node and background pixels of a decoded picture drawn at `scale` pixels per point.
    func checkPixels(_ image: DecodedImage, scale: Double, flows: SankeyFlows, result: SankeySceneBuilder.Result,
                     theme: Theme) {
        #expect(abs(Double(image.width) - result.scene.width * scale) <= 1)
        #expect(close(image.pixel(x: 1, y: 1), theme.background))
        let style = SankeyStyle(theme: theme)
        var checked = 0
        for n in flows.nodes where n.kind == .touchpoint || n.kind == .dropOff {
            let f = result.layout.nodeFrames[n.id]
            guard f.height >= 8, let stage = n.stageIndex else { continue }
            let expected = n.kind == .dropOff ? style.dropOff : theme.stageColor(index: stage, hex: flows.stages[stage].color)
            let c = f.center
            #expect(close(image.pixel(x: Int(c.x * scale), y: Int(c.y * scale)), expected), "node \(n.touchpoint ?? "")")
            checked += 1
        }
        #expect(checked >= 10)
        // The middle of the widest ribbon is painted, not background.
        if let r = result.layout.ribbons.max(by: { $0.width < $1.width }) {
            let x = (r.x0 + r.x1) / 2, y = (r.sourceY + r.targetY) / 2 + r.width / 2
            #expect(!close(image.pixel(x: Int(x * scale), y: Int(y * scale)), theme.background, 1.0 / 255))
        }
    }

    @Test func stepPNGHasNodesWhereTheLayoutPutThem() throws {
        let seq = try sampleSequences("shop-journeys.csv")
        let (flows, result) = try build(seq, mode: .steps)
        let png = try render(result.scene, format: .png, options: RenderOptions(scale: 2))
        checkPixels(try decodePNG(png), scale: 2, flows: flows, result: result, theme: .light)
        #expect(png == (try render(result.scene, format: .png, options: RenderOptions(scale: 2))))
    }

    @Test func stageSVGThroughRsvgConvert() throws {
        let seq = try sampleSequences("shop-journeys.csv")
        let dark = try Theme.named("dark")
        let (flows, result) = try build(seq, mode: .stages, theme: dark)
        let svg = try render(result.scene, format: .svg)
        #expect(svg == (try render(result.scene, format: .svg)))
        // At 96 dpi, rsvg-convert's default: 4/3 pixels per point.
        let image = try RsvgConvert.render(svg, pixelsPerPoint: 96.0 / 72).image
        checkPixels(image, scale: 96.0 / 72, flows: flows, result: result, theme: dark)
        #expect(String(decoding: svg, as: UTF8.self).contains("Journey flows by stage"))
    }

    @Test func thaiSankeyFitsItsLabels() throws {
        let seq = try sampleSequences("thai-shop.csv", template: "thai-retail")
        for mode in [SankeyFlows.Mode.steps, .stages] {
            let (flows, result) = try build(seq, mode: mode, language: "th")
            let texts = result.scene.items.compactMap { if case .text(let t) = $0 { return t } else { return nil } }
            #expect(texts.contains { $0.text == (mode == .steps ? "ขั้นที่ 1" : "การทำความรู้จัก") })
            // Every node name is Thai from the log, measured by Pango and given a frame that holds it.
            let measurer = try PictureWriter.measurer()
            for t in texts where !t.wrap {
                let size = measurer.measure(t.text, font: t.font, maxWidth: nil)
                #expect(size.width <= t.frame.width + 0.5, "\(t.text)")
            }
            // Labels never overlap each other or nodes, with Pango's sizes.
            let labels = result.labelFrames, nodes = result.layout.nodeFrames
            for (i, a) in labels.enumerated() {
                for b in labels[(i + 1)...] { #expect(!a.intersects(b)) }
                for n in nodes { #expect(!a.intersects(n)) }
            }
            let png = try render(result.scene, format: .png, options: RenderOptions(scale: 1))
            checkPixels(try decodePNG(png), scale: 1, flows: flows, result: result, theme: .light)
        }
    }
}
