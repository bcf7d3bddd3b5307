/// `--min-people k` for Sankey flows (docs/privacy.md, "Sankey"): the same rule as the journey
/// graph's (`ComplementarySuppression`), with the sums a Sankey publishes as its groups.
extension SankeyFlows {
    /// The distinct people (cases) behind each number of the flows (`SankeyFlowBuilder.people`).
    public struct People: Sendable, Equatable {
        /// By node id.
        public var nodes: [Int]
        /// By index into `links` (return arcs included).
        public var links: [Int]
        /// By node id: each member of an `.other` node, in member order (empty elsewhere).
        public var members: [[Int]]
        /// By column: people with a path at a touchpoint or "Other" node there.
        public var reached: [Int]
        /// People with a path drawn; without one (`excluded`); with a path cut (`truncated`);
        /// with a move back (`returnJourneys`, `returnMoves`); with an unplaced event.
        public var total, excluded, truncated, returns, unplaced: Int
    }

    /// What `--min-people` withheld from the flows. Withheld nodes (with their links and
    /// members) and links are left out; a withheld column count is nil in `reached`/`skipped`;
    /// a withheld footnote count is 0 in the flows and true here.
    public struct Privacy: Sendable, Equatable {
        public var minPeople: Int
        public var nodes = 0
        public var links = 0
        /// Members of "Other" nodes left out of their lists.
        public var members = 0
        /// Per column: the paths at its touchpoint and "Other" nodes (the header's number); nil: withheld.
        public var reached: [Int?] = []
        /// Per column: the skipped paths (stage mode; 0: none); nil: withheld.
        public var skipped: [Int?] = []
        /// Withheld footnote counts: the paths left out (and with them `journeys` and `people`,
        /// which are 0), the paths cut, the moves back, the unplaced events.
        public var excluded = false, truncated = false, returns = false, unplaced = false

        public init(minPeople: Int) { self.minPeople = minPeople }

        /// Numbers withheld in all.
        public var withheld: Int {
            nodes + links + members + reached.filter { $0 == nil }.count + skipped.filter { $0 == nil }.count
                + [excluded, truncated, returns, unplaced].filter { $0 }.count
        }

        /// "numbers from fewer than 10 people hidden" (Thai with `thai`), as on journey maps.
        public func note(thai: Bool = false) -> String {
            JourneyGraph.PrivacyInfo(minPeople: minPeople).note(thai: thai)
        }
    }

    /// These flows with every number resting on fewer than `k` people withheld, and enough
    /// others that none comes back by subtraction. The published sums (the groups) are: a
    /// node's value and its incoming links, and its outgoing links (where the flow passes
    /// through it); an "Other" node and its members; a column's reached paths and its
    /// touchpoint and "Other" nodes; all paths and each column's reached paths, skipped node,
    /// drop-offs so far and starts to come. Withholding a node withholds its links and members.
    /// - Throws: `MinPeopleError` when fewer than `k` people have a path, or with
    ///   `--percent-of previous` (its bases are sums not published).
    /// - Parameter graph: the full graph of the same journeys (people counted), when the flows
    ///   are published beside the graph `map --min-people k` publishes of them: the two are then
    ///   suppressed jointly, the graph's pattern kept (`SankeyGraphLinks`).
    public func applyingMinPeople(_ k: Int, people p: People, beside graph: JourneyGraph? = nil) throws -> SankeyFlows {
        guard p.total >= k else {
            throw MinPeopleError("--min-people \(k): only \(CountFormat.grouped(p.total)) people in the flows, so every number would be withheld; lower --min-people or add data")
        }
        guard options.percentOf == .start else {
            throw MinPeopleError("--min-people with --percent-of previous: a share of the previous column would reveal its withheld parts; use --percent-of start")
        }
        let plan = suppressionPlan(people: p)
        let hidden: [Bool]
        if let graph {
            hidden = try SankeyGraphLinks(flows: self, plan: plan, graph: graph).withheld(minPeople: k)
        } else {
            hidden = plan.problem.withheld(minPeople: k)
        }
        return published(plan, hidden: hidden, minPeople: k)
    }

    /// The items and sum groups of these flows (`ComplementarySuppression`), and which item
    /// each number of the flows is.
    struct SuppressionPlan {
        var problem: ComplementarySuppression
        var nodeItem: [Int], linkItem: [Int], memberItem: [[Int]], reachedItem: [Int]
        var excludedItem: Int, truncatedItem: Int, returnsItem: Int, unplacedItem: Int
    }

