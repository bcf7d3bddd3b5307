import JourneyCore

/// Mutable working state of `SankeyLayout`: node positions, link orders and offsets.
struct SankeyLayoutState {
    let flows: SankeyFlows
    let padding: Double
    let minHeight: Double
    /// Per column: nodes that relaxation moves (kept sorted by y), and pinned bottom nodes.
    var movable: [[Int]]
    var pinned: [[Int]]
    /// Links that take part in the layout (all but return arcs).
    let layoutLinks: [Int]
    /// Per node: outgoing / incoming layout links, kept sorted by the other end's y.
    var sourceLinks: [[Int]]
    var targetLinks: [[Int]]
    var ky = 0.0
    var plotHeight = 0.0
    var top = 0.0
    var y0: [Double]
    var height: [Double]
    /// Per link (index into `flows.links`).
    var width: [Double]
    var sourceOffset: [Double]
    var targetOffset: [Double]

    init(flows: SankeyFlows, padding: Double, minHeight: Double) {
        self.flows = flows
        self.padding = padding
        self.minHeight = minHeight
        movable = flows.columns.map { $0.nodes.filter { !Self.isPinned(flows.nodes[$0].kind) } }
        pinned = flows.columns.map { col in
            // Top to bottom: other, skipped, start, drop-off (a column cannot hold both of the last two today).
            [SankeyFlows.NodeKind.other, .skipped, .start, .dropOff].flatMap { kind in col.nodes.filter { flows.nodes[$0].kind == kind } }
        }
        layoutLinks = flows.links.indices.filter { flows.links[$0].kind != .returnArc }
        sourceLinks = Array(repeating: [], count: flows.nodes.count)
        targetLinks = sourceLinks
        for l in layoutLinks {
            sourceLinks[flows.links[l].source].append(l)
            targetLinks[flows.links[l].target].append(l)
        }
        y0 = Array(repeating: 0, count: flows.nodes.count)
        height = y0
        width = Array(repeating: 0, count: flows.links.count)
        sourceOffset = width
        targetOffset = width
    }

    static func isPinned(_ kind: SankeyFlows.NodeKind) -> Bool { kind != .touchpoint }

    /// Height a column needs at scale `k`.
    func columnHeight(_ c: Int, _ k: Double) -> Double {
        let ids = flows.columns[c].nodes
        let sum = ids.reduce(0.0) { $0 + max(Double(flows.nodes[$1].value) * k, minHeight) }
        return sum + Double(max(0, ids.count - 1)) * padding
    }

    /// The largest scale at which every column fits `plotHeight`; when minimum heights alone
    /// fill it, the plot grows so that proportional parts keep half the requested height.
    /// - Complexity: O(60 · N) (bisection).
    mutating func computeScale(plotHeight requested: Double) {
        let floor = flows.columns.indices.map { columnHeight($0, 0) }.max() ?? 0
        plotHeight = max(requested, floor + requested / 2)
        let largest = flows.columns.map { $0.nodes.reduce(0) { $0 + flows.nodes[$1].value } }.max() ?? 1
        var lo = 0.0, hi = plotHeight / Double(max(largest, 1))
        for _ in 0..<60 {
            let mid = (lo + hi) / 2
            if flows.columns.indices.allSatisfy({ columnHeight($0, mid) <= plotHeight }) { lo = mid } else { hi = mid }
        }
        ky = lo
        for n in flows.nodes { height[n.id] = max(Double(n.value) * ky, minHeight) }
        for l in layoutLinks { width[l] = Double(flows.links[l].value) * ky }
    }

    /// Stacks each column in build order and spreads its spare height evenly (as d3-sankey);
    /// pinned nodes sit at the bottom.
    mutating func initialBreadths(top: Double) {
        self.top = top
        for c in flows.columns.indices {
            var y = top
            for id in movable[c] { y0[id] = y; y += height[id] + padding }
            let spare = (bottom(c) - y + padding) / Double(movable[c].count + 1)
            for (i, id) in movable[c].enumerated() { y0[id] += spare * Double(i + 1) }
            var b = top + plotHeight
            for id in pinned[c].reversed() { b -= height[id]; y0[id] = b; b -= padding }
        }
        orderLinks()
    }

    /// Lowest y movable nodes of column `c` may reach.
    func bottom(_ c: Int) -> Double {
        top + plotHeight - pinned[c].reduce(0.0) { $0 + height[$1] + padding }
    }

