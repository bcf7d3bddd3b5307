import Foundation
import Testing
@testable import JourneyCore

@Suite struct PersonaYAMLTests {
    static let templates = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("templates/personas")

    /// A persona that uses every field, with text YAML could misread (`yes`, `1.5`, `: `, `#`, quotes).
    static let rich = Persona(
        name: LocalizedText(["en": "Nok Supawadee", "th": "นก สุภาวดี"]),
        role: LocalizedText(["en": "Accountant, 29: shops on the bus # always"]),
        quote: LocalizedText(["en": "\"Just deliver fast.\"", "th": "ขอแค่ส่งไว ราคาชัดเจน"]),
        photo: "photos/nok ภาพ.jpg",
        goals: [LocalizedText(["en": "yes"]), LocalizedText(["en": "1.5", "th": "null"]), LocalizedText(["en": "- dash"])],
        painPoints: [LocalizedText(["th": "โค้ดส่วนลดใช้ไม่ได้"])],
        motivations: [LocalizedText(["en": "Payday\npromotions"])],
        channels: [LocalizedText(["en": "LINE"]), LocalizedText(["en": "Store", "th": "หน้าร้าน", "ja": "店"])],
        stages: [
            PersonaStage(stage: "awareness", emotion: 1, notes: LocalizedText(["en": "Sees a post"])),
            PersonaStage(stage: "decision", emotion: -1.75, painPoints: [LocalizedText(["en": "Coupon fails"])],
                         opportunities: [LocalizedText(["en": "Validate early", "th": "ตรวจสอบก่อน"])]),
            PersonaStage(stage: "usage"),
        ],
        facts: PersonaFacts(journeys: 1234, share: 1.0 / 3, conversionStage: "decision", conversionRate: 0.4217,
                            medianDurationSeconds: 3661.5,
                            topChannels: [.init(channel: "web", share: 0.625), .init(channel: "true", share: 0.1)],
                            typicalPath: .init(steps: [.init(touchpoint: "ad_click", stage: "awareness", share: 0.3125),
                                                       .init(touchpoint: "ดูสินค้า", stage: "consideration")], journeys: 87),
                            biggestDropOff: .init(from: "consideration", to: "decision", journeys: 400, share: 0.324),
                            medianEvents: 7.5))

    @Test func writerOutputReadsBackEqual() throws {
        let text = try Self.rich.yaml()
        let back = try Persona.parse(yaml: text, file: "written.yaml")
        #expect(back == Self.rich, "\(text)")
        #expect(text.contains("นก สุภาวดี"), "Thai is written as text, not escapes")
        // Writing what was read gives the same bytes.
        #expect(try back.yaml() == text)
    }

    @Test func severalPersonasRoundTripWithAHeader() throws {
        let second = Persona(name: LocalizedText(["en": "Segment 2"]),
                             facts: PersonaFacts(journeys: 5, share: 0.01, conversionStage: "usage", conversionRate: 0,
                                                 medianDurationSeconds: nil, topChannels: [], typicalPath: nil,
                                                 biggestDropOff: nil))
        let text = try Persona.yaml([Self.rich, second], header: "Written by journeymap\nedit the names")
        #expect(text.hasPrefix("# Written by journeymap\n# edit the names\npersonas:\n"))
        #expect(try Persona.parseAll(yaml: text, file: "two.yaml") == [Self.rich, second])
        #expect(throws: TemplateError.self) { try Persona.parse(yaml: text, file: "two.yaml") }
    }

    @Test(arguments: ["maya-online-shopper.yaml", "nok-thai-shopper.yaml"])
    func exampleTemplatesLoadAndRoundTrip(file: String) throws {
        let path = Self.templates.appendingPathComponent(file).path
        let persona = try #require(try Persona.loadAll(path: path).first)
        #expect(persona.stages.map(\.stage) == ["awareness", "consideration", "decision", "usage", "retention", "advocacy"])
        #expect(persona.unknownStages(in: JourneyTemplate.builtinDefault()).isEmpty)
        #expect(persona.stages.allSatisfy { $0.emotion.map(PersonaStage.emotionRange.contains) ?? true })
        #expect(!persona.goals.isEmpty && !persona.painPoints.isEmpty && persona.quote != nil)
        #expect(try Persona.parse(yaml: try persona.yaml(), file: "again.yaml") == persona)
        if file.hasPrefix("nok") {
            #expect(persona.name.text("th") == "นก สุภาวดี" && persona.name.text("en") == "Nok Supawadee")
            #expect(persona.stages[2].emotion == -2)
        }
    }

    @Test func everyExamplePersonaIsEmbeddedVerbatim() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.templates.path).filter { $0.hasSuffix(".yaml") }.sorted()
        #expect(files.count == BuiltinPersonas.all.count, "run scripts/embed-builtins")
        for f in files {
            let text = try String(contentsOf: Self.templates.appendingPathComponent(f), encoding: .utf8)
            #expect(BuiltinPersonas.all[String(f.dropLast(5))] == text, "templates/personas/\(f) differs: run scripts/embed-builtins")
        }
    }

    @Test func plainStringsAndSingleItemsAreAccepted() throws {
        let p = try Persona.parse(yaml: "name: Maya\ngoals: Save time\nstages:\n  - {stage: awareness, emotion: 2}\n", file: "p.yaml")
        #expect(p.name == LocalizedText(["en": "Maya"]))
        #expect(p.goals == [LocalizedText(["en": "Save time"])])
        #expect(p.stages == [PersonaStage(stage: "awareness", emotion: 2)])
        #expect(p.role == nil && p.photo == nil && p.facts == nil)
    }

    @Test(arguments: [
        ("name: A\nrole: B\ngoal: [x]\n", 3, "goal", "unknown key"),
        ("name: A\nstages:\n  - stage: decision\n    emotion: 3\n", 4, "stages[0].emotion", "between -2"),
        ("name: A\nstages:\n  - stage: decision\n    emotion: -2.5\n", 4, "stages[0].emotion", "between -2"),
        ("name: A\nstages:\n  - stage: decision\n    emotion: sad\n", 4, "stages[0].emotion", "expected a number"),
        ("name: A\nstages:\n  - {stage: a}\n  - {stage: a}\n", 4, "stages[1].stage", "listed twice"),
        ("name: A\nstages:\n  - {stage: a, feeling: 1}\n", 3, "stages[0].feeling", "unknown key"),
        ("role: B\n", 1, "", "missing required key \"name\""),
        ("name: A\ngoals: {}\n", 2, "goals", "expected names by language"),
        ("name: A\nfacts: {journeys: 3, share: 1.5, conversion_rate: 0}\n", 2, "facts.share", "between 0 and 1"),
        ("name: A\nquote: [unclosed\n", 3, nil, "not valid YAML"),
        ("personas: []\n", 1, "personas", "at least one persona"),
        ("personas:\n  - name: A\n  - role: B\n", 3, "personas[1]", "missing required key \"name\""),
    ] as [(String, Int, String?, String)])
    func malformedPersonasNameFileLineAndKey(yaml: String, line: Int, key: String?, message: String) {
        do {
            _ = try Persona.parseAll(yaml: yaml, file: "bad.yaml")
            Issue.record("expected an error for \(yaml)")
        } catch let e as TemplateError {
            #expect(e.file == "bad.yaml")
            #expect(e.line == line, "\(e)")
            if let key { #expect(e.key == key, "\(e)") }
            #expect(e.description.contains(message), "\(e)")
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }

    @Test func missingFileIsAnError() {
        #expect(throws: TemplateError.self) { try Persona.loadAll(path: "/nonexistent/persona.yaml") }
    }
}
