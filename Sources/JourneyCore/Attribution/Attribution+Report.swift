import Foundation

extension Attribution {
    /// The CSV header, fixed: `name,removal_effect,markov,first_touch,last_touch,linear`.
    public static let csvHeader = "name,removal_effect,markov,first_touch,last_touch,linear"

    /// One row per state, by Markov credit (largest first); numbers as their shortest exact
    /// decimal (whole numbers without a point), so a reader gets the computed bits back.
    public func csv() -> String {
        var out = Self.csvHeader + "\n"
        for r in rows {
            out += [Self.csvField(r.name), Self.exact(r.removalEffect), Self.exact(r.markov), Self.exact(r.firstTouch),
                    Self.exact(r.lastTouch), Self.exact(r.linear)].joined(separator: ",") + "\n"
        }
        return out
    }

    /// A Markdown report: what was counted, then the table (effects in %, credits to one decimal).
    public func markdown() -> String {
        var out = "# Attribution: \(conversionName)\n\n"
        out += "States: \(options.by.rawValue)s, Markov chain of order \(options.order). "
        out += "\(journeys) journeys, \(conversions) converting after at least one step"
        if convertedAtFirstStep > 0 { out += " (\(convertedAtFirstStep) more converted at their first step: no step to credit)" }
        out += "; P(conversion) of the chain \(Self.fixed(conversionProbability * 100, 2)) %.\n\n"
        out += "| \(options.by.rawValue) | removal effect | Markov | first touch | last touch | linear |\n"
        out += "|---|---:|---:|---:|---:|---:|\n"
        for r in rows {
            out += "| \(r.name.replacingOccurrences(of: "|", with: "\\|")) | \(Self.fixed(r.removalEffect * 100, 1)) % | "
                + "\(Self.fixed(r.markov, 1)) | \(Self.fixed(r.firstTouch, 1)) | \(Self.fixed(r.lastTouch, 1)) | \(Self.fixed(r.linear, 1)) |\n"
        }
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
            var name: String, stage: String, removalEffect: Double, markov: Double
            var firstTouch: Double, lastTouch: Double, linear: Double
        }
        var conversion: String, by: String, order: Int, journeys: Int, conversions: Int
        var convertedAtFirstStep: Int, conversionProbability: Double, states: [State]
        init(_ a: Attribution) {
            conversion = a.conversionName
            by = a.options.by.rawValue
            order = a.options.order
            journeys = a.journeys
            conversions = a.conversions
            convertedAtFirstStep = a.convertedAtFirstStep
            conversionProbability = a.conversionProbability
            states = a.rows.map {
                State(name: $0.name, stage: a.stages.indices.contains($0.stageIndex) ? a.stages[$0.stageIndex].id : "",
                      removalEffect: $0.removalEffect, markov: $0.markov, firstTouch: $0.firstTouch,
                      lastTouch: $0.lastTouch, linear: $0.linear)
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
