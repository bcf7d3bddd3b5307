import JourneyScene

/// Shortest routes around the boxes, for edges whose dot spline crosses a box or makes a long
/// detour (dot routes `constraint=false` back edges around the whole graph: under the map).
///
/// A route is the shortest polyline from just outside the tail's side to just outside the
/// head's side over a visibility graph of the corners of the boxes, each box grown by
/// `clearance`; its corners are rounded with short Bézier pieces. Back edges leave the tail on
/// its left and enter the head on its right; other edges leave on the right and enter on the
/// left; edges within one column leave and enter on the left.
struct EdgeRouter {
    let boxes: [Rect]
    let clearance: Double
    private let grown: [Rect]
    private var corners: [Point] = []
    /// Visible corner pairs, as neighbour lists with distances.
    private var links: [[(Int, Double)]] = []

    init(boxes: [Rect], clearance: Double = 6) {
        self.boxes = boxes
        self.clearance = clearance
        grown = boxes.map { $0.insetBy(dx: -clearance, dy: -clearance) }
        for g in grown {
            for c in [Point(g.minX, g.minY), Point(g.maxX, g.minY), Point(g.maxX, g.maxY), Point(g.minX, g.maxY)]
            where !grown.contains(where: { Self.strictlyInside(c, $0) }) {
                corners.append(c)
            }
        }
        links = Array(repeating: [], count: corners.count)
        for a in corners.indices {
            for b in corners.indices where b > a && visible(corners[a], corners[b]) {
                let d = Self.distance(corners[a], corners[b])
                links[a].append((b, d))
                links[b].append((a, d))
            }
        }
    }

    /// True when the spline (1 + 3k points) passes through a box other than `tail` and `head`.
    func crossesABox(_ spline: [Point], tail: Rect, head: Rect) -> Bool {
        let pts = LayoutDocument.samples(of: Self.segments(spline))
        for b in boxes where b != tail && b != head {
            let inner = b.insetBy(dx: 2, dy: 2)
            if pts.contains(where: { Self.strictlyInside($0, inner) }) { return true }
        }
        return false
    }

    /// Length of the spline, measured along 16 samples per piece.
    static func length(_ spline: [Point]) -> Double {
        let pts = LayoutDocument.samples(of: segments(spline))
        return zip(pts, pts.dropFirst()).reduce(0) { $0 + distance($1.0, $1.1) }
    }

    /// The shortest route from `tail` to `head` as a spline (1 + 3k points), or nil when none.
    /// Boxes in one column (one rank) are joined on their left sides.
    /// A back edge between two columns leaves and enters a quarter of the lower box's height
    /// below the sides' middles: the forward edge between the same boxes takes the middles, and
    /// the two lay one on the other (a shop log's 1,709 catalog → cart hid its 571 back).
    func route(from tail: Rect, to head: Rect, back: Bool) -> [Point]? {
        let sameColumn = abs(tail.center.x - head.center.x) < 1
        let drop = back && !sameColumn ? min(tail.height, head.height) / 4 : 0
        return route(from: tail, to: head, leaveLeft: back || sameColumn, enterRight: back && !sameColumn, drop: drop)
    }

    /// The shortest route from the tail's left or right side to the head's left or right side,
    /// `drop` below the sides' middles.
    func route(from tail: Rect, to head: Rect, leaveLeft: Bool, enterRight: Bool, drop: Double = 0) -> [Point]? {
        let start = Point(leaveLeft ? tail.minX : tail.maxX, tail.center.y + drop)
        let end = Point(enterRight ? head.maxX : head.minX, head.center.y + drop)
        let out = Point(start.x + (leaveLeft ? -clearance : clearance), start.y)
        let into = Point(end.x + (enterRight ? clearance : -clearance), end.y)
        guard let middle = shortestPath(from: out, to: into) else { return nil }
        return Self.rounded([start] + middle + [end], radius: 10)
    }

    /// The shortest route between boxes in different rows of a wrapped map: out of the
    /// tail's bottom and into the head's top when the head's row is below (`down`), else out
    /// of the top and into the bottom. Side ports made such edges run from the right end of
    /// one row to the left end of the next, a long diagonal across the map.
    func route(from tail: Rect, to head: Rect, down: Bool) -> [Point]? {
        let start = Point(tail.center.x, down ? tail.maxY : tail.minY)
        let end = Point(head.center.x, down ? head.minY : head.maxY)
        let step = down ? clearance : -clearance
        guard let middle = shortestPath(from: Point(start.x, start.y + step), to: Point(end.x, end.y - step)) else { return nil }
        return Self.rounded([start] + middle + [end], radius: 10)
    }

