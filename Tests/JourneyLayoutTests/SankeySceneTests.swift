import Testing
import JourneyCore
@testable import JourneyLayout

@Suite struct SankeySceneTests {
    let measurer = PersonaFakeMeasurer()

    func build(_ flows: SankeyFlows, _ options: SankeyLayoutOptions = SankeyLayoutOptions(), theme: Theme = .light) -> SankeySceneBuilder.Result {
        SankeySceneBuilder(flows: flows, options: options, style: SankeyStyle(theme: theme), measurer: measurer).build()
    }

    @Test func labelsAndNodesNeverOverlap() throws {
        for seed: UInt64 in [21, 22, 23] {
            let seq = try sankeySequences(randomJourneys(400, seed: seed))
            for flows in [try SankeyFlows.bySteps(seq, options: SankeyOptions(steps: 8, topK: 8)),
                          try SankeyFlows.bySteps(seq, options: SankeyOptions(steps: 4, anchor: .to("payment"), topK: 2)),
                          try SankeyFlows.byStages(seq, options: SankeyOptions(topK: 5))] {
                let r = build(flows, SankeyLayoutOptions(plotHeight: 150))
                #expect(sankeyOverlaps(r, flows) == [], "seed \(seed), \(flows.mode)")
            }
        }
    }

    @Test func loopsAndSingleEvents() throws {
        let loops = (0..<60).map { ("l\($0)", Array(repeating: ["checkout", "product_view", "onboarding", "compare"], count: 5).flatMap { $0 }) }
        let singles = (0..<60).map { ("s\($0)", [sankeyTouchpoints[$0 % sankeyTouchpoints.count]]) }
        for journeys in [loops, singles, loops + singles] {
            let seq = try sankeySequences(journeys)
            for flows in [try SankeyFlows.bySteps(seq, options: SankeyOptions(steps: 10)), try SankeyFlows.byStages(seq)] {
                #expect(flows.checkInvariants() == [])
                let r = build(flows)
                #expect(sankeyOverlaps(r, flows) == [])
            }
        }
    }

    @Test func labelsShowCountsSharesOtherAndDropOff() throws {
        // Step 2: b×4, c×3, d×2, e×1 (topK 2: d and e go to Other); 3 journeys end after step 1.
        let nexts = ["product_view", "product_view", "product_view", "product_view", "compare", "compare", "compare",
                     "review_read", "review_read", "store_visit"]
        let journeys = nexts.enumerated().map { ("c\($0.offset)", ["ad_impression", $0.element]) }
            + (0..<3).map { ("e\($0)", ["ad_impression"]) }
        let flows = try SankeyFlows.bySteps(sankeySequences(journeys), options: SankeyOptions(steps: 2, topK: 2))
        let r = build(flows)
        let texts = sceneTexts(r.scene)
        #expect(texts.contains("ad_impression") && texts.contains("13 · 100%"))
        #expect(texts.contains("product_view") && texts.contains("4 · 30.8%"))
        #expect(texts.contains("Other (2)") && texts.contains("3 · 23.1%"))
        #expect(texts.contains("Drop-off") && texts.contains("3 · 23.1%"))
        #expect(texts.contains { $0.contains("Other: touchpoints outside the top 2") && $0.contains("review_read 2") && $0.contains("store_visit 1") })
        #expect(texts.contains { $0.contains("Each column holds the journeys still going and, as drop-off, those that ended in the column before (of 13 in all)") })
        #expect(!texts.contains { $0.contains("accounts for all") }, "a later column does not hold the journeys that ended earlier")
        // Percent of previous: step 2 shares are of the 13 still active in step 1 (the same here), step 1 of all.
        var prev = flows
        prev.options.percentOf = .previous
        #expect(sceneTexts(build(prev).scene).contains("4 · 30.8%"))
        // Header counts: journeys still in the flow.
        #expect(texts.contains("13 journeys") && texts.contains("10 journeys"))
    }

    @Test func ribbonsAreFilledBandsColouredBySourceStage() throws {
        let journeys = (0..<6).map { ("c\($0)", ["ad_impression", "checkout"]) }
        let flows = try SankeyFlows.bySteps(sankeySequences(journeys), options: SankeyOptions(steps: 2))
        let r = build(flows)
        let paths = r.scene.items.compactMap { if case .path(let p) = $0 { return p } else { return nil } }
        #expect(paths.count == 1)
        let ribbon = try #require(paths.first)
        #expect(ribbon.segments.filter { if case .curve = $0 { return true } else { return false } }.count == 2)
        #expect(ribbon.fill == Color(hex: "#4e79a7")!.withAlpha(0.42))
        let channels = build(flows, SankeyLayoutOptions(colorBy: .source))
        let sourceFill = channels.scene.items.compactMap { if case .path(let p) = $0 { return p.fill } else { return nil } }.first
        #expect(sourceFill == SankeyStyle.tableau10[0].withAlpha(0.42))
    }

