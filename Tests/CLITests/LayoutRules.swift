import Foundation

/// The layout export as docs/layout-format.md documents it, decoded independently of the
/// library, and the layout rules of issue 17 checked on it.
struct LayoutFile: Decodable {
    struct Bounds: Decodable {
        var x: Double, y: Double, width: Double, height: Double
        var maxX: Double { x + width }
        var maxY: Double { y + height }
        var centerX: Double { x + width / 2 }
        /// True when the interiors overlap by more than `tolerance` on both axes.
        func overlaps(_ o: Bounds, tolerance: Double = 0.5) -> Bool {
            x + tolerance < o.maxX - tolerance && o.x + tolerance < maxX - tolerance
                && y + tolerance < o.maxY - tolerance && o.y + tolerance < maxY - tolerance
        }
        var corners: [[Double]] {
            let t = 0.5
            return [[x + t, y + t], [maxX - t, y + t], [maxX - t, maxY - t], [x + t, maxY - t]]
        }
    }
    struct Element: Decodable {
        var role: String
        var id: String
        var from: String?
        var to: String?
        var stage: String?
        /// Touchpoint boxes and swimlanes of a map with `--lanes`: the lane's value.
        var lane: String?
        var bounds: Bounds
        var text: [String]?
        var path: String?
        var stroke: String?
        var opacity: Double?
        var strokeWidth: Double?
        var dash: [Double]?
        var polygon: [[Double]]?
        var shape: [[Double]] { polygon ?? bounds.corners }
    }
    var format: String
    var version: Int
    var width: Double
    var height: Double
    var background: String
    var elements: [Element]

    static func read(_ path: String) throws -> LayoutFile {
        try JSONDecoder().decode(LayoutFile.self, from: Data(contentsOf: URL(fileURLWithPath: path)))
    }

    func all(_ role: String) -> [Element] { elements.filter { $0.role == role } }

    /// Elements drawn as solid things that nothing else may cover.
    static let solidRoles: Set<String> = ["stage header", "touchpoint box", "edge label", "legend", "note", "title",
                                          "arrowhead", "node label", "swimlane label"]

    /// Every broken rule, one sentence each (empty when the picture keeps them all).
    func problems(checkDashes: Bool = false) -> [String] {
        var out: [String] = []
        let columns = all("stage column")
        for (i, a) in columns.enumerated() {
            for b in columns[(i + 1)...] where a.bounds.overlaps(b.bounds) {
                out.append("stage column \(a.id) overlaps stage column \(b.id)")
            }
        }
        let columnByID = Dictionary(columns.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        for box in all("touchpoint box") {
            guard let stage = box.stage, let col = columnByID[stage] else { continue }
            if box.bounds.x < col.bounds.x - 0.5 || box.bounds.maxX > col.bounds.maxX + 0.5 {
                out.append("touchpoint box \(box.id) sticks out of its column \(stage)")
            }
            for other in columns where other.id != stage && box.bounds.overlaps(other.bounds) {
                out.append("touchpoint box \(box.id) overlaps stage column \(other.id)")
            }
        }
        let solid = elements.filter { Self.solidRoles.contains($0.role) }
        for (i, a) in solid.enumerated() {
            for b in solid[(i + 1)...] where !belong(a, b) && a.bounds.overlaps(b.bounds, tolerance: 0)
                && Self.convexOverlap(a.shape, b.shape) {
                out.append("\(a.role) \(a.id) overlaps \(b.role) \(b.id)")
            }
        }
        if checkDashes {
            let boxes = Dictionary(all("touchpoint box").map { ($0.id, $0.bounds) }, uniquingKeysWith: { a, _ in a })
            for e in all("edge path") {
                guard let f = e.from, let t = e.to, let a = boxes[f], let b = boxes[t] else { continue }
                let back = b.centerX < a.centerX - 1
                if back != (e.dash != nil) {
                    out.append("edge \(e.id) is \(e.dash != nil ? "dashed" : "solid") but goes \(back ? "back" : "forward") in the drawn order")
                }
            }
        }
        return out
    }

    /// Arrow heads belong to their edge and the box they point at; labels to their edge and
    /// their node.
    private func belong(_ a: Element, _ b: Element) -> Bool {
        let edgeRoles: Set<String> = ["edge label", "arrowhead", "edge path"]
        if a.id == b.id && edgeRoles.contains(a.role) && edgeRoles.contains(b.role) { return true }
        if a.role == "arrowhead" && b.role == "touchpoint box" && a.to == b.id { return true }
        if b.role == "arrowhead" && a.role == "touchpoint box" && b.to == a.id { return true }
        if Set([a.role, b.role]) == ["node label", "touchpoint box"] && a.id == b.id { return true }
        return false
    }

    /// Separating-axis test for two convex polygons; touching (within 0.3 pt) is not overlap.
    static func convexOverlap(_ p: [[Double]], _ q: [[Double]]) -> Bool {
        for poly in [p, q] {
            for i in poly.indices {
                let a = poly[i], b = poly[(i + 1) % poly.count]
                let ax = b[1] - a[1], ay = a[0] - b[0]
                let length = (ax * ax + ay * ay).squareRoot()
                guard length > 0 else { continue }
                let pp = p.map { ($0[0] * ax + $0[1] * ay) / length }, qq = q.map { ($0[0] * ax + $0[1] * ay) / length }
                if pp.max()! <= qq.min()! + 0.3 || qq.max()! <= pp.min()! + 0.3 { return false }
            }
        }
        return true
    }

    /// WCAG 2 contrast of each edge stroke, painted with its opacity, against the background.
    func edgeContrasts() -> [(id: String, contrast: Double)] {
        guard let bg = Self.rgb(background) else { return [] }
        return all("edge path").compactMap { e in
            guard e.strokeWidth != nil, let hex = e.stroke, let c = Self.rgb(hex) else { return nil }
            let a = e.opacity ?? 1
            let painted = zip(c, bg).map { bg in bg.1 + (bg.0 - bg.1) * a }
            return (e.id, Self.contrast(painted, bg))
        }
    }

    static func rgb(_ hex: String) -> [Double]? {
        let s = hex.dropFirst()
        guard s.count == 6, let v = UInt32(s, radix: 16) else { return nil }
        return [Double((v >> 16) & 0xff) / 255, Double((v >> 8) & 0xff) / 255, Double(v & 0xff) / 255]
    }

    static func contrast(_ a: [Double], _ b: [Double]) -> Double {
        func lum(_ c: [Double]) -> Double {
            let l = c.map { $0 <= 0.03928 ? $0 / 12.92 : pow(($0 + 0.055) / 1.055, 2.4) }
            return 0.2126 * l[0] + 0.7152 * l[1] + 0.0722 * l[2]
        }
        let x = lum(a), y = lum(b)
        return (max(x, y) + 0.05) / (min(x, y) + 0.05)
    }
}
