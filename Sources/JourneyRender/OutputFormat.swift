/// A file format the renderer can write.
public enum OutputFormat: String, Sendable, Equatable, CaseIterable {
    case svg, png, pdf
    /// `NAME.layout.json`: the laid-out picture as data (`LayoutDocument`, docs/layout-format.md).
    case layoutJSON = "layout.json"
    /// One self-contained interactive HTML page: the SVG inline with its numbers and viewer (`HTMLPage`).
    case html

    /// The format named by a file's extension (case-insensitive), or nil when unknown.
    ///
    /// `"map.SVG"` → `.svg`, `"out/journey.png"` → `.png`, `"notes.txt"` → nil.
    public static func from(path: String) -> OutputFormat? {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        if name.lowercased().hasSuffix(".layout.json") && name.count > ".layout.json".count { return .layoutJSON }
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return nil }
        return OutputFormat(rawValue: name[name.index(after: dot)...].lowercased())
    }
}
