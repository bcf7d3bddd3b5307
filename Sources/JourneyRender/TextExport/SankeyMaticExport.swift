/// The picture's flows as SankeyMATIC input (`-o flows.sankeymatic.txt`): one
/// `Source [n] Target` line per flow drawn, strongest first.
/// SankeyMATIC refuses circular flows, so a flow that would close a cycle (a return to an earlier
/// stage) is left out and listed in a `//` comment, with the picture's notes (what was hidden).
/// A touchpoint drawn in several Sankey columns gets its column's number, `Cart (2)`, so each
/// column stays its own node. The grammar followed is SankeyMATIC's line syntax (build/constants.js:
/// a flow is `^(.+)\[([\d\s.+-]+)\](.+)$`, a target ending in ` #…` is a colour, lines starting
/// with `//` or `'` are comments, with `:` node settings), so names lose `[` and `]` (made round),
/// and a leading `:`, `'` or `//` and a trailing ` #word`'s `#`.
enum SankeyMaticExport {
    static func text(_ g: ExportGraph) -> String {
        let names = g.uniqueNames()
        let (kept, dropped) = g.acyclic()
        var out = "// journeymap: \(line(g.title))\n"
        for note in g.notes { out += "// \(line(note))\n" }
        if !dropped.isEmpty {
            let list = dropped.map { "\(name(names[$0.from] ?? $0.from)) → \(name(names[$0.to] ?? $0.to)) (\(ExportGraph.number($0.value)))" }
            out += "// left out (SankeyMATIC draws no loops): " + list.joined(separator: ", ") + "\n"
        }
        out += "\n"
        for e in kept where e.value > 0 {
            out += "\(name(names[e.from] ?? e.from)) [\(ExportGraph.number(e.value))] \(name(names[e.to] ?? e.to))\n"
        }
        return out
    }

    /// A node name SankeyMATIC reads back as it is.
    static func name(_ s: String) -> String {
        var t = String(s.map { $0 == "[" ? "(" : $0 == "]" ? ")" : "\n\t".contains($0) ? " " : $0 }).trimmingSpaces
        while let f = t.first, f == ":" || f == "'" || f == "/" || f == " " { t.removeFirst() }
        if let space = t.lastIndex(of: " "), t[t.index(after: space)...].hasPrefix("#") {
            t.remove(at: t.index(after: space))
        }
        return t.isEmpty ? "?" : t
    }

    static func line(_ s: String) -> String { s.replacingOccurrences(of: "\n", with: " ") }
}

extension String {
    /// Without leading and trailing spaces.
    var trimmingSpaces: String {
        String(drop(while: { $0 == " " }).reversed().drop(while: { $0 == " " }).reversed())
    }
}
