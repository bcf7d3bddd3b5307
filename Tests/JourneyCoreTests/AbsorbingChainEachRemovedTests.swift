import Testing
@testable import JourneyCore

/// All removal effects at once (divide and conquer over dense chains) against one elimination
/// per unit, on random journeys with loops, repeats, dead ends and units on no converting path.
@Suite struct AbsorbingChainEachRemovedTests {
    static func randomPaths(seed: UInt64, units: Int, journeys: Int) -> AttributionPaths {
        var r = SplitMix64(seed: seed)
        var offsets = [0], steps: [Int32] = [], converted: [Bool] = []
        for _ in 0..<journeys {
            let length = 1 + Int(r.next(below: 6))
            for _ in 0..<length {
                // Units past 3/4 of the range lead nowhere that converts (only non-converting paths).
                steps.append(Int32(r.next(below: UInt64(units * 3 / 4))))
            }
            let converts = r.next(below: 3) == 0
            if !converts && r.next(below: 2) == 0 { steps.append(Int32(units * 3 / 4) + Int32(r.next(below: UInt64(units / 4)))) }
            offsets.append(steps.count)
            converted.append(converts)
        }
        return AttributionPaths(names: (0..<units).map { "u\($0)" }, stageOfUnit: [Int](repeating: 0, count: units),
                                stages: [StageDefinition.unassigned], offsets: offsets, steps: steps, converted: converted,
                                caseOfJourney: (0..<journeys).map { UInt32($0) }, conversionName: "buy")
    }

    @Test(arguments: [1, 2])
    func equalToOneRemovalAtATime(order: Int) throws {
        for seed in 1...12 as ClosedRange<UInt64> {
            let paths = Self.randomPaths(seed: seed, units: 8 + Int(seed) * 9, journeys: 60 + Int(seed) * 40)
            let chain = AbsorbingChain(paths, order: order)
            let whole = chain.conversionProbability()
            let units = (0..<Int32(paths.names.count)).map { $0 }
            let each = try #require(chain.conversionProbabilitiesEachRemoved(units, whole: whole))
            for u in units {
                let one = chain.conversionProbability(removing: [u])
                #expect(abs(each[Int(u)] - one) <= 1e-12 * max(one, 1e-300), "seed \(seed) order \(order) unit \(u): \(each[Int(u)]) against \(one)")
            }
            // Units on no converting path change nothing, exactly.
            for u in units where u >= Int32(paths.names.count * 3 / 4) { #expect(each[Int(u)] == whole) }
        }
    }

    /// Through `Attribution`: more units than `eachRemovedAtOnceFrom` take the path at once,
    /// with the same rows to rounding.
    @Test func attributionOfManyUnitsMatches() throws {
        let paths = Self.randomPaths(seed: 99, units: 60, journeys: 600)
        var options = AttributionOptions(conversion: .event("buy"))
        let before = try Attribution(paths, options: options)
        options.eachRemovedAtOnceFrom = 10
        let atOnce = try Attribution(paths, options: options)
        #expect(atOnce.rows.count > 10 && atOnce.rows.count == before.rows.count)
        for (a, b) in zip(atOnce.rows.sorted { $0.unit < $1.unit }, before.rows.sorted { $0.unit < $1.unit }) {
            #expect(a.unit == b.unit && abs(a.removalEffect - b.removalEffect) <= 1e-12 && abs(a.markov - b.markov) <= 1e-9,
                    "\(a.name): \(a.removalEffect) against \(b.removalEffect)")
        }
    }
}
