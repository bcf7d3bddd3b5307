import Foundation
import Testing
import JourneyKit

/// Persona pictures end to end with Pango and Cairo: cards from the YAML templates, personas
/// from the sample log, lanes on a journey map; PNGs decoded and sampled, SVGs through rsvg-convert.
@Suite(.serialized) struct PersonaPicturesTests {
    typealias F = PersonaFixture

    /// The card rectangles of a sheet (corner radius 10).
    func cards(_ scene: Scene) -> [Rect] {
        scene.items.compactMap { if case .rect(let r) = $0, r.cornerRadius == 10 { return r.frame } else { return nil } }
    }

    @Test func thaiCardIsReadableInPNGAndSVG() throws {
        let m = try PictureWriter.measurer()
        let picture = try PersonaPictures.cards(yamlPaths: [F.nok], options: .init(language: "th", secondaryLanguage: "en"),
                                                measurer: m)
        let scene = picture.scene
        #expect(picture.warnings.isEmpty, "\(picture.warnings)")
        F.checkTexts(scene, measurer: m)
        let style = PersonaStyle(theme: .light)
        let card = try #require(cards(scene).first)
        let avatar = F.bounds(try #require(F.paths(scene).first { $0.fill == style.accent && F.bounds($0).width == 64 }))
        let name = try #require(F.texts(scene).first { $0.text == "นก สุภาวดี" })
        let decisionDot = F.bounds(try #require(F.paths(scene).first { $0.fill == style.negative && $0.stroke != nil }))
        let png = try decodePNG(render(scene, format: .png))
        #expect(png.width == Int((scene.width * 2).rounded(.up)) && png.height == Int((scene.height * 2).rounded(.up)))
        let svg = try render(scene, format: .svg)
        #expect(String(decoding: svg, as: UTF8.self).contains("<title id=\"svg-title\">นก สุภาวดี</title>"))
        for (image, what) in [(png, "Cairo PNG"), (try F.rsvg(svg), "SVG via rsvg-convert")] {
            #expect(image.width == png.width && image.height == png.height, "\(what)")
            #expect(F.close(F.sample(image, Point(4, 4)), style.background), "\(what): sheet")
            #expect(F.close(F.sample(image, Point(card.minX + 8, card.maxY - 8)), style.card), "\(what): card")
            // The avatar circle below its initials, the decision stage's red dot (emotion −2).
            #expect(F.close(F.sample(image, Point(avatar.center.x, avatar.maxY - 5)), style.accent), "\(what): avatar")
            #expect(F.close(F.sample(image, decisionDot.center), style.negative), "\(what): emotion dot")
            // Thai glyphs are drawn where the name is (not an empty box or nothing).
            let ink = F.ink(image, in: name.frame, background: style.card)
            #expect(ink > 300, "\(what): \(ink) dark pixels in the name")
        }
    }

    @Test func darkThemeCardsAndSheetUseTheThemeColours() throws {
        let theme = try Theme.named("dark")
        let picture = try PersonaPictures.cards(yamlPaths: [F.maya, F.nok], options: .init(theme: theme, columns: 2))
        let style = PersonaStyle(theme: theme)
        let frames = cards(picture.scene)
        #expect(frames.count == 2 && frames[0].maxX < frames[1].minX && frames[0].minY == frames[1].minY)
        F.checkTexts(picture.scene, measurer: try PictureWriter.measurer())
        let png = try decodePNG(render(picture.scene, format: .png, options: RenderOptions(scale: 1)))
        #expect(F.close(F.sample(png, Point(3, 3), scale: 1), style.background))
        for f in frames { #expect(F.close(F.sample(png, Point(f.minX + 8, f.maxY - 8), scale: 1), theme.nodeFill)) }
        // Light text on the dark card.
        let heading = try #require(F.texts(picture.scene).first { $0.text == "Goals" })
        #expect(heading.color == style.accent && style.accent.contrastRatio(with: theme.nodeFill) >= 4.5)
        // Nothing to report: the example personas fit and have no photo.
        #expect(picture.warnings.isEmpty, "\(picture.warnings)")
    }

    @Test func overlongTextIsFittedOrReportedWithPango() throws {
        let m = try PictureWriter.measurer()
        let longThai = "ลูกค้าต้องการเปรียบเทียบราคาสินค้าจากหลายร้านค้าออนไลน์ก่อนตัดสินใจซื้อทุกครั้งโดยเฉพาะสินค้าราคาสูงที่ต้องผ่อนชำระ"
        let longEnglish = "She compares prices from many online shops before every purchase, especially expensive products paid in instalments"
        func both(_ n: Int) -> LocalizedText {
            LocalizedText(["th": String(repeating: longThai, count: n), "en": String(repeating: longEnglish + " ", count: n)])
        }
        let persona = Persona(name: both(1), role: both(4), quote: both(6), goals: (1...8).map(both), painPoints: [both(4)],
                              channels: [both(1)],
                              stages: [PersonaStage(stage: "decision", emotion: -2, notes: both(3), painPoints: [both(5)],
                                                    opportunities: (1...7).map(both))])
        for language in ["th", "en"] {
            let picture = try PersonaPictures.cards([persona], options: .init(language: language), measurer: m)
            F.checkTexts(picture.scene, measurer: m)
            let card = try #require(cards(picture.scene).first)
            for t in F.texts(picture.scene) { #expect(card.contains(t.frame), "\(t.text) leaves the card") }
            let elements = Set(picture.warnings.map(\.element))
            for e in ["name", "quote", "role", "goals", "stages[decision].notes", "stages[decision].opportunities"] {
                #expect(elements.contains(e), "\(language): \(e) not reported in \(elements.sorted())")
            }
            #expect(F.texts(picture.scene).contains { $0.text.hasSuffix("…") })
            if let dir = ProcessInfo.processInfo.environment["PERSONA_PICTURES"] {
                try PictureWriter.write(picture.scene, to: ["\(dir)/overlong-\(language).png"])
            }
        }
    }

    @Test func personasFromTheSampleLogAreMeasuredDeterministicAndSuppressedSmallOnes() throws {
        let m = try PictureWriter.measurer()
        let request = JourneyRequest(log: LogRequest(paths: [F.shopLog]))
        let three = PersonaClusterOptions(clusters: .fixed(3), seed: 7)
        let a = try PersonaPictures.derived(from: request, clustering: three, measurer: m)
        let b = try PersonaPictures.derived(from: request, clustering: three, measurer: m)
        #expect(a.scene == b.scene, "same seed, same picture")
        let clustering = try #require(a.clustering)
        #expect(clustering.k == 3 && a.personas.count == 3 && a.personas.allSatisfy { $0.facts != nil })
        #expect(a.personas.map { $0.name.text("en") } == ["Segment 1", "Segment 2", "Segment 3"])
        let journeys = clustering.segments.map(\.journeys)
        #expect(journeys == journeys.sorted(by: >) && journeys.reduce(0, +) == 518)
        #expect(a.warnings.isEmpty, "\(a.warnings)")
        F.checkTexts(a.scene, measurer: m)
        let texts = F.texts(a.scene).map(\.text)
        #expect(texts.first == "Personas found in shop-journeys.csv")
        #expect(texts.contains { $0.hasPrefix("518 journeys in 3 segments by k-means++ (seed 7)") })
        #expect(texts.contains("Top channels") && texts.contains("Biggest drop-off"))

        // --min-cases above the smallest segment: it is not drawn, and the footnote says so.
        let smallest = try #require(journeys.last)
        var hide = three
        hide.minCases = smallest + 1
        let fewer = try PersonaPictures.derived(from: request, clustering: hide, measurer: m)
        #expect(fewer.personas.count == 2 && cards(fewer.scene).count == 2)
        #expect(F.texts(fewer.scene).contains { $0.text.contains("(--min-cases \(smallest + 1))") && $0.text.contains("Segment 3") })
        var none = three
        none.minCases = 10_000
        #expect(throws: PersonaError.self) { try PersonaPictures.derived(from: request, clustering: none, measurer: m) }
    }

    @Test func writtenYAMLDrawsTheSameCards() throws {
        let m = try PictureWriter.measurer()
        let request = JourneyRequest(log: LogRequest(paths: [F.shopLog]))
        let derived = try PersonaPictures.derived(from: request, clustering: PersonaClusterOptions(clusters: .fixed(2)),
                                                  options: .init(title: "Segments"), measurer: m)
        var personas = try #require(derived.clustering).personas
        let text = try Persona.yaml(personas, header: "edited")
        let reread = try Persona.parseAll(yaml: text, file: "personas.yaml")
        #expect(reread == personas)
        // Renamed by hand: the card shows the new name, initials from it.
        personas[0].name = LocalizedText(["en": "Weekend browsers"])
        let edited = try PersonaPictures.cards(personas, options: .init(title: "Segments"), measurer: m)
        let texts = F.texts(edited.scene).map(\.text)
        #expect(texts.contains("Weekend browsers") && texts.contains("WB"))
        let original = try PersonaPictures.cards(reread, options: .init(title: "Segments"), measurer: m)
        #expect(original.scene.items == derived.scene.items.filter { item in
            if case .text(let t) = item { return !t.text.hasPrefix("518 journeys") } else { return true }
        }, "drawing the written YAML gives the derived cards without the clustering footnote")
    }

    @Test func journeyFilesCannotBeClustered() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("persona-\(UUID().uuidString).json")
        let graph = try JourneyRequest(log: LogRequest(paths: [F.shopLog])).graph()
        try graph.jsonData().write(to: dir)
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(throws: InputError.self) { try JourneyRequest(log: LogRequest(paths: [dir.path])).sequences() }
    }
}

/// The persona pictures `journeymap demo` can add.
@Suite(.serialized) struct PersonaDemoTests {
    @Test func demoPersonaPicturesBuildAndStayInsideTheirCanvas() throws {
        let inputs = try Demo.inputs(samples: PersonaFixture.path("samples"))
        let pictures = Demo.personaPictures
        #expect(pictures.map(\.file) == ["persona-nok-th.png", "personas-sheet.png", "personas-from-data.png",
                                         "journey-map-persona.png"])
        for picture in pictures {
            let scene = try picture.make(inputs)
            PersonaFixture.checkTexts(scene, measurer: inputs.measurer)
            #expect(scene.width > 400 && scene.height > 400, "\(picture.file)")
            if let dir = ProcessInfo.processInfo.environment["PERSONA_PICTURES"] {
                try PictureWriter.write(scene, to: ["\(dir)/\(picture.file)"])
            }
        }
        // Built-in examples need no files: the same personas as the templates.
        #expect(try PersonaPictures.builtin("nok-thai-shopper") == Persona.loadAll(path: PersonaFixture.nok))
        #expect(throws: TemplateError.self) { try PersonaPictures.builtin("nobody") }
    }
}
