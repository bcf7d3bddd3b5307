import Testing
@testable import JourneyCore
@testable import JourneyLayout

/// The diff Sankey's scene: colours by tested change, both shares on labels, legend and notes,
/// contrast in every theme, Thai, determinism.
@Suite struct DiffSankeySceneTests {
    let measurer = PersonaFakeMeasurer()

    /// Planted pair (as in JourneyCoreTests' `diffSankeyPair`): ad_impression → landing_page
    /// 500 → 350 journeys, email_open → product_view 300 → 450, of 1,000 a side.
    static func diff(template: JourneyTemplate = .builtinDefault(), names: [String]? = nil,
                     mode: SankeyFlows.Mode = .stages) throws -> SankeyDiff {
        let n = names ?? ["ad_impression", "landing_page", "product_view", "checkout", "email_open", "purchase"]
        func side(_ a: Int, _ b: Int, _ prefix: String) throws -> JourneySequences {
            let groups = [(a, [n[0], n[1], n[2], n[3]]), (b, [n[4], n[2], n[5]]), (200, [n[4], n[1]])]
            var journeys: [(String, [String])] = []
            for (count, path) in groups { for _ in 0..<count { journeys.append(("\(prefix)\(journeys.count)", path)) } }
            return try sankeySequences(journeys, template: template)
        }
        return try SankeyDiff(before: try side(500, 300, "b"), after: try side(350, 450, "a"), mode: mode)
    }

    func build(_ d: SankeyDiff, theme: Theme = .light, language: String = "en") -> SankeySceneBuilder.Result {
        DiffSankeySceneBuilder(diff: d, beforeLabel: "before.csv", afterLabel: "after.csv",
                               options: SankeyLayoutOptions(language: language), theme: theme, measurer: measurer).build()
    }

    static func linkIndex(_ d: SankeyDiff, _ from: String, _ to: String) -> Int? {
        d.layout.links.indices.first { d.layout.nodes[d.layout.links[$0].source].touchpoint == from && d.layout.nodes[d.layout.links[$0].target].touchpoint == to }
    }

    @Test(arguments: ["light", "dark", "print", "colorblind"])
    func significantRibbonsTakeTheDiffPalettesColours(themeName: String) throws {
        let theme = try Theme.named(themeName)
        let d = try Self.diff()
        let builder = DiffSankeySceneBuilder(diff: d, beforeLabel: "b", afterLabel: "a", theme: theme, measurer: measurer)
        let colors = builder.ribbonColors()
        let palette = DiffPalette(theme: theme)
        let up = try #require(Self.linkIndex(d, "email_open", "product_view"))
        let down = try #require(Self.linkIndex(d, "ad_impression", "landing_page"))
        let same = try #require(Self.linkIndex(d, "email_open", "landing_page"))
        // Both planted changes are 150 of 1,000: the largest, so the strongest colour of each ramp.
        #expect(colors[up].withAlpha(1) == Color(hex: palette.increaseStrong))
        #expect(colors[down].withAlpha(1) == Color(hex: palette.decreaseStrong))
        #expect(colors[same].withAlpha(1) == Color(hex: palette.notSignificant))
        #expect(colors[up].alpha > colors[same].alpha)
        // The scene fills each ribbon with its colour, significant ones drawn last (on top).
        let r = builder.build()
        let fills = r.scene.items.compactMap { item -> Color? in if case .path(let p) = item { return p.fill } else { return nil } }
        #expect(fills.count == d.layout.links.count)
        let significant = Set([colors[up], colors[down]])
        #expect(fills.suffix(significant.count).allSatisfy { significant.contains($0) })
        #expect(fills.contains(colors[same]))
    }

    @Test func labelsShowBothSharesAndNotesTheTest() throws {
        let d = try Self.diff()
        let texts = sceneTexts(build(d).scene)
        // product_view first in Consideration: 300 → 450 of 1,000 journeys; drop-off after it unchanged.
        #expect(texts.contains("30% → 45% · +15 pts"))
        #expect(texts.contains("20% → 20%"), "unchanged: no points")
        #expect(texts.contains { $0.contains("Benjamini–Hochberg") && $0.contains("q ≤ α = 0.05") })
        #expect(texts.contains { $0.hasPrefix("Width: the mean of the two sides' shares") })
        #expect(texts.contains { $0.contains("significant increase") })
        #expect(texts.contains { $0.contains("1,000 journeys") && $0.contains("before.csv") })
        #expect(texts.contains("1,000 → 1,000"), "column header: each side's journeys")
    }

    /// Text on the page, and on a label's halo over the strongest ribbon, reaches 4.5:1.
    @Test(arguments: ["light", "dark", "print", "colorblind"])
    func textContrastInEveryTheme(themeName: String) throws {
        let theme = try Theme.named(themeName)
        let r = build(try Self.diff(), theme: theme)
        let palette = DiffPalette(theme: theme)
        let bg = r.scene.background
        let ribbons = [palette.increaseStrong, palette.decreaseStrong, palette.increaseWeak, palette.decreaseWeak].compactMap { Color(hex: $0) }
        var checked = 0
        for case .text(let t) in r.scene.items {
            #expect(t.color.contrastRatio(with: bg) >= 4.5, "\(themeName): \(t.text) \(t.color.hex) on \(bg.hex)")
            for ribbon in ribbons {
                // Halo: background at 0.72 over a ribbon at 0.85 over the background.
                let behind = bg.mixed(with: bg.mixed(with: ribbon, 0.85), 0.28)
                #expect(t.color.contrastRatio(with: behind) >= 4.5, "\(themeName): \(t.text) over \(ribbon.hex)")
            }
            checked += 1
        }
        #expect(checked > 20)
    }

    @Test func thaiLabelsAndWords() throws {
        let template = try JourneyTemplate.parse(yaml: try #require(BuiltinTemplates.all["thai-retail"]), file: "thai-retail.yaml")
        let names = ["เห็นโฆษณา", "เข้าหน้าเว็บ", "ดูสินค้า", "ชำระเงิน", "เปิดอีเมล", "ซื้อสินค้า"]
        let d = try Self.diff(template: template, names: names, mode: .steps)
        let r = build(d, language: "th")
        let texts = sceneTexts(r.scene)
        #expect(texts.contains("การเปลี่ยนแปลงของการไหลทีละขั้น ก่อน → หลัง"))
        #expect(texts.contains("ดูสินค้า") && texts.contains("เปิดอีเมล"))
        #expect(texts.contains { $0.contains("+15 จุด") })
        #expect(sankeyOverlaps(r, d.layout) == [])
    }

    @Test func sameDiffSameScene() throws {
        let a = build(try Self.diff()), b = build(try Self.diff())
        #expect(a.scene == b.scene)
        #expect(sankeyOverlaps(a, try Self.diff().layout) == [])
    }
}