    /// Dijkstra over the corners, `from` and `to`.
    private func shortestPath(from: Point, to: Point) -> [Point]? {
        let n = corners.count, source = n, target = n + 1
        func point(_ i: Int) -> Point { i == source ? from : i == target ? to : corners[i] }
        var extra: [[(Int, Double)]] = Array(repeating: [], count: n + 2)
        if visible(from, to) { extra[source].append((target, Self.distance(from, to))) }
        for c in corners.indices {
            if visible(from, corners[c]) { extra[source].append((c, Self.distance(from, corners[c]))) }
            if visible(corners[c], to) { extra[c].append((target, Self.distance(corners[c], to))) }
        }
        var dist = Array(repeating: Double.infinity, count: n + 2)
        var previous = Array(repeating: -1, count: n + 2)
        var done = Array(repeating: false, count: n + 2)
        dist[source] = 0
        while true {
            var u = -1
            for i in 0..<(n + 2) where !done[i] && dist[i] < .infinity && (u < 0 || dist[i] < dist[u]) { u = i }
            guard u >= 0 else { return nil }
            if u == target { break }
            done[u] = true
            for (v, d) in (u < n ? links[u] : []) + extra[u] where dist[u] + d < dist[v] {
                dist[v] = dist[u] + d
                previous[v] = u
            }
        }
        var path: [Point] = []
        var k = target
        while k >= 0 { path.append(point(k)); k = previous[k] }
        return path.reversed()
    }

    /// True when the segment a–b stays out of every grown box's interior.
    private func visible(_ a: Point, _ b: Point) -> Bool {
        !grown.contains { Self.segment(a, b, crosses: $0.insetBy(dx: 0.01, dy: 0.01)) }
    }

    /// Liang–Barsky: does the segment enter the open rectangle?
    static func segment(_ a: Point, _ b: Point, crosses r: Rect) -> Bool {
        var t0 = 0.0, t1 = 1.0
        let dx = b.x - a.x, dy = b.y - a.y
        for (p, q) in [(-dx, a.x - r.minX), (dx, r.maxX - a.x), (-dy, a.y - r.minY), (dy, r.maxY - a.y)] {
            if p == 0 {
                if q <= 0 { return false }
            } else {
                let t = q / p
                if p < 0 { if t > t1 { return false }; t0 = max(t0, t) } else { if t < t0 { return false }; t1 = min(t1, t) }
            }
        }
        return t1 - t0 > 1e-9
    }

    static func strictlyInside(_ p: Point, _ r: Rect) -> Bool { p.x > r.minX && p.x < r.maxX && p.y > r.minY && p.y < r.maxY }

    static func distance(_ a: Point, _ b: Point) -> Double { ((a.x - b.x) * (a.x - b.x) + (a.y - b.y) * (a.y - b.y)).squareRoot() }

    /// A polyline as a spline: straight pieces, each corner cut by a curve of up to `radius`.
    static func rounded(_ pts: [Point], radius: Double) -> [Point] {
        func lerp(_ a: Point, _ b: Point, _ t: Double) -> Point { Point(a.x + (b.x - a.x) * t, a.y + (b.y - a.y) * t) }
        func line(_ a: Point, _ b: Point) -> [Point] { [lerp(a, b, 1.0 / 3), lerp(a, b, 2.0 / 3), b] }
        var out = [pts[0]]
        var current = pts[0]
        for i in 1..<pts.count {
            let p = pts[i]
            if i == pts.count - 1 { out += line(current, p); break }
            let next = pts[i + 1]
            let dIn = distance(current, p), dOut = distance(p, next)
            let r = min(radius, dIn / 2, dOut / 2)
            guard r > 0.5 else { out += line(current, p); current = p; continue }
            let a = lerp(p, current, r / dIn), b = lerp(p, next, r / dOut)
            out += line(current, a)
            out += [lerp(a, p, 0.55), lerp(b, p, 0.55), b]
            current = b
        }
        return out
    }

    static func segments(_ spline: [Point]) -> [PathSegment] {
        var segs: [PathSegment] = [.move(spline[0])]
        var k = 1
        while k + 2 < spline.count { segs.append(.curve(c1: spline[k], c2: spline[k + 1], to: spline[k + 2])); k += 3 }
        return segs
    }
}
