import Testing
import JourneyCore
@testable import JourneyKit

/// The warning before slow removal effects: only when the units are too many to solve one at a
/// time quickly and the chain too big for the dense solve all at once.
@Suite struct AttributionSizeWarningTests {
    static func paths(units: Int) -> AttributionPaths {
        var offsets = [0], steps: [Int32] = []
        for j in 0..<(units * 2) {
            steps += [Int32(j % units), Int32((j * 7 + 1) % units)]
            offsets.append(steps.count)
        }
        return AttributionPaths(names: (0..<units).map { "p\($0)" }, stageOfUnit: [Int](repeating: 0, count: units),
                                stages: [StageDefinition.unassigned], offsets: offsets, steps: steps,
                                converted: (0..<(units * 2)).map { $0 % 3 == 0 },
                                caseOfJourney: (0..<(units * 2)).map { UInt32($0) }, conversionName: "buy")
    }

    @Test func saidOnlyWhenNeitherWayIsQuick() {
        let paths = Self.paths(units: 50)
        var options = AttributionOptions(conversion: .event("buy"))
        #expect(AttributionPictures.sizeWarning(paths, options: options) == nil, "50 units: one at a time")
        options.eachRemovedAtOnceFrom = 10
        #expect(AttributionPictures.sizeWarning(paths, options: options) == nil, "51 states: dense, all at once")
        let w = AttributionPictures.sizeWarning(paths, options: options, denseLimit: 40)
        #expect(w?.hasPrefix("50 touchpoints in 51 states: the Markov removal effects solve the chain once without each") == true, "\(w ?? "nil")")
        options.order = 2
        let pairs = AttributionPictures.sizeWarning(paths, options: options, denseLimit: 40)
        let states = AbsorbingChain(paths, order: 2).stateCount
        #expect(states == 101)
        #expect(pairs?.hasPrefix("50 touchpoints in \(states) states") == true, "\(pairs ?? "nil")")
    }
}
