import Foundation
import Testing
import JourneyCore
@testable import JourneyLayout

@Suite struct PersonaCardTests {
    let measurer = PersonaFakeMeasurer()

    static func example(_ file: String) throws -> Persona {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("templates/personas/\(file)")
        return try Persona.parse(yaml: String(contentsOf: url, encoding: .utf8), file: url.path)
    }

    func card(_ persona: Persona, _ options: PersonaCardOptions = PersonaCardOptions()) -> PersonaCardLayout {
        PersonaCardBuilder(options: options, measurer: measurer).layout(persona, at: Point(30, 40))
    }

    @Test(arguments: [("maya-online-shopper.yaml", "en", nil), ("nok-thai-shopper.yaml", "th", "en"),
                      ("nok-thai-shopper.yaml", "en", "th")] as [(String, String, String?)])
    func exampleCardsFitWithoutWarnings(file: String, language: String, secondary: String?) throws {
        let persona = try Self.example(file)
        let layout = card(persona, PersonaCardOptions(language: language, secondaryLanguage: secondary))
        // Only the photo is reported: images are not drawn yet.
        #expect(layout.warnings.map(\.element) == (persona.photo == nil ? [] : ["photo"]), "\(layout.warnings)")
        #expect(layout.frame.minX == 30 && layout.frame.minY == 40 && layout.frame.width == 420)
        PersonaGeometry.check(layout.items, inside: layout.frame)
        PersonaGeometry.checkShapes(layout.items, inside: layout.frame)
        let texts = PersonaGeometry.texts(layout.items).map(\.text)
        #expect(texts.contains(persona.name.text(language)))
        // Secondary language shown under the primary one.
        if let secondary { #expect(texts.contains(persona.name.values[secondary]!)) }
        // Section headings in the card's language.
        #expect(texts.contains(language == "th" ? "เป้าหมาย" : "Goals"))
        // An initials avatar stands in for the photo.
        #expect(texts.contains(language == "th" ? "นส" : (file.hasPrefix("maya") ? "MB" : "NS")))
    }

    @Test func overlongThaiAndEnglishTextNeverLeavesItsBox() {
        for (language, secondary) in [("th", "en"), ("en", "th"), ("en", nil)] as [(String, String?)] {
            let layout = card(overlongPersona, PersonaCardOptions(language: language, secondaryLanguage: secondary))
            PersonaGeometry.check(layout.items, inside: layout.frame)
            PersonaGeometry.checkShapes(layout.items, inside: layout.frame)
            // What was cut is reported, element by element.
            let elements = Set(layout.warnings.map(\.element))
            #expect(elements.contains("quote") && elements.contains("role") && elements.contains("goals"), "\(elements)")
            #expect(elements.contains { $0.hasPrefix("goals[") }, "\(elements)")
            #expect(layout.warnings.allSatisfy { $0.persona == overlongPersona.name.text(language) })
            // Cut texts end in an ellipsis and begin like the original text.
            var originals: [String] = []
            let p = overlongPersona
            for t in [p.name, p.role!, p.quote!] + p.goals + p.painPoints + p.motivations { originals += t.values.values }
            originals += p.channels.map { "\($0.text(language)) · \($0.values[secondary ?? ""] ?? "")" } + p.channels.map { $0.text(language) }
            for t in PersonaGeometry.texts(layout.items) where t.text.hasSuffix("…") {
                let kept = String(t.text.dropLast()).replacingOccurrences(of: "“", with: "")
                #expect(!kept.isEmpty && originals.contains { $0.hasPrefix(kept) }, "\(t.text)")
            }
            // No text smaller than the minimum scale of the smallest size.
            #expect(PersonaGeometry.texts(layout.items).allSatisfy { $0.font.size >= 0.8 * (8.5 - 1) - 1e-9 })
        }
    }

    @Test func onlySixItemsPerSectionAndTheRestIsCounted() {
        let layout = card(overlongPersona)
        let texts = PersonaGeometry.texts(layout.items).map(\.text)
        #expect(texts.contains("+ 3 more"))
        #expect(layout.warnings.contains { $0.element == "goals" && $0.message.contains("3 of 9 items not shown") })
    }

    @Test func shrinksBeforeCutting() {
        let fitter = PersonaTextFitter(measurer: measurer, minimumScale: 0.8)
        let font = FontSpec(size: 10)
        // 40 characters at 10 pt are 240 pt wide; at 9 pt 216 pt.
        let text = String(repeating: "a", count: 40)
        let shrunk = fitter.fit(text, font: font, width: 220, maxLines: 1)
        #expect(!shrunk.truncated && shrunk.text == text && shrunk.font.size == 9)
        let cut = fitter.fit(text, font: font, width: 100, maxLines: 1)
        #expect(cut.truncated && cut.font.size == 8 && cut.text.hasSuffix("…"))
        #expect(cut.size.width <= 100)
        // Wrapping first: two lines of 10 pt fit without shrinking.
        let wrapped = fitter.fit("aaaa bbbb cccc dddd", font: font, width: 60, maxLines: 2)
        #expect(!wrapped.truncated && wrapped.font.size == 10 && wrapped.size.height == 25)
    }

    @Test func cutsBetweenGraphemeClustersOnly() {
        let fitter = PersonaTextFitter(measurer: measurer, minimumScale: 0.8)
        let text = "ซื้อซ้ำ👨‍👩‍👧ก้ำกึ่ง" + String(repeating: "น้ำ", count: 30)
        let cut = fitter.fit(text, font: FontSpec(size: 10), width: 60, maxLines: 1)
        #expect(cut.truncated)
        let kept = Array(cut.text.dropLast())
        #expect(Array(text).starts(with: kept))
        #expect(Array(text.unicodeScalars).starts(with: Array(String(kept).unicodeScalars)))
    }

    @Test func dataPersonaCardShowsFactsAndAWrappedPath() {
        let steps = ["ad_click", "landing_page", "product_view", "product_view", "compare", "review_read",
                     "add_to_cart", "add_payment_information_with_a_very_long_name", "checkout", "purchase",
                     "onboarding", "app_open", "support_ticket", "repeat_purchase", "referral"]
        let stage = ["awareness", "consideration", "consideration", "consideration", "consideration", "consideration",
                     "decision", "decision", "decision", "decision", "usage", "usage", "usage", "retention", "advocacy"]
        let facts = PersonaFacts(journeys: 1234, share: 0.4286, conversionStage: "decision", conversionRate: 0.62,
                                 medianDurationSeconds: 270_463,
                                 topChannels: [.init(channel: "web", share: 0.93), .init(channel: "email", share: 0.04),
                                               .init(channel: "a-channel-with-an-extremely-long-name-indeed", share: 0.03)],
                                 typicalPath: .init(steps: zip(steps, stage).map { .init(touchpoint: $0, stage: $1) }, journeys: 54),
                                 biggestDropOff: .init(from: "consideration", to: "decision", journeys: 300, share: 0.24))
        let persona = Persona(name: PersonaNaming.segmentName(1), facts: facts)
        for language in ["en", "th"] {
            let layout = card(persona, PersonaCardOptions(language: language))
            PersonaGeometry.check(layout.items, inside: layout.frame)
            PersonaGeometry.checkShapes(layout.items, inside: layout.frame)
            let texts = PersonaGeometry.texts(layout.items).map(\.text)
            #expect(texts.contains("43%") && texts.contains("62%"))
            #expect(texts.contains(language == "th" ? "3.1 วัน" : "3.1 days"))
            #expect(texts.contains("product_view ×2"), "runs of one touchpoint become one box")
            #expect(texts.contains(language == "th" ? "+3 ขั้น" : "+3 steps"), "\(texts)")
            #expect(texts.contains(language == "th" ? "กลุ่มที่ 1" : "Segment 1"))
            // Boxes joined by arrows, over more than one row.
            let arrows = layout.items.filter { if case .path(let p) = $0 { return p.arrowAtEnd != nil } else { return false } }
            #expect(arrows.count >= 11)
            let boxRows = Set(layout.items.compactMap { item -> Double? in
                if case .rect(let r) = item, r.cornerRadius == 4, r.stroke != nil { return r.frame.minY } else { return nil }
            })
            #expect(boxRows.count >= 2)
        }
    }

    @Test func emotionStripFollowsTheScores() throws {
        let persona = try Self.example("maya-online-shopper.yaml")
        let layout = card(persona)
        // Dots: circles of radius 4, coloured by sign, higher on the card for higher scores.
        let dots: [(y: Double, color: Color)] = layout.items.compactMap { item in
            guard case .path(let p) = item, let fill = p.fill, p.stroke != nil,
                  case .move(let start) = p.segments.first, case .curve(_, _, let bottom) = p.segments[1] else { return nil }
            return bottom.y - start.y == 4 ? (start.y, fill) : nil
        }
        let emotions = persona.stages.compactMap(\.emotion)
        #expect(dots.count == emotions.count)
        for i in dots.indices.dropFirst() {
            #expect((dots[i].y < dots[i - 1].y) == (emotions[i] > emotions[i - 1]))
        }
        let style = PersonaStyle.light
        #expect(dots.map(\.color) == emotions.map { $0 > 0 ? style.positive : $0 < 0 ? style.negative : style.neutral })
    }

    @Test func sheetPutsCardsSideBySideEquallyTall() throws {
        let personas = [try Self.example("maya-online-shopper.yaml"), try Self.example("nok-thai-shopper.yaml"), overlongPersona]
        let sheet = PersonaSheet(options: PersonaCardOptions(language: "th", secondaryLanguage: "en"), measurer: measurer)
        let layout = sheet.layout(personas, title: "Personas / เพอร์โซนา", footnote: "1 segment hidden by --min-cases")
        let cards: [Rect] = layout.scene.items.compactMap { if case .rect(let r) = $0, r.cornerRadius == 10 { return r.frame } else { return nil } }
        #expect(cards.count == 3)
        #expect(Set(cards.map(\.height)).count == 1 && Set(cards.map(\.minY)).count == 1)
        #expect(cards[0].maxX < cards[1].minX && cards[1].maxX < cards[2].minX)
        #expect(layout.scene.width == Double(24 * 2 + 3 * 420 + 2 * 20))
        let page = Rect(x: 0, y: 0, width: layout.scene.width, height: layout.scene.height)
        PersonaGeometry.check(layout.scene.items, inside: page)
        PersonaGeometry.checkShapes(layout.scene.items, inside: page)
        #expect(PersonaGeometry.texts(layout.scene.items).last?.text == "1 segment hidden by --min-cases")
        // Warnings come only from the overlong persona.
        #expect(layout.warnings.allSatisfy { $0.persona == overlongPersona.name.text("th") })
        #expect(layout.warnings.contains { $0.persona == overlongPersona.name.text("th") })
        // Each card's text stays inside that card.
        for frame in cards {
            let inCard = layout.scene.items.filter { if case .text(let t) = $0 { return t.frame.intersects(frame) } else { return false } }
            PersonaGeometry.check(inCard, inside: frame)
        }
        let wide = PersonaSheet(measurer: measurer, columns: 2).layout(personas)
        #expect(wide.scene.width == Double(24 * 2 + 2 * 420 + 20))
    }

    @Test func initialsSkipThaiLeadingVowels() {
        #expect(PersonaLabels.initials("Maya Brooks") == "MB")
        #expect(PersonaLabels.initials("นก สุภาวดี") == "นส")
        #expect(PersonaLabels.initials("เอก ใจดี") == "อจ")
        #expect(PersonaLabels.initials("émile") == "É")
        #expect(PersonaLabels.initials("Segment 1") == "S1" && PersonaLabels.initials("กลุ่มที่ 12") == "ก1")
        #expect(PersonaLabels.initials("  ") == "?")
    }

    /// "reach" in Thai runs on into a Thai stage name and keeps a space before a Latin one (the
    /// inferred stages of real logs: "ไปถึง T10 Determine…", not "ไปถึงT10 …").
    @Test func reachSpacesALatinStageNameInThai() {
        let thai = PersonaLabels(language: "th"), english = PersonaLabels(language: "en")
        #expect(thai.reach("การตัดสินใจ") == "ไปถึงการตัดสินใจ")
        #expect(thai.reach("T10 Determine necessity") == "ไปถึง T10 Determine necessity")
        #expect(thai.reach("phase-5") == "ไปถึง phase-5")
        #expect(english.reach("Decision") == "reach Decision")
    }

    @Test func formats() {
        let en = PersonaLabels(language: "en"), th = PersonaLabels(language: "th")
        #expect(en.duration(45) == "45 s" && en.duration(720) == "12 min" && en.duration(3 * 3600 + 1800) == "3.5 h")
        #expect(en.duration(270_463) == "3.1 days" && th.duration(720) == "12 นาที")
        #expect(PersonaLabels.number(1_234_567) == "1,234,567" && PersonaLabels.number(12) == "12")
        #expect(PersonaLabels.percent(0.004) == "<1%" && PersonaLabels.percent(0.4286) == "43%" && PersonaLabels.percent(0) == "0%")
    }

    @Test func lightStyleTextHasContrast() {
        let s = PersonaStyle.light
        for (fg, bg) in [(s.text, s.card), (s.mutedText, s.card), (s.accent, s.card), (s.onAccent, s.accent),
                         (s.text, s.tint), (s.mutedText, s.tint), (s.accent, s.tint), (s.text, s.painTint),
                         (s.text, s.opportunityTint), (s.accent, s.painTint), (s.accent, s.opportunityTint),
                         (s.mutedText, s.background), (s.text, s.background)] {
            #expect(fg.contrastRatio(with: bg) >= 4.5, "\(fg.hex) on \(bg.hex): \(fg.contrastRatio(with: bg))")
        }
        // Path boxes: text on any default stage colour tinted 80% toward white.
        for stage in JourneyTemplate.builtinDefault().allStages {
            let fill = Color(hex: stage.color)!.mixed(with: .white, 0.8)
            #expect(s.text.contrastRatio(with: fill) >= 4.5)
        }
    }
}
