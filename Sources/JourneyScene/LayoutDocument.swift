import Foundation

/// The laid-out picture as data (docs/layout-format.md): every tagged element of a `Scene`
/// with its role, id and bounds in picture units (points, origin top-left, y down).
///
/// Items that share a tag (a touchpoint box's rectangle, stripe and texts) become one element
/// whose bounds are the union of theirs. A path's bounds follow its curve (sampled) and
/// stroke; a path with an arrow head also gives an `arrowhead` element with the triangle. The
/// same scene gives the same bytes.
public struct LayoutDocument: Sendable, Equatable, Codable {
    public var format = "journeymap-layout"
    public var version = 1
    public var units = "pt"
    public var width: Double
    public var height: Double
    public var background: String
    public var title: String
    public var elements: [Element]

    public struct Bounds: Sendable, Equatable, Codable {
        public var x: Double
        public var y: Double
        public var width: Double
        public var height: Double
        public var rect: Rect { Rect(x: x, y: y, width: width, height: height) }
        init(_ r: Rect) {
            x = LayoutDocument.round(r.x); y = LayoutDocument.round(r.y)
            width = LayoutDocument.round(r.width); height = LayoutDocument.round(r.height)
        }
    }

    public struct Element: Sendable, Equatable, Codable {
        public var role: String
        public var id: String
        public var from: String?
        public var to: String?
        public var stage: String?
        /// Touchpoint boxes and swimlanes of a map with lanes: the lane's value.
        public var lane: String?
        public var bounds: Bounds
        /// Texts drawn in the element, in drawing order.
        public var text: [String]?
        /// Edge paths: SVG path data (`M x y C x1 y1 x2 y2 x y …`).
        public var path: String?
        /// Edge paths: stroke colour (`#rrggbb`), opacity, width and dash pattern.
        public var stroke: String?
        public var opacity: Double?
        public var strokeWidth: Double?
        public var dash: [Double]?
        /// Arrowheads: the triangle (tip, left, right).
        public var polygon: [[Double]]?
    }

    public init(_ scene: Scene) {
        width = scene.width
        height = scene.height
        background = scene.background.hex
        title = scene.title
        var order: [SceneTag] = []
        var bounds: [SceneTag: Rect] = [:]
        var texts: [SceneTag: [String]] = [:]
        var paths: [SceneTag: PathItem] = [:]
        var arrows: [SceneTag: (head: ArrowHead, color: Color)] = [:]
        for item in scene.items {
            guard let tag = item.tag else { continue }
            if bounds[tag] == nil { order.append(tag) }
            var frame: Rect?
            switch item {
            case .rect(let r): frame = r.frame.insetBy(dx: -(r.stroke?.width ?? 0) / 2, dy: -(r.stroke?.width ?? 0) / 2)
            case .text(let t):
                frame = t.frame
                texts[tag, default: []].append(t.text)
            case .image(let i): frame = i.frame
            case .path(let p):
                frame = Self.bounds(of: p)
                if paths[tag] == nil { paths[tag] = p }
                if let a = p.arrowAtEnd, let head = ArrowHead(endOf: p.segments, length: a.length, width: a.width) {
                    arrows[tag] = (head, a.color)
                }
            }
            if let frame { bounds[tag] = bounds[tag].map { Self.union($0, frame) } ?? frame }
        }
        var out: [Element] = []
        for tag in order {
            guard let b = bounds[tag] else { continue }
            var e = Element(role: tag.role.rawValue, id: tag.id, from: tag.from, to: tag.to, stage: tag.stage, lane: tag.lane,
                            bounds: Bounds(b), text: texts[tag])
            if let p = paths[tag], tag.role == .edgePath {
                e.path = Self.svgPath(p.segments)
                if let s = p.stroke {
                    e.stroke = s.color.hex; e.opacity = Self.round(s.color.alpha); e.strokeWidth = Self.round(s.width)
                    e.dash = s.dash.isEmpty ? nil : s.dash.map(Self.round)
                } else if let f = p.fill {
                    e.stroke = f.hex; e.opacity = Self.round(f.alpha)
                }
            }
            out.append(e)
            if let (head, _) = arrows[tag] {
                let pts = [head.tip, head.left, head.right]
                let box = pts.dropFirst().reduce(Rect(x: head.tip.x, y: head.tip.y, width: 0, height: 0)) {
                    Self.union($0, Rect(x: $1.x, y: $1.y, width: 0, height: 0))
                }
                out.append(Element(role: SceneRole.arrowhead.rawValue, id: tag.id, from: tag.from, to: tag.to, stage: nil, lane: nil,
                                   bounds: Bounds(box), polygon: pts.map { [Self.round($0.x), Self.round($0.y)] }))
            }
        }
        elements = out
    }

    /// Pretty-printed JSON with sorted keys.
    public func jsonBytes() throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return Array(try encoder.encode(self)) + [0x0a]
    }

    static func round(_ v: Double) -> Double { (v * 100).rounded() / 100 }

    static func union(_ a: Rect, _ b: Rect) -> Rect {
        let x0 = min(a.minX, b.minX), y0 = min(a.minY, b.minY)
        return Rect(x: x0, y: y0, width: max(a.maxX, b.maxX) - x0, height: max(a.maxY, b.maxY) - y0)
    }

    /// The points a path passes through: its ends and 16 samples of each curve.
    public static func samples(of segments: [PathSegment], perCurve: Int = 16) -> [Point] {
        var pts: [Point] = []
        var current: Point?
        var start: Point?
        for s in segments {
            switch s {
            case .move(let p): pts.append(p); current = p; start = p
            case .line(let p): pts.append(p); current = p
            case let .curve(c1, c2, to):
                let p0 = current ?? c1
                for k in 1...perCurve {
                    let u = Double(k) / Double(perCurve), v = 1 - u
                    let a = v * v * v, b = 3 * v * v * u, c = 3 * v * u * u, d = u * u * u
                    pts.append(Point(a * p0.x + b * c1.x + c * c2.x + d * to.x, a * p0.y + b * c1.y + c * c2.y + d * to.y))
                }
                current = to
            case .close: if let s = start { pts.append(s); current = s }
            }
        }
        return pts
    }

    static func bounds(of p: PathItem) -> Rect? {
        let pts = samples(of: p.segments)
        guard let first = pts.first else { return nil }
        var r = Rect(x: first.x, y: first.y, width: 0, height: 0)
        for q in pts.dropFirst() { r = union(r, Rect(x: q.x, y: q.y, width: 0, height: 0)) }
        let half = (p.stroke?.width ?? 0) / 2
        return r.insetBy(dx: -half, dy: -half)
    }

    static func svgPath(_ segments: [PathSegment]) -> String {
        func n(_ v: Double) -> String {
            let r = round(v)
            return r == r.rounded() ? String(Int(r)) : String(r)
        }
        func p(_ q: Point) -> String { "\(n(q.x)) \(n(q.y))" }
        return segments.map { s in
            switch s {
            case .move(let a): return "M \(p(a))"
            case .line(let a): return "L \(p(a))"
            case let .curve(c1, c2, to): return "C \(p(c1)) \(p(c2)) \(p(to))"
            case .close: return "Z"
            }
        }.joined(separator: " ")
    }
}
