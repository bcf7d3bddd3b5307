/// A Sankey of two sides laid out once: the flows of both sides' journeys together (so a link
/// taken on either side is there), each link's count per side, and a test of the change in
/// the share of journeys taking it.
///
/// - The share of a link (or node) on a side is its count there over the side's paths drawn
///   (`beforeTotal`, `afterTotal`): "the share of journeys taking that link".
/// - Every forward, entry and drop-off link and every node is tested (two-proportion z-test,
///   Fisher's exact test for small expected counts) and the p-values of those whose
///   before + after count reaches `minCount` are adjusted together, as one family, with
///   Benjamini–Hochberg, as in `JourneyComparison`. Return arcs (stage mode) are left out:
///   they sit outside the flows.
/// - `layout` holds the widths the picture draws: each link's value is the mean of its two
///   shares (scaled to whole numbers), a weighted sum of two conserving flows, so it conserves
///   flow too; links of either side keep a width and a larger side does not dominate.
public struct SankeyDiff: Sendable {
    /// The flows of the union of both sides' journeys (counts of both sides together).
    public var union: SankeyFlows
    /// `union` with values `before share + after share` (times `afterTotal · beforeTotal / g`,
    /// g their greatest common divisor) and no return arcs: what the layout sizes by.
    /// `.other` nodes keep the union's members (their split by side is not kept).
    public var layout: SankeyFlows
    public var beforeTotal: Int
    public var afterTotal: Int
    /// Per link of `layout.links` (the same order): the change of its share.
    public var links: [ProportionChange]
    /// Per node of `union.nodes` (and `layout.nodes`): the change of its share.
    public var nodes: [ProportionChange]
    public var options: ComparisonOptions
    public var mode: SankeyFlows.Mode
    /// `--min-people` (`options.minPeople`): what each side's published flows withheld and
    /// what the diff left out (see `SankeyDiff+MinPeople`); nil without it.
    public var privacy: Privacy?

    /// Links and nodes in the Benjamini–Hochberg family, and those called significant.
    public var testedCount: Int { (links + nodes).filter { $0.q != nil }.count }
    public var significantCount: Int { (links + nodes).filter(\.significant).count }

    /// Compares the flows of `before` and `after` (see the type's documentation).
    /// - Throws: `ComparisonError` for bad options, an empty side or different stages;
    ///   `SankeyError` when the flows cannot be built or have only one column (nothing flows).
    /// - Complexity: O(n + C·T log T + L log L) for n steps, C columns, T touchpoints, L links.
    /// With `options.minPeople`, `graphs` are the two sides' full graphs (people counted) when the
    /// report of the same sides is published too: each side's flows are suppressed beside it.
    public init(before: JourneySequences, after: JourneySequences, mode: SankeyFlows.Mode = .stages,
                sankey: SankeyOptions = SankeyOptions(), options: ComparisonOptions = ComparisonOptions(),
                graphs: (before: JourneyGraph, after: JourneyGraph)? = nil) throws {
        try options.validate()
        for (side, s) in [("before", before), ("after", after)] where s.count == 0 {
            throw ComparisonError.emptySide(side: side, detail: "no journeys to draw")
        }
        let (sequences, boundary) = try JourneySequences.union(before: before, after: after)
        let countPeople = options.minPeople != nil
        let built = mode == .steps ? try SankeyFlows.bySteps(sequences, options: sankey, sideBoundary: boundary, sidePeople: countPeople)
            : try SankeyFlows.byStages(sequences, options: sankey, sideBoundary: boundary, sidePeople: countPeople)
        let flows = built.flows
        guard flows.columns.count >= 2, let sides = built.sides else {
            throw SankeyError("the journeys fill only one column, so nothing flows to compare (try --diff-sankey-by step)")
        }
        let flowLinks = flows.links.indices.filter { flows.links[$0].kind != .returnArc }
        // Side node values from side links: inflow, or outflow in the first column and at starts.
        var inflow = [[Int]](repeating: [Int](repeating: 0, count: flows.nodes.count), count: 2)
        var outflow = inflow
        for (i, l) in flowLinks.enumerated() {
            for s in 0..<2 {
                inflow[s][flows.links[l].target] += sides[s][i]
                outflow[s][flows.links[l].source] += sides[s][i]
            }
        }
        func nodeValue(_ s: Int, _ n: SankeyFlows.Node) -> Int {
            n.column == 0 || n.kind == .start ? outflow[s][n.id] : inflow[s][n.id]
        }
        // Paths per side: what the first column (and later starts) holds.
        func total(_ s: Int) -> Int {
            flows.nodes.reduce(0) { $0 + (($1.column == 0 || $1.kind == .start) ? outflow[s][$1.id] : 0) }
        }
        let b = total(0), a = total(1)
        guard b > 0, a > 0 else {
            throw ComparisonError.emptySide(side: b == 0 ? "before" : "after", detail: "no journey reaches the Sankey's columns")
        }
        let g = Self.gcd(a, b)
        let (wb, wa) = (a / g, b / g)
        var layout = flows
        layout.links = flowLinks.enumerated().map { i, l in
            var link = flows.links[l]
            link.value = sides[0][i] * wb + sides[1][i] * wa
            return link
        }
        for k in layout.nodes.indices {
            layout.nodes[k].value = nodeValue(0, flows.nodes[k]) * wb + nodeValue(1, flows.nodes[k]) * wa
        }
        layout.total = b * wb + a * wa
        union = flows
        beforeTotal = b
        afterTotal = a
        // Per link of `layout.links` and node: each side's count (what the tests compare).
        var linkCounts = flowLinks.indices.map { (sides[0][$0], sides[1][$0]) }
        var nodeCounts = flows.nodes.map { (nodeValue(0, $0), nodeValue(1, $0)) }
        if let k = options.minPeople, let people = built.sidePeople {
            // Each side published by the Sankey rules; drawn: what both sides publish.
            let sideFlows = (0..<2).map { s in
                Self.side(flows, links: flowLinks, values: sides[s], nodeValues: flows.nodes.map { nodeValue(s, $0) },
                          members: people[s].members, total: s == 0 ? b : a)
            }
            let published = try Self.publish(sideFlows, people: people.map(\.people), minPeople: k,
                                             graphs: graphs.map { [$0.before, $0.after] })
            (union, layout) = published.keep(union: flows, layout: layout)
            linkCounts = published.links.map { linkCounts[$0] }
            nodeCounts = published.nodes.map { nodeCounts[$0] }
            privacy = published.privacy
        }
        self.layout = layout
        // The tests run on the links and nodes drawn only: with --min-people nothing withheld
        // enters the Benjamini–Hochberg family.
        let changes = JourneyComparison.test(linkCounts.map { c in
            (Proportion(count: c.0, total: b), Proportion(count: c.1, total: a))
        } + nodeCounts.map { c in
            (Proportion(count: c.0, total: b), Proportion(count: c.1, total: a))
        }, options: options)
        links = Array(changes[..<linkCounts.count])
        nodes = Array(changes[linkCounts.count...])
        self.options = options
        self.mode = mode
    }

    static func gcd(_ x: Int, _ y: Int) -> Int { y == 0 ? max(x, 1) : gcd(y, x % y) }
}
