import Testing
@testable import JourneyCore

/// Reference values computed with Python's standard library (math.erfc, math.comb: exact
/// hypergeometric sums) and matching R's prop.test(correct = FALSE), fisher.test, p.adjust("BH").
@Suite struct CompareStatisticsTests {
    func close(_ a: Double, _ b: Double, relative: Double = 1e-9) -> Bool {
        abs(a - b) <= relative * max(abs(a), abs(b), 1e-300)
    }

    @Test(arguments: [
        (15, 50, 25, 50, 2.041241452319315, 0.04122683333716371),
        (120, 1000, 150, 1000, 1.963049807622355, 0.04964038686536881),
        (412, 2000, 700, 2000, 10.164160056994485, 2.8658139360586903e-24),
        (0, 30, 5, 30, 2.335496832484569, 0.019517481182177766),
    ])
    func zTestKnownValues(_ x1: Int, _ n1: Int, _ x2: Int, _ n2: Int, _ z: Double, _ p: Double) {
        let t = TwoProportionZTest(before: Proportion(count: x1, total: n1), after: Proportion(count: x2, total: n2))
        #expect(close(t.z, z))
        #expect(close(t.p, p, relative: 1e-7))
        let swapped = TwoProportionZTest(before: Proportion(count: x2, total: n2), after: Proportion(count: x1, total: n1))
        #expect(close(swapped.z, -z) && close(swapped.p, t.p))
    }

    @Test func zTestWithoutVariationIsOne() {
        let t = TwoProportionZTest(before: Proportion(count: 40, total: 40), after: Proportion(count: 90, total: 90))
        #expect(t.z == 0 && t.p == 1)
    }

    @Test(arguments: [
        (3, 1, 1, 3, 0.4857142857142857),      // R: fisher.test(matrix(c(3,1,1,3), 2)), tea tasting
        (1, 9, 11, 3, 0.002759456185220083),
        (10, 2, 3, 15, 0.0005367241191434358),
        (0, 5, 5, 0, 0.007936507936507936),
        (2, 30, 9, 25, 0.045206793031481174),
        (0, 100, 4, 96, 0.12124072137336428),
        (7, 12, 0, 5, 0.272068511198946),
    ])
    func fisherKnownValues(_ a: Int, _ b: Int, _ c: Int, _ d: Int, _ p: Double) {
        #expect(close(FisherExactTest(a: a, b: b, c: c, d: d).p, p, relative: 1e-9))
        // Symmetric in rows and columns.
        #expect(close(FisherExactTest(a: c, b: d, c: a, d: b).p, p, relative: 1e-9))
        #expect(close(FisherExactTest(a: b, b: a, c: d, d: c).p, p, relative: 1e-9))
    }

    @Test func fisherOnLargeTotals() {
        // Exact rational sums (Python fractions); lgamma keeps ~1e-9 relative accuracy here.
        #expect(close(FisherExactTest(a: 1, b: 999_999, c: 8, d: 999_992).p, 0.039062078125527346, relative: 1e-6))
        #expect(close(FisherExactTest(a: 3, b: 4, c: 40_000, d: 10_000).p, 0.03336349845351032, relative: 1e-6))
    }

    @Test func fisherKeepsTablesThatTieWithTheObservedOne() {
        // 2 of 4 vs 2 of 4: the table is the mode; a symmetric table's mirror ties exactly, so
        // everything is included: p = 1.
        #expect(close(FisherExactTest(a: 2, b: 2, c: 2, d: 2).p, 1))
        // 1 of 4 vs 3 of 4: observed and its mirror (3 of 4 vs 1 of 4) tie; R gives 0.4857.
        #expect(close(FisherExactTest(a: 1, b: 3, c: 3, d: 1).p, 0.4857142857142857))
    }

