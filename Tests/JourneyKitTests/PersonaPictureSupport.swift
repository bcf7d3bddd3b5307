import Foundation
import Testing
import JourneyKit

/// Paths and picture checks for the persona picture tests (`bounds` serves the scene goldens too).
enum PersonaFixture {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static func path(_ relative: String) -> String { root.appendingPathComponent(relative).path }

    static let nok = path("templates/personas/nok-thai-shopper.yaml")
    static let maya = path("templates/personas/maya-online-shopper.yaml")
    static let shopLog = path("samples/shop-journeys.csv")

    static func texts(_ scene: Scene) -> [TextItem] {
        scene.items.compactMap { if case .text(let t) = $0 { return t } else { return nil } }
    }

    static func paths(_ scene: Scene) -> [PathItem] {
        scene.items.compactMap { if case .path(let p) = $0 { return p } else { return nil } }
    }

    /// Bounding box of a path's points (control points included).
    static func bounds(_ p: PathItem) -> Rect {
        var xs: [Double] = [], ys: [Double] = []
        for s in p.segments {
            switch s {
            case .move(let a), .line(let a): xs.append(a.x); ys.append(a.y)
            case let .curve(c1, c2, to): xs += [c1.x, c2.x, to.x]; ys += [c1.y, c2.y, to.y]
            case .close: break
            }
        }
        let x0 = xs.min() ?? 0, y0 = ys.min() ?? 0
        return Rect(x: x0, y: y0, width: (xs.max() ?? 0) - x0, height: (ys.max() ?? 0) - y0)
    }

    /// Every text inside the scene and as large as Pango measures it, and no two texts overlapping.
    static func checkTexts(_ scene: Scene, measurer: any TextMeasurer, sourceLocation: SourceLocation = #_sourceLocation) {
        let page = Rect(x: 0, y: 0, width: scene.width, height: scene.height)
        let texts = texts(scene)
        for t in texts {
            #expect(page.contains(t.frame), "\"\(t.text)\" at \(t.frame) leaves the picture", sourceLocation: sourceLocation)
            let size = measurer.measure(t.text, font: t.font, maxWidth: t.wrap ? t.frame.width : nil)
            #expect(size.width <= t.frame.width + 0.5 && size.height <= t.frame.height + 0.5,
                    "\"\(t.text)\" measures \(size) in \(t.frame)", sourceLocation: sourceLocation)
        }
        for i in texts.indices {
            for j in texts.indices where j > i && texts[i].frame.insetBy(dx: 0.5, dy: 0.5).intersects(texts[j].frame) {
                Issue.record("texts overlap: \"\(texts[i].text)\" \(texts[i].frame) and \"\(texts[j].text)\" \(texts[j].frame)",
                             sourceLocation: sourceLocation)
            }
        }
    }

    /// The colour at point `p` (in points) of an image drawn at `scale` pixels per point.
    static func sample(_ image: DecodedImage, _ p: Point, scale: Double = 2) -> Color? {
        image.pixel(x: Int(p.x * scale), y: Int(p.y * scale))
    }

    /// Pixels inside `rect` (points) that differ clearly from `background`: drawn ink.
    static func ink(_ image: DecodedImage, in rect: Rect, background: Color, scale: Double = 2) -> Int {
        var n = 0
        for y in Int(rect.minY * scale)..<Int(rect.maxY * scale) {
            for x in Int(rect.minX * scale)..<Int(rect.maxX * scale) {
                guard let c = image.pixel(x: x, y: y) else { continue }
                if abs(c.red - background.red) + abs(c.green - background.green) + abs(c.blue - background.blue) > 0.6 { n += 1 }
            }
        }
        return n
    }

    static func close(_ a: Color?, _ b: Color, tolerance: Double = 4.0 / 255) -> Bool {
        guard let a else { return false }
        return abs(a.red - b.red) <= tolerance && abs(a.green - b.green) <= tolerance && abs(a.blue - b.blue) <= tolerance
    }

    /// Renders `svg` to PNG with rsvg-convert at 2 pixels per point (144 dpi).
    static func rsvg(_ svg: [UInt8]) throws -> DecodedImage {
        try RsvgConvert.render(svg, pixelsPerPoint: 2).image
    }
}
