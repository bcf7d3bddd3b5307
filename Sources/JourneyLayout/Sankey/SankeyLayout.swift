import JourneyCore

/// Node and ribbon geometry of a Sankey, computed in the manner of d3-sankey: node columns at
/// given x, heights proportional to value (never below `minNodeHeight`, so a label fits beside
/// every node), an order that reduces crossings by iterative relaxation, then link breadths.
///
/// Passes (each a function): `computeScale` → `initialBreadths` → `relax` (right-to-left and
/// left-to-right, `iterations` times) → `resolveCollisions` → `orderLinks`/`ribbons`.
/// "Other", skipped, start and drop-off nodes are pinned to the bottom of their column, in that
/// order (sinks, sources and leftovers read as such, as in Mixpanel Flows); touchpoint nodes move. Drop-off and entry links do not pull
/// nodes during relaxation, so the order follows the forward flows. Ties break by node id:
/// the same flows always give the same geometry.
public struct SankeyLayout: Sendable, Equatable {
    /// Flow ribbon from a node's right edge to the next column's node's left edge.
    public struct Ribbon: Sendable, Equatable {
        /// Index into `flows.links`.
        public var link: Int
        public var x0: Double
        public var x1: Double
        /// Top of the band at the source and at the target.
        public var sourceY: Double
        public var targetY: Double
        public var width: Double
    }

    /// Node rectangles, indexed by node id.
    public var nodeFrames: [Rect]
    /// One per forward, drop-off and entry link, in link order.
    public var ribbons: [Ribbon]
    /// The area the nodes occupy (grown beyond the requested height when minimum heights need it).
    public var plot: Rect
    /// Points per unit of value.
    public var scale: Double
    /// Node ids of each column, top to bottom.
    public var columnOrder: [[Int]]

    /// - Parameters:
    ///   - columnX: left edge of each column's nodes.
    ///   - top: y of the node area's top.
    /// - Complexity: O(iterations · (N log N + L log L)) for N nodes and L links.
    public init(flows: SankeyFlows, columnX: [Double], top: Double, nodeWidth: Double, nodePadding: Double,
                plotHeight: Double, minNodeHeight: Double, iterations: Int) {
        var state = SankeyLayoutState(flows: flows, padding: nodePadding, minHeight: minNodeHeight)
        state.computeScale(plotHeight: plotHeight)
        state.initialBreadths(top: top)
        state.relax(iterations: iterations)
        state.finish()
        nodeFrames = flows.nodes.map { n in
            Rect(x: columnX[n.column], y: state.y0[n.id], width: nodeWidth, height: state.height[n.id])
        }
        columnOrder = state.movable.indices.map { state.movable[$0] + state.pinned[$0] }
        ribbons = state.layoutLinks.map { l in
            let link = flows.links[l]
            return Ribbon(link: l, x0: columnX[flows.nodes[link.source].column] + nodeWidth,
                          x1: columnX[flows.nodes[link.target].column],
                          sourceY: state.y0[link.source] + state.sourceOffset[l],
                          targetY: state.y0[link.target] + state.targetOffset[l], width: state.width[l])
        }
        plot = Rect(x: columnX.first ?? 0, y: top, width: (columnX.last ?? 0) + nodeWidth - (columnX.first ?? 0),
                    height: state.plotHeight)
        scale = state.ky
    }

    /// Weighted crossings between ribbons of the same column pair (Σ of value products of
    /// pairs whose ends are in opposite orders): what the ordering tries to keep small.
    public func crossings(_ flows: SankeyFlows) -> Double {
        var total = 0.0
        let forward = ribbons.filter { flows.links[$0.link].kind == .forward }
        for (i, a) in forward.enumerated() {
            for b in forward[(i + 1)...] where flows.nodes[flows.links[a.link].source].column == flows.nodes[flows.links[b.link].source].column {
                let s = a.sourceY - b.sourceY, t = a.targetY - b.targetY
                if s * t < 0 { total += Double(flows.links[a.link].value) * Double(flows.links[b.link].value) }
            }
        }
        return total
    }
}
