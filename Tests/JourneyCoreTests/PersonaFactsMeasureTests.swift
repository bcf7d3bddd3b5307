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
            let fast = PersonaFacts.measure(seq, segments: [members], total: seq.count, conversion: conversion,
                                            observedStages: observed, topChannelCount: 3)[0]
            let reference = ReferencePersonaFacts.measure(seq, members: members, total: seq.count, conversion: conversion,
                                                          observedStages: observed, topChannelCount: 3)
            #expect(fast == reference, "\(members.count) members")
        }
    }
}

/// Measuring several segments at once, their members cut into chunks counted on several
/// threads, gives each segment the facts it has measured alone by the reference; and the
/// clusters' member lists are the journeys of each label in order.
@Suite struct PersonaFactsSegmentsTests {
    @Test(arguments: [1, 2, 3])
    func segmentsMeasuredTogetherEqualTheReference(threads: Int) throws {
        let log = PlantedLog(seed: 5, sizes: (store: 9_000, web: 7_000, social: 5_000))
        let seq = try Miner(template: JourneyTemplate.builtinDefault()).sequences(log.table)
        let conversion = try JourneyConversion(stage: "decision", stages: seq.stages)
        let observed = PersonaFacts.observedStages(seq, threads: threads)
        let groups = log.groups(seq)
        var segments = Dictionary(grouping: 0..<seq.count, by: { groups[$0] }).sorted { $0.key < $1.key }.map(\.value)
        var rng = SplitMix64(seed: 8)
        segments += [rng.sample(3 * PersonaFacts.measureChunk + 5, of: seq.count).sorted(), [], [seq.count - 1]]
        #expect(segments.contains { $0.count > 2 * PersonaFacts.measureChunk })
        let together = PersonaFacts.measure(seq, segments: segments, total: seq.count, conversion: conversion,
                                            observedStages: observed, topChannelCount: 3, threads: threads)
        #expect(together.count == segments.count)
        for (members, facts) in zip(segments, together) {
            let reference = ReferencePersonaFacts.measure(seq, members: members, total: seq.count, conversion: conversion,
                                                          observedStages: observed, topChannelCount: 3)
            #expect(facts == reference, "\(members.count) members")
        }
    }

    @Test func membersAreEachLabelsJourneysInOrder() {
        var rng = SplitMix64(seed: 2)
        let k = 5
        let labels = (0..<10_007).map { _ in Int32(rng.next(below: UInt64(k - 1))) }  // cluster 4 stays empty
        let members = PersonaClusterer.members(of: labels, k: k)
        #expect(members.count == k && members[4].isEmpty)
        for c in 0..<k {
            #expect(members[c] == labels.indices.filter { labels[$0] == Int32(c) })
        }
    }
}
