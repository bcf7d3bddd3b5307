import Foundation

extension Attribution {
    /// The CSV header, fixed: `name,removal_effect,markov,first_touch,last_touch,linear`.
    public static let csvHeader = "name,removal_effect,markov,first_touch,last_touch,linear"

    /// One row per state, by Markov credit (largest first); numbers as their shortest exact
    /// decimal (whole numbers without a point), so a reader gets the computed bits back.
    public func csv() -> String {
        var out = Self.csvHeader + "\n"
        for r in rows {
            func cell(_ c: AttributionColumn, _ v: Double, credit: Bool = true) -> String { shows(r, c, credit: credit) ? Self.exact(v) : "" }
            out += [Self.csvField(r.name), cell(.markov, r.removalEffect, credit: false), cell(.markov, r.markov), cell(.firstTouch, r.firstTouch),
                    cell(.lastTouch, r.lastTouch), cell(.linear, r.linear)].joined(separator: ",") + "\n"
        }
        return out
    }

    /// A Markdown report: what was counted, then the table (effects in %, credits to one decimal).
    public func markdown() -> String {
        var out = "# Attribution: \(conversionName)\n\n"
        out += "States: \(options.by.rawValue)s, Markov chain of order \(options.order). "
        out += "\(CountFormat.grouped(journeys)) journeys, " + (conversionsHidden && !conversionsFromFewPeople ? "the conversions after at least one step withheld" : "\(conversionsText()) converting after at least one step")
        if convertedAtFirstStep > 0 {
            out += " (\(firstStepHidden ? "fewer than \(minPeople ?? 0)" : CountFormat.grouped(convertedAtFirstStep)) more converted at their first step: no step to credit)"
        }
        out += "; P(conversion) of the chain \(conversionProbabilityHidden ? "–" : Self.fixed(conversionProbability * 100, 2) + " %").\n\n"
        out += "| \(options.by.rawValue) | removal effect | Markov | first touch | last touch | linear |\n"
        out += "|---|---:|---:|---:|---:|---:|\n"
        for r in rows {
            func cell(_ c: AttributionColumn, _ v: String, credit: Bool = true) -> String { shows(r, c, credit: credit) ? v : "–" }
            out += "| \(r.name.replacingOccurrences(of: "|", with: "\\|")) | \(cell(.markov, Self.fixed(r.removalEffect * 100, 1) + " %", credit: false)) | "
                + "\(cell(.markov, Self.fixed(r.markov, 1))) | \(cell(.firstTouch, Self.fixed(r.firstTouch, 1))) | "
                + "\(cell(.lastTouch, Self.fixed(r.lastTouch, 1))) | \(cell(.linear, Self.fixed(r.linear, 1))) |\n"
        }
        if let offPath = offConvertingJourneysNote() { out += "\n\(offPath).\n" }
        if let note = minPeopleNote() { out += "\n– : \(note) (docs/privacy.md).\n" }
        if let why = conversionsWithheldReason() { out += "\n\(why.prefix(1).uppercased() + why.dropFirst()); P(conversion) of the chain with them.\n" }
        else if conversionProbabilityHidden { out += "\nP(conversion) of the chain withheld: times the journeys it gives back the conversions at the first step.\n" }
        out += "\nRemoval effect: the share of conversions the chain loses when every journey reaching the state stops there. "
        out += "Markov: conversions × effect / sum of effects. First and last touch: each conversion to its journey's first or "
        out += "last step before converting; linear: split evenly over those steps (repeats count).\n"
        return out
    }

    /// The attribution for machines (keys sorted; numbers exact).
    public func jsonData() throws -> Data {
        try PrettyJSONEncoder().encodeData(JSONReport(self))
    }

    struct JSONReport: Encodable {
        struct State: Encodable {
            var name: String, stage: String, removalEffect: Double?, markov: Double?
            var firstTouch: Double?, lastTouch: Double?, linear: Double?
            func encode(to encoder: any Encoder) throws {
                var c = encoder.container(keyedBy: CodingKeys.self)
                try c.encode(name, forKey: .name)
                try c.encode(stage, forKey: .stage)
                try c.encode(removalEffect, forKey: .removalEffect)
                try c.encode(markov, forKey: .markov)
                try c.encode(firstTouch, forKey: .firstTouch)
                try c.encode(lastTouch, forKey: .lastTouch)
                try c.encode(linear, forKey: .linear)
            }
            enum CodingKeys: String, CodingKey { case name, stage, removalEffect, markov, firstTouch, lastTouch, linear }
        }
        var conversion: String, by: String, order: Int, journeys: Int, conversions: Int?
        var convertedAtFirstStep: Int?, conversionProbability: Double?, states: [State]
        var minPeople: Int?, hiddenStates: Int?
        init(_ a: Attribution) {
            conversion = a.conversionName
            by = a.options.by.rawValue
            order = a.options.order
            journeys = a.journeys
            conversions = a.conversionsHidden ? nil : a.conversions
            convertedAtFirstStep = a.firstStepHidden ? nil : a.convertedAtFirstStep
            conversionProbability = a.conversionProbabilityHidden ? nil : a.conversionProbability
            minPeople = a.minPeople
            hiddenStates = a.minPeople == nil ? nil : a.hiddenStates
            states = a.rows.map { r in
                func cell(_ c: AttributionColumn, _ v: Double, credit: Bool = true) -> Double? { a.shows(r, c, credit: credit) ? v : nil }
                return State(name: r.name, stage: a.stages.indices.contains(r.stageIndex) ? a.stages[r.stageIndex].id : "",
                             removalEffect: cell(.markov, r.removalEffect, credit: false), markov: cell(.markov, r.markov),
                             firstTouch: cell(.firstTouch, r.firstTouch), lastTouch: cell(.lastTouch, r.lastTouch),
                             linear: cell(.linear, r.linear))
            }
        }
    }

    static func exact(_ d: Double) -> String {
        if d == d.rounded(), abs(d) < 1e15 { return String(Int64(d)) }
        return "\(d)"
    }

    static func fixed(_ d: Double, _ places: Int) -> String { String(format: "%.\(places)f", d) }

    static func csvField(_ s: String) -> String {
        s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" })
            ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
    }
}
