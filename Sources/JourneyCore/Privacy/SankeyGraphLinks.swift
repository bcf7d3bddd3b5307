/// `--min-people k` for a Sankey published beside the journey graph of the same journeys
/// (docs/privacy.md, "Outputs of the same data"): `sankey --min-people k` beside
/// `map --min-people k` of one log, and each side of `compare --diff-sankey` beside the report.
///
/// The two outputs count the same journeys, so some of their numbers meet: by step, the first
/// column's cells are the graph's starts; a touchpoint's cells over all columns are its events;
/// a link between two touchpoint nodes is a part of the graph's flow between them; a listed
/// variant is a part of every node and link its path passes. Suppressed one by one, a number
/// one output withholds could come back from the other (an "Other" node minus the starts the
/// graph shows of its members). So both are one `ComplementarySuppression` problem: the graph's
/// items, the flows' items, their own sum groups, and a **linking group** for each such meeting.
///
/// The graph is the primary release: its pattern is what `JourneyGraph.applyingMinPeople`
/// gives alone (fixed), so the map, stats and journey file keep their bytes and any Sankey of
/// the same journeys at the same `k` can be published beside them; only the flows' items are
/// withheld further.
///
/// A linking group is added only when it is exact: its members are parts of the total's units
/// by construction (disjoint: different columns, different paths) **and** their values add up
/// to the total's. A part short of the total (paths cut at `--steps`, touchpoints inside an
/// "Other" node whose moves are not split, repeats folded by `--collapse-repeats`) gives back
/// no number either output has, so it links nothing.
struct SankeyGraphLinks {
    let flows: SankeyFlows
    let plan: SankeyFlows.SuppressionPlan
    let graph: JourneyGraph

    init(flows: SankeyFlows, plan: SankeyFlows.SuppressionPlan, graph: JourneyGraph) throws {
        guard graph.peopleKnown else {
            throw MinPeopleError("--min-people: the journey graph beside the Sankey holds no people counts; mine it again with --people")
        }
        self.flows = flows
        self.plan = plan
        self.graph = graph
    }

    /// Which items of the flows' plan are withheld: the joint problem solved with the graph's
    /// items fixed as the graph publishes them alone.
    func withheld(minPeople k: Int) -> [Bool] {
        let joint = problem(minPeople: k)
        let hidden = joint.problem.withheld(minPeople: k, fixed: joint.fixed)
        return Array(hidden[0..<plan.problem.items.count])
    }

