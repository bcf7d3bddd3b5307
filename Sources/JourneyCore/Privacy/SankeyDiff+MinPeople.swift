/// `compare --diff-sankey --min-people k` (docs/privacy.md, "compare"): each side's flows, in
/// the diff Sankey's nodes (laid out once over both sides), are published by the Sankey rules
/// (`SankeyFlows.applyingMinPeople`, the same `ComplementarySuppression`); the diff then draws
/// only the nodes and links **both** sides publish. Everything it shows of a side (node and link
/// counts, shares of the side's paths, column paths) is then a number that side's published
/// flows show, so subtraction gives back nothing the Sankey rules do not allow.
extension SankeyDiff {
    /// What `--min-people` withheld.
    public struct Privacy: Sendable, Equatable {
        public var minPeople: Int
        /// Each side's published flows' own record (nodes, links, members, column counts).
        public var before: SankeyFlows.Privacy
        public var after: SankeyFlows.Privacy
        /// Nodes and links of the layout left out of the diff (withheld on either side).
        public var nodes = 0
        public var links = 0
        /// Per column: each side's paths at its touchpoint, "Other" and skipped nodes (the
        /// header's numbers: its published column paths and skipped paths, or all paths minus
        /// the published drop-offs so far and starts to come); nil where that side withholds them.
        public var columnPaths: [(before: Int?, after: Int?)] = []

        public static func == (x: Privacy, y: Privacy) -> Bool {
            x.minPeople == y.minPeople && x.before == y.before && x.after == y.after && x.nodes == y.nodes
                && x.links == y.links && x.columnPaths.map(\.before) == y.columnPaths.map(\.before)
                && x.columnPaths.map(\.after) == y.columnPaths.map(\.after)
        }

        /// "numbers from fewer than 10 people hidden" (Thai with `thai`), as on the other pictures.
        public func note(thai: Bool = false) -> String { before.note(thai: thai) }
    }

    /// Which nodes (ids of the layout) and links (indices of the layout's links) both sides publish.
    struct Published {
        var nodes: [Int]
        var links: [Int]
        var privacy: Privacy

        /// `union` (return arcs dropped: no side publishes them here) and `layout` with only the
        /// published nodes and links, renumbered; columns keep their places.
        func keep(union: SankeyFlows, layout: SankeyFlows) -> (SankeyFlows, SankeyFlows) {
            var newID = [Int](repeating: -1, count: layout.nodes.count)
            for (i, n) in nodes.enumerated() { newID[n] = i }
            func filtered(_ f: SankeyFlows, links: [SankeyFlows.Link]) -> SankeyFlows {
                var out = f
                out.nodes = nodes.map { n in var m = f.nodes[n]; m.id = newID[n]; return m }
                out.links = links.map { l in var m = l; m.source = newID[l.source]; m.target = newID[l.target]; return m }
                out.columns = f.columns.map { c in var m = c; m.nodes = c.nodes.compactMap { newID[$0] >= 0 ? newID[$0] : nil }; return m }
                return out
            }
            let forward = union.links.filter { $0.kind != .returnArc }
            var u = filtered(union, links: self.links.map { forward[$0] })
            u.returnJourneys = 0
            u.returnMoves = 0
            return (u, filtered(layout, links: self.links.map { layout.links[$0] }))
        }
    }

    /// One side's flows in the union's nodes: `values` per link of `links` (indices into
    /// `flows.links`, return arcs left out), each node's and "Other" member's count there, and
    /// no footnote counts (the diff Sankey shows none).
    static func side(_ flows: SankeyFlows, links: [Int], values: [Int], nodeValues: [Int], members: [[Int]],
                     total: Int) -> SankeyFlows {
        var f = flows
        f.links = links.enumerated().map { i, l in var m = flows.links[l]; m.value = values[i]; return m }
        for k in f.nodes.indices {
            f.nodes[k].value = nodeValues[k]
            for m in f.nodes[k].members.indices { f.nodes[k].members[m].value = members[k][m] }
        }
        f.total = total
        f.excluded = 0; f.truncated = 0; f.returnJourneys = 0; f.returnMoves = 0; f.unplacedEvents = 0
        return f
    }

    /// Publishes both sides by the Sankey rules and keeps what both publish.
    /// - Throws: `MinPeopleError` when a side has fewer than `k` people with a path.
    /// `graphs`: each side's full graph (people counted), when the report of the same sides is
    /// published beside the diff: each side's flows are then suppressed jointly with that side's
    /// published graph (`SankeyGraphLinks`).
    static func publish(_ sides: [SankeyFlows], people: [SankeyFlows.People], minPeople k: Int,
                        graphs: [JourneyGraph]? = nil) throws -> Published {
        var shown: [[Bool]] = [], shownLinks: [[Bool]] = [], records: [SankeyFlows.Privacy] = []
        for (s, f) in sides.enumerated() {
            var p = people[s]
            p.excluded = 0; p.truncated = 0; p.returns = 0; p.unplaced = 0
            guard p.total >= k else {
                throw MinPeopleError("--min-people \(k): only \(CountFormat.grouped(p.total)) people on the \(s == 0 ? "before" : "after") side of the diff Sankey, so every number would be withheld; lower --min-people or add data")
            }
            let out = try f.applyingMinPeople(k, people: p, beside: graphs?[s])
            // applyingMinPeople keeps the order of nodes and links: a node is (column, kind,
            // touchpoint), a link its two nodes.
            func key(_ n: SankeyFlows.Node) -> String { "\(n.column)|\(n.kind.rawValue)|\(n.touchpoint ?? "")" }
            let kept = Set(out.nodes.map(key))
            shown.append(f.nodes.map { kept.contains(key($0)) })
            let keptLinks = Set(out.links.map { key(out.nodes[$0.source]) + ">" + key(out.nodes[$0.target]) })
            shownLinks.append(f.links.map { keptLinks.contains(key(f.nodes[$0.source]) + ">" + key(f.nodes[$0.target])) })
            records.append(out.privacy!)
        }
        let nodes = sides[0].nodes.indices.filter { shown[0][$0] && shown[1][$0] }
        let links = sides[0].links.indices.filter { shownLinks[0][$0] && shownLinks[1][$0] }
        var privacy = Privacy(minPeople: k, before: records[0], after: records[1])
        privacy.nodes = sides[0].nodes.count - nodes.count
        privacy.links = sides[0].links.count - links.count
        privacy.columnPaths = sides[0].columns.indices.map { c in
            func paths(_ s: Int) -> Int? {
                let r = records[s], f = sides[s]
                if let reached = r.reached[c], let skipped = r.skipped[c] { return reached + skipped }
                // All paths = the column's paths + the drop-offs so far + the starts to come: when
                // those are all published, so is the column's paths (stage mode's first column).
                let rest = f.nodes.filter { ($0.kind == .dropOff && $0.column <= c) || ($0.kind == .start && $0.column >= c) }
                guard rest.allSatisfy({ shown[s][$0.id] }) else { return nil }
                return f.total - rest.reduce(0) { $0 + $1.value }
            }
            return (paths(0), paths(1))
        }
        return Published(nodes: nodes, links: links, privacy: privacy)
    }
}
