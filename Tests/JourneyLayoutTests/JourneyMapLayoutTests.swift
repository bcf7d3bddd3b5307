import Testing
import JourneyCore
@testable import JourneyLayout

/// The acceptance checks of the journey map's layout (issue 3), with a fake measurer so they
/// do not depend on fonts: nodes inside the canvas and apart, labels never over each other,
/// stage columns in template order even with back edges, readable by default, contrast.
@Suite struct JourneyMapLayoutTests {
    func build(_ graph: JourneyGraph, _ options: MapOptions = MapOptions()) throws -> JourneyMapBuilder.Result {
        try JourneyMapBuilder(graph: graph, options: options, measurer: PersonaFakeMeasurer()).build()
    }

    static func options(compact: Bool) -> MapOptions {
        var o = MapOptions()
        o.compactBoxes = compact
        return o
    }

    @Test(arguments: [false, true])
    func nodesInsideCanvasAndApart(compact: Bool) throws {
        let result = try build(JourneyMapFixtures.graph(), Self.options(compact: compact))
        let canvas = Rect(x: 0, y: 0, width: result.scene.width, height: result.scene.height)
        let frames = result.nodeFrames.sorted { $0.key < $1.key }
        #expect(frames.count == 23)
        for (name, f) in frames { #expect(canvas.contains(f), "\(name) \(f) outside \(canvas)") }
        for i in frames.indices {
            for k in frames.indices where k > i {
                #expect(!frames[i].value.intersects(frames[k].value), "\(frames[i].key) overlaps \(frames[k].key)")
            }
        }
    }

    @Test(arguments: [false, true])
    func noLabelOverLabel(compact: Bool) throws {
        for everyPair in [false, true] {
            let texts = SceneChecks.texts(try build(JourneyMapFixtures.graph(everyPair: everyPair), Self.options(compact: compact)).scene)
            #expect(texts.count > 50)
            for i in texts.indices {
                for k in texts.indices where k > i {
                    let a = texts[i].frame.insetBy(dx: 0.5, dy: 0.5), b = texts[k].frame.insetBy(dx: 0.5, dy: 0.5)
                    #expect(!a.intersects(b), "“\(texts[i].text)” overlaps “\(texts[k].text)”")
                }
            }
        }
    }

    @Test func stageColumnsInTemplateOrderDespiteBackEdges() throws {
        let graph = try JourneyMapFixtures.graph()
        let stageOf = Dictionary(uniqueKeysWithValues: graph.touchpoints.map { ($0.name, $0.stage) })
        let order = graph.stages.map(\.id)
        let result = try build(graph, MapOptions(maxEdges: 200))
        // The fixture has back edges, and they are drawn.
        #expect(result.selection.edges.contains { e in
            (order.firstIndex(of: stageOf[e.to]!)!) < (order.firstIndex(of: stageOf[e.from]!)!)
        })
        let columns = result.stageColumns
        #expect(columns.map(\.stage) == order.filter { id in columns.contains { $0.stage == id } })
        #expect(columns.count == 6)
        for (a, b) in zip(columns, columns.dropFirst()) { #expect(a.maxX <= b.minX, "\(a.stage) and \(b.stage) columns overlap") }
        for (name, frame) in result.nodeFrames {
            let column = try #require(columns.first { $0.stage == stageOf[name] })
            #expect(column.minX <= frame.minX && frame.maxX <= column.maxX, "\(name) outside its stage column \(column.stage)")
        }
    }

    @Test func readableByDefaultWith529Transitions() throws {
        let graph = try JourneyMapFixtures.graph(everyPair: true)
        #expect(graph.touchpoints.count == 23)
        #expect(graph.edges.filter { $0.from != $0.to }.count >= 23 * 22)
        let result = try build(graph)
        #expect(result.selection.touchpoints.count == 23)
        // 1.5 × touchpoints, plus a way in and out for a touchpoint that would float alone.
        #expect(result.selection.edges.count <= 35 + 23)
        #expect(result.selection.edges.count < graph.edges.count / 8)
        #expect(result.selection.note() != nil)
        // Every touchpoint keeps at least one way in or out.
        for t in result.selection.touchpoints {
            #expect(result.selection.edges.contains { $0.from == t.name || $0.to == t.name }, "\(t.name) floats alone")
        }
    }

    @Test(arguments: ["light", "dark", "print", "colorblind"])
    func textContrastAtLeast4point5(themeName: String) throws {
        let theme = try Theme.named(themeName)
        let scene = try build(JourneyMapFixtures.graph(), MapOptions(theme: theme)).scene
        for (index, item) in scene.items.enumerated() {
            guard case .text(let t) = item else { continue }
            let behind = t.background.map { SceneChecks.background(at: t.frame.center, before: index, in: scene).mixed(with: $0.withAlpha(1), $0.alpha) }
                ?? SceneChecks.background(at: t.frame.center, before: index, in: scene)
            let ratio = t.color.contrastRatio(with: behind)
            #expect(ratio >= 4.5, "\(themeName): “\(t.text)” \(t.color.hex) on \(behind.hex) is \(ratio):1")
        }
    }

