/// A file format the renderer can write.
public enum OutputFormat: String, Sendable, Equatable, CaseIterable {
    case svg, png, pdf
    /// `NAME.layout.json`: the laid-out picture as data (`LayoutDocument`, docs/layout-format.md).
    case layoutJSON = "layout.json"
    /// One self-contained interactive HTML page: the SVG inline with its numbers and viewer (`HTMLPage`).
    case html
    /// `NAME.mmd`: Mermaid (flowchart with a subgraph per stage; `sankey-beta` for a Sankey).
    case mermaid = "mmd"
    /// `NAME.dot`: Graphviz DOT with the picture's positions.
    case dot
    /// `NAME.sankeymatic.txt`: SankeyMATIC's `Source [n] Target` lines.
    case sankeymatic = "sankeymatic.txt"

    /// True for the text exports (Mermaid, DOT, SankeyMATIC), which write the picture's graph.
    public var isTextExport: Bool { self == .mermaid || self == .dot || self == .sankeymatic }

    /// The format's name in messages: `Mermaid`, `Graphviz DOT`, `SankeyMATIC`, else its extension.
    public var exportName: String {
        switch self {
        case .mermaid: "Mermaid"
        case .dot: "Graphviz DOT"
        case .sankeymatic: "SankeyMATIC"
        default: rawValue
        }
    }

    /// The format named by a file's extension (case-insensitive), or nil when unknown.
    ///
    /// `"map.SVG"` → `.svg`, `"out/journey.png"` → `.png`, `"notes.txt"` → nil.
    public static func from(path: String) -> OutputFormat? {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        if name.lowercased().hasSuffix(".layout.json") && name.count > ".layout.json".count { return .layoutJSON }
        if name.lowercased().hasSuffix(".sankeymatic.txt") && name.count > ".sankeymatic.txt".count { return .sankeymatic }
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return nil }
        return OutputFormat(rawValue: name[name.index(after: dot)...].lowercased())
    }
}
