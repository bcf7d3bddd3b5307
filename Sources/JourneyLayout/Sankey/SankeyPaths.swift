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

    /// A return arc, routed in the gutters left of the columns so it crosses no node and no
    /// label: out of the left edge of the later node at `source` (y), left to `sourceX`, up
    /// to `level`, back to `targetX`, down to `target.y`, and right into the earlier node's
    /// left edge at `targetEdge` (the arrow head ends there). Corners are rounded.
    static func returnArc(source: Point, sourceX: Double, target: Point, targetX: Double, targetEdge: Double,
                          level: Double, radius: Double) -> [PathSegment] {
        let r = max(0, min(radius, (sourceX - targetX) / 2, source.y - level, target.y - level,
                           source.x - sourceX, targetEdge - targetX))
        return [
            .move(source),
            .line(Point(sourceX + r, source.y)),
            .curve(c1: Point(sourceX, source.y), c2: Point(sourceX, source.y), to: Point(sourceX, source.y - r)),
            .line(Point(sourceX, level + r)),
            .curve(c1: Point(sourceX, level), c2: Point(sourceX, level), to: Point(sourceX - r, level)),
            .line(Point(targetX + r, level)),
            .curve(c1: Point(targetX, level), c2: Point(targetX, level), to: Point(targetX, level + r)),
            .line(Point(targetX, target.y - r)),
            .curve(c1: Point(targetX, target.y), c2: Point(targetX, target.y), to: Point(targetX + r, target.y)),
            .line(Point(targetEdge, target.y)),
        ]
    }
}
