/// The picture as Graphviz DOT (`-o map.dot`) with our positions: every touchpoint drawn as a
/// node pinned where the picture has it (`pos="x,y!"` in points, y up as Graphviz counts,
/// `width`/`height` in inches), one `cluster` per stage, one edge per flow drawn with its
/// weight (`weight`, `label`; dashed where the picture dashes it), strongest first; stage
/// clusters carry the column's box (`bb`). `neato -n` or `fdp` keep
/// the positions; `dot` lays it out afresh. The picture's notes (what was hidden) are comments.
enum DOTExport {
    static func text(_ g: ExportGraph) -> String {
        var out = "// journeymap: \(line(g.title))\n"
        for note in g.notes { out += "// \(line(note))\n" }
        out += "digraph journeymap {\n"
        out += "  graph [label=\(quoted(g.title)), labelloc=t, bb=\"0,0,\(num(g.width)),\(num(g.height))\", rankdir=LR];\n"
        out += "  node [shape=box, style=rounded, fontname=\"DejaVu Sans\"];\n"
        var placed = Set<String>()
        func node(_ n: ExportGraph.Node, indent: String) -> String {
            let x = n.frame.center.x, y = g.height - n.frame.center.y
            var s = "\(indent)\(quoted(n.id)) [label=\(quoted(n.name)), pos=\"\(num(x)),\(num(y))!\""
            s += ", width=\(num(n.frame.width / 72)), height=\(num(n.frame.height / 72))"
            if let info = n.info { s += ", tooltip=\(quoted(info))" }
            return s + "];\n"
        }
        for (k, stage) in g.stages.enumerated() {
            let members = g.nodes.filter { $0.stage == stage.id }
            guard !members.isEmpty else { continue }
            out += "  subgraph cluster_\(k) {\n    label=\(quoted(stage.name));\n"
            if let f = stage.frame {
                out += "    bb=\"\(num(f.minX)),\(num(g.height - f.maxY)),\(num(f.maxX)),\(num(g.height - f.minY))\";\n"
            }
            for n in members { out += node(n, indent: "    "); placed.insert(n.id) }
            out += "  }\n"
        }
        for n in g.nodes where !placed.contains(n.id) { out += node(n, indent: "  ") }
        for e in g.edges {
            var s = "  \(quoted(e.from)) -> \(quoted(e.to)) [weight=\(Int(max(1, e.value.rounded()))), label=\(quoted(ExportGraph.number(e.value)))"
            if e.dashed { s += ", style=dashed" }
            if let info = e.info { s += ", tooltip=\(quoted(info))" }
            out += s + "];\n"
        }
        return out + "}\n"
    }

    /// A DOT double-quoted string: `"` and `\` escaped, line breaks as `\n`.
    static func quoted(_ s: String) -> String {
        "\"" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            .replacingOccurrences(of: "\n", with: "\\n") + "\""
    }

    static func line(_ s: String) -> String { s.replacingOccurrences(of: "\n", with: " ") }
    static func num(_ v: Double) -> String { SVGNumber.format(v) }
}
