import ArgumentParser

/// How much a journey map may ask Graphviz to lay out without `--allow-slow-layout`.
///
/// Measured on a 4,000-activity log (debug build, 2 cores): 120 touchpoints lay out in
/// 0.5 s, 160 in 3 s, 200 in 15 s, 500 in over 2 minutes: dot grows much faster than linearly.
/// Beyond these bounds the user must say the wait is fine; below them, the least visited
/// touchpoints and weakest transitions are hidden and the map says so.
enum LayoutBounds {
    static let touchpoints = 150
    static let edges = 300

    /// Refuses `--max-touchpoints` / `--max-edges` beyond the bounds unless `allowSlow`;
    /// `slowFlag` names the flag that lifts them (nil when the command has none).
    static func check(maxTouchpoints: Int, maxEdges: Int?, allowSlow: Bool, slowFlag: String? = "--allow-slow-layout") throws {
        guard !allowSlow else { return }
        let lift = slowFlag.map { "; add \($0) to accept the wait" } ?? ""
        if maxTouchpoints > touchpoints {
            throw ValidationError("--max-touchpoints \(maxTouchpoints): laying out more than \(touchpoints) touchpoints can take minutes (about 15 s at 200, over 2 min at 500)\(lift)")
        }
        if let maxEdges, maxEdges > edges {
            throw ValidationError("--max-edges \(maxEdges): laying out more than \(edges) transitions can take minutes\(lift)")
        }
    }
}