    @Test func smallCountRuleChoosesFisher() {
        let test = ProportionTest()
        // Expected cells: min(50, 50) · min(7, 93) / 100 = 3.5 < 5 → Fisher.
        #expect(test.method(Proportion(count: 2, total: 50), Proportion(count: 5, total: 50)) == .fisher)
        // 10 successes in 100: 50 · 10 / 100 = 5 → z.
        #expect(test.method(Proportion(count: 4, total: 50), Proportion(count: 6, total: 50)) == .z)
        #expect(ProportionTest.smallestExpectedCell(Proportion(count: 4, total: 50), Proportion(count: 6, total: 50)) == 5)
        #expect(test.method(Proportion(count: 0, total: 0), Proportion(count: 6, total: 50)) == .none)
        #expect(test.run(Proportion(count: 0, total: 0), Proportion(count: 6, total: 50)).p == nil)
        // 2 of 32 vs 9 of 34: 32 · 11 / 66 = 5.33 → z, although the counts look small.
        #expect(test.method(Proportion(count: 2, total: 32), Proportion(count: 9, total: 34)) == .z)
        let r = test.run(Proportion(count: 0, total: 100), Proportion(count: 4, total: 100))
        #expect(r.method == .fisher && close(r.p!, 0.12124072137336428))
    }

    @Test func benjaminiHochbergMatchesRAndHandlesTies() {
        let q = BenjaminiHochberg.adjust([0.01, 0.04, 0.03, 0.005, 0.5, 0.04, 0.9])
        let expected = [0.035, 0.056, 0.056, 0.035, 0.5833333333333334, 0.056, 0.9]
        #expect(zip(q, expected).allSatisfy { close($0, $1, relative: 1e-12) })
        #expect(BenjaminiHochberg.adjust([0.02, 0.02, 0.02, 0.02]) == [0.02, 0.02, 0.02, 0.02])
        // The textbook example (Benjamini & Hochberg 1995 style, 10 p-values).
        let p = [0.001, 0.008, 0.039, 0.041, 0.042, 0.06, 0.074, 0.205, 0.212, 0.216]
        let r = [0.01, 0.04, 0.084, 0.084, 0.084, 0.1, 0.10571428571428572, 0.216, 0.216, 0.216]
        #expect(zip(BenjaminiHochberg.adjust(p), r).allSatisfy { close($0, $1, relative: 1e-12) })
        // Order of input does not matter; capped at 1; empty is empty.
        #expect(zip(BenjaminiHochberg.adjust(p.reversed()), r.reversed()).allSatisfy { close($0, $1, relative: 1e-12) })
        #expect(BenjaminiHochberg.adjust([0.9, 0.95]) == [0.95, 0.95])
        #expect(BenjaminiHochberg.adjust([Double]()).isEmpty)
        #expect(BenjaminiHochberg.adjust([0.5, 1.0]).allSatisfy { $0 <= 1 })
    }

    @Test func benjaminiHochbergSkipsNil() {
        let q = BenjaminiHochberg.adjust([0.01, nil, 0.04] as [Double?])
        #expect(q[1] == nil && close(q[0]!, 0.02) && close(q[2]!, 0.04))
    }

    @Test func qValuesAreMonotoneInP() {
        var rng = SplitMix(seed: 3)
        let p = (0..<500).map { _ in Double(rng.next() % 10_000) / 10_000 }
        let q = BenjaminiHochberg.adjust(p)
        let order = p.indices.sorted { p[$0] < p[$1] }
        for (a, b) in zip(order, order.dropFirst()) { #expect(q[a] <= q[b]) }
        for i in p.indices { #expect(q[i] >= p[i] && q[i] <= 1) }
    }

    @Test func normalTail() {
        #expect(close(NormalDistribution.twoSidedP(1.959963984540054), 0.05, relative: 1e-12))
        #expect(NormalDistribution.twoSidedP(0) == 1)
        #expect(NormalDistribution.twoSidedP(30) < 1e-190 && NormalDistribution.twoSidedP(30) > 0)
        #expect(NormalDistribution.twoSidedP(.infinity) == 0 && NormalDistribution.twoSidedP(.nan) == 1)
        #expect(close(NormalDistribution.twoSidedP(-3), NormalDistribution.twoSidedP(3)))
        #expect(close(NormalDistribution.cdf(1.6448536269514722), 0.95, relative: 1e-12))
    }
}