    /// The joint problem: the flows' items first (their indices unchanged), then the graph's,
    /// then each stage's journeys; `fixed` holds the graph's published pattern.
    func problem(minPeople k: Int) -> (problem: ComplementarySuppression, fixed: [Bool?]) {
        let graphPlan = graph.suppressionPlan()
        let graphHidden = graphPlan.problem.withheld(minPeople: k)
        let offset = plan.problem.items.count
        var items = plan.problem.items + graphPlan.problem.items
        var fixed = [Bool?](repeating: nil, count: offset) + graphHidden.map { Optional($0) }
        var groups = plan.problem.groups
        for g in graphPlan.problem.groups {
            groups.append(.init(members: g.members.map { $0 + offset }, total: g.total.map { $0 + offset }, unaccounted: g.unaccounted))
        }
        var cascade = plan.problem.cascade
        for (i, c) in graphPlan.problem.cascade { cascade[i + offset] = c.map { $0 + offset } }

        // A stage's journeys (published with its events, withheld with them, the same people).
        let stageJourneys = graph.stages.indices.map { s -> Int in
            items.append(.init(value: graph.stages[s].journeys, people: graph.stages[s].peopleCount))
            fixed.append(graphHidden[graphPlan.stage[s]])
            return items.count - 1
        }
        func link(total: Int, members: [Int]) {
            guard !members.isEmpty, items[total].value > 0,
                  members.reduce(0, { $0 + items[$1].value }) == items[total].value else { return }
            groups.append(.init(members: members, total: total))
        }
        let graphItem = GraphItems(graph: graph, plan: graphPlan, offset: offset)
        for (total, members) in partsOfGraphNumbers(graphItem) { link(total: total, members: members) }
        if flows.mode == .stages && flows.options.countBy == .journeys {
            let stageIndex = Dictionary(graph.stages.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
            for c in flows.columns.indices {
                guard let si = flows.columns[c].stageIndex, si < flows.stages.count,
                      let s = stageIndex[flows.stages[si].id] else { continue }
                link(total: stageJourneys[s], members: [plan.reachedItem[c]])
            }
        }
        for (total, members) in variantParts(graphItem) { link(total: total, members: members) }
        return (ComplementarySuppression(items: items, groups: groups, cascade: cascade), fixed)
    }

    /// The graph's items by what they count, at their index in the joint problem.
    struct GraphItems {
        var events: [String: Int] = [:], starts: [String: Int] = [:], ends: [String: Int] = [:]
        var edges: [String: Int] = [:]
        var variants: [(path: [String], item: Int)] = []

        init(graph: JourneyGraph, plan: JourneyGraph.SuppressionPlan, offset: Int) {
            for (i, t) in graph.touchpoints.enumerated() {
                events[t.name] = plan.touchpoint[i] + offset
                starts[t.name] = plan.start[i] + offset
                ends[t.name] = plan.end[i] + offset
            }
            for (i, e) in graph.edges.enumerated() { edges[e.from + "\u{1}" + e.to] = plan.edge[i] + offset }
            variants = graph.variants.top.indices.map { (graph.variants.top[$0].path, plan.variant[$0] + offset) }
        }
    }

    /// The touchpoint (`.touchpoint` node) or "Other" member cells of a column: (name, item).
    private func cells(column c: Int) -> [(name: String, item: Int)] {
        flows.columns[c].nodes.flatMap { id -> [(name: String, item: Int)] in
            let n = flows.nodes[id]
            switch n.kind {
            case .touchpoint: return n.touchpoint.map { [($0, plan.nodeItem[id])] } ?? []
            case .other: return n.members.indices.map { (n.members[$0].name, plan.memberItem[id][$0]) }
            default: return []
            }
        }
    }

    /// For each of the graph's events, starts, ends and flows: the flows' numbers that count a
    /// part of its units (each unit in one of them at most), by the Sankey's mode.
    /// In the order of the graph's items: the rule's outcome depends on the order of its groups,
    /// and a dictionary's order changes from run to run (two runs had withheld 258 and 259 flows,
    /// and two patterns of one output published side by side can give numbers back).
    private func partsOfGraphNumbers(_ g: GraphItems) -> [(Int, [Int])] {
        var parts: [Int: [Int]] = [:]
        func add(_ total: Int?, _ item: Int) { if let total { parts[total, default: []].append(item) } }
        let by = flows.options.countBy
        let steps = flows.mode == .steps
        let backward: Bool
        if case .to = flows.options.anchor { backward = true } else { backward = false }
        // With `--count events` every event starts (or, `--to`, ends) a path, so only the anchor
        // column's steps are each event once; the other columns count events again.
        let anchorColumn = backward ? flows.columns.count - 1 : 0
        for c in flows.columns.indices {
            for cell in cells(column: c) {
                // A step (or a stage's first touchpoint) is one event of its touchpoint; with
                // `--collapse-repeats` the first of its run.
                if by != .events || c == anchorColumn { add(g.events[cell.name], cell.item) }
                // By step from each journey's (or person's) first event: column 1 is the starts.
                if steps && flows.options.anchor == nil && by != .events && c == 0 { add(g.starts[cell.name], cell.item) }
            }
        }
        guard steps else { return parts.sorted { $0.key < $1.key }.map { ($0.key, $0.value) } }
        for (i, l) in flows.links.enumerated() {
            let source = flows.nodes[l.source], target = flows.nodes[l.target]
            switch l.kind {
            case .forward:
                // A move between two touchpoint nodes is a move of the graph's flow between
                // them — not with `--count people` (a person's sessions are joined there).
                guard source.kind == .touchpoint, target.kind == .touchpoint,
                      let a = source.touchpoint, let b = target.touchpoint else { continue }
                let anchored = backward ? target.column == anchorColumn : source.column == anchorColumn
                if by == .journeys || (by == .events && anchored) { add(g.edges[a + "\u{1}" + b], plan.linkItem[i]) }
            case .dropOff:
                // A path that ends before the last column ends where its journey ends.
                guard !backward, source.kind == .touchpoint, let a = source.touchpoint else { continue }
                if by != .events || source.column == anchorColumn { add(g.ends[a], plan.linkItem[i]) }
            case .entry:
                // `--to`: a path that begins after a `.start` node begins where its journey does.
                guard backward, by != .events, target.kind == .touchpoint, let b = target.touchpoint else { continue }
                add(g.starts[b], plan.linkItem[i])
            case .returnArc:
                continue
            }
        }
        return parts.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }

    /// By step from each journey's first event, counting journeys: each listed variant's
    /// journeys follow one path, so they are a part of every node, "Other" member, column and
    /// link that path passes; a number of the flows whose listed variants add up to it is
    /// their sum (a journey of one step at a touchpoint is its drop-off link, and so on).
    private func variantParts(_ g: GraphItems) -> [(Int, [Int])] {
        guard flows.mode == .steps, flows.options.anchor == nil, flows.options.countBy == .journeys else { return [] }
        let N = flows.options.steps
        var nodeAt: [String: Int] = [:]       // "column|name" → node id (touchpoint node, or the Other node holding it)
        var memberAt: [String: Int] = [:]     // "column|name" → member item of an Other node
        var dropOffAt: [Int: Int] = [:]       // column → dropOff node id
        for n in flows.nodes {
            switch n.kind {
            case .touchpoint: if let t = n.touchpoint { nodeAt["\(n.column)|\(t)"] = n.id }
            case .other:
                for (m, member) in n.members.enumerated() {
                    nodeAt["\(n.column)|\(member.name)"] = n.id
                    memberAt["\(n.column)|\(member.name)"] = plan.memberItem[n.id][m]
                }
            case .dropOff: dropOffAt[n.column] = n.id
            default: break
            }
        }
        var linkAt: [String: Int] = [:]
        for (i, l) in flows.links.enumerated() where l.kind != .returnArc { linkAt["\(l.source)>\(l.target)"] = plan.linkItem[i] }

        var parts: [Int: [Int]] = [:]
        for v in g.variants {
            var path = v.path
            if flows.options.collapseRepeats {
                path = path.enumerated().filter { $0.offset == 0 || path[$0.offset - 1] != $0.element }.map(\.element)
            }
            guard !path.isEmpty else { continue }
            var passed: [Int] = []
            var previous: Int?
            var complete = true
            for (c, name) in path.prefix(N).enumerated() {
                guard c < flows.columns.count, let node = nodeAt["\(c)|\(name)"] else { complete = false; break }
                passed.append(plan.nodeItem[node])
                passed.append(plan.reachedItem[c])
                if let m = memberAt["\(c)|\(name)"] { passed.append(m) }
                if let p = previous {
                    guard let l = linkAt["\(p)>\(node)"] else { complete = false; break }
                    passed.append(l)
                }
                previous = node
            }
            if complete && path.count < N, let p = previous {
                if let d = dropOffAt[path.count], let l = linkAt["\(p)>\(d)"] {
                    passed.append(plan.nodeItem[d])
                    passed.append(l)
                } else {
                    complete = false
                }
            }
            // A path the flows do not hold as listed (they were built otherwise): no parts.
            guard complete else { continue }
            for item in passed { parts[item, default: []].append(v.item) }
        }
        return parts.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }
}
