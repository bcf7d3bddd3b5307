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
            throw ComparisonError.emptySide(side: side, detail: "\(label): \(g.events) events")
        }
        let union = ComparisonUnion(before: before, after: after)
        let stagesBefore = ComparisonUnion.stageJourneys(before), stagesAfter = ComparisonUnion.stageJourneys(after)
        var stageRows = union.stages.map { s in
            StageRow(stage: s, before: Proportion(count: stagesBefore[s.id] ?? 0, total: before.journeys),
                     after: Proportion(count: stagesAfter[s.id] ?? 0, total: after.journeys))
        }
        let reachBefore = ComparisonUnion.reach(before), reachAfter = ComparisonUnion.reach(after)
        var touchpointRows = union.touchpoints.map { t in
            TouchpointRow(name: t.name, stage: t.stage,
                          before: Proportion(count: reachBefore[t.name] ?? 0, total: before.journeys),
                          after: Proportion(count: reachAfter[t.name] ?? 0, total: after.journeys))
        }
        var transitionRows = union.transitions(before: before, after: after)

        // Test every row, then adjust the family's p-values together.
        let test = ProportionTest(minimumExpected: options.minimumExpected)
        var pairs: [(Proportion, Proportion)] = stageRows.map { ($0.before, $0.after) }
        pairs += touchpointRows.map { ($0.before, $0.after) }
        pairs += transitionRows.map { ($0.before, $0.after) }
        for (i, pair) in pairs.enumerated() {
            for (side, proportion) in [("before", pair.0), ("after", pair.1)] where !proportion.isValid {
                throw ComparisonError.inconsistent(side: side, detail: "\(Self.rowName(i, stageRows.map(\.stage.id), touchpointRows.map(\.name), transitionRows)) counts \(proportion.count) of \(proportion.total)")
            }
        }
        let results = pairs.map { test.run($0.0, $0.1) }
        let inFamily = zip(pairs, results).map { pair, result in
            result.p != nil && pair.0.count + pair.1.count >= options.minCount
        }
        let q = BenjaminiHochberg.adjust(zip(results, inFamily).map { $1 ? $0.p : nil })
        let changes = pairs.indices.map { i -> ProportionChange in
            let status: ChangeStatus
            if results[i].p == nil { status = .untestable }
            else if !inFamily[i] { status = .belowMinCount }
            else { status = q[i]! <= options.alpha ? .significant : .notSignificant }
            return ProportionChange(before: pairs[i].0, after: pairs[i].1, test: results[i].method,
                                    p: results[i].p, q: q[i], status: status)
        }
        var k = 0
        for i in stageRows.indices { stageRows[i].change = changes[k]; k += 1 }
        for i in touchpointRows.indices { touchpointRows[i].change = changes[k]; k += 1 }
        for i in transitionRows.indices { transitionRows[i].change = changes[k]; k += 1 }

        self.init(before: ComparisonSide(label: beforeLabel, graph: before),
                  after: ComparisonSide(label: afterLabel, graph: after), options: options,
                  stages: stageRows.map { StageChange(id: $0.stage.id, names: $0.stage.names, color: $0.stage.color, change: $0.change!) },
                  touchpoints: touchpointRows.map { TouchpointChange(name: $0.name, stage: $0.stage, change: $0.change!) },
                  transitions: transitionRows.map { TransitionChange(from: $0.from, to: $0.to, change: $0.change!) },
                  warnings: Self.warnings(before, after))
    }

    /// `stage x`, `touchpoint y`, `transition a → b` for the i-th row of the three lists.
    private static func rowName(_ i: Int, _ stages: [String], _ touchpoints: [String], _ transitions: [TransitionRow]) -> String {
        if i < stages.count { return "stage \(stages[i])" }
        if i < stages.count + touchpoints.count { return "touchpoint \(touchpoints[i - stages.count])" }
        let t = transitions[i - stages.count - touchpoints.count]
        return "transition \(t.from ?? "(start)") → \(t.to ?? "(end)")"
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

private struct StageRow {
    var stage: JourneyGraph.Stage
    var before: Proportion
    var after: Proportion
    var change: ProportionChange?
}

private struct TouchpointRow {
    var name: String
    var stage: String
    var before: Proportion
    var after: Proportion
    var change: ProportionChange?
}

struct TransitionRow {
    var from: String?
    var to: String?
    var before: Proportion
    var after: Proportion
    var change: ProportionChange?
}
