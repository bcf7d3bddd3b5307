import Foundation
import Testing
import JourneyCore
@testable import JourneyLayout

/// The diff model and palette (in JourneyLayout: colours and widths are the picture's), on the
/// planted comparison of `CompareMapFixtures`: product_view → purchase up, product_view → end
/// and ad_impression → landing_page down.
@Suite struct CompareDiffModelTests {
    /// WCAG contrast of two `#rrggbb` colours.
    func contrast(_ a: String, _ b: String) -> Double {
        Color(hex: a)!.contrastRatio(with: Color(hex: b)!)
    }

    func comparison() throws -> JourneyComparison {
        try CompareMapFixtures.pair(journeys: 2000).compare()
    }

    @Test func marksCarryEffectSignificanceColourAndWidth() throws {
        let c = try comparison()
        let model = ComparisonDiffModel(comparison: c)
        let up = try #require(model.transition(from: "product_view", to: "purchase"))
        let down = try #require(model.transition(from: "product_view", to: nil))
        let quiet = try #require(model.transitions.first { $0.mark.status == .notSignificant }?.mark)
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
