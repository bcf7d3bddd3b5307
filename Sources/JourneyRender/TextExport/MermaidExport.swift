/// The picture as Mermaid text (`-o map.mmd`).
///
/// A journey map or comparison is a `flowchart LR` with one `subgraph` per stage, one node per
/// touchpoint drawn (label: its name and numbers) and one edge per flow drawn (label: moves;
/// dotted `-.->` where the picture dashes a flow back to an earlier stage). A Sankey is
/// `sankey-beta` CSV (`source,target,value`), which cannot draw loops: flows that would close a
/// cycle are left out and listed. Mermaid's Sankey lexer takes only printable ASCII, even
/// quoted (mermaid-js/mermaid#6155), so a name with other characters is written as its node id
/// and the id is explained in a comment. Every note of the picture (what was hidden) is a `%%`
/// comment, which Mermaid strips before parsing.
enum MermaidExport {
    static func text(_ g: ExportGraph) -> String {
        g.isSankey ? sankey(g) : flowchart(g)
    }

    static func flowchart(_ g: ExportGraph) -> String {
        var out = "%% journeymap: \(comment(g.title))\n"
        for note in g.notes { out += "%% \(comment(note))\n" }
        out += "flowchart LR\n"
        var ids: [String: String] = [:]
        for (k, n) in g.nodes.enumerated() { ids[n.id] = "t\(k)" }
        func node(_ n: ExportGraph.Node, indent: String) -> String {
            var label = quoted(n.name)
            if let info = n.info, info.hasPrefix(n.name + " · ") { label = quoted(n.name) + "<br/>" + quoted(String(info.dropFirst(n.name.count + 3))) }
            return "\(indent)\(ids[n.id]!)[\"\(label)\"]\n"
        }
        var placed = Set<String>()
        for (k, stage) in g.stages.enumerated() {
            let members = g.nodes.filter { $0.stage == stage.id }
            guard !members.isEmpty else { continue }
            out += "  subgraph s\(k)[\"\(quoted(stage.name))\"]\n"
            for n in members { out += node(n, indent: "    "); placed.insert(n.id) }
            out += "  end\n"
        }
        for n in g.nodes where !placed.contains(n.id) { out += node(n, indent: "  ") }
        for e in g.edges {
            guard let a = ids[e.from], let b = ids[e.to] else { continue }
            out += "  \(a) \(e.dashed ? "-.->" : "-->")|\"\(ExportGraph.number(e.value))\"| \(b)\n"
        }
        return out
    }

    static func sankey(_ g: ExportGraph) -> String {
        let names = g.uniqueNames()
        let (kept, dropped) = g.acyclic()
        var header = "%% journeymap: \(comment(g.title))\n"
        for note in g.notes { header += "%% \(comment(note))\n" }
        var renamed: [(String, String)] = []
        func field(_ id: String) -> String {
            let name = names[id] ?? id
            if name.unicodeScalars.allSatisfy({ $0.value >= 0x20 && $0.value <= 0x7E }) {
                return "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
            }
            if !renamed.contains(where: { $0.0 == id }) { renamed.append((id, name)) }
            return id
        }
        var body = ""
        for e in kept { body += "\(field(e.from)),\(field(e.to)),\(ExportGraph.number(e.value))\n" }
        if !dropped.isEmpty {
            let list = dropped.map { "\(names[$0.from] ?? $0.from) → \(names[$0.to] ?? $0.to) (\(ExportGraph.number($0.value)))" }
            header += "%% sankey-beta cannot draw loops; left out: " + comment(list.joined(separator: ", ")) + "\n"
        }
        for (id, name) in renamed { header += "%% \(id) = \(comment(name)) (Mermaid's Sankey reads ASCII names only)\n" }
        return header + "sankey-beta\n\n" + body
    }

    /// Label text inside `"…"`: quotes become Mermaid's `#quot;` entity, line breaks spaces.
    static func quoted(_ s: String) -> String {
        s.replacingOccurrences(of: "\"", with: "#quot;").replacingOccurrences(of: "\n", with: " ")
    }

    /// One comment line.
    static func comment(_ s: String) -> String { s.replacingOccurrences(of: "\n", with: " ") }
}
