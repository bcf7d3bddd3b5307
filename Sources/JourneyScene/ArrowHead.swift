/// The filled triangle drawn at the end of a `PathItem`, computed from the path alone (the
/// renderer draws it; the layout export reports it).
///
/// The tip is the path's last point; the triangle points along the direction the path
/// arrives in: for a line `to − from`; for a curve `to − c2`, falling back to `to − c1`,
/// then `to − from`, when control points coincide with the end. Zero-length segments keep
/// the direction of the segment before them.
public struct ArrowHead: Sendable, Equatable {
    public var tip: Point
    /// Middle of the base, `length` behind the tip.
    public var base: Point
    public var left: Point
    public var right: Point

    /// nil when the path never moves (no direction to point along) or the arrow has no size.
    ///
    /// - Complexity: O(n) in the number of segments.
    public init?(endOf segments: [PathSegment], length: Double, width: Double) {
        guard length > 0, width > 0, length.isFinite, width.isFinite,
              let (tip, direction) = Self.endAndDirection(of: segments) else { return nil }
        let base = Point(tip.x - direction.x * length, tip.y - direction.y * length)
        let normal = Point(-direction.y * width / 2, direction.x * width / 2)
        self.tip = tip
        self.base = base
        self.left = Point(base.x + normal.x, base.y + normal.y)
        self.right = Point(base.x - normal.x, base.y - normal.y)
    }

    /// The path's last point and the unit direction it arrives in, tracking Cairo's
    /// current-point rules (a `close` returns to the subpath's start).
    public static func endAndDirection(of segments: [PathSegment]) -> (Point, Point)? {
        var current: Point?
        var start: Point?
        var direction: Point?
        func arrive(at to: Point, candidates: [Point?]) {
            for from in candidates {
                if let from, let d = unit(from: from, to: to) {
                    direction = d
                    break
                }
            }
            current = to
        }
        for segment in segments {
            switch segment {
            case .move(let p):
                current = p
                start = p
            case .line(let p):
                if current == nil { start = p }
                arrive(at: p, candidates: [current])
            case let .curve(c1, c2, to):
                if current == nil { start = c1 }
                arrive(at: to, candidates: [c2, c1, current ?? c1])
            case .close:
                if let s = start { arrive(at: s, candidates: [current]) }
            }
        }
        guard let end = current, let direction else { return nil }
        return (end, direction)
    }

    /// The segments with the last drawing segment pulled back by `amount` along the arrival
    /// direction, so a stroke's butt end hides under the arrow head instead of poking
    /// through its narrow tip. Lines never shrink past their start.
    public func trimming(_ segments: [PathSegment], by amount: Double) -> [PathSegment] {
        guard let index = segments.lastIndex(where: { if case .move = $0 { return false } else { return true } })
        else { return segments }
        let dx = tip.x - base.x, dy = tip.y - base.y
        let headLength = (dx * dx + dy * dy).squareRoot()
        guard headLength > 0 else { return segments }
        var out = segments
        switch segments[index] {
        case .line(let to):
            let from = Self.pointBefore(index, in: segments) ?? to
            let segmentLength = ((to.x - from.x) * (to.x - from.x) + (to.y - from.y) * (to.y - from.y)).squareRoot()
            let k = min(amount, segmentLength) / headLength
            out[index] = .line(Point(to.x - dx * k, to.y - dy * k))
        case let .curve(c1, c2, to):
            let k = amount / headLength
            out[index] = .curve(c1: c1, c2: Point(c2.x - dx * k, c2.y - dy * k), to: Point(to.x - dx * k, to.y - dy * k))
        case .move, .close:
            break
        }
        return out
    }

    /// The current point just before segment `index` (nil at the start of the path).
    private static func pointBefore(_ index: Int, in segments: [PathSegment]) -> Point? {
        guard index > 0 else { return nil }
        var current: Point?
        var start: Point?
        for segment in segments[..<index] {
            switch segment {
            case .move(let p): current = p; start = p
            case .line(let p): if current == nil { start = p }; current = p
            case let .curve(c1, _, to): if current == nil { start = c1 }; current = to
            case .close: current = start
            }
        }
        return current
    }

    private static func unit(from: Point, to: Point) -> Point? {
        let dx = to.x - from.x, dy = to.y - from.y
        let length = (dx * dx + dy * dy).squareRoot()
        guard length > 1e-9, length.isFinite else { return nil }
        return Point(dx / length, dy / length)
    }
}
