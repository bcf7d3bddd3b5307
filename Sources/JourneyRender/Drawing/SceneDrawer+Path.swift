import JourneyScene

extension SceneDrawer {
    /// Fill, then stroke (dashed when asked), then the arrow head at the end.
    ///
    /// With an arrow head, the stroked copy of the path stops just inside the head's base so a wide
    /// line does not show past the head's pointed tip; the fill uses the path as given.
    func drawPath(_ item: PathItem) {
        let arrow = item.arrowAtEnd.flatMap { ArrowHead(endOf: item.segments, length: $0.length, width: $0.width) }
        if let fill = item.fill {
            addSegments(item.segments)
            fillAndStroke(fill: fill, stroke: nil)
        }
        if let stroke = item.stroke {
            // 90 % of the head's length: the butt end stays inside the head (no seam at its base)
            let trim = arrow == nil ? 0 : 0.9 * (item.arrowAtEnd?.length ?? 0)
            addSegments(arrow?.trimming(item.segments, by: trim) ?? item.segments)
            fillAndStroke(fill: nil, stroke: stroke)
        }
        if let arrow, let color = item.arrowAtEnd?.color {
            cairo.newPath()
            cairo.move(to: arrow.tip)
            cairo.line(to: arrow.left)
            cairo.line(to: arrow.right)
            cairo.closePath()
            fillAndStroke(fill: color, stroke: nil)
        }
    }

    /// Replaces the current path with `segments`.
    func addSegments(_ segments: [PathSegment]) {
        cairo.newPath()
        for segment in segments {
            switch segment {
            case .move(let p): cairo.move(to: p)
            case .line(let p): cairo.line(to: p)
            case let .curve(c1, c2, to): cairo.curve(c1, c2, to)
            case .close: cairo.closePath()
            }
        }
    }
}