    func suppressionPlan(people p: People) -> SuppressionPlan {
        typealias Item = ComplementarySuppression.Item
        var items: [Item] = []
        func add(_ value: Int, _ people: Int) -> Int { items.append(Item(value: value, people: people)); return items.count - 1 }
        let nodeItem = nodes.map { add($0.value, p.nodes[$0.id]) }
        let linkItem = links.indices.map { add(links[$0].value, p.links[$0]) }
        let memberItem = nodes.map { n in n.members.indices.map { add(n.members[$0].value, p.members[n.id][$0]) } }
        let reachedItem = columns.indices.map { c in
            add(columns[c].nodes.reduce(0) { [.touchpoint, .other].contains(nodes[$1].kind) ? $0 + nodes[$1].value : $0 }, p.reached[c])
        }
        let excludedItem = add(excluded, p.excluded), truncatedItem = add(truncated, p.truncated)
        let returnsItem = add(returnJourneys, p.returns), unplacedItem = add(unplacedEvents, p.unplaced)

        var groups: [ComplementarySuppression.Group] = []
        var cascade: [Int: [Int]] = [:]
        func group(_ members: [Int], total: Int?, value: Int) {
            groups.append(.init(members: members, total: total, unaccounted: value - members.reduce(0) { $0 + items[$1].value }))
        }
        var into = [[Int]](repeating: [], count: nodes.count), outOf = into, arcs = into
        for (i, l) in links.enumerated() {
            if l.kind == .returnArc { arcs[l.source].append(linkItem[i]); arcs[l.target].append(linkItem[i]); continue }
            outOf[l.source].append(linkItem[i]); into[l.target].append(linkItem[i])
        }
        let last = columns.count - 1
        for n in nodes {
            if n.column > 0 && n.kind != .start { group(into[n.id], total: nodeItem[n.id], value: n.value) }
            if n.column < last && n.kind != .dropOff { group(outOf[n.id], total: nodeItem[n.id], value: n.value) }
            if n.kind == .other { group(memberItem[n.id], total: nodeItem[n.id], value: n.value) }
            cascade[nodeItem[n.id]] = into[n.id] + outOf[n.id] + arcs[n.id] + memberItem[n.id]
        }
        for c in columns.indices {
            let ids = columns[c].nodes
            group(ids.filter { [.touchpoint, .other].contains(nodes[$0].kind) }.map { nodeItem[$0] }, total: reachedItem[c],
                  value: items[reachedItem[c]].value)
            let rest = nodes.filter {
                ($0.kind == .skipped && $0.column == c) || ($0.kind == .dropOff && $0.column <= c) || ($0.kind == .start && $0.column >= c)
            }
            group([reachedItem[c]] + rest.map { nodeItem[$0.id] }, total: nil, value: total)
        }
        return SuppressionPlan(problem: ComplementarySuppression(items: items, groups: groups, cascade: cascade),
                               nodeItem: nodeItem, linkItem: linkItem, memberItem: memberItem, reachedItem: reachedItem,
                               excludedItem: excludedItem, truncatedItem: truncatedItem, returnsItem: returnsItem,
                               unplacedItem: unplacedItem)
    }

    /// These flows without the items `hidden` withholds (see `applyingMinPeople`).
    func published(_ plan: SuppressionPlan, hidden: [Bool], minPeople k: Int) -> SankeyFlows {
        let items = plan.problem.items
        let (nodeItem, linkItem, memberItem, reachedItem) = (plan.nodeItem, plan.linkItem, plan.memberItem, plan.reachedItem)
        let (excludedItem, truncatedItem, returnsItem, unplacedItem) = (plan.excludedItem, plan.truncatedItem, plan.returnsItem, plan.unplacedItem)

        var info = Privacy(minPeople: k)
        var newID = [Int](repeating: -1, count: nodes.count)
        var kept: [Node] = []
        for n in nodes where !hidden[nodeItem[n.id]] {
            var m = n
            newID[n.id] = kept.count
            m.id = kept.count
            m.members = n.members.indices.filter { !hidden[memberItem[n.id][$0]] }.map { n.members[$0] }
            m.withheldMembers = n.members.count - m.members.count
            info.members += m.withheldMembers
            kept.append(m)
        }
        info.nodes = nodes.count - kept.count
        var out = self
        out.nodes = kept
        out.links = links.indices.compactMap { i in
            let l = links[i]
            guard !hidden[linkItem[i]], newID[l.source] >= 0, newID[l.target] >= 0 else { return nil }
            return Link(source: newID[l.source], target: newID[l.target], value: l.value, kind: l.kind)
        }
        info.links = links.count - out.links.count
        out.columns = columns.map { col in
            var c = col
            c.nodes = col.nodes.compactMap { newID[$0] >= 0 ? newID[$0] : nil }
            return c
        }
        info.reached = columns.indices.map { hidden[reachedItem[$0]] ? nil : items[reachedItem[$0]].value }
        info.skipped = columns.map { col in
            guard let s = col.nodes.first(where: { nodes[$0].kind == .skipped }) else { return 0 }
            return hidden[nodeItem[s]] ? nil : nodes[s].value
        }
        if hidden[excludedItem] { info.excluded = true; out.excluded = 0; out.journeys = 0; out.people = 0 }
        if hidden[truncatedItem] { info.truncated = true; out.truncated = 0 }
        if hidden[returnsItem] { info.returns = true; out.returnJourneys = 0; out.returnMoves = 0 }
        if hidden[unplacedItem] { info.unplaced = true; out.unplacedEvents = 0 }
        out.privacy = info
        return out
    }
}
