/// The one rule of `--min-people k` for numbers that add up to a published total
/// (docs/privacy.md, "Subtraction"): used for the journey graph (`JourneyGraph.applyingMinPeople`).
///
/// Items are numbers, each with the distinct people behind it. An item resting on fewer than
/// `k` people is withheld (a 0 rests on nobody and is shown). A *group* is a set of items whose
/// values add up to a total that is published (a box's events and its outgoing flows with its
/// ending journeys, a stage's events and its touchpoints' events, the journeys and the starts);
/// the part of the total no member accounts for (flows hidden earlier, variants past the list)
/// is a member withheld from the start with no people known. Subtraction gives back only the
/// sum of a group's withheld members, so each group must hold, when its total is shown:
///
/// - no withheld member with a value, or
/// - a withheld member resting on `k` people or more (the sum then rests on `k` or more), or
/// - no shown member with a value (the sum is the total itself, shown because `k` or more
///   people are behind it).
///
/// A withheld total (a box or stage withheld for its own people or to protect another sum)
/// must not come back by adding its members up either: unless a member with a value is
/// withheld or part of the total is unaccounted, its member with the fewest people is withheld.
///
/// Otherwise the shown member with the fewest people (ties: the lowest index) is withheld too,
/// and everything is checked again until nothing changes (withholding only grows, so this ends).
/// Withholding an item may withhold others with it (`cascade`: a box withholds its flows).
public struct ComplementarySuppression: Sendable {
    public struct Item: Sendable, Equatable {
        public var value: Int
        public var people: Int
        public init(value: Int, people: Int) { self.value = value; self.people = people }
    }

    public struct Group: Sendable, Equatable {
        public var members: [Int]
        /// The item whose value is the total, when it is an item that can be withheld (a box, a
        /// stage); nil for totals always shown (all journeys). A group of a withheld total needs only
        /// one withheld member (or an unaccounted part), so the total does not come back by addition.
        public var total: Int?
        /// The total's value minus the members' values: the unaccounted part (0 or more).
        public var unaccounted: Int
        public init(members: [Int], total: Int?, unaccounted: Int = 0) {
            self.members = members; self.total = total; self.unaccounted = max(0, unaccounted)
        }
    }

    public var items: [Item]
    public var groups: [Group]
    /// Items withheld together with an item (its flows for a box).
    public var cascade: [Int: [Int]]

    public init(items: [Item], groups: [Group], cascade: [Int: [Int]] = [:]) {
        self.items = items; self.groups = groups; self.cascade = cascade
    }

