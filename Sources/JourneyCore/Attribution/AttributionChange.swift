/// How each state's removal effect and Markov credit moved between two attributions
/// (`compare --attribution`): every state of either side, by the size of the change of its
/// removal effect (largest first, ties by name); a state missing on one side has effect 0 there.
public struct AttributionChange: Sendable, Equatable {
    public struct Row: Sendable, Equatable {
        public var name: String
        public var effectBefore: Double
        public var effectAfter: Double
        public var markovBefore: Double
        public var markovAfter: Double
        /// After minus before, in removal effect (a share, 0…1).
        public var change: Double { effectAfter - effectBefore }
    }

    public var before: Attribution
    public var after: Attribution
    public var rows: [Row]

    public init(before: Attribution, after: Attribution) {
        self.before = before
        self.after = after
        let b = Dictionary(before.rows.map { ($0.name, $0) }, uniquingKeysWith: { x, _ in x })
        let a = Dictionary(after.rows.map { ($0.name, $0) }, uniquingKeysWith: { x, _ in x })
        rows = Set(b.keys).union(a.keys).map { name in
            Row(name: name, effectBefore: b[name]?.removalEffect ?? 0, effectAfter: a[name]?.removalEffect ?? 0,
                markovBefore: b[name]?.markov ?? 0, markovAfter: a[name]?.markov ?? 0)
        }.sorted { x, y in abs(x.change) != abs(y.change) ? abs(x.change) > abs(y.change) : x.name < y.name }
    }

    public static let csvHeader = "name,removal_effect_before,removal_effect_after,change,markov_before,markov_after"

    public func csv() -> String {
        var out = Self.csvHeader + "\n"
        for r in rows {
            out += [Attribution.csvField(r.name), Attribution.exact(r.effectBefore), Attribution.exact(r.effectAfter),
                    Attribution.exact(r.change), Attribution.exact(r.markovBefore), Attribution.exact(r.markovAfter)]
                .joined(separator: ",") + "\n"
        }
        return out
    }

    /// A Markdown section for the comparison report.
    public func markdown() -> String {
        var out = "\n## Attribution: \(after.conversionName)\n\n"
        out += "Markov removal effect of each \(after.options.by.rawValue) (order \(after.options.order)) before and after: "
        out += "\(before.conversions) conversions of \(before.journeys) journeys before, \(after.conversions) of \(after.journeys) after.\n\n"
        out += "| \(after.options.by.rawValue) | effect before | effect after | change | Markov before | Markov after |\n"
        out += "|---|---:|---:|---:|---:|---:|\n"
        for r in rows {
            let sign = r.change > 0 ? "+" : ""
            out += "| \(r.name.replacingOccurrences(of: "|", with: "\\|")) | \(Attribution.fixed(r.effectBefore * 100, 1)) % | "
                + "\(Attribution.fixed(r.effectAfter * 100, 1)) % | \(sign)\(Attribution.fixed(r.change * 100, 1)) pts | "
                + "\(Attribution.fixed(r.markovBefore, 1)) | \(Attribution.fixed(r.markovAfter, 1)) |\n"
        }
        return out
    }
}
