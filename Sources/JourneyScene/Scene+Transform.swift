extension Scene {
    /// The scene scaled by `factor` about the origin and moved by `offset`, on a canvas of
    /// `size`: coordinates, stroke widths, dashes, arrow sizes and font sizes all scale, so
    /// the picture looks the same, only bigger or smaller (used to fit a map on A3/A1 pages).
    public func transformed(scale factor: Double, offset: Point, canvas size: Size) -> Scene {
        func p(_ q: Point) -> Point { Point(q.x * factor + offset.x, q.y * factor + offset.y) }
        func r(_ q: Rect) -> Rect { Rect(x: q.x * factor + offset.x, y: q.y * factor + offset.y, width: q.width * factor, height: q.height * factor) }
        func s(_ k: Stroke?) -> Stroke? { k.map { Stroke(color: $0.color, width: $0.width * factor, dash: $0.dash.map { $0 * factor }) } }
        var out = self
        out.width = size.width
        out.height = size.height
        out.items = items.map { item in
            switch item {
            case .rect(var x):
                x.frame = r(x.frame); x.cornerRadius *= factor; x.stroke = s(x.stroke)
                return .rect(x)
            case .path(var x):
                x.segments = x.segments.map { seg in
                    switch seg {
                    case .move(let a): return .move(p(a))
                    case .line(let a): return .line(p(a))
                    case .curve(let c1, let c2, let to): return .curve(c1: p(c1), c2: p(c2), to: p(to))
                    case .close: return .close
                    }
                }
                x.stroke = s(x.stroke)
                x.arrowAtEnd = x.arrowAtEnd.map { Arrow(length: $0.length * factor, width: $0.width * factor, color: $0.color) }
                return .path(x)
            case .text(var x):
                x.frame = r(x.frame); x.font.size *= factor
                return .text(x)
            case .image(var x):
                x.frame = r(x.frame)
                return .image(x)
            }
        }
        return out
    }

    /// Fits the scene inside `page` (points) with `margin`, centred, keeping proportions.
    public func fitted(to page: Size, margin: Double) -> Scene {
        let factor = fitScale(to: page, margin: margin)
        let offset = Point((page.width - width * factor) / 2, (page.height - height * factor) / 2)
        return transformed(scale: factor, offset: offset, canvas: page)
    }

    /// The scale `fitted(to:margin:)` draws at.
    public func fitScale(to page: Size, margin: Double) -> Double {
        min((page.width - 2 * margin) / width, (page.height - 2 * margin) / height)
    }

    /// Frames of every text item, for overlap checks.
    public var textFrames: [Rect] {
        items.compactMap { if case .text(let t) = $0 { return t.frame } else { return nil } }
    }
}

/// ISO 216 page sizes in points (portrait); `landscape` swaps the sides.
public enum PageSize: String, Sendable, CaseIterable {
    case a4 = "A4", a3 = "A3", a2 = "A2", a1 = "A1", a0 = "A0"

    public var portrait: Size {
        switch self {
        case .a4: return Size(width: 595.28, height: 841.89)
        case .a3: return Size(width: 841.89, height: 1190.55)
        case .a2: return Size(width: 1190.55, height: 1683.78)
        case .a1: return Size(width: 1683.78, height: 2383.94)
        case .a0: return Size(width: 2383.94, height: 3370.39)
        }
    }

    public var landscape: Size { Size(width: portrait.height, height: portrait.width) }
}
