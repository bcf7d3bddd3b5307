import Testing
import JourneyCore
@testable import JourneyLayout

@Suite struct PersonaLanesTests {
    let measurer = PersonaFakeMeasurer()
    let stages = ["awareness", "consideration", "decision", "usage", "retention", "advocacy"]

    func columns(width: Double, left: Double = 100, gap: Double = 10) -> [PersonaLanes.Column] {
        stages.enumerated().map { i, s in
            PersonaLanes.Column(stage: s, minX: left + Double(i) * (width + gap), maxX: left + Double(i) * (width + gap) + width)
        }
    }

    @Test func textStaysInItsColumnAndLanesStackDown() throws {
        for width in [160.0, 90.0, 40.0] {
            let cols = columns(width: width)
            let lanes = PersonaLanes(measurer: measurer, language: "th")
            let layout = lanes.layout(overlongPersona, stageColumns: cols, top: 500)
            #expect(layout.height > 0)
            let band = Rect(x: cols[0].minX, y: 500, width: cols.last!.maxX - cols[0].minX, height: layout.height)
            PersonaGeometry.check(layout.items, inside: band)
            PersonaGeometry.checkShapes(layout.items, inside: band)
            // Cell text inside the column of its stage.
            for t in PersonaGeometry.texts(layout.items) where t.font.size < 10 && t.frame.width < width {
                #expect(cols.contains { $0.minX <= t.frame.minX && t.frame.maxX <= $0.maxX }, "\(t.text) \(t.frame)")
            }
            if width == 40 {
                #expect(layout.warnings.contains { $0.element.hasPrefix("lanes.pain_points.decision") })
            }
        }
    }

    @Test func emotionCurvePassesThroughStageCentres() throws {
        let persona = try PersonaCardTests.example("maya-online-shopper.yaml")
        let cols = columns(width: 150)
        let lanes = PersonaLanes(measurer: measurer, emotionHeight: 80)
        let layout = lanes.layout(persona, stageColumns: cols, top: 0)
        #expect(layout.warnings.isEmpty, "\(layout.warnings)")
        let curve = try #require(layout.items.compactMap { item -> [PathSegment]? in
            if case .path(let p) = item, p.fill == nil, p.segments.count == 6, case .curve = p.segments[1] { return p.segments }
            return nil
        }.first)
        var ends: [Point] = []
        for s in curve {
            switch s {
            case .move(let p): ends.append(p)
            case .curve(_, _, let p): ends.append(p)
            default: break
            }
        }
        #expect(ends.map(\.x) == cols.map { ($0.minX + $0.maxX) / 2 })
        // y is linear in the score: equal steps of emotion give equal steps of y, +2 on top.
        let e = persona.stages.map { $0.emotion! }
        let perPoint = (ends[1].y - ends[0].y) / (e[1] - e[0])
        #expect(perPoint < 0)
        for i in ends.indices { #expect(abs((ends[i].y - ends[0].y) - perPoint * (e[i] - e[0])) < 1e-9) }
        #expect(abs(perPoint) == 80.0 / 4)
        // Pain and opportunity text is in the lanes.
        let texts = PersonaGeometry.texts(layout.items).map(\.text)
        #expect(texts.contains("Surprise delivery fee") && texts.contains("Guest checkout"))
        #expect(texts.contains("Ask for a review a week after delivery, not a day"))
        #expect(texts.contains("Pain points") && texts.contains("Opportunities") && texts.contains("Emotion"))
    }

    @Test func stagesMissingFromTheMapAreReported() {
        let persona = Persona(name: LocalizedText(["en": "P"]),
                              stages: [PersonaStage(stage: "awareness", emotion: 1), PersonaStage(stage: "repair", emotion: -1)])
        let layout = PersonaLanes(measurer: measurer).layout(persona, stageColumns: columns(width: 120), top: 0)
        #expect(layout.warnings.map(\.element) == ["stages[repair]"])
        #expect(PersonaLanes(measurer: measurer).layout(persona, stageColumns: [], top: 0).items.isEmpty)
        // A persona with nothing per stage (e.g. derived from data) gets no lanes, and a note.
        let bare = PersonaLanes(measurer: measurer).layout(Persona(name: LocalizedText(["en": "S"])), stageColumns: columns(width: 120), top: 0)
        #expect(bare.items.isEmpty && bare.height == 0 && bare.warnings.map(\.element) == ["stages"])
    }

    @Test func monotoneCurveNeverOvershoots() {
        let points = [Point(0, 50), Point(100, 0), Point(200, 0), Point(300, 100), Point(400, 90), Point(500, 100)]
        let segments = PersonaShapes.monotoneCurve(points)
        #expect(segments.count == points.count)
        for (i, s) in segments.dropFirst().enumerated() {
            guard case let .curve(c1, c2, to) = s else { Issue.record("expected a curve"); continue }
            let from = points[i]
            #expect(to == points[i + 1])
            let lo = min(from.y, to.y), hi = max(from.y, to.y)
            for k in 0...20 {
                let t = Double(k) / 20, u = 1 - t
                let y = u * u * u * from.y + 3 * u * u * t * c1.y + 3 * u * t * t * c2.y + t * t * t * to.y
                #expect(y >= lo - 1e-9 && y <= hi + 1e-9, "segment \(i) at t=\(t): \(y) outside \(lo)…\(hi)")
            }
        }
    }
}