    /// Print pages: the counts on two lines make boxes narrower, so the map is narrower and
    /// comes out larger when scaled to the page width.
    @Test func compactBoxesMakeANarrowerMap() throws {
        let graph = try JourneyMapFixtures.graph()
        let wide = try build(graph), compact = try build(graph, Self.options(compact: true))
        #expect(compact.scene.width < wide.scene.width * 0.95, "\(compact.scene.width) vs \(wide.scene.width)")
        let narrower = wide.nodeFrames.filter { name, f in (compact.nodeFrames[name]?.width ?? .infinity) < f.width }
        #expect(narrower.count > wide.nodeFrames.count / 2)
        for (name, f) in compact.nodeFrames {
            let w = try #require(wide.nodeFrames[name])
            #expect(f.width <= w.width && f.height >= w.height, "\(name): \(f) vs \(w)")
        }
        let texts = Set(SceneChecks.texts(compact.scene).map(\.text))
        #expect(texts.contains { $0.hasSuffix(" of journeys") && !$0.contains(" events · ") })
    }

    @Test func sameGraphSameScene() throws {
        let graph = try JourneyMapFixtures.graph()
        #expect(try build(graph).scene == build(graph).scene)
    }

    @Test func thaiStageNamesFromTheTemplate() throws {
        let scene = try build(JourneyMapFixtures.graph(), MapOptions(language: "th")).scene
        let texts = Set(SceneChecks.texts(scene).map(\.text))
        for name in ["การทำความรู้จัก", "การพิจารณา", "การตัดสินใจ", "การใช้งาน", "การซื้อซ้ำ", "การสนับสนุน"] {
            #expect(texts.contains(name), "missing stage header \(name)")
        }
    }

    @Test func countsAgreeInNumber() {
        let en = MapStrings.english, th = MapStrings.thai
        #expect(en.moves(1) == "1 move" && en.moves(1177) == "1,177 moves")
        #expect(en.events(1) == "1 event" && en.journeys(0) == "0 journeys" && en.journeys(1) == "1 journey")
        #expect(th.moves(1) == "1 ครั้ง" && th.events(2) == "2 เหตุการณ์")
    }

    /// `--lang th` translates the footnote too (source, span, hidden transitions), and the
    /// English map keeps its English sentences.
    @Test func footnoteSpeaksTheMapsLanguage() throws {
        let graph = try JourneyMapFixtures.graph()
        let options = { (language: String) in MapOptions(language: language, maxEdges: 10) }
        let thai = SceneChecks.texts(try build(graph, options("th")).scene).map(\.text)
        let english = SceneChecks.texts(try build(graph, options("en")).scene).map(\.text)
        #expect(thai.contains { $0.hasPrefix("ข้อมูล: ") && $0.contains(" เส้นทาง, ") })
        #expect(thai.contains { $0.hasPrefix("ซ่อนเพื่อให้อ่านง่าย: ") && $0.contains("การเปลี่ยนที่เบากว่า") })
        #expect(!thai.contains { $0.hasPrefix("Data: ") || $0.hasPrefix("Hidden for readability") })
        #expect(english.contains { $0.hasPrefix("Data: ") && $0.contains(" journeys, ") })
        #expect(english.contains { $0.hasPrefix("Hidden for readability: ") })
    }

    /// A share of hidden moves above 0 that rounds to 0 % reads "<1%" (36 of 10,000 once read "0%").
    @Test func hiddenMovesBelowOnePercentReadLessThanOne() throws {
        var selection = MapSelection(graph: try JourneyMapFixtures.graph(), maxTouchpoints: 40, maxEdges: nil)
        selection.hiddenTouchpoints = 0
        (selection.hiddenEdges, selection.hiddenTransitions, selection.totalTransitions) = (3, 36, 10_000)
        #expect(selection.note(.english)?.contains("3 weaker transitions (36 moves, <1%)") == true, "\(selection.note(.english) ?? "")")
        #expect(selection.note(.forLanguage("th"))?.contains("(36 ครั้ง, <1%)") == true)
        selection.hiddenTransitions = 60
        #expect(selection.note(.english)?.contains("(60 moves, 1%)") == true)
        selection.hiddenTransitions = 0
        #expect(selection.note(.english)?.contains("(0 moves, 0%)") == true)
    }

    @Test func edgeWidthFollowsFlow() throws {
        let result = try build(JourneyMapFixtures.graph())
        let widths = result.scene.items.compactMap { item -> Double? in
            if case .path(let p) = item, let s = p.stroke, p.arrowAtEnd != nil { return s.width } else { return nil }
        }
        #expect(widths.count == result.selection.edges.count)
        // Drawn thinnest first (strong flows on top), so widths never decrease along the items.
        #expect(widths == widths.sorted())
        let counts = result.selection.edges.map(\.count)
        #expect(counts.max()! > counts.min()!)
        #expect(widths.last! > widths.first! * 3)
    }
}
