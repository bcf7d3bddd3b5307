import JourneyCore

/// Shapes of a Sankey: ribbons as filled Bézier bands, return arcs as dashed hooks.
enum SankeyPaths {
    /// A band from the source's right edge to the target's left edge: the top edge is a cubic
    /// with horizontal tangents at both ends (control points at mid-x, as d3-sankey's
    /// `sankeyLinkHorizontal`), the bottom edge the same curve shifted down by the width.
    static func ribbon(_ r: SankeyLayout.Ribbon) -> [PathSegment] {
        let mid = (r.x0 + r.x1) / 2
        let (y0, y1, w) = (r.sourceY, r.targetY, r.width)
        return [
            .move(Point(r.x0, y0)),
            .curve(c1: Point(mid, y0), c2: Point(mid, y1), to: Point(r.x1, y1)),
            .line(Point(r.x1, y1 + w)),
            .curve(c1: Point(mid, y1 + w), c2: Point(mid, y0 + w), to: Point(r.x0, y0 + w)),
            .close,
        ]
    }

    /// A return arc: up from the top of the later node `from` (at x `sx`) to `level`, back left,
    /// and down to the top of the earlier node `to` (at x `tx`; the arrow head ends there),
    /// with rounded corners.
    static func returnArc(from: Rect, sx: Double, to: Rect, tx: Double, level: Double, radius: Double) -> [PathSegment] {
        let r = max(0, min(radius, (sx - tx) / 2, from.minY - level, to.minY - level))
        return [
            .move(Point(sx, from.minY)),
            .line(Point(sx, level + r)),
            .curve(c1: Point(sx, level), c2: Point(sx, level), to: Point(sx - r, level)),
            .line(Point(tx + r, level)),
            .curve(c1: Point(tx, level), c2: Point(tx, level), to: Point(tx, level + r)),
            .line(Point(tx, to.minY)),
        ]
    }
}
