import Testing
import JourneyCore
@testable import JourneyLayout

@Suite struct CompareMapTests {
    typealias F = CompareMapFixtures

    @Test func everyPictureSharesTheLayout() throws {
        let (_, _, r) = try F.build()
        #expect(r.nodeFrames.count >= 8)
        #expect(r.diff.width == r.before.width && r.before.width == r.after.width)
        #expect(r.diff.height == r.before.height && r.before.height == r.after.height)
        for (name, frame) in r.nodeFrames {
            for (label, scene) in [("diff", r.diff), ("before", r.before), ("after", r.after)] {
                #expect(F.rects(scene).contains { $0.frame == frame }, "\(label): no box for \(name) at \(frame)")
            }
            var moved = frame
            moved.x += r.panelOffset
            #expect(F.rects(r.sideBySide).contains { $0.frame == frame }, "side by side: \(name) not in the before panel")
            #expect(F.rects(r.sideBySide).contains { $0.frame == moved }, "side by side: \(name) not at \(moved) in the after panel")
        }
        // Edges follow the same routes: the start of every path in the after panel is one of the before panel's.
        let starts = { (s: Scene) in Set(F.edgePaths(s).compactMap { p -> String? in
            if case .move(let q) = p.segments.first { return "\(Int(q.x.rounded())),\(Int(q.y.rounded()))" }
            return nil
        }) }
        #expect(starts(r.after).isSubset(of: starts(r.diff)))
        #expect(starts(r.before).isSubset(of: starts(r.diff)))
        #expect(r.sideBySide.width == r.before.width * 2 + (r.panelOffset - r.before.width))
    }

    @Test func plantedChangesAreSignificantAndDrawnInTheirDirection() throws {
        let (_, c, r) = try F.build()
        let up = try #require(c.transitions.first { $0.from == "product_view" && $0.to == "purchase" })
        #expect(up.change.significant && up.change.direction == .increase)
        let down = try #require(c.touchpoints.first { $0.name == "landing_page" })
        #expect(down.change.significant && down.change.direction == .decrease)
        let palette = DiffPalette(theme: .light)
        let upMark = try #require(r.model.transition(from: "product_view", to: "purchase"))
        let path = F.edgePaths(r.diff).first { $0.stroke?.color.hex == upMark.color }
        #expect(path != nil, "no path in the increase colour \(upMark.color)")
        #expect(upMark.color != palette.notSignificant)
        // The box of the planted decrease has a border in the decrease ramp, wider than a plain box's.
        let frame = try #require(r.nodeFrames["landing_page"])
        let box = try #require(F.rects(r.diff).first { $0.frame == frame })
        let mark = try #require(r.model.touchpoint("landing_page"))
        #expect(box.stroke?.color.hex == mark.color)
        #expect((box.stroke?.width ?? 0) >= 1.5)
        let texts = r.diff.items.compactMap { if case .text(let t) = $0 { return t.text } else { return nil } }
        #expect(texts.contains(ComparisonMapText.points(upMark.effect)), "no \(ComparisonMapText.points(upMark.effect)) label")
    }

