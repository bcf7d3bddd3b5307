import JourneyScene

/// What the text exports write, read from the drawn `Scene` (so they show exactly the picture's
/// selection and limits): its stages, touchpoints with their boxes, flows with their weights, and
/// the notes the picture prints under itself (what was hidden).
struct ExportGraph {
    struct Stage { var id: String; var name: String; var frame: Rect? }
    struct Node {
        var id: String
        var name: String
        var stage: String?
        var frame: Rect
        var info: String?
    }
    struct Edge {
        var from: String
        var to: String
        var value: Double
        var dashed: Bool
        var info: String?
    }

    var title: String
    var kind: SceneKind?
    var width: Double
    var height: Double
    var stages: [Stage] = []
    var nodes: [Node] = []
    var edges: [Edge] = []
    /// The picture's footnote lines (hidden touchpoints and flows, dropped loops…).
    var notes: [String] = []

    init(_ scene: Scene) {
        title = scene.title
        kind = scene.kind
        width = scene.width
        height = scene.height
        var nodeIndex: [String: Int] = [:], edgeIndex: [String: Int] = [:], stageIndex: [String: Int] = [:]
        var named: Set<String> = []
        for item in scene.items {
            guard let tag = item.tag else { continue }
            switch tag.role {
            case .stageColumn, .stageHeader:
                if stageIndex[tag.id] == nil {
                    stageIndex[tag.id] = stages.count
                    stages.append(Stage(id: tag.id, name: tag.id, frame: nil))
                }
                if tag.role == .stageColumn, let k = stageIndex[tag.id], let f = Self.frame(of: item) {
                    stages[k].frame = stages[k].frame.map { Self.union($0, f) } ?? f
                }
                if tag.role == .stageHeader, case .text(let t) = item, let k = stageIndex[tag.id], !named.contains(tag.id) {
                    stages[k].name = t.text
                    named.insert(tag.id)
                }
            case .touchpointBox:
                let frame = Self.frame(of: item)
                if let k = nodeIndex[tag.id] {
                    if let f = frame { nodes[k].frame = Self.union(nodes[k].frame, f) }
                } else if let f = frame {
                    nodeIndex[tag.id] = nodes.count
                    nodes.append(Node(id: tag.id, name: tag.name ?? tag.id, stage: tag.stage, frame: f, info: tag.info))
                }
            case .edgePath:
                guard let from = tag.from, let to = tag.to, edgeIndex[tag.id] == nil else { continue }
                edgeIndex[tag.id] = edges.count
                var dashed = false
                if case .path(let p) = item { dashed = !(p.stroke?.dash.isEmpty ?? true) }
                edges.append(Edge(from: from, to: to, value: tag.value ?? 0, dashed: dashed, info: tag.info))
            case .note:
                if case .text(let t) = item { notes.append(t.text) }
            default:
                break
            }
        }
        // Sankey columns are numbered stages; their header's first line names them.
        let used = Set(nodes.compactMap(\.stage))
        stages = stages.filter { used.contains($0.id) }
        // Strongest flow first (the picture draws the thinnest first), ties in drawing order.
        edges = edges.enumerated().sorted { $0.element.value != $1.element.value ? $0.element.value > $1.element.value : $0.offset < $1.offset }
            .map(\.element)
    }

    /// Names unique across the picture: a touchpoint drawn in several Sankey columns gets its
    /// column's number, `Cart (2)`.
    func uniqueNames() -> [String: String] {
        var count: [String: Int] = [:]
        for n in nodes { count[n.name, default: 0] += 1 }
        var out: [String: String] = [:], taken: Set<String> = []
        for n in nodes {
            var name = n.name
            if count[n.name, default: 0] > 1 {
                let column = n.stage.flatMap { $0.hasPrefix("column") ? Int($0.dropFirst(6)) : nil }
                name = column.map { "\(n.name) (\($0 + 1))" } ?? "\(n.name) (\(n.stage ?? n.id))"
            }
            var k = 1, candidate = name
            while taken.contains(candidate) { k += 1; candidate = "\(name) ~\(k)" }
            taken.insert(candidate)
            out[n.id] = candidate
        }
        return out
    }

    /// The edges with those that would close a cycle left out (Sankey tools draw none): the
    /// strongest flows are kept first, a flow is dropped when its target already reaches its
    /// source. Returns what is kept and what is dropped, each in the picture's order.
    func acyclic() -> (kept: [Edge], dropped: [Edge]) {
        let order = edges.indices.sorted { edges[$0].value != edges[$1].value ? edges[$0].value > edges[$1].value : $0 < $1 }
        var next: [String: [String]] = [:]
        var keep = Set<Int>()
        func reaches(_ a: String, _ b: String) -> Bool {
            var seen: Set<String> = [a], stack = [a]
            while let x = stack.popLast() {
                if x == b { return true }
                for y in next[x] ?? [] where !seen.contains(y) { seen.insert(y); stack.append(y) }
            }
            return false
        }
        for i in order {
            let e = edges[i]
            guard e.from != e.to, !reaches(e.to, e.from) else { continue }
            next[e.from, default: []].append(e.to)
            keep.insert(i)
        }
        return (edges.indices.filter { keep.contains($0) }.map { edges[$0] },
                edges.indices.filter { !keep.contains($0) }.map { edges[$0] })
    }

    var isSankey: Bool { kind == .sankeySteps || kind == .sankeyStages || kind == .diffSankey }

    /// `412`, `3.5`: a weight as text.
    static func number(_ v: Double) -> String {
        v == v.rounded() && abs(v) < 1e15 ? String(Int(v)) : SVGNumber.format(v)
    }

    private static func frame(of item: SceneItem) -> Rect? {
        switch item {
        case .rect(let r): return r.frame
        case .text(let t): return t.frame
        case .image(let i): return i.frame
        case .path: return nil
        }
    }

    private static func union(_ a: Rect, _ b: Rect) -> Rect {
        let x = min(a.minX, b.minX), y = min(a.minY, b.minY)
        return Rect(x: x, y: y, width: max(a.maxX, b.maxX) - x, height: max(a.maxY, b.maxY) - y)
    }
}
