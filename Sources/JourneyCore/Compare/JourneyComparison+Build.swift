extension JourneyComparison {
    /// Compares `before` with `after` (see the type's documentation for what is compared).
    ///
    /// Passes: union of stages and touchpoints → proportions per row → a test per row
    /// (`ProportionTest`) → Benjamini–Hochberg over the rows that reach `minCount` → status.
    /// - Throws: `ComparisonError` when an option is out of range or a side has no journeys.
    /// - Complexity: O((T + E) log(T + E)) for T touchpoints and E edges on both sides.
    public init(before: JourneyGraph, after: JourneyGraph, beforeLabel: String = "before", afterLabel: String = "after",
                options: ComparisonOptions = ComparisonOptions()) throws {
        try options.validate()
        for (side, label, g) in [("before", beforeLabel, before), ("after", afterLabel, after)] where g.journeys == 0 {
            throw ComparisonError.emptySide(side: side, detail: "\(label): \(CountFormat.grouped(g.events)) events")
        }
        var union = ComparisonUnion(before: before, after: after)
        let stagesBefore = ComparisonUnion.stageJourneys(before), stagesAfter = ComparisonUnion.stageJourneys(after)
        let reachBefore = ComparisonUnion.reach(before), reachAfter = ComparisonUnion.reach(after)
        var transitionRows = union.transitions(before: before, after: after)
        // --min-people: rows withheld on either side are left out before testing.
        var withheldRows: Int?
        var publishedPair: PublishedPair?
        if let k = options.minPeople {
            let published = try PublishedPair(before: before, after: after, minPeople: k)
            publishedPair = published
            let all = union.stages.count + union.touchpoints.count + transitionRows.count
            union.stages.removeAll { published.withholds(stage: $0.id) }
            union.touchpoints.removeAll { published.withholds(touchpoint: $0.name) }
            transitionRows.removeAll { published.withholds(from: $0.from, to: $0.to) }
            withheldRows = all - union.stages.count - union.touchpoints.count - transitionRows.count
        }
        // All rows in one list (stages, touchpoints, transitions): one test each, one BH family.
        var rows = union.stages.map { s in
            (name: "stage \(s.id)", before: Proportion(count: stagesBefore[s.id] ?? 0, total: before.journeys),
             after: Proportion(count: stagesAfter[s.id] ?? 0, total: after.journeys))
        }
        rows += union.touchpoints.map { t in
            (name: "touchpoint \(t.name)", before: Proportion(count: reachBefore[t.name] ?? 0, total: before.journeys),
             after: Proportion(count: reachAfter[t.name] ?? 0, total: after.journeys))
        }
        rows += transitionRows.map { t in
            (name: "transition \(t.from ?? "(start)") → \(t.to ?? "(end)")", before: t.before, after: t.after)
        }
        for row in rows {
            for (side, proportion) in [("before", row.before), ("after", row.after)] where !proportion.isValid {
                throw ComparisonError.inconsistent(side: side, detail: "\(row.name) counts \(proportion.count) of \(proportion.total)")
            }
        }
        let changes = Self.test(rows.map { ($0.before, $0.after) }, options: options)
        let touchpointStart = union.stages.count, transitionStart = touchpointStart + union.touchpoints.count

        // Each side as its published graph gives it (its span in whole days: docs/privacy.md).
        self.init(before: ComparisonSide(label: beforeLabel, graph: publishedPair?.before ?? before),
                  after: ComparisonSide(label: afterLabel, graph: publishedPair?.after ?? after), options: options,
                  stages: zip(union.stages, changes[..<touchpointStart]).map {
                      StageChange(id: $0.id, names: $0.names, color: $0.color, change: $1)
                  },
                  touchpoints: zip(union.touchpoints, changes[touchpointStart..<transitionStart]).map {
                      TouchpointChange(name: $0.name, stage: $0.stage, change: $1)
                  },
                  transitions: zip(transitionRows, changes[transitionStart...]).map {
                      TransitionChange(from: $0.from, to: $0.to, change: $1)
                  },
                  warnings: Self.warnings(before, after))
        detectableChange = DetectableChange.shortfall(before: (publishedPair?.before ?? before).journeys,
                                                      after: (publishedPair?.after ?? after).journeys, alpha: options.alpha)
        self.withheldRows = withheldRows
    }

    /// Tests every pair, adjusts the p-values of the pairs that reach `minCount` as one
    /// Benjamini–Hochberg family, and gives each its status.
    static func test(_ pairs: [(Proportion, Proportion)], options: ComparisonOptions) -> [ProportionChange] {
        let test = ProportionTest(minimumExpected: options.minimumExpected)
        let results = pairs.map { test.run($0.0, $0.1) }
        let familyP: [Double?] = zip(pairs, results).map { pair, result in
            pair.0.count + pair.1.count >= options.minCount ? result.p : nil
        }
        let q = BenjaminiHochberg.adjust(familyP)
        return pairs.indices.map { i in
            let status: ChangeStatus
            if results[i].p == nil { status = .untestable }
            else if let qi = q[i] {
                // Significant needs both: q ≤ alpha and a change of at least minEffect.
                let large = abs(pairs[i].1.share - pairs[i].0.share) >= options.minEffect - 1e-12
                status = qi > options.alpha ? .notSignificant : large ? .significant : .belowMinEffect
            }
            else { status = .belowMinCount }
            return ProportionChange(before: pairs[i].0, after: pairs[i].1, test: results[i].method,
                                    p: results[i].p, q: q[i], status: status)
        }
    }

    /// Differences between the sides that make shares harder to compare.
    static func warnings(_ before: JourneyGraph, _ after: JourneyGraph) -> [String] {
        var out: [String] = []
        if before.source.template != after.source.template {
            out.append("the sides were mined with different templates (\(before.source.template), \(after.source.template)): stages and touchpoints may not correspond")
        }
        if before.filters.sessionGapSeconds != after.filters.sessionGapSeconds {
            func gap(_ s: Double?) -> String { s.map { "\($0) s" } ?? "none" }
            out.append("the sides split sessions differently (session gap \(gap(before.filters.sessionGapSeconds)) vs \(gap(after.filters.sessionGapSeconds))): journeys are not the same unit")
        }
        if before.filters.keepActivities != after.filters.keepActivities {
            out.append("the sides hid different touchpoints (--keep-activities): compare journeys mined with the same options")
        }
        for (side, g) in [("before", before), ("after", after)] where g.hidden.edges > 0 {
            out.append("the \(side) graph was simplified (\(g.hidden.edges) edges hidden): transition shares leave those edges out; compare unsimplified journey files")
        }
        return out
    }
}

/// A start, edge or end row before testing.
struct TransitionRow {
    var from: String?
    var to: String?
    var before: Proportion
    var after: Proportion
}
