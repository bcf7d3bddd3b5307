import Foundation
import Testing
@testable import JourneyCore

@Suite struct CompareDiffModelTests {
    /// WCAG contrast of two `#rrggbb` colours (kept here: JourneyCore cannot see JourneyScene's Color).
    func contrast(_ a: String, _ b: String) -> Double {
        func luminance(_ hex: String) -> Double {
            let c: [Double] = DiffPalette.rgb(hex)!.map { (v: Int) -> Double in
                let s = Double(v) / 255
                return s <= 0.03928 ? s / 12.92 : pow((s + 0.055) / 1.055, 2.4)
            }
            return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2]
        }
        let x = luminance(a), y = luminance(b)
        return (max(x, y) + 0.05) / (min(x, y) + 0.05)
    }

    func comparison() throws -> JourneyComparison {
        let miner = Miner(template: JourneyTemplate.builtinDefault())
        return try JourneyComparison(before: miner.mine(makeTable(JourneyGenerator.base.rows(journeys: 2000, seed: 21))),
                                     after: miner.mine(makeTable(JourneyGenerator.planted.rows(journeys: 2000, seed: 22))))
    }

    @Test func marksCarryEffectSignificanceColourAndWidth() throws {
        let c = try comparison()
        let model = ComparisonDiffModel(comparison: c)
        let up = try #require(model.transition(from: "product_view", to: "purchase"))
        let down = try #require(model.transition(from: "product_view", to: nil))
        let quiet = try #require(model.transition(from: "ad_impression", to: "landing_page"))
        #expect(up.significant && up.direction == .increase && up.effect > 0.1)
        #expect(abs(up.effect - (up.afterShare - up.beforeShare)) < 1e-15)
        #expect(down.significant && down.direction == .decrease)
        #expect(!quiet.significant && quiet.color == DiffPalette.light.notSignificant)
        // Colours lie on their direction's ramp: orange has more red than blue, blue the reverse.
        let u = DiffPalette.rgb(up.color)!, d = DiffPalette.rgb(down.color)!
        #expect(u[0] > u[2] && d[2] > d[0])
        // The largest tested change gets full width.
        #expect(model.transitions.map(\.mark.magnitude).max() == 1)
        let largest = c.transitions.filter { $0.change.q != nil }.map { abs($0.change.absoluteChange) }.max()!
        #expect(model.transitionScale == largest)
        #expect(up.width(minimum: 1, maximum: 9) == 1 + 8 * up.magnitude)
        #expect(model.touchpoint("purchase")!.significant && model.stage("decision")!.significant)
        #expect(model.touchpoints.count == c.touchpoints.count && model.stages.count == c.stages.count)
    }

    @Test func sharedScaleCoversBothSides() throws {
        let c = try comparison()
        let model = ComparisonDiffModel(comparison: c)
        let inner = c.transitions.filter { $0.from != nil && $0.to != nil }
        #expect(model.shared.maxTransitionCount == inner.map { max($0.change.before.count, $0.change.after.count) }.max())
        #expect(model.shared.maxTouchpointJourneys == c.touchpoints.map { max($0.change.before.count, $0.change.after.count) }.max())
        #expect(model.shared.maxStageShare == 1)
    }

    @Test(arguments: [DiffPalette.light, DiffPalette.dark])
    func paletteContrast(_ palette: DiffPalette) {
        for t in [0.0, 0.5, 1.0] {
            for direction in [ChangeDirection.increase, .decrease] {
                let colour = palette.color(direction: direction, significant: true, magnitude: t)
                #expect(contrast(colour, palette.background) >= 3, "\(colour) on \(palette.background)")
            }
        }
        #expect(contrast(palette.notSignificant, palette.background) < 3)
        #expect(palette.color(direction: .increase, significant: false, magnitude: 1) == palette.notSignificant)
        #expect(palette.color(direction: .unchanged, significant: true, magnitude: 1) == palette.notSignificant)
        #expect(palette.color(direction: .increase, significant: true, magnitude: 0) == palette.increaseWeak)
        #expect(palette.color(direction: .decrease, significant: true, magnitude: 7) == palette.decreaseStrong)
    }

    @Test func mixIsExactAtEndsAndMidway() {
        #expect(DiffPalette.mix("#000000", "#ffffff", 0.5) == "#808080")
        #expect(DiffPalette.mix("#102030", "#102030", 0.3) == "#102030")
        #expect(DiffPalette.mix("bad", "#ffffff", 0.5) == "bad")
    }
}
