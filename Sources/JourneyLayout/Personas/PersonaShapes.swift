import JourneyScene

/// Paths used by persona cards and lanes.
enum PersonaShapes {
    /// A circle as four cubic Béziers (control distance 0.5523 r, error < 0.03%).
    static func circle(center c: Point, radius r: Double) -> [PathSegment] {
        let k = 0.552_284_749_831 * r
        return [
            .move(Point(c.x + r, c.y)),
            .curve(c1: Point(c.x + r, c.y + k), c2: Point(c.x + k, c.y + r), to: Point(c.x, c.y + r)),
            .curve(c1: Point(c.x - k, c.y + r), c2: Point(c.x - r, c.y + k), to: Point(c.x - r, c.y)),
            .curve(c1: Point(c.x - r, c.y - k), c2: Point(c.x - k, c.y - r), to: Point(c.x, c.y - r)),
            .curve(c1: Point(c.x + k, c.y - r), c2: Point(c.x + r, c.y - k), to: Point(c.x + r, c.y)),
            .close,
        ]
    }

    static func line(_ a: Point, _ b: Point) -> [PathSegment] { [.move(a), .line(b)] }

    /// A smooth curve through `points` (increasing x) that never overshoots between two
    /// points: monotone cubic interpolation (Fritsch & Carlson 1980) as cubic Béziers, so an
    /// emotion curve never leaves the −2…+2 band it is drawn in.
    /// - Complexity: O(n).
    static func monotoneCurve(_ points: [Point]) -> [PathSegment] {
        guard let first = points.first else { return [] }
        guard points.count > 1 else { return [.move(first)] }
        let n = points.count
        var slopes = [Double](repeating: 0, count: n - 1)
        for i in 0..<(n - 1) {
            let dx = points[i + 1].x - points[i].x
            slopes[i] = dx == 0 ? 0 : (points[i + 1].y - points[i].y) / dx
        }
        var tangents = [Double](repeating: 0, count: n)
        tangents[0] = slopes[0]
        tangents[n - 1] = slopes[n - 2]
        for i in 1..<(n - 1) {
            tangents[i] = slopes[i - 1] * slopes[i] <= 0 ? 0 : (slopes[i - 1] + slopes[i]) / 2
        }
        for i in 0..<(n - 1) where slopes[i] == 0 {
            tangents[i] = 0
            tangents[i + 1] = 0
        }
        for i in 0..<(n - 1) where slopes[i] != 0 {
            let a = tangents[i] / slopes[i], b = tangents[i + 1] / slopes[i]
            let h = a * a + b * b
            if h > 9 {
                let t = 3 / h.squareRoot()
                tangents[i] = t * a * slopes[i]
                tangents[i + 1] = t * b * slopes[i]
            }
        }
        var segments: [PathSegment] = [.move(first)]
        for i in 0..<(n - 1) {
            let p = points[i], q = points[i + 1]
            let third = (q.x - p.x) / 3
            segments.append(.curve(c1: Point(p.x + third, p.y + tangents[i] * third),
                                   c2: Point(q.x - third, q.y - tangents[i + 1] * third), to: q))
        }
        return segments
    }
}

/// Collects scene items and warnings while a card or lane block is laid out.
struct PersonaCanvas {
    var items: [SceneItem] = []
    var warnings: [PersonaLayoutWarning] = []
    let fitter: PersonaTextFitter
    let persona: String

    init(fitter: PersonaTextFitter, persona: String) {
        self.fitter = fitter
        self.persona = persona
    }

    mutating func rect(_ frame: Rect, radius: Double = 0, fill: Color?, stroke: Stroke? = nil) {
        items.append(.rect(RectItem(frame: frame, cornerRadius: radius, fill: fill, stroke: stroke)))
    }

    mutating func image(_ frame: Rect, png: [UInt8], circular: Bool) {
        items.append(.image(ImageItem(frame: frame, png: png, circular: circular)))
    }

    mutating func path(_ segments: [PathSegment], fill: Color? = nil, stroke: Stroke? = nil, arrow: Arrow? = nil) {
        items.append(.path(PathItem(segments: segments, fill: fill, stroke: stroke, arrowAtEnd: arrow)))
    }

    /// Fits `text` into `width` × `maxLines` lines of `font`; a cut text is reported as `element`.
    mutating func fit(_ text: String, width: Double, font: FontSpec, maxLines: Int,
                      element: String) -> PersonaTextFitter.Fitted {
        let fitted = fitter.fit(text, font: font, width: max(width, 1), maxLines: maxLines)
        if fitted.truncated {
            warnings.append(PersonaLayoutWarning(
                persona: persona, element: element,
                message: "text does not fit in \(maxLines) line\(maxLines == 1 ? "" : "s") of \(Int(width.rounded())) pt even at "
                    + "\(Int((fitter.minimumScale * 100).rounded()))% size; shortened to \"\(fitted.text)\""))
        }
        return fitted
    }

    /// Draws fitted text in a box at (x, y), `width` wide and as tall as the text.
    mutating func place(_ fitted: PersonaTextFitter.Fitted, x: Double, y: Double, width: Double, color: Color,
                        alignment: TextAlignment = .left) {
        items.append(.text(TextItem(text: fitted.text, frame: Rect(x: x, y: y, width: width, height: fitted.size.height),
                                    font: fitted.font, color: color, alignment: alignment, wrap: fitted.wrap)))
    }

    /// Fits and draws `text` at (x, y) in a box `width` wide; returns the height used (0 for
    /// empty text).
    @discardableResult
    mutating func text(_ text: String, x: Double, y: Double, width: Double, font: FontSpec, color: Color,
                       maxLines: Int, alignment: TextAlignment = .left, element: String) -> Double {
        guard !text.isEmpty, width > 0 else { return 0 }
        let fitted = fit(text, width: width, font: font, maxLines: maxLines, element: element)
        place(fitted, x: x, y: y, width: width, color: color, alignment: alignment)
        return fitted.size.height
    }

    mutating func warn(_ element: String, _ message: String) {
        warnings.append(PersonaLayoutWarning(persona: persona, element: element, message: message))
    }
}
