import Testing
import JourneyCore
@testable import JourneyLayout

@Suite struct PersonaThemeTests {
    let measurer = PersonaFakeMeasurer()

    @Test(arguments: ["light", "dark", "print", "colorblind"])
    func everyBuiltinThemeGivesReadableCards(name: String) throws {
        let theme = try Theme.named(name)
        let s = PersonaStyle(theme: theme)
        #expect(s.card == theme.nodeFill && s.text == theme.text && s.fontFamily == theme.fontFamily)
        // Text and headings on every fill they are drawn on.
        let pairs: [(Color, Color, String)] = [(s.text, s.card, "text/card"), (s.mutedText, s.card, "muted/card"), (s.accent, s.card, "accent/card"),
                               (s.onAccent, s.accent, "initials/avatar"), (s.text, s.tint, "text/tint"),
                               (s.mutedText, s.tint, "muted/tint"), (s.accent, s.tint, "stat/tile"),
                               (s.text, s.painTint, "text/pain lane"), (s.text, s.opportunityTint, "text/opportunity lane"),
                               (s.accent, s.painTint, "title/pain lane"), (s.accent, s.opportunityTint, "title/opportunity lane"),
                               (s.text, s.background, "title/sheet"), (s.mutedText, s.background, "footnote/sheet")]
        for (fg, bg, what) in pairs {
            #expect(fg.contrastRatio(with: bg) >= 4.5, "\(name) \(what): \(fg.hex) on \(bg.hex) is \(fg.contrastRatio(with: bg)):1")
        }
        // Emotion dots and markers are graphics: 3:1 against the card.
        for c in [s.positive, s.negative] { #expect(c.contrastRatio(with: s.card) >= 3, "\(name) \(c.hex)") }
        #expect(s.positive != s.negative)
        // Cards stand out from the sheet.
        #expect(s.background != s.card)
        // Path boxes: text on every stage colour of the theme tinted toward the card.
        let options = PersonaCardOptions(theme: theme, language: "en", stages: JourneyTemplate.builtinDefault().allStages)
        for stage in options.stages {
            let fill = Color(hex: stage.color)!.mixed(with: s.card, 0.8)
            #expect(s.text.contrastRatio(with: fill) >= 4.5, "\(name) \(stage.id)")
        }
    }

    @Test func sizesFollowTheThemeAndPalettesOverrideStageColours() throws {
        let print: PersonaStyle = PersonaStyle(theme: try Theme.named("print"))
        #expect(print.bodySize > PersonaStyle.light.bodySize && print.cardWidth == (420.0 * 14 / 11).rounded())
        let light = PersonaStyle(theme: try Theme.named("light"))
        #expect(light.bodySize == PersonaStyle.light.bodySize && light.cardWidth == 420)
        let blind = try Theme.named("colorblind")
        let b = PersonaStyle(theme: blind)
        #expect(b.positive == blind.decrease && b.negative == blind.increase, "blue/orange instead of green/red")
        let stages = PersonaCardOptions(theme: blind, language: "en", stages: JourneyTemplate.builtinDefault().allStages).stages
        for (i, stage) in stages.enumerated() {
            let expected: Color = blind.stagePalette[i % blind.stagePalette.count]
            #expect(Color(hex: stage.color) == expected, "\(stage.id)")
        }
        // A card drawn with the print theme is wider, and its text still stays inside.
        let persona = try PersonaCardTests.example("nok-thai-shopper.yaml")
        let layout = PersonaCardBuilder(options: PersonaCardOptions(theme: try Theme.named("print"), language: "th",
                                                                    stages: JourneyTemplate.builtinDefault().allStages),
                                        measurer: measurer).layout(persona, at: Point(0, 0))
        #expect(layout.frame.width == print.cardWidth && layout.warnings.isEmpty, "\(layout.warnings)")
        PersonaGeometry.check(layout.items, inside: layout.frame)
        PersonaGeometry.checkShapes(layout.items, inside: layout.frame)
    }

    @Test func stageByStageListsEachStagesNotesPainsAndOpportunitiesInOrder() throws {
        let persona = try PersonaCardTests.example("nok-thai-shopper.yaml")
        let builder = PersonaCardBuilder(options: PersonaCardOptions(language: "th"), measurer: measurer)
        let layout = builder.layout(persona, at: Point(0, 0))
        let texts = PersonaGeometry.texts(layout.items)
        func y(_ s: String) -> Double? { texts.first { $0.text == s }?.frame.minY }
        let heading = try #require(y("รายละเอียดแต่ละขั้น"))
        // Every stage entry is on the card, below the heading, stages in template order.
        var last = heading
        for stage in persona.stages {
            let entries = (stage.notes.map { [$0] } ?? []) + stage.painPoints + stage.opportunities
            guard !entries.isEmpty else { continue }
            for e in entries {
                let ty = try #require(y(e.text("th")) ?? y("“\(e.text("th"))”"), "\(e.text("th")) missing")
                #expect(ty > last, "\(e.text("th")) out of order")
                last = ty
            }
        }
        #expect(texts.contains { $0.text == "อารมณ์ −2" } && texts.contains { $0.text == "อารมณ์ +0.5" })
        // Pain points are dots, opportunities plus signs: one marker per item, plus the legend's two.
        let dots = layout.items.filter { if case .path(let p) = $0 { return p.fill == builder.style.negative } else { return false } }
        let pluses = layout.items.filter { if case .path(let p) = $0 { return p.stroke?.color == builder.style.positive } else { return false } }
        let pains: Int = persona.stages.map(\.painPoints.count).reduce(0, +)
        let chances: Int = persona.stages.map(\.opportunities.count).reduce(0, +)
        // Plus the legend's marker, and for dots the decision stage's dot on the emotion strip.
        #expect(dots.count == pains + 2)
        #expect(pluses.count == chances + 1)
        let without = PersonaCardBuilder(options: PersonaCardOptions(language: "th", showStageDetails: false), measurer: measurer)
            .layout(persona, at: Point(0, 0))
        #expect(without.frame.height < layout.frame.height - 200)
    }

    @Test func latinWordsShrinkRatherThanBreak() {
        let fitter = PersonaTextFitter(measurer: measurer, minimumScale: 0.8)
        // "Consideration" is 13 × 6 = 78 pt at 10 pt; at 9 pt 70.2 pt.
        let fitted = fitter.fit("Consideration", font: FontSpec(size: 10), width: 72, maxLines: 2)
        #expect(!fitted.truncated && fitted.font.size == 9 && fitted.size.height == 1.25 * 9)
        // Thai wraps between words without spaces, so it is not shrunk for that.
        let thai = fitter.fit("การทำความรู้จัก", font: FontSpec(size: 10), width: 60, maxLines: 2)
        #expect(!thai.truncated && thai.font.size == 10)
        // A word too long even at the smallest size may still break rather than be cut.
        let long = fitter.fit("Supercalifragilistic", font: FontSpec(size: 10), width: 72, maxLines: 2)
        #expect(!long.truncated && long.font.size == 10 && long.size.height == 25)
    }
}
