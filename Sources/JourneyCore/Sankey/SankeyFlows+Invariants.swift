extension SankeyFlows {
    /// Checks flow conservation and returns every violation found (empty when sound):
    /// - each link joins adjacent columns (return arcs: a later column to an earlier one),
    ///   has a positive value and a kind that matches its nodes;
    /// - inflow = value for every node except first-column and `.start` nodes, which have none;
    /// - outflow (forward + drop-off) = value for every node except last-column and `.dropOff`
    ///   nodes, which have none;
    /// - every column accounts for `total` (see the type's documentation);
    /// - `.other` nodes hold the sum of their members.
    /// - Complexity: O(nodes + links).
    public func checkInvariants() -> [String] {
        var problems: [String] = []
        var inflow = [Int](repeating: 0, count: nodes.count)
        var outflow = inflow
        func describe(_ id: Int) -> String {
            let n = nodes[id]
            return "node \(id) (\(n.kind.rawValue) \(n.touchpoint ?? ""), column \(n.column))"
        }
        for (i, n) in nodes.enumerated() where n.id != i || !columns[n.column].nodes.contains(i) {
            problems.append("\(describe(i)) is misnumbered or missing from its column")
        }
        for l in links {
            let s = nodes[l.source], t = nodes[l.target]
            if l.value <= 0 { problems.append("link \(describe(l.source)) → \(describe(l.target)) has value \(l.value)") }
            if l.kind == .returnArc {
                if t.column >= s.column { problems.append("return arc \(describe(l.source)) → \(describe(l.target)) does not go back") }
                continue
            }
            if t.column != s.column + 1 { problems.append("link \(describe(l.source)) → \(describe(l.target)) skips columns") }
            let expected: LinkKind = t.kind == .dropOff ? .dropOff : s.kind == .start ? .entry : .forward
            if l.kind != expected || t.kind == .start || s.kind == .dropOff {
                problems.append("link \(describe(l.source)) → \(describe(l.target)) has kind \(l.kind.rawValue)")
            }
            outflow[l.source] += l.value
            inflow[l.target] += l.value
        }
        let last = columns.count - 1
        for n in nodes {
            let expectIn = n.column > 0 && n.kind != .start
            if inflow[n.id] != (expectIn ? n.value : 0) {
                problems.append("\(describe(n.id)): inflow \(inflow[n.id]), value \(n.value)")
            }
            let expectOut = n.column < last && n.kind != .dropOff
            if outflow[n.id] != (expectOut ? n.value : 0) {
                problems.append("\(describe(n.id)): outflow \(outflow[n.id]), value \(n.value)")
            }
            if n.value <= 0 { problems.append("\(describe(n.id)) has value \(n.value)") }
            if n.kind == .other, n.members.reduce(0, { $0 + $1.value }) != n.value {
                problems.append("\(describe(n.id)): members do not add up to its value")
            }
        }
        for c in columns.indices {
            var sum = active(column: c)
            for n in nodes where (n.kind == .dropOff && n.column <= c) || (n.kind == .start && n.column >= c) {
                sum += n.value
            }
            if sum != total { problems.append("column \(c) accounts for \(sum) paths, not \(total)") }
        }
        return problems
    }
}
