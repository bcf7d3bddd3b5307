import Testing
@testable import JourneyCore

/// Small chains solved by hand (fractions in the comments), through `Attribution`.
@Suite struct AttributionTests {
    /// Paths over units A (0), B (1), C (2); `true` = converted. One journey per case.
    static func paths(_ journeys: [([Int32], Bool)]) -> AttributionPaths {
        var offsets = [0], steps: [Int32] = []
        for (p, _) in journeys { steps += p; offsets.append(steps.count) }
        return AttributionPaths(names: ["A", "B", "C"], stageOfUnit: [0, 0, 0], stages: [StageDefinition.unassigned],
                                offsets: offsets, steps: steps, converted: journeys.map(\.1),
                                caseOfJourney: journeys.indices.map { UInt32($0) }, conversionName: "buy")
    }

    static func row(_ a: Attribution, _ name: String) -> Attribution.Row { a.rows.first { $0.name == name }! }
    static func close(_ x: Double, _ y: Double) -> Bool { abs(x - y) < 1e-14 }

    @Test func twoStatesOneDeadEnd() throws {
        // start→A 2, start→B 1; A→B 1, A→null 1; B→conv 2. P = 2/3·1/2 + 1/3 = 2/3.
        // Without A: 1/3 (effect 1/2); without B: 0 (effect 1). Markov: 2·(1/2)/(3/2) = 2/3 and 4/3.
        let a = try Attribution(Self.paths([([0, 1], true), ([0], false), ([1], true)]), options: .init(conversion: .event("buy")))
        #expect(Self.close(a.conversionProbability, 2.0 / 3))
        let A = Self.row(a, "A"), B = Self.row(a, "B")
        #expect(Self.close(A.removalEffect, 0.5) && Self.close(B.removalEffect, 1))
        #expect(Self.close(A.markov, 2.0 / 3) && Self.close(B.markov, 4.0 / 3))
        #expect(A.firstTouch == 1 && B.firstTouch == 1 && A.lastTouch == 0 && B.lastTouch == 2)
        #expect(A.linear == 0.5 && B.linear == 1.5)
        #expect(a.rows.map(\.name) == ["B", "A"], "sorted by Markov credit, largest first")
    }

    @Test func loopsAndRepeatedSteps() throws {
        // A A B A → conv; B → null. start→A 1, start→B 1; A→A 1, A→B 1, A→conv 1; B→A 1, B→null 1.
        // h(A) = (h(A) + h(B) + 1)/3, h(B) = h(A)/2 ⇒ h(A) = 2/3, h(B) = 1/3, P = 1/2.
        // Without A: 0 (effect 1). Without B: h(A) = (h(A) + 1)/3 = 1/2, P = 1/4 (effect 1/2).
        let a = try Attribution(Self.paths([([0, 0, 1, 0], true), ([1], false)]), options: .init(conversion: .event("buy")))
        #expect(Self.close(a.conversionProbability, 0.5))
        let A = Self.row(a, "A"), B = Self.row(a, "B")
        #expect(Self.close(A.removalEffect, 1) && Self.close(B.removalEffect, 0.5))
        #expect(Self.close(A.markov, 2.0 / 3) && Self.close(B.markov, 1.0 / 3))
        #expect(A.linear == 0.75 && B.linear == 0.25, "repeated steps each take their share")
    }

    @Test func stateNeverFollowedByConversion() throws {
        // A → conv; A C → null; C → null. P = 2/3 · 1/2 = 1/3; C has no path to conversion:
        // removing it changes nothing (effect 0, no credit), removing A loses everything.
        let a = try Attribution(Self.paths([([0], true), ([0, 2], false), ([2], false)]), options: .init(conversion: .event("buy")))
        #expect(Self.close(a.conversionProbability, 1.0 / 3))
        #expect(Self.row(a, "C").removalEffect == 0 && Self.row(a, "C").markov == 0)
        #expect(Self.close(Self.row(a, "A").removalEffect, 1) && Self.close(Self.row(a, "A").markov, 1))
    }

    @Test func conversionAtTheFirstStep() throws {
        // (converts at once); A → conv; A → null. P = 1/3 + 2/3 · 1/2 = 2/3; without A 1/3 (effect 1/2).
        // One conversion has a step to credit, the other is counted apart.
        let a = try Attribution(Self.paths([([], true), ([0], true), ([0], false)]), options: .init(conversion: .event("buy")))
        #expect(Self.close(a.conversionProbability, 2.0 / 3))
        #expect(a.conversions == 1 && a.convertedAtFirstStep == 1)
        #expect(Self.close(Self.row(a, "A").removalEffect, 0.5) && Self.close(Self.row(a, "A").markov, 1))
    }

    @Test func secondOrderRemovesEveryPair() throws {
        // Order 2: A B → conv; B A → null; A → conv. States (·,A) (A,B) (·,B) (B,A).
        // start→(·,A) 2 → conv 1, →(A,B) 1 → conv; start→(·,B) 1 → (B,A) → null. P = 2/3.
        // Without A: only (·,B) is left, which ends in null: 0 (effect 1). Without B: (·,A) → conv 1 of 2: P = 1/3 (effect 1/2).
        let a = try Attribution(Self.paths([([0, 1], true), ([1, 0], false), ([0], true)]),
                                options: .init(conversion: .event("buy"), order: 2))
        #expect(Self.close(a.conversionProbability, 2.0 / 3))
        #expect(Self.close(Self.row(a, "A").removalEffect, 1) && Self.close(Self.row(a, "B").removalEffect, 0.5))
        // Order 1 on the same journeys: A→B 1, A→conv 1, A→null 1; B→A 1, B→conv 1: h(A) = (h(B)+1)/3,
        // h(B) = (h(A)+1)/2 ⇒ h(A) = 3/5, h(B) = 4/5, P = 2/3·3/5 + 1/3·4/5 = 2/3 as well, by another road.
        let first = try Attribution(Self.paths([([0, 1], true), ([1, 0], false), ([0], true)]), options: .init(conversion: .event("buy")))
        #expect(Self.close(first.conversionProbability, 2.0 / 3))
    }

    @Test func noConversionIsAnError() {
        #expect(throws: AttributionError.self) {
            try Attribution(Self.paths([([0], false)]), options: .init(conversion: .event("buy")))
        }
    }

    @Test func peopleCountEachCaseOnce() throws {
        var p = Self.paths([([0, 0], true), ([0], false), ([1], true)])
        p.caseOfJourney = [0, 0, 1]
        let a = try Attribution(p, options: .init(conversion: .event("buy")))
        #expect(Self.row(a, "A").people == 1 && Self.row(a, "B").people == 1)
    }

    @Test func csvHeaderAndExactNumbers() throws {
        let a = try Attribution(Self.paths([([0, 1], true), ([0], false), ([1], true)]), options: .init(conversion: .event("buy")))
        let lines = a.csv().split(separator: "\n")
        #expect(lines.first == "name,removal_effect,markov,first_touch,last_touch,linear")
        #expect(lines[1] == "B,1,1.3333333333333333,1,2,1.5")
        #expect(lines[2] == "A,0.5,0.6666666666666666,1,0,0.5")
    }
}