    /// Alternating relaxation sweeps with d3-sankey's schedule: alpha = 0.99^i pulls each node
    /// toward the weighted position that would make its ribbons straight, beta (rising to 1)
    /// resolves collisions.
    mutating func relax(iterations: Int) {
        guard iterations > 0 else { return }
        for i in 0..<iterations {
            let alpha = pow(0.99, Double(i))
            let beta = max(1 - alpha, Double(i + 1) / Double(iterations))
            for c in stride(from: flows.columns.count - 2, through: 0, by: -1) { relaxColumn(c, towardTargets: true, alpha, beta) }
            for c in 1..<max(1, flows.columns.count) { relaxColumn(c, towardTargets: false, alpha, beta) }
        }
    }

    private static func pulls(_ kind: SankeyFlows.LinkKind) -> Bool { kind == .forward }

    mutating func relaxColumn(_ c: Int, towardTargets: Bool, _ alpha: Double, _ beta: Double) {
        for id in movable[c] {
            var y = 0.0, w = 0.0
            for l in (towardTargets ? sourceLinks[id] : targetLinks[id]) where Self.pulls(flows.links[l].kind) {
                let link = flows.links[l]
                let v = Double(link.value)
                // The y0 that would make this ribbon horizontal.
                let ideal = towardTargets ? y0[link.target] + targetOffset[l] - sourceOffset[l]
                    : y0[link.source] + sourceOffset[l] - targetOffset[l]
                y += ideal * v
                w += v
            }
            guard w > 0 else { continue }
            y0[id] += (y / w - y0[id]) * alpha
        }
        sortColumn(c)
        resolveCollisions(c, beta)
        orderLinks()
    }

    mutating func sortColumn(_ c: Int) {
        movable[c].sort { y0[$0] != y0[$1] ? y0[$0] < y0[$1] : $0 < $1 }
    }

    /// d3-sankey's collision pass: from the middle node outwards, then from the bounds.
    mutating func resolveCollisions(_ c: Int, _ alpha: Double) {
        let nodes = movable[c]
        guard !nodes.isEmpty else { return }
        let i = nodes.count >> 1, subject = nodes[i]
        pushUp(nodes, from: y0[subject] - padding, i - 1, alpha)
        pushDown(nodes, from: y0[subject] + height[subject] + padding, i + 1, alpha)
        pushUp(nodes, from: bottom(c), nodes.count - 1, alpha)
        pushDown(nodes, from: top, 0, alpha)
    }

    private mutating func pushDown(_ nodes: [Int], from start: Double, _ first: Int, _ alpha: Double) {
        var y = start
        var i = first
        while i < nodes.count {
            let id = nodes[i]
            let dy = (y - y0[id]) * alpha
            if dy > 1e-6 { y0[id] += dy }
            y = y0[id] + height[id] + padding
            i += 1
        }
    }

    private mutating func pushUp(_ nodes: [Int], from start: Double, _ last: Int, _ alpha: Double) {
        var y = start
        var i = last
        while i >= 0 {
            let id = nodes[i]
            let dy = (y0[id] + height[id] - y) * alpha
            if dy > 1e-6 { y0[id] -= dy }
            y = y0[id] - padding
            i -= 1
        }
    }

    /// A last full collision pass (alpha 1), so no two nodes overlap whatever the iterations.
    mutating func finish() {
        for c in flows.columns.indices {
            sortColumn(c)
            pushUp(movable[c], from: bottom(c), movable[c].count - 1, 1)
            pushDown(movable[c], from: top, 0, 1)
        }
        orderLinks()
    }

    /// Sorts each node's links by the other end's position and stacks them, centred in the
    /// node (a node taller than its flows, by the minimum height, keeps its ribbons in the middle).
    mutating func orderLinks() {
        for id in flows.nodes.indices {
            sourceLinks[id].sort { a, b in
                let ta = flows.links[a].target, tb = flows.links[b].target
                return y0[ta] != y0[tb] ? y0[ta] < y0[tb] : ta < tb
            }
            targetLinks[id].sort { a, b in
                let sa = flows.links[a].source, sb = flows.links[b].source
                return y0[sa] != y0[sb] ? y0[sa] < y0[sb] : sa < sb
            }
            var y = (height[id] - sourceLinks[id].reduce(0.0) { $0 + width[$1] }) / 2
            for l in sourceLinks[id] { sourceOffset[l] = y; y += width[l] }
            y = (height[id] - targetLinks[id].reduce(0.0) { $0 + width[$1] }) / 2
            for l in targetLinks[id] { targetOffset[l] = y; y += width[l] }
        }
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
