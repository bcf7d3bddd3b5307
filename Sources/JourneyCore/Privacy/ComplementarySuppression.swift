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
        var hidden = items.indices.map { fixed[$0] ?? (items[$0].value > 0 && items[$0].people < k) }
        func free(_ i: Int) -> Bool { fixed[i] == nil }
        let jointly = fixed.contains { $0 != nil }
        func hide(_ i: Int) { withhold(i, in: &hidden) }
        /// Withholds `i` and what it cascades to, free items only.
        func withhold(_ i: Int, in hidden: inout [Bool]) {
            guard free(i) else { return }
            var stack = [i]
            while let j = stack.popLast() {
                if hidden[j] && j != i { continue }
                guard free(j) else { continue }
                hidden[j] = true
                for c in cascade[j] ?? [] where !hidden[c] { stack.append(c) }
            }
        }
        for i in items.indices where hidden[i] && free(i) { hide(i) }
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
        while true {
            applyGroupRule()
            // Groups overlap (a flow is in its box's outflows and in its target's inflows): a
            // withheld member that protects one group may come back from another, and with it
            // the member it protected. Whatever comes back resting on fewer than k people gets a
            // shown member of the group that gave it back withheld too, then the rule again.
            let leaks = recoverable(hidden).filter { items[$0].value > 0 && items[$0].people < k }
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
                func sums(of x: Int) -> [Group] { groups.filter { $0.total == x || $0.members.contains(x) } }
                func parts(_ g: Group) -> [Int] { g.members + (g.total.map { [$0] } ?? []) }
                let known = Set(recoverable(hidden))
                let near = sums(of: d).flatMap(parts)
                let ring = near + near.filter { $0 != d && hidden[$0] && known.contains($0) }.flatMap { sums(of: $0).flatMap(parts) }
                var seen = Set<Int>()
                let candidates = ring.filter { $0 != d && !hidden[$0] && items[$0].value > 0 && free($0) && seen.insert($0).inserted }
                let ordered = candidates.sorted(by: { rank($0) < rank($1) })
                var chosen: Int?
                for c in ordered {
                    var trial = hidden
                    withhold(c, in: &trial)
                    if !recoverable(trial).contains(d) { chosen = c; break }
                }
                if let next = chosen ?? candidates.min(by: { rank($0) < rank($1) }) {
                    hide(next)
                    continue
                }
            }
            for d in leaks where !jointly {
                for g in groups where g.total == d || g.members.contains(d) {
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
                    for g in groups where g.total == d || g.members.contains(d) {
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
                    let candidates = groups.filter { $0.total == d || $0.members.contains(d) }
                        .flatMap { $0.members + ($0.total.map { [$0] } ?? []) }
                        .filter { !hidden[$0] && items[$0].value > 0 && free($0) }
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

    /// Withheld items (with a value) whose values the shown ones determine through the groups'
    /// sums taken together: each group without an unaccounted part is a linear equation
    /// (total − members = 0); the shown values are known, so the equations over the withheld
    /// items alone decide it. An item is determined when its unit vector lies in their row space,
    /// found by Gauss–Jordan elimination over the prime field 2⁶¹ − 1 (exact: counts and
    /// coefficients ±1 stay far below the prime, so a rational dependency is one there too,
    /// and a false one would need a multiple of the prime as a minor).
    /// The most withheld numbers `determined` solves for (see there).
    public static let linearSystemLimit = 100_000

    func determined(_ hidden: [Bool]) -> [Int] {
        let p: UInt64 = (1 << 61) - 1
        func mul(_ a: UInt64, _ b: UInt64) -> UInt64 { UInt64((UInt128(a) * UInt128(b)) % UInt128(p)) }
        func inverse(_ a: UInt64) -> UInt64 {
            var result: UInt64 = 1, base = a, e = p - 2
            while e > 0 {
                if e & 1 == 1 { result = mul(result, base) }
                base = mul(base, base)
                e >>= 1
            }
            return result
        }
        let unknown = hidden.indices.map { hidden[$0] && items[$0].value > 0 }
        // The solve grows with the withheld numbers and their fill-in: 89,687 withheld (a graph of
        // 3,000 touchpoints and 40,000 cases at k = 5) took 1.6 s. Above the limit it is not run
        // and the single sums above are the rule (docs/privacy.md says so).
        guard unknown.lazy.filter({ $0 }).count <= Self.linearSystemLimit else { return [] }
        // Rows as sparse maps from item to coefficient.
        var rows: [[Int: UInt64]] = []
        for g in groups where g.unaccounted == 0 {
            var row: [Int: UInt64] = [:]
            if let t = g.total, unknown[t] { row[t] = 1 }
            for m in g.members where unknown[m] { row[m] = ((row[m] ?? 0) + p - 1) % p }
            row = row.filter { $0.value != 0 }
            if !row.isEmpty { rows.append(row) }
        }
        var pivots: [(column: Int, row: [Int: UInt64])] = []
        for var row in rows {
            for (column, pivotRow) in pivots {
                guard let c = row[column] else { continue }
                for (j, x) in pivotRow {
                    let v = ((row[j] ?? 0) + p - mul(c, x)) % p
                    row[j] = v == 0 ? nil : v
                }
            }
            guard let column = row.keys.min() else { continue }
            let scale = inverse(row[column]!)
            row = row.mapValues { mul($0, scale) }
            for i in pivots.indices {
                guard let c = pivots[i].row[column] else { continue }
                for (j, x) in row {
                    let v = ((pivots[i].row[j] ?? 0) + p - mul(c, x)) % p
                    pivots[i].row[j] = v == 0 ? nil : v
                }
            }
            pivots.append((column, row))
        }
        return pivots.filter { $0.row.count == 1 }.map(\.column).sorted()
    }
}
