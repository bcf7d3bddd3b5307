/// `compare --min-people k` (docs/privacy.md, "compare"): each side's graph published by the
/// graph rules (`JourneyGraph.applyingMinPeople`), and a row of the comparison shown only when
/// neither side withholds its number. A row withheld on one side is left out whole (its
/// change, p and q would give the withheld count back from the shown side and the totals) and
/// is not tested: the Benjamini–Hochberg family is the shown rows.
public struct PublishedPair: Sendable {
    public var before: JourneyGraph
    public var after: JourneyGraph
    private var stages = Set<String>()
    private var touchpoints = Set<String>()
    /// Starts as `"\u{1}" + name`, ends as `name + "\u{1}"`, transitions as `from + "\u{1}" + to`.
    private var transitions = Set<String>()

    /// - Throws: `MinPeopleError` as `applyingMinPeople` (people unknown, fewer than `k` on a side).
    public init(before: JourneyGraph, after: JourneyGraph, minPeople k: Int) throws {
        self.before = try before.applyingMinPeople(k)
        self.after = try after.applyingMinPeople(k)
        for (full, published) in [(before, self.before), (after, self.after)] {
            let withheldStages = Set(published.privacy?.stages ?? [])
            for s in full.stages where s.events > 0 && withheldStages.contains(s.id) { stages.insert(s.id) }
            let shown = Dictionary(published.touchpoints.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
            for t in full.touchpoints {
                guard let p = shown[t.name] else {
                    if t.journeys > 0 { touchpoints.insert(t.name) }
                    continue
                }
                if t.starts > 0 && p.starts == 0 { transitions.insert("\u{1}" + t.name) }
                if t.ends > 0 && p.ends == 0 { transitions.insert(t.name + "\u{1}") }
            }
            let shownEdges = Set(published.edges.map { $0.from + "\u{1}" + $0.to })
            for e in full.edges where e.count > 0 && !shownEdges.contains(e.from + "\u{1}" + e.to) {
                transitions.insert(e.from + "\u{1}" + e.to)
            }
        }
    }

    /// The stage's journeys are withheld on a side.
    public func withholds(stage id: String) -> Bool { stages.contains(id) }

    /// The touchpoint is withheld on a side (it had journeys there and is left out).
    public func withholds(touchpoint name: String) -> Bool { touchpoints.contains(name) }

    /// The start (`from` nil), end (`to` nil) or transition is withheld on a side, or the
    /// touchpoint whose moves out are its total is.
    public func withholds(from: String?, to: String?) -> Bool {
        if let from, touchpoints.contains(from) { return true }
        if let to, touchpoints.contains(to) { return true }
        return transitions.contains((from ?? "") + "\u{1}" + (to ?? ""))
    }

    /// The pair to draw: the published graphs (`unionGraph` merges them for the layout).
    public func pair(_ pair: ComparisonPair) -> ComparisonPair {
        var p = pair
        p.before = before
        p.after = after
        return p
    }
}
