import Foundation
/// Which states earn the conversions: the Markov chain removal effect beside first touch, last
/// touch and linear credit (`journeymap attribution`).
///
/// The removal effect of a unit is the share of the chain's conversion probability lost when
/// every state holding it leads to `null`: `1 − P(conversion | removed) / P(conversion)`. Its
/// Markov credit is `conversions × effect / Σ effects`. Conversions are the journeys that convert
/// after at least one step (`conversions`); journeys converting at their first step have no
/// step to credit (`convertedAtFirstStep`), stay in the chain (start → conversion) and are
/// counted apart. Each model hands out `conversions` in all.
public struct Attribution: Sendable, Equatable {
    public struct Row: Sendable, Equatable {
        public var unit: Int32
        public var name: String
        /// Index into `stages` (a touchpoint's stage, a channel's most frequent stage).
        public var stageIndex: Int
        public var removalEffect: Double
        public var markov: Double
        public var firstTouch: Double
        public var lastTouch: Double
        public var linear: Double
        /// Distinct cases whose journeys pass this unit before converting or ending (behind the
        /// removal effect and the Markov credit).
        public var people: Int
        /// Distinct cases behind first touch, last touch and linear: of converting journeys
        /// starting with, ending with, holding the unit.
        public var peopleFirst = 0, peopleLast = 0, peopleLinear = 0
        /// Columns withheld by `applyingMinPeople` (see docs/privacy.md).
        public var hidden: Set<AttributionColumn> = []
    }

    /// With `--min-people`: the threshold, and what it withheld.
    public var minPeople: Int?
    /// States left out whole: fewer than `minPeople` people pass them.
    public var hiddenStates = 0
    /// `conversions` withheld (fewer than `minPeople` converting people).
    public var conversionsHidden = false
    /// `convertedAtFirstStep` withheld.
    public var firstStepHidden = false
    /// Distinct cases of converting journeys with a step, and of journeys converting at once.
    public var convertingPeople = 0, firstStepPeople = 0

    public var options: AttributionOptions
    public var conversionName: String
    public var stages: [StageDefinition]
    /// Rows by Markov credit, largest first (ties by name).
    public var rows: [Row]
    public var journeys: Int
    public var conversions: Int
    public var convertedAtFirstStep: Int
    /// P(conversion) of the whole chain, from the start.
    public var conversionProbability: Double

    /// The attribution of `paths` under `options` (its `order`).
    /// - Throws: `AttributionError` when no journey converts.
    /// - Complexity: one chain elimination per unit (see `AbsorbingChain`), plus O(steps).
    public init(_ paths: AttributionPaths, options: AttributionOptions) throws {
        self.options = options
        conversionName = paths.conversionName
        stages = paths.stages
        journeys = paths.count
        let units = paths.names.count
        var first = [Double](repeating: 0, count: units), last = first, linear = first
        var peopleSeen = [Int](repeating: -1, count: units), people = [Int](repeating: 0, count: units)
        var present = [Bool](repeating: false, count: units)
        var conversions = 0, direct = 0
        var seenFirst = peopleSeen, seenLast = peopleSeen, seenLinear = peopleSeen
        var pFirst = people, pLast = people, pLinear = people
        var seenConverting = -1, seenDirect = -1, convertingPeople = 0, directPeople = 0
        // Journeys of one case are adjacent; a person counts once per unit.
        var caseOrdinal = -1, lastCase: UInt32? = nil
        for j in 0..<paths.count {
            let path = paths.path(j)
            if paths.caseOfJourney[j] != lastCase { caseOrdinal += 1; lastCase = paths.caseOfJourney[j] }
            for u in path {
                present[Int(u)] = true
                if peopleSeen[Int(u)] != caseOrdinal { peopleSeen[Int(u)] = caseOrdinal; people[Int(u)] += 1 }
            }
            guard paths.converted[j] else { continue }
            guard let f = path.first, let l = path.last else {
                direct += 1
                if seenDirect != caseOrdinal { seenDirect = caseOrdinal; directPeople += 1 }
                continue
            }
            conversions += 1
            if seenConverting != caseOrdinal { seenConverting = caseOrdinal; convertingPeople += 1 }
            if seenFirst[Int(f)] != caseOrdinal { seenFirst[Int(f)] = caseOrdinal; pFirst[Int(f)] += 1 }
            if seenLast[Int(l)] != caseOrdinal { seenLast[Int(l)] = caseOrdinal; pLast[Int(l)] += 1 }
            for u in path where seenLinear[Int(u)] != caseOrdinal { seenLinear[Int(u)] = caseOrdinal; pLinear[Int(u)] += 1 }
            first[Int(f)] += 1
            last[Int(l)] += 1
            let share = 1 / Double(path.count)
            for u in path { linear[Int(u)] += share }
        }
        guard conversions + direct > 0 else {
            throw AttributionError("no journey reaches the conversion (\(paths.conversionName)); choose another with --conversion or --conversion-stage")
        }
        self.conversions = conversions
        convertedAtFirstStep = direct
        self.convertingPeople = convertingPeople
        firstStepPeople = directPeople
        let chain = AbsorbingChain(paths, order: options.order)
        let full = chain.conversionProbability()
        conversionProbability = full
        let used = (0..<units).filter { present[$0] }
        // Many units: all removal effects at once (to rounding); else one elimination per unit,
        // each on its own copy of the chain, on all cores (the results do not depend on the
        // order or the threads; 1,290 touchpoints had taken 368 s on one core).
        let probabilities = (used.count > options.eachRemovedAtOnceFrom
            ? chain.conversionProbabilitiesEachRemoved(used.map { Int32($0) }, whole: full) : nil)
            ?? ParallelTasks.map(used.count, threads: ProcessInfo.processInfo.activeProcessorCount) { k in
                chain.conversionProbability(removing: [Int32(used[k])])
            }
        var effects = [Double](repeating: 0, count: units)
        for (u, p) in zip(used, probabilities) { effects[u] = full > 0 ? max(0, 1 - p / full) : 0 }
        let sum = used.reduce(0.0) { $0 + effects[$1] }
        let total = Double(conversions)
        rows = used.map { (u: Int) -> Row in
            let credit: Double = sum > 0 ? total * effects[u] / sum : 0
            var row = Row(unit: Int32(u), name: paths.names[u], stageIndex: paths.stageOfUnit[u], removalEffect: effects[u],
                          markov: credit, firstTouch: first[u], lastTouch: last[u], linear: linear[u], people: people[u])
            row.peopleFirst = pFirst[u]
            row.peopleLast = pLast[u]
            row.peopleLinear = pLinear[u]
            return row
        }.sorted { a, b in a.markov != b.markov ? a.markov > b.markov : a.name < b.name }
    }
}

