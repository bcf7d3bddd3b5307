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
    /// `--min-people`: the threshold, and the states left out because a side withholds their
    /// removal effect (nil, 0 without it).
    public var minPeople: Int?
    public var withheldRows = 0
    /// The Markov credits are withheld (`–`, empty in the CSV): a side withholds its conversions,
    /// which its shown credits would add up to.
    public var markovWithheld = false

    /// `compare --attribution --min-people k` (docs/privacy.md): each side published by the
    /// `attribution` rules (`applyingMinPeople`), and a state's row shown only when neither side
    /// withholds its removal effect (a state the side's journeys never pass is 0 there, resting
    /// on nobody). Every number shown is then one its side's `attribution --min-people k`
    /// shows, so nothing comes back that that does not give back.
    public init(before full: Attribution, after fullAfter: Attribution, minPeople k: Int) {
        let b = full.applyingMinPeople(k), a = fullAfter.applyingMinPeople(k)
        self.init(before: b, after: a)
        minPeople = k
        func withheld(_ name: String, _ full: Attribution, _ published: Attribution) -> Bool {
            guard full.rows.contains(where: { $0.name == name }) else { return false }
            guard let row = published.rows.first(where: { $0.name == name }) else { return true }
            return row.hidden.contains(.markov)
        }
        let names = Set(full.rows.map(\.name)).union(fullAfter.rows.map(\.name))
        let hidden = names.filter { withheld($0, full, b) || withheld($0, fullAfter, a) }
        // Rows of either side (the published sides hold only their shown states): all names.
        let rb = Dictionary(b.rows.map { ($0.name, $0) }, uniquingKeysWith: { x, _ in x })
        let ra = Dictionary(a.rows.map { ($0.name, $0) }, uniquingKeysWith: { x, _ in x })
        rows = names.subtracting(hidden).map { name in
            Row(name: name, effectBefore: rb[name]?.removalEffect ?? 0, effectAfter: ra[name]?.removalEffect ?? 0,
                markovBefore: rb[name]?.markov ?? 0, markovAfter: ra[name]?.markov ?? 0)
        }.sorted { x, y in abs(x.change) != abs(y.change) ? abs(x.change) > abs(y.change) : x.name < y.name }
        withheldRows = hidden.count
        markovWithheld = b.conversionsHidden || a.conversionsHidden
    }

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
                    Attribution.exact(r.change), markovWithheld ? "" : Attribution.exact(r.markovBefore),
                    markovWithheld ? "" : Attribution.exact(r.markovAfter)]
                .joined(separator: ",") + "\n"
        }
        return out
    }

    /// A Markdown section for the comparison report.
    public func markdown() -> String {
        var out = "\n## Attribution: \(after.conversionName)\n\n"
        out += "Markov removal effect of each \(after.options.by.rawValue) (order \(after.options.order)) before and after: "
        func conversions(_ a: Attribution) -> String { a.conversionsHidden ? "–" : CountFormat.grouped(a.conversions) }
        out += "\(conversions(before)) conversions of \(CountFormat.grouped(before.journeys)) journeys before, \(conversions(after)) of \(CountFormat.grouped(after.journeys)) after.\n\n"
        out += "| \(after.options.by.rawValue) | effect before | effect after | change | Markov before | Markov after |\n"
        out += "|---|---:|---:|---:|---:|---:|\n"
        for r in rows {
            // The report's minus sign (−), as its other changes are written.
            let change = Attribution.fixed(abs(r.change) * 100, 1)
            let signed = change == "0.0" ? "±0.0" : (r.change > 0 ? "+" : "−") + change
            out += "| \(r.name.replacingOccurrences(of: "|", with: "\\|")) | \(Attribution.fixed(r.effectBefore * 100, 1)) % | "
                + "\(Attribution.fixed(r.effectAfter * 100, 1)) % | \(signed) pts | "
                + (markovWithheld ? "– | – |\n" : "\(Attribution.fixed(r.markovBefore, 1)) | \(Attribution.fixed(r.markovAfter, 1)) |\n")
        }
        // Not tested as the report's other changes are: say so, and what was not credited.
        out += "\nThe changes of removal effect are not tested (each side's effects come from its own Markov chain, without an "
            + "interval): unlike the changes above, a difference of a few points may be chance.\n"
        let firstStep = [(before, "before"), (after, "after")].filter { $0.0.convertedAtFirstStep > 0 }.map { a, side in
            "\(a.firstStepHidden ? "fewer than \(a.minPeople ?? 0)" : CountFormat.grouped(a.convertedAtFirstStep)) \(side)"
        }
        if !firstStep.isEmpty {
            out += "Journeys converted at their first step have no step to credit and are left out: \(firstStep.joined(separator: ", ")).\n"
        }
        if let k = minPeople {
            out += "\nNumbers from fewer than \(k) people hidden (--min-people \(k)): "
                + "\(withheldRows) state\(withheldRows == 1 ? "" : "s") withheld on either side left out"
                + (markovWithheld ? "; Markov credits withheld with a side's conversions" : "") + " (docs/privacy.md).\n"
        }
        return out
    }
}