    /// Every edge path is drawn exactly as the diff model says: significant in the mark's
    /// colour at 1.5…10 pt, anything else grey and at most 2.5 pt; each colour darkened, when
    /// it has to be, to 3.2:1 against the background (issue 17: strokes at 3:1 in every theme).
    @Test func edgesAreDrawnAsTheModelSays() throws {
        let (_, _, r) = try F.build()
        let theme = Theme.light
        func visible(_ c: Color) -> Color { c.visibleStroke(on: theme.background, minimum: 3.2, toward: theme.text) }
        let neutral = visible(try #require(Color(hex: r.model.palette.notSignificant)))
        var expected: [String] = []
        for e in r.selection.edges {
            let mark = try #require(r.model.transition(from: e.from, to: e.to), "no mark for \(e.from) → \(e.to)")
            if mark.significant {
                expected.append("\(visible(try #require(Color(hex: mark.color))).hex) \(Int((mark.width(minimum: 1.5, maximum: 10) * 100).rounded()))")
            } else {
                expected.append("\(neutral.hex) \(Int((min(2.5, mark.width(minimum: 0.75, maximum: 10)) * 100).rounded()))")
            }
        }
        let drawn = F.edgePaths(r.diff).map { "\($0.stroke?.color.hex ?? "-") \(Int((($0.stroke?.width ?? 0) * 100).rounded()))" }
        #expect(drawn.sorted() == expected.sorted())
        // Significant paths are drawn after (over) every grey one.
        let firstSignificant = F.edgePaths(r.diff).firstIndex { $0.stroke?.color != neutral } ?? Int.max
        let lastGrey = F.edgePaths(r.diff).lastIndex { $0.stroke?.color == neutral } ?? -1
        #expect(lastGrey < firstSignificant)
    }

    /// The key's line swatches (grey "not significant", ghost edges) are drawn as dark as the
    /// edges they stand for: 3.2:1 against the background in every theme (the grey was the
    /// theme's light grey in the key while the map drew it darker).
    @Test(arguments: ["light", "dark", "print", "colorblind"])
    func legendLinesMatchTheEdgesContrast(_ name: String) throws {
        let theme = try Theme.named(name)
        let (_, _, r) = try F.build(theme: theme)
        let keyLines = r.diff.items.compactMap { item -> PathItem? in
            if case .path(let p) = item, p.arrowAtEnd == nil, p.segments.count == 2, p.stroke != nil { return p } else { return nil }
        }
        #expect(!keyLines.isEmpty)
        let edgeColors = Set(F.edgePaths(r.diff).compactMap { $0.stroke?.color.hex })
        for line in keyLines {
            let c = try #require(line.stroke?.color)
            let ratio = c.composited(over: theme.background).contrastRatio(with: theme.background)
            #expect(ratio >= 3.2, "\(name): key line \(c.hex) is \(ratio):1")
        }
        // The grey of the key is the grey the map draws.
        let grey = Color(hex: r.model.palette.notSignificant)!.visibleStroke(on: theme.background, minimum: 3.2, toward: theme.text)
        if edgeColors.contains(grey.hex) { #expect(keyLines.contains { $0.stroke?.color == grey }) }
    }

    @Test func significantTransitionsAreDrawnBeyondMaxEdges() throws {
        let (_, c, r) = try F.build(maxEdges: 1)
        let drawn = Set(r.selection.edges.map { "\($0.from)>\($0.to)" })
        let significant = c.transitions.filter { $0.change.significant && $0.from != nil && $0.to != nil && $0.from != $0.to }
        #expect(!significant.isEmpty)
        for t in significant { #expect(drawn.contains("\(t.from!)>\(t.to!)"), "\(t.from!) → \(t.to!) not drawn") }
    }

    @Test(arguments: ["light", "dark", "print", "colorblind"])
    func textReachesContrastOnEveryTheme(_ name: String) throws {
        let (_, _, r) = try F.build(theme: try Theme.named(name))
        for (label, scene) in [("diff", r.diff), ("before", r.before), ("after", r.after)] {
            for (i, item) in scene.items.enumerated() {
                guard case .text(let t) = item else { continue }
                let surface = F.surface(under: i, in: scene)
                let ratio = t.color.contrastRatio(with: surface)
                #expect(ratio >= 4.5, "\(name) \(label): \"\(t.text)\" \(t.color.hex) on \(surface.hex) is \(ratio):1")
            }
        }
    }

    @Test(arguments: ["light", "dark", "print", "colorblind"])
    func paletteIsColourBlindSafe(_ name: String) throws {
        let theme = try Theme.named(name)
        let p = DiffPalette(theme: theme)
        let colors = try [p.increaseWeak, p.increaseStrong, p.decreaseWeak, p.decreaseStrong, p.notSignificant].map {
            try #require(Color(hex: $0))
        }
        let (incWeak, incStrong, decWeak, decStrong, grey) = (colors[0], colors[1], colors[2], colors[3], colors[4])
        for c in [incWeak, incStrong, decWeak, decStrong] {
            #expect(c.contrastRatio(with: theme.background) >= 3, "\(name): \(c.hex) below 3:1 on the background")
        }
        for vision in ColourVision.allCases {
            for (a, b) in [(incStrong, decStrong), (incWeak, decWeak), (incStrong, grey), (decStrong, grey)] {
                let d = vision.simulate(a).distance(to: vision.simulate(b))
                #expect(d >= 0.2, "\(name), \(vision): \(a.hex) and \(b.hex) look alike (distance \(d))")
            }
        }
    }

    @Test func pointsLabels() {
        #expect(ComparisonMapText.points(0.12) == "+12 pts")
        #expect(ComparisonMapText.points(-0.035) == "−3.5 pts")
        #expect(ComparisonMapText.points(0.01) == "+1 pt")
        #expect(ComparisonMapText.points(0.0001) == "±0 pts")
        #expect(ComparisonMapText.q(0.0004) == "q < 0.001")
        #expect(ComparisonMapText.q(0.0123) == "q 0.01")
        #expect(ComparisonMapText.alpha(0.05) == "0.05")
    }

    @Test func thaiLabelsAreKept() throws {
        let template = try JourneyTemplate.parse(yaml: try #require(BuiltinTemplates.all["thai-retail"]), file: "thai-retail.yaml")
        let table = EventTable()
        let acts = ["เห็นโฆษณา", "ดูสินค้า", "ชำระเงิน"]
        for j in 0..<80 {
            for (k, a) in acts.prefix(j % 3 + 1).enumerated() {
                table.append(case: "c\(j)", activity: a, timestamp: Int64(j * 1000 + k) * 1_000_000)
            }
        }
        let pair = try ComparisonInputs.split(table: table, template: template,
                                              by: .windows(before: try TimeWindow(parsing: "1970-01-01T00:00:00Z..1970-01-01T11:00:00Z"),
                                                           after: try TimeWindow(parsing: "1970-01-01T11:10:00Z..1970-01-02T00:00:00Z", flag: "--after")))
        let r = try ComparisonMapBuilder(pair: pair, comparison: try pair.compare(), options: MapOptions(language: "th"),
                                         measurer: PersonaFakeMeasurer()).build()
        let texts = r.diff.items.compactMap { if case .text(let t) = $0 { return t.text } else { return nil } }
        let stageNames = pair.before.stages.filter { $0.journeys > 0 }.map { $0.names.text("th") }
        #expect(stageNames.count == 3)
        for s in stageNames { #expect(texts.contains(s), "no stage name \(s)") }
        // The pictures' own words are Thai too: subtitle, boxes, legend, footnote; in all three scenes.
        func words(_ scene: Scene) -> [String] { scene.items.compactMap { if case .text(let t) = $0 { return t.text } else { return nil } } }
        #expect(texts.contains { $0.hasPrefix("ก่อน: ") && $0.contains("ที่ทดสอบ") })
        #expect(texts.contains { $0.contains("ของเส้นทาง") })
        #expect(texts.contains { $0.hasPrefix("นัยสำคัญ: ") })
        for scene in [r.diff, r.before, r.after] {
            let english = words(scene).filter { t in
                ["journeys", "Before:", "After:", "significant", "Data:", "Labels:", "move"].contains { t.contains($0) }
            }
            #expect(english.isEmpty, "English words on a Thai picture: \(english)")
        }
        #expect(words(r.before).contains { $0.hasPrefix("ข้อมูล: ") && $0.contains(" เส้นทาง, ") })
    }
}

/// Colour-vision deficiency simulation (Machado, Oliveira & Fernandes 2009, severity 1.0),
/// applied to linear RGB.
enum ColourVision: CaseIterable {
    case protanopia, deuteranopia, tritanopia

    var matrix: [[Double]] {
        switch self {
        case .protanopia: return [[0.152286, 1.052583, -0.204868], [0.114503, 0.786281, 0.099216], [-0.003882, -0.048116, 1.051998]]
        case .deuteranopia: return [[0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413], [-0.011820, 0.042940, 0.968881]]
        case .tritanopia: return [[1.255528, -0.076749, -0.178779], [-0.078411, 0.930809, 0.147602], [0.004733, 0.691367, 0.303900]]
        }
    }

    func simulate(_ c: Color) -> Color {
        func lin(_ v: Double) -> Double { v <= 0.04045 ? v / 12.92 : pow((v + 0.055) / 1.055, 2.4) }
        func gamma(_ v: Double) -> Double {
            let x = min(1, max(0, v))
            return x <= 0.0031308 ? 12.92 * x : 1.055 * pow(x, 1 / 2.4) - 0.055
        }
        let v = [lin(c.red), lin(c.green), lin(c.blue)]
        let m = matrix
        let out = (0..<3).map { i in gamma(m[i][0] * v[0] + m[i][1] * v[1] + m[i][2] * v[2]) }
        return Color(red: out[0], green: out[1], blue: out[2])
    }
}

extension Color {
    /// Euclidean distance in sRGB (0…√3).
    func distance(to other: Color) -> Double {
        let dr = red - other.red, dg = green - other.green, db = blue - other.blue
        return (dr * dr + dg * dg + db * db).squareRoot()
    }
}

#if canImport(Glibc)
import Glibc
#endif
