import Foundation
import Testing
import JourneyKit

/// `journeymap map LOG --persona p.yaml`: lanes under the stage columns of a real map.
@Suite(.serialized) struct PersonaMapLanesTests {
    typealias F = PersonaFixture

    @Test(arguments: ["light", "dark"])
    func lanesSitUnderTheColumnsAndPushTheLegendDown(themeName: String) throws {
        let m = try PictureWriter.measurer()
        let theme = try Theme.named(themeName)
        let graph = try JourneyRequest(log: LogRequest(paths: [F.shopLog])).graph()
        let options = MapOptions(theme: theme)
        let plain = try JourneyMapBuilder(graph: graph, options: options, measurer: m).build()
        let persona = try Persona.parse(yaml: String(contentsOfFile: F.maya, encoding: .utf8), file: F.maya)
        let (map, lanes) = try PersonaPictures.journeyMap(graph, persona: persona, options: options, measurer: m)
        let scene = map.scene
        #expect(lanes.warnings.isEmpty, "\(lanes.warnings)")

        // The block starts below the graph, spans the stage columns, and the scene grows by its height.
        let columns = map.stageColumns
        let first = try #require(columns.first), last = try #require(columns.last)
        #expect(lanes.frame.minY > map.contentBottom && lanes.frame.minX == first.minX && lanes.frame.maxX == last.maxX)
        #expect(scene.height > plain.scene.height + lanes.frame.height)
        #expect(scene.width == plain.scene.width)
        // Everything of the plain map is still there; what was below the graph moved below the lanes.
        #expect(scene.items.count > plain.scene.items.count)
        let plainTexts = F.texts(plain.scene), texts = F.texts(scene)
        for (before, after) in zip(plainTexts, texts) {
            #expect(before.text == after.text)
            if before.frame.minY > map.contentBottom {
                #expect(after.frame.minY > lanes.frame.maxY, "\"\(after.text)\" not moved below the lanes")
            } else {
                #expect(after.frame == before.frame, "\"\(after.text)\" moved")
            }
        }
        F.checkTexts(scene, measurer: m)

        // Lane text of a stage stays in that stage's column.
        let laneTexts = texts.dropFirst(plainTexts.count)
        #expect(laneTexts.contains { $0.text == "Persona: Maya Brooks" })
        for stage in persona.stages {
            let column = try #require(columns.first { $0.stage == stage.stage })
            for entry in stage.painPoints + stage.opportunities {
                let t = try #require(laneTexts.first { $0.text == entry.text("en") }, "\(entry.text("en")) missing")
                #expect(t.frame.minX >= column.minX && t.frame.maxX <= column.maxX, "\(t.text) leaves \(stage.stage)")
            }
        }

        // Pixels: the emotion band is tinted, each stage's dot sits on its column centre in its colour.
        let style = PersonaStyle(theme: theme)
        let png = try decodePNG(render(scene, format: .png, options: RenderOptions(scale: 1)))
        let dots = F.paths(scene).filter { $0.stroke?.color == style.card && $0.fill != nil && F.bounds($0).minY > lanes.frame.minY }
        #expect(dots.count == persona.stages.filter { $0.emotion != nil }.count)
        for dot in dots {
            let b = F.bounds(dot)
            let column = try #require(columns.first { abs(($0.minX + $0.maxX) / 2 - b.center.x) < 0.5 }, "dot off its column")
            let e = try #require(persona.stage(column.stage)?.emotion)
            let expected = e > 0 ? style.positive : e < 0 ? style.negative : style.neutral
            #expect(dot.fill == expected)
            #expect(F.close(F.sample(png, b.center, scale: 1), expected, tolerance: 12.0 / 255), "\(column.stage) dot")
        }
        let band = try #require(scene.items.compactMap { item -> Rect? in
            if case .rect(let r) = item, r.fill == style.tint, r.frame.minY > lanes.frame.minY { return r.frame } else { return nil }
        }.first)
        #expect(F.close(F.sample(png, Point(band.maxX - 2.5, band.center.y), scale: 1), style.tint), "emotion band")
    }

    @Test func thaiLanesOnTheThaiMap() throws {
        let m = try PictureWriter.measurer()
        let request = JourneyRequest(log: LogRequest(paths: [F.path("samples/thai-shop.csv")]),
                                     template: try TemplateLocator.load(F.path("templates/thai-retail.yaml")))
        let graph = try request.graph()
        let persona = try Persona.parse(yaml: String(contentsOfFile: F.nok, encoding: .utf8), file: F.nok)
        let (map, lanes) = try PersonaPictures.journeyMap(graph, persona: persona, options: MapOptions(language: "th"),
                                                          measurer: m)
        #expect(lanes.warnings.isEmpty, "\(lanes.warnings)")
        F.checkTexts(map.scene, measurer: m)
        let texts = F.texts(map.scene).map(\.text)
        #expect(texts.contains("เพอร์โซนา: นก สุภาวดี") && texts.contains("โอกาสในการปรับปรุง"))
        #expect(texts.contains("คูปองใช้ไม่ได้ตอนชำระเงิน"))
    }

    @Test func stagesMissingFromTheMapAreReported() throws {
        let m = try PictureWriter.measurer()
        let graph = try JourneyRequest(log: LogRequest(paths: [F.shopLog])).graph()
        var persona = Persona(name: LocalizedText(["en": "Test"]), stages: [PersonaStage(stage: "awareness", emotion: 1),
                                                                             PersonaStage(stage: "after_sales", emotion: -1)])
        let (_, lanes) = try PersonaPictures.journeyMap(graph, persona: persona, measurer: m)
        #expect(lanes.warnings.map(\.element) == ["stages[after_sales]"])
        persona.stages = []
        let (_, none) = try PersonaPictures.journeyMap(graph, persona: persona, measurer: m)
        #expect(none.warnings.map(\.element) == ["stages"])
    }
}
