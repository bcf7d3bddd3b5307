import Testing
@testable import JourneyCore

/// `persona --min-people k` on the planted log: small segments and the next smallest (else
/// all journeys minus the shown ones would give the small one back) are not shown.
@Suite struct PersonaMinPeopleTests {
    func cluster(_ sizes: (Int, Int, Int), minPeople: Int?) throws -> PersonaClustering {
        let seq = try Miner(template: JourneyTemplate.builtinDefault()).sequences(PlantedLog(sizes: sizes).table)
        var options = PersonaClusterOptions(clusters: .fixed(3))
        options.minPeople = minPeople
        return try PersonaClusterer(options: options).cluster(seq)
    }

    @Test func aSmallSegmentTakesTheNextSmallestWithIt() throws {
        let c = try cluster((180, 140, 3), minPeople: 5)
        #expect(c.segments.map(\.journeys) == [180, 140, 3])
        #expect(c.segments.map(\.suppressed) == [false, true, true])
        #expect(c.personas.count == 1)
        #expect(c.suppressionMessage?.contains("2 of 3 segments are not shown: numbers from fewer than 5 people hidden") == true)
    }

    @Test func factsOfShownSegmentsRestOnKPeople() throws {
        let open = try cluster((180, 140, 100), minPeople: nil)
        let k = try cluster((180, 140, 100), minPeople: 100)
        #expect(k.segments.map(\.suppressed) == [false, false, false])
        for (a, b) in zip(open.segments, k.segments) {
            let (f, g) = (a.persona.facts!, b.persona.facts!)
            // Converting and other journeys (one person each) are 0 or 100+ on both sides of the rate.
            let converted = Int((f.conversionRate * Double(f.journeys)).rounded())
            let fine = (converted == 0 || converted >= 100) && (f.journeys - converted == 0 || f.journeys - converted >= 100)
            #expect(g.conversionRateWithheld == !fine)
            #expect(g.medianDurationSeconds == f.medianDurationSeconds)
            // Listed channels are a subset of the open ones.
            #expect(Set(g.topChannels.map(\.channel)).isSubset(of: Set(f.topChannels.map(\.channel))))
        }
        let none = try cluster((180, 140, 100), minPeople: 1)
        #expect(none.segments.map { $0.persona.facts! } == open.segments.map { $0.persona.facts! })
    }
}