    /// With more touchpoints than the 10-colour palette, `--color-by source` gives each its
    /// stage's hue in its own shade: no two touchpoints share a colour.
    @Test func manySourcesGetDistinctStageShades() throws {
        let names = ["ad_impression", "social_post", "search_result", "email_open", "product_view", "review_read",
                     "compare", "landing_page", "store_visit", "add_to_cart", "checkout", "payment", "purchase",
                     "onboarding", "app_open", "renewal"]
        let journeys = names.indices.map { i in ("c\(i)", [names[i], names[(i + 5) % names.count]]) }
        let flows = try SankeyFlows.bySteps(sankeySequences(journeys), options: SankeyOptions(steps: 2, topK: 20))
        let r = build(flows, SankeyLayoutOptions(colorBy: .source))
        let colors = SankeyColors(flows: flows, style: SankeyStyle(theme: .light), colorBy: .source)
        var seen: [String: String] = [:]
        for n in flows.nodes where n.kind == .touchpoint {
            let hex = colors.node(n.id).hex
            if let other = seen[hex], other != n.touchpoint { Issue.record("\(other) and \(n.touchpoint!) share \(hex)") }
            seen[hex] = n.touchpoint
        }
        #expect(Set(seen.values).count == names.count)
        // Same stage, same hue: shading towards black or white keeps the hue angle.
        func hue(_ name: String) -> Double {
            let c = colors.node(flows.nodes.first { $0.touchpoint == name }!.id)
            let mx = max(c.red, c.green, c.blue), mn = min(c.red, c.green, c.blue), d = mx - mn
            let h = mx == c.red ? (c.green - c.blue) / d : mx == c.green ? 2 + (c.blue - c.red) / d : 4 + (c.red - c.green) / d
            return (h * 60 + 360).truncatingRemainder(dividingBy: 360)
        }
        #expect(abs(hue("ad_impression") - hue("social_post")) < 3, "awareness touchpoints keep the awareness hue")
        #expect(abs(hue("ad_impression") - hue("checkout")) > 30, "awareness and decision differ in hue")
        #expect(!r.scene.items.isEmpty)
    }

    @Test func returnArcsDrawnUpToTheLimitAndTheRestNoted() throws {
        // Four pairs of stages with moves back, different sizes.
        var journeys: [(String, [String])] = []
        for i in 0..<10 { journeys.append(("a\(i)", ["ad_impression", "product_view", "checkout", "compare"])) }
        for i in 0..<6 { journeys.append(("b\(i)", ["ad_impression", "product_view", "checkout", "onboarding", "payment"])) }
        for i in 0..<3 { journeys.append(("c\(i)", ["ad_impression", "product_view", "checkout", "onboarding", "renewal", "app_open"])) }
        for i in 0..<2 { journeys.append(("d\(i)", ["ad_impression", "product_view", "ad_impression"])) }
        let flows = try SankeyFlows.byStages(sankeySequences(journeys))
        #expect(flows.links(.returnArc).count == 4)
        let r = build(flows, SankeyLayoutOptions(maxReturnArcs: 2))
        #expect(r.returnArcsDrawn == 2 && r.returnArcsHidden == 2)
        let dashed = r.scene.items.compactMap { if case .path(let p) = $0, p.arrowAtEnd != nil { return p } else { return nil } }
        #expect(dashed.count == 2 && dashed.allSatisfy { $0.stroke?.dash.isEmpty == false })
        #expect(sceneTexts(r.scene).contains("↩ 10") && sceneTexts(r.scene).contains("↩ 6"))
        #expect(r.notes.contains { $0.hasPrefix("Smaller return arcs not drawn: ") && $0.contains("renewal → onboarding 3") && $0.contains("product_view → ad_impression 2") })
        #expect(r.notes.contains { $0.contains("21 journeys moved back to an earlier stage (21 moves)") })
        #expect(sankeyOverlaps(r, flows) == [])
    }

