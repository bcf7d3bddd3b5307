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
    public func withheld(minPeople k: Int) -> [Bool] {
        var hidden = items.map { $0.value > 0 && $0.people < k }
        func hide(_ i: Int) {
            var stack = [i]
            while let j = stack.popLast() {
                if hidden[j] && j != i { continue }
                hidden[j] = true
                for c in cascade[j] ?? [] where !hidden[c] { stack.append(c) }
            }
        }
        for i in items.indices where hidden[i] { hide(i) }
        /// The rule of each group on its own (see the type's comment), until nothing changes.
        func applyGroupRule() {
            var changed = true
            while changed {
                changed = false
                for g in groups {
                    let withValue = g.members.filter { items[$0].value > 0 }
                    let hiddenMembers = withValue.filter { hidden[$0] }
                    if let t = g.total, hidden[t] {
                        // A withheld total must not come back by adding its shown members up.
                        guard items[t].value > 0, hiddenMembers.isEmpty, g.unaccounted == 0,
                              let next = withValue.min(by: { (items[$0].people, $0) < (items[$1].people, $1) }) else { continue }
                        hide(next)
                        changed = true
                        continue
                    }
                    guard !hiddenMembers.isEmpty || g.unaccounted > 0 else { continue }
                    if hiddenMembers.contains(where: { items[$0].people >= k }) { continue }
                    let shown = withValue.filter { !hidden[$0] }
                    guard let next = shown.min(by: { (items[$0].people, $0) < (items[$1].people, $1) }) else { continue }
                    hide(next)
                    changed = true
                }
            }
        }
        while true {
            applyGroupRule()
            // Groups overlap (a flow is in its box's outflows and in its target's inflows): a
            // withheld member that protects one group may come back from another, and with it
            // the member it protected. Whatever comes back resting on fewer than k people gets a
            // shown member of the group that gave it back withheld too, then the rule again.
            let leaks = recoverable(hidden).filter { items[$0].value > 0 && items[$0].people < k }
            var progressed = false
            for d in leaks {
                for g in groups where g.total == d || g.members.contains(d) {
                    let candidates = (g.members + (g.total.map { [$0] } ?? []))
                        .filter { $0 != d && !hidden[$0] && items[$0].value > 0 }
                    if let next = candidates.min(by: { (items[$0].people, $0) < (items[$1].people, $1) }) {
                        hide(next)
                        progressed = true
                        break
                    }
                }
            }
            if !progressed { break }
        }
        return hidden
    }

    /// Withheld items whose values follow from the shown ones by the groups' sums, applied
    /// again and again (a value found in one group is known in every other): a group whose
    /// total is known and which has exactly one unknown member gives it back; a group whose
    /// members are all known gives back its total. A group with an unaccounted part gives
    /// back nothing (that part is unknown too).
    func recoverable(_ hidden: [Bool]) -> [Int] {
        var known = hidden.indices.map { !hidden[$0] || items[$0].value == 0 }
        var changed = true
        while changed {
            changed = false
            for g in groups where g.unaccounted == 0 {
                let totalKnown = g.total.map { known[$0] } ?? true
                let unknown = g.members.filter { !known[$0] }
                if totalKnown && unknown.count == 1 {
                    known[unknown[0]] = true
                    changed = true
                } else if !totalKnown && unknown.isEmpty, let t = g.total {
                    known[t] = true
                    changed = true
                }
            }
        }
        return hidden.indices.filter { hidden[$0] && known[$0] }
    }
}
