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
        /// Distinct cases whose journeys pass this unit before converting or ending.
        public var people: Int
    }

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
            guard let f = path.first, let l = path.last else { direct += 1; continue }
            conversions += 1
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
        let chain = AbsorbingChain(paths, order: options.order)
        let full = chain.conversionProbability()
        conversionProbability = full
        let used = (0..<units).filter { present[$0] }
        var effects = [Double](repeating: 0, count: units)
        for u in used {
            let p = chain.conversionProbability(removing: [Int32(u)])
            effects[u] = full > 0 ? max(0, 1 - p / full) : 0
        }
        let sum = used.reduce(0.0) { $0 + effects[$1] }
        rows = used.map { u in
            Row(unit: Int32(u), name: paths.names[u], stageIndex: paths.stageOfUnit[u], removalEffect: effects[u],
                markov: sum > 0 ? Double(conversions) * effects[u] / sum : 0,
                firstTouch: first[u], lastTouch: last[u], linear: linear[u], people: people[u])
        }.sorted { a, b in a.markov != b.markov ? a.markov > b.markov : a.name < b.name }
    }
}
