/// Markup added to a semantic SVG by pictures that need more than the scene holds (the
/// animated replay): attributes and first children of the groups of given tag ids, and
/// elements drawn after every item.
struct SVGExtras {
    /// By `SceneTag.id`: written inside the group's start tag (with a leading space).
    var groupAttributes: [String: String] = [:]
    /// By `SceneTag.id`: written after the group's `<title>`.
    var groupChildren: [String: String] = [:]
    /// Written after the last item, before `</svg>`.
    var trailer = ""
}