    /// Which items are withheld at threshold `k`.
    ///
    /// `fixed` (by item; nil: free) holds items whose state is already decided: `true` withheld,
    /// `false` shown — another output of the same data published them so (`SankeyGraphLinks`:
    /// a Sankey suppressed beside the graph `map --min-people` publishes). The rule then
    /// withholds only free items: a group needing one more withheld member takes its free member
    /// with the fewest people, and a shown fixed item is never withheld.
    public func withheld(minPeople k: Int, fixed: [Bool?]? = nil) -> [Bool] {
        let fixed = fixed ?? [Bool?](repeating: nil, count: items.count)
        let occurrences = Occurrences(items: items.count, groups: groups)
        var hidden = items.indices.map { fixed[$0] ?? (items[$0].value > 0 && items[$0].people < k) }
        /// Groups whose numbers changed since the rule last looked at them (it found nothing to
        /// do in the others, and would again).
        var dirty = [Bool](repeating: true, count: groups.count)
        func free(_ i: Int) -> Bool { fixed[i] == nil }
        let jointly = fixed.contains { $0 != nil }
        /// Withholds `i` and what it cascades to, free items only.
        func hide(_ i: Int) {
            withhold(i, in: &hidden) { j in
                for g in occurrences.member[j] { dirty[Int(g)] = true }
                for g in occurrences.total[j] { dirty[Int(g)] = true }
            }
        }
        func withhold(_ i: Int, in hidden: inout [Bool], changed: (Int) -> Void = { _ in }) {
            guard free(i) else { return }
            var stack = [i]
            while let j = stack.popLast() {
                if hidden[j] && j != i { continue }
                guard free(j) else { continue }
                if !hidden[j] { changed(j) }
                hidden[j] = true
                for c in cascade[j] ?? [] where !hidden[c] { stack.append(c) }
            }
        }
        for i in items.indices where hidden[i] && free(i) { hide(i) }
        /// The rule of each group on its own (see the type's comment), until nothing changes:
        /// passes over the groups in order, each looking at the groups changed since.
        func applyGroupRule() {
            var changed = true
            while changed {
                changed = false
                for gi in groups.indices where dirty[gi] {
                    dirty[gi] = false
                    let g = groups[gi]
                    let withValue = g.members.filter { items[$0].value > 0 }
                    let hiddenMembers = withValue.filter { hidden[$0] }
                    if let t = g.total, hidden[t] {
                        // A withheld total must not come back by adding its shown members up.
                        guard items[t].value > 0, hiddenMembers.isEmpty, g.unaccounted == 0,
                              let next = withValue.filter(free).min(by: { (items[$0].people, $0) < (items[$1].people, $1) }) else { continue }
                        hide(next)
                        changed = true
                        continue
                    }
                    guard !hiddenMembers.isEmpty || g.unaccounted > 0 else { continue }
                    if hiddenMembers.contains(where: { items[$0].people >= k }) { continue }
                    let shown = withValue.filter { !hidden[$0] && free($0) }
                    guard let next = shown.min(by: { (items[$0].people, $0) < (items[$1].people, $1) }) else { continue }
                    hide(next)
                    changed = true
                }
            }
        }
        /// The members and total of each group holding `x`, in group order.
        func sumsParts(of x: Int) -> [Int] {
            occurrences.groups(of: x).flatMap { groups[$0].members + (groups[$0].total.map { [$0] } ?? []) }
        }
        while true {
            applyGroupRule()
            // Groups overlap (a flow is in its box's outflows and in its target's inflows): a
            // withheld member that protects one group may come back from another, and with it
            // the member it protected. Whatever comes back resting on fewer than k people gets a
            // shown member of the group that gave it back withheld too, then the rule again.
            let back = recoverable(hidden, occurrences)
            let leaks = back.filter { items[$0].value > 0 && items[$0].people < k }
            var progressed = false
            if jointly, let d = leaks.first {
                // Beside another output's fixed pattern many sums link the two, and a number
                // can come back through several; withholding a member that comes back itself
                // protects nothing. So the free items of its sums, and of the sums of their
                // members that come back, are tried in turn — flows before boxes (a box withholds
                // its flows with it), fewest people first — and the first whose withholding leaves
                // the number unknown is withheld; when none does alone, the first of them, and
                // the next round goes on.
                func rank(_ i: Int) -> (Int, Int, Int) { ((cascade[i]?.isEmpty ?? true) ? 0 : 1, items[i].people, i) }
                let known = Set(back)
                let near = sumsParts(of: d)
                let ring = near + near.filter { $0 != d && hidden[$0] && known.contains($0) }.flatMap(sumsParts(of:))
                var seen = Set<Int>()
                let candidates = ring.filter { $0 != d && !hidden[$0] && items[$0].value > 0 && free($0) && seen.insert($0).inserted }
                let ordered = candidates.sorted(by: { rank($0) < rank($1) })
                var chosen: Int?
                for c in ordered {
                    var trial = hidden
                    withhold(c, in: &trial)
                    if !recoverable(trial, occurrences).contains(d) { chosen = c; break }
                }
                if let next = chosen ?? candidates.min(by: { rank($0) < rank($1) }) {
                    hide(next)
                    continue
                }
            }
            for d in leaks where !jointly {
                for gi in occurrences.groups(of: d) {
                    let g = groups[gi]
                    let candidates = (g.members + (g.total.map { [$0] } ?? []))
                        .filter { $0 != d && !hidden[$0] && items[$0].value > 0 && free($0) }
                    if let next = candidates.min(by: { (items[$0].people, $0) < (items[$1].people, $1) }) {
                        hide(next)
                        progressed = true
                        break
                    }
                }
            }
            if !progressed && !leaks.isEmpty {
                // With fixed items a group may have no free member left to withhold, and the
                // member withheld above may not cut the chain that gave `d` back: withhold every
                // free member of every group holding a leaked item, then look again.
                for d in leaks {
                    for gi in occurrences.groups(of: d) {
                        let g = groups[gi]
                        for i in g.members + (g.total.map { [$0] } ?? []) where !hidden[i] && items[i].value > 0 && free(i) {
                            hide(i)
                            progressed = true
                        }
                    }
                }
            }
            if !progressed {
                // Sums chained one at a time are not all: several sums solved together can give
                // a withheld number back (e1 + e2, e1 + e3 and e2 + e3 give e1). Each withheld
                // number the published ones determine as one linear system gets a free shown
                // member of one of its sums withheld too, then everything is checked again.
                for d in determined(hidden) where items[d].people < k {
                    let candidates = sumsParts(of: d).filter { !hidden[$0] && items[$0].value > 0 && free($0) }
                    // One complement for each number determined (not one per solve: on a graph of
                    // 3,000 touchpoints that re-solved the system for every number).
                    if let next = candidates.min(by: { (items[$0].people, $0) < (items[$1].people, $1) }) {
                        hide(next)
                        progressed = true
                    }
                }
                if progressed { applyGroupRule() }
            }
            if !progressed { break }
        }
        return hidden
    }

    /// Withheld items whose values follow from the shown ones by the groups' sums
    /// (`recoverable(_:_:)`).
    func recoverable(_ hidden: [Bool]) -> [Int] {
        recoverable(hidden, Occurrences(items: items.count, groups: groups))
    }
}
