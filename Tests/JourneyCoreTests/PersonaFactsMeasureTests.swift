import Testing
@testable import JourneyCore

/// The one-pass `PersonaFacts.measure` (a stage × touchpoint table, medians by selection)
/// equals the dictionary-and-sort one it replaced (`ReferencePersonaFacts`).
@Suite struct PersonaFactsMeasureTests {
    @Test func measureEqualsTheReference() throws {
        let log = PlantedLog(seed: 9, sizes: (store: 300, web: 250, social: 200))
        let seq = try Miner(template: JourneyTemplate.builtinDefault()).sequences(log.table)
        let conversion = try JourneyConversion(stage: "decision", stages: seq.stages)
        let observed = PersonaFacts.observedStages(seq)
        var rng = SplitMix64(seed: 4)
        // Whole groups, random subsets of odd and even sizes, one journey, none.
        let groups = log.groups(seq)
        var sets: [[Int]] = Dictionary(grouping: 0..<seq.count, by: { groups[$0] }).values.map { $0 }
        for size in [1, 2, 7, 100, 333, seq.count] { sets.append(rng.sample(size, of: seq.count)) }
        sets.append([])
        for members in sets {
            let fast = PersonaFacts.measure(seq, members: members, total: seq.count, conversion: conversion,
                                            observedStages: observed, topChannelCount: 3)
            let reference = ReferencePersonaFacts.measure(seq, members: members, total: seq.count, conversion: conversion,
                                                          observedStages: observed, topChannelCount: 3)
            #expect(fast == reference, "\(members.count) members")
        }
    }
}