    @Test func thaiLabelsAreCutBetweenCharactersNeverInsideThem() throws {
        let name = "โทรหาคอลเซ็นเตอร์เพื่อสอบถามเรื่องการจัดส่งสินค้า"
        let cut = SankeyNodeLabels.fit(name, font: FontSpec(size: 10), maxWidth: 60, maxCharacters: 48, measurer: measurer)
        #expect(cut.hasSuffix("…"))
        let kept = Array(cut.dropLast())
        #expect(Array(Array(name).prefix(kept.count)) == kept)
        #expect(measurer.measure(cut, font: FontSpec(size: 10), maxWidth: nil).width <= 60)
        #expect(SankeyNodeLabels.fit("short", font: FontSpec(size: 10), maxWidth: 60, maxCharacters: 48, measurer: measurer) == "short")
        #expect(SankeyNodeLabels.fit("abcdefghij", font: FontSpec(size: 10), maxWidth: 600, maxCharacters: 5, measurer: measurer) == "abcd…")
    }

    @Test func thaiPictureUsesThaiWords() throws {
        let template = try JourneyTemplate.parse(yaml: try #require(BuiltinTemplates.all["thai-retail"]), file: "thai-retail.yaml")
        let journeys = (0..<20).map { ("c\($0)", ["เปิดอีเมล", "อ่านรีวิว", $0 % 2 == 0 ? "ชำระเงิน" : "ดูสินค้า"]) }
        let seq = try sankeySequences(journeys, template: template)
        let flows = try SankeyFlows.bySteps(seq, options: SankeyOptions(steps: 3))
        let r = build(flows, SankeyLayoutOptions(language: "th"))
        let texts = sceneTexts(r.scene)
        #expect(texts.contains("เส้นทางการไหลของลูกค้า") && texts.contains("ขั้นที่ 1") && texts.contains("เปิดอีเมล"))
        #expect(texts.contains("20 เส้นทาง"))
        #expect(sankeyOverlaps(r, flows) == [])
        let stages = try SankeyFlows.byStages(seq)
        #expect(sceneTexts(build(stages, SankeyLayoutOptions(language: "th")).scene).contains { $0.contains("การ") })
    }

    @Test func themeMapsOntoTheStyle() throws {
        let dark = try Theme.named("dark"), print = try Theme.named("print"), colorblind = try Theme.named("colorblind")
        let style = SankeyStyle(theme: dark)
        #expect(style.background == dark.background && style.text == dark.text && style.mutedText == dark.mutedText)
        #expect(style.neutral == dark.neutral && style.nodeBorder == dark.nodeBorder && style.returnArc == dark.edge)
        #expect(style.fontSize == dark.fontSize && style.fontFamily == dark.fontFamily)
        #expect(SankeyStyle(theme: print).fontSize == 14)
        #expect(SankeyStyle(theme: colorblind).stagePalette == colorblind.stagePalette)
        #expect(SankeyStyle(theme: colorblind).palette == colorblind.stagePalette)
        // Drop-off stays apart from the background and from "Other".
        for theme in [Theme.light, dark, print, colorblind] {
            let s = SankeyStyle(theme: theme)
            #expect(s.dropOff.contrastRatio(with: s.background) >= 3, "\(theme.name)")
            #expect(s.dropOff.contrastRatio(with: s.neutral) >= 1.5, "\(theme.name)")
        }
        let flows = try SankeyFlows.bySteps(sankeySequences(randomJourneys(50, seed: 3)), options: SankeyOptions(steps: 3))
        let r = build(flows, theme: colorblind)
        #expect(r.scene.background == colorblind.background)
        let fills = Set(r.scene.items.compactMap { if case .rect(let x) = $0 { return x.fill } else { return nil } })
        #expect(fills.contains(colorblind.stagePalette[0]))
        #expect(sceneTexts(r.scene).count > 10)
        let fonts = r.scene.items.compactMap { if case .text(let t) = $0 { return t.font.size } else { return nil } }
        #expect(fonts.min()! >= 0.85 * 11 - 0.05)
    }

    @Test func sameFlowsSameScene() throws {
        let seq = try sankeySequences(randomJourneys(200, seed: 8))
        let flows = try SankeyFlows.byStages(seq)
        #expect(build(flows).scene == build(flows).scene)
    }

    @Test func picturesRefuseEmptyFlows() throws {
        let seq = try sankeySequences([("1", ["checkout", "payment"])])
        #expect(throws: SankeyError.self) { try SankeyPictures.flows(seq, mode: .steps, options: SankeyOptions(anchor: .from("nowhere"))) }
        let scene = try SankeyPictures.scene(seq, mode: .stages, measurer: measurer)
        #expect(scene.width > 0 && scene.title == "Journey flows by stage")
    }
}
