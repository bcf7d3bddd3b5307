import Foundation
import Testing
import JourneyKit

/// The diff Sankey with real Pango text and Cairo pixels, and through librsvg.
@Suite(.serialized) struct DiffSankeyPictureTests {
    /// A planted pair: email_open → product_view → purchase rises from 300 to 450 of 1,000
    /// journeys, ad_impression → landing_page → product_view → checkout falls from 500 to 350.
    static func planted() throws -> ComparisonSequences {
        func side(_ down: Int, _ up: Int, _ prefix: String) throws -> JourneySequences {
            let table = EventTable()
            let groups = [(down, ["ad_impression", "landing_page", "product_view", "checkout"]),
                          (up, ["email_open", "product_view", "purchase"]), (200, ["email_open", "landing_page"])]
            var c = 0
            for (count, path) in groups {
                for _ in 0..<count {
                    for (i, a) in path.enumerated() { table.append(case: "\(prefix)\(c)", activity: a, timestamp: Int64(i) * 1_000_000) }
                    c += 1
                }
            }
            table.sources = [prefix]
            return try Miner(template: .builtinDefault()).sequences(table)
        }
        return ComparisonSequences(before: try side(500, 300, "b"), after: try side(350, 450, "a"), beforeLabel: "before", afterLabel: "after")
    }

    static func build(_ s: ComparisonSequences) throws -> (SankeyDiff, DiffSankeySceneBuilder, SankeySceneBuilder.Result) {
        let diff = try SankeyDiff(before: s.before, after: s.after)
        let builder = DiffSankeySceneBuilder(diff: diff, beforeLabel: s.beforeLabel, afterLabel: s.afterLabel,
                                             measurer: try PictureWriter.measurer())
        return (diff, builder, builder.build())
    }

    /// The middle of each significant ribbon (its top edge at mid-x is the mean of its ends'
    /// tops, as the Bézier's control points sit at mid-x), where no other ribbon is drawn over it.
    static func samplePoints(_ diff: SankeyDiff, _ r: SankeySceneBuilder.Result) -> [(link: Int, x: Double, y: Double)] {
        r.layout.ribbons.compactMap { ribbon in
            guard diff.links[ribbon.link].significant else { return nil }
            let x = (ribbon.x0 + ribbon.x1) / 2, y = (ribbon.sourceY + ribbon.targetY) / 2 + ribbon.width / 2
            // Skip points covered by a later (higher) significant ribbon.
            let covered = r.layout.ribbons.contains { o in
                o.link != ribbon.link && diff.links[o.link].significant && abs(o.x0 - ribbon.x0) < 1
                    && abs((o.sourceY + o.targetY) / 2 + o.width / 2 - y) < (o.width + ribbon.width) / 2
            }
            return covered ? nil : (ribbon.link, x, y)
        }
    }

    static func close(_ a: Color?, _ b: Color, _ tolerance: Double) -> Bool {
        guard let a else { return false }
        return abs(a.red - b.red) <= tolerance && abs(a.green - b.green) <= tolerance && abs(a.blue - b.blue) <= tolerance
    }

    /// Each significant ribbon, sampled in the PNG, shows its colour over the page: orange
    /// for the rise, blue for the fall.
    @Test func pngShowsSignificantRibbonsInTheirColour() throws {
        let (diff, builder, r) = try Self.build(Self.planted())
        let image = try decodePNG(render(r.scene, format: .png, options: RenderOptions(scale: 2)))
        let colors = builder.ribbonColors()
        let points = Self.samplePoints(diff, r)
        var directions = Set<ChangeDirection>()
        for p in points {
            let want = r.scene.background.mixed(with: colors[p.link].withAlpha(1), colors[p.link].alpha)
            let px = image.pixel(x: Int((p.x * 2).rounded()), y: Int((p.y * 2).rounded()))
            #expect(Self.close(px, want, 6.0 / 255), "link \(p.link): \(px?.hex ?? "none"), expected \(want.hex)")
            let c = try #require(px)
            let direction = diff.links[p.link].direction
            #expect(direction == .increase ? c.red > c.blue : c.blue > c.red, "link \(p.link) \(direction): \(c.hex)")
            directions.insert(direction)
        }
        #expect(directions == [.increase, .decrease])
    }

    /// librsvg draws the SVG with the same ribbon colours in the same places.
    @Test func svgThroughRsvgConvert() throws {
        let (diff, builder, r) = try Self.build(Self.planted())
        let image = try RsvgConvert.render(render(r.scene, format: .svg), pixelsPerPoint: 2).image
        let colors = builder.ribbonColors()
        let points = Self.samplePoints(diff, r)
        for p in points {
            let want = r.scene.background.mixed(with: colors[p.link].withAlpha(1), colors[p.link].alpha)
            let px = image.pixel(x: Int((p.x * 2).rounded()), y: Int((p.y * 2).rounded()))
            #expect(Self.close(px, want, 8.0 / 255), "link \(p.link): rsvg \(px?.hex ?? "none"), expected \(want.hex)")
        }
        #expect(points.count >= 2)
    }

    @Test func sameInputsGiveTheSameBytes() throws {
        let s = try Self.planted()
        let a = try ComparisonPictures.diffSankey(s), b = try ComparisonPictures.diffSankey(s)
        #expect(try render(a, format: .svg) == render(b, format: .svg))
        #expect(try render(a, format: .png) == render(b, format: .png))
    }

    /// The bundled samples, split the way `compare` reads them: the demo picture's inputs.
    @Test func samplesDrawInBothModes() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        func sequences(_ name: String) throws -> JourneySequences {
            try JourneyRequest(log: LogRequest(paths: [root.appendingPathComponent("samples/\(name)").path])).sequences()
        }
        let s = ComparisonSequences(before: try sequences("compare-before.csv"), after: try sequences("compare-after.csv"),
                                    beforeLabel: "before", afterLabel: "after")
        for mode in [SankeyFlows.Mode.stages, .steps] {
            let diff = try SankeyDiff(before: s.before, after: s.after, mode: mode)
            #expect(diff.beforeTotal == 259 && diff.afterTotal == 259)
            #expect(diff.testedCount > 10)
        }
        // The planted fall of landing_page (see scripts/make-compare-samples.py) shows on its node.
        let diff = try SankeyDiff(before: s.before, after: s.after)
        let landing = try #require(diff.layout.nodes.first { $0.touchpoint == "landing_page" })
        #expect(diff.nodes[landing.id].significant && diff.nodes[landing.id].direction == .decrease)
    }
}
