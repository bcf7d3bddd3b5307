/// Shared machinery of both Sankey modes: per-column touchpoint counts → nodes (top K + other
/// + special nodes), then link counting in dense per-column-pair matrices.
///
/// Nodes are numbered column by column, so a node's index within its column is
/// `id - firstID[column]` and links come out sorted by (source, target).
struct SankeyFlowBuilder {
    let touchpointCount: Int
    let columnCount: Int
    /// `counts[c * touchpointCount + t]`: paths at touchpoint `t` in column `c`.
    var counts: [Int]
    var dropOff: [Int]
    var start: [Int]
    var skipped: [Int]

    private(set) var nodes: [SankeyFlows.Node] = []
    private(set) var firstID: [Int] = []
    /// Node id of touchpoint `t` in column `c` at `c * touchpointCount + t` (-1: none).
    private(set) var nodeOfTouchpoint: [Int32] = []
    private(set) var dropOffID: [Int] = []
    private(set) var startID: [Int] = []
    private(set) var skippedID: [Int] = []
    private var linkBase: [Int] = []
    private var linkCounts: [Int] = []
    /// When comparing two sides (`sideBoundary` set): the side (0 before, 1 after) of the unit
    /// being counted, and each side's link counts after one another.
    var side = -1
    private var sideLinkCounts: [Int] = []
    /// `--min-people`: the people behind each node, link, cell and count (see `trackPeople`).
    var tracker: SankeyPeopleTracker?
    /// Cells (`c * touchpointCount + t`) of each `.other` node's members, in member order.
    private(set) var otherCells: [Int: [Int]] = [:]
    /// When comparing two sides with `--min-people` (`trackSidePeople`): the people behind every
    /// number per side (keyed as `tracker`), and each side's paths per cell.
    private var sideTrackers: [SankeyPeopleTracker] = []
    private var sideCells: [[Int]] = []

    init(touchpointCount: Int, columnCount: Int) {
        self.touchpointCount = touchpointCount
        self.columnCount = columnCount
        counts = [Int](repeating: 0, count: touchpointCount * columnCount)
        dropOff = [Int](repeating: 0, count: columnCount)
        start = dropOff
        skipped = dropOff
    }

    /// Makes each column's nodes: its `topK` largest touchpoints (ties by name), one "other"
    /// node for the rest (a single leftover touchpoint keeps its own node instead), then
    /// skipped, start and drop-off nodes when they hold anything.
    /// - Complexity: O(C · T log T) for C columns and T touchpoints.
    mutating func makeNodes(topK: Int, touchpoints: [JourneySequences.TouchpointInfo], channels: [String?],
                            columnStage: (Int) -> Int?) {
        let T = touchpointCount
        nodeOfTouchpoint = [Int32](repeating: -1, count: T * columnCount)
        dropOffID = [Int](repeating: -1, count: columnCount)
        startID = dropOffID
        skippedID = dropOffID
        for c in 0..<columnCount {
            firstID.append(nodes.count)
            let base = c * T
            let ranked = (0..<T).filter { counts[base + $0] > 0 }.sorted {
                counts[base + $0] != counts[base + $1] ? counts[base + $0] > counts[base + $1]
                    : touchpoints[$0].name < touchpoints[$1].name
            }
            let own = ranked.count <= topK + 1 ? ranked.count : topK
            func add(_ kind: SankeyFlows.NodeKind, _ value: Int, touchpoint t: Int? = nil,
                     members: [SankeyFlows.Member] = []) -> Int {
                let id = nodes.count
                nodes.append(SankeyFlows.Node(
                    id: id, column: c, kind: kind, touchpoint: t.map { touchpoints[$0].name },
                    stageIndex: t.map { touchpoints[$0].stageIndex } ?? columnStage(c),
                    channel: t.flatMap { channels[$0] }, value: value, members: members))
                return id
            }
            for t in ranked.prefix(own) {
                nodeOfTouchpoint[base + t] = Int32(add(.touchpoint, counts[base + t], touchpoint: t))
            }
            if own < ranked.count {
                let rest = ranked[own...]
                let members = rest.map { SankeyFlows.Member(name: touchpoints[$0].name, value: counts[base + $0]) }
                let other = add(.other, members.reduce(0) { $0 + $1.value }, members: members)
                otherCells[other] = rest.map { base + $0 }
                for t in rest { nodeOfTouchpoint[base + t] = Int32(other) }
            }
            if skipped[c] > 0 { skippedID[c] = add(.skipped, skipped[c]) }
            if start[c] > 0 { startID[c] = add(.start, start[c]) }
            if dropOff[c] > 0 { dropOffID[c] = add(.dropOff, dropOff[c]) }
        }
        firstID.append(nodes.count)
        linkBase = [0]
        for c in 0..<columnCount {
            let pairs = c + 1 < columnCount ? width(c) * width(c + 1) : 0
            linkBase.append(linkBase[c] + pairs)
        }
        linkCounts = [Int](repeating: 0, count: linkBase[columnCount])
    }

    /// Counts links per side as well (see `side`); call after `makeNodes`.
    mutating func countSides() {
        sideLinkCounts = [Int](repeating: 0, count: 2 * linkCounts.count)
    }

    func width(_ c: Int) -> Int { firstID[c + 1] - firstID[c] }

    /// The footnote's counts whose people are tracked.
    enum Count: Int, CaseIterable { case total, excluded, truncated, returns, unplaced }

    /// Counts the people behind every number from here on (call after `makeNodes`; the pass
    /// then calls `begin(case:)` per unit, `visit` per step placed in a column, `mark` per count).
    /// Keys: nodes, links (dense, as `linkCounts`), cells, columns reached, counts.
    mutating func trackPeople() {
        tracker = SankeyPeopleTracker(keys: nodes.count + linkCounts.count + columnCount * touchpointCount + columnCount
                                      + Count.allCases.count)
    }

    /// Counts the people behind every number per side as well (with `countSides`, after `makeNodes`).
    mutating func trackSidePeople() {
        let t = SankeyPeopleTracker(keys: nodes.count + linkCounts.count + columnCount * touchpointCount + columnCount
                                    + Count.allCases.count)
        sideTrackers = [t, t]
        sideCells = [[Int]](repeating: [Int](repeating: 0, count: columnCount * touchpointCount), count: 2)
    }

    private var cellKey: Int { nodes.count + linkCounts.count }
    private var reachedKey: Int { cellKey + columnCount * touchpointCount }
    private var countKey: Int { reachedKey + columnCount }

    /// People are counted (`trackPeople` or `trackSidePeople`).
    private var tracksPeople: Bool { tracker != nil || !sideTrackers.isEmpty }

    /// Marks the current case behind number `key` in every tracker that counts it.
    @inline(__always)
    private mutating func markPeople(_ key: Int) {
        tracker?.mark(key)
        if !sideTrackers.isEmpty { sideTrackers[side].mark(key) }
    }

    mutating func begin(case c: UInt32) {
        tracker?.begin(case: c)
        if !sideTrackers.isEmpty { sideTrackers[side].begin(case: c) }
    }

    /// A unit is at touchpoint `t` in column `c` (its node, its cell, the column's reached paths).
    mutating func visit(column c: Int, touchpoint t: Int32) {
        guard tracksPeople else { return }
        let cell = c * touchpointCount + Int(t)
        if !sideTrackers.isEmpty { sideCells[side][cell] += 1 }
        markPeople(node(column: c, touchpoint: t))
        markPeople(cellKey + cell)
        markPeople(reachedKey + c)
    }

    mutating func mark(_ count: Count) { markPeople(countKey + count.rawValue) }

    /// The people behind every number, for flows built with `links` (`links()` then return
    /// arcs keyed `source * nodes.count + target`); nil unless `trackPeople()` was called.
    func people(links: [SankeyFlows.Link]) -> SankeyFlows.People? {
        tracker.map { people(links: links, tracker: $0) }
    }

    /// Per side (before, after): the people behind every number of `links` (without return
    /// arcs) and each `.other` node's members' paths on that side, in member order; nil unless
    /// `trackSidePeople()` was called.
    func sidePeople(links: [SankeyFlows.Link]) -> [(people: SankeyFlows.People, members: [[Int]])]? {
        guard !sideTrackers.isEmpty else { return nil }
        return (0..<2).map { s in
            (people(links: links, tracker: sideTrackers[s]),
             nodes.map { n in (otherCells[n.id] ?? []).map { sideCells[s][$0] } })
        }
    }

    private func people(links: [SankeyFlows.Link], tracker t: SankeyPeopleTracker) -> SankeyFlows.People {
        var linkPeople: [Int] = []
        for c in 0..<max(0, columnCount - 1) {
            let w = width(c + 1)
            for s in 0..<width(c) {
                for u in 0..<w where linkCounts[linkBase[c] + s * w + u] > 0 {
                    linkPeople.append(t.counts[nodes.count + linkBase[c] + s * w + u])
                }
            }
        }
        for l in links.dropFirst(linkPeople.count) { linkPeople.append(t.arcs[l.source * nodes.count + l.target] ?? 0) }
        let members = nodes.map { n in (otherCells[n.id] ?? []).map { t.counts[cellKey + $0] } }
        func count(_ c: Count) -> Int { t.counts[countKey + c.rawValue] }
        return SankeyFlows.People(nodes: Array(t.counts[0..<nodes.count]), links: linkPeople, members: members,
                                  reached: (0..<columnCount).map { t.counts[reachedKey + $0] },
                                  total: count(.total), excluded: count(.excluded), truncated: count(.truncated),
                                  returns: count(.returns), unplaced: count(.unplaced))
    }

    @inline(__always)
    func node(column c: Int, touchpoint t: Int32) -> Int {
        Int(nodeOfTouchpoint[c * touchpointCount + Int(t)])
    }

    /// Counts one path moving from node `source` (in column `c`) to node `target` (in `c + 1`).
    @inline(__always)
    mutating func addLink(column c: Int, from source: Int, to target: Int, weight: Int = 1) {
        let k = linkBase[c] + (source - firstID[c]) * width(c + 1) + (target - firstID[c + 1])
        linkCounts[k] &+= weight
        if tracksPeople {
            markPeople(source); markPeople(target); markPeople(nodes.count + k)
        }
        if side >= 0 { sideLinkCounts[side * linkCounts.count + k] &+= weight }
    }

    /// Links with a positive count, sorted by (source, target); the kind follows from the nodes.
    func links() -> [SankeyFlows.Link] {
        var out: [SankeyFlows.Link] = []
        for c in 0..<max(0, columnCount - 1) {
            let w = width(c + 1)
            for s in 0..<width(c) {
                for t in 0..<w {
                    let v = linkCounts[linkBase[c] + s * w + t]
                    guard v > 0 else { continue }
                    let source = firstID[c] + s, target = firstID[c + 1] + t
                    let kind: SankeyFlows.LinkKind = nodes[target].kind == .dropOff ? .dropOff
                        : nodes[source].kind == .start ? .entry : .forward
                    out.append(SankeyFlows.Link(source: source, target: target, value: v, kind: kind))
                }
            }
        }
        return out
    }

    /// Per side (before, after), the count of each link of `links()`, in the same order;
    /// nil unless `countSides()` was called.
    func sideLinkValues() -> [[Int]]? {
        guard !sideLinkCounts.isEmpty else { return nil }
        var out: [[Int]] = [[], []]
        for c in 0..<max(0, columnCount - 1) {
            let w = width(c + 1)
            for s in 0..<width(c) {
                for t in 0..<w {
                    let k = linkBase[c] + s * w + t
                    guard linkCounts[k] > 0 else { continue }
                    out[0].append(sideLinkCounts[k])
                    out[1].append(sideLinkCounts[linkCounts.count + k])
                }
            }
        }
        return out
    }

    /// Columns with their node ids.
    func columns(step: (Int) -> Int?, stage: (Int) -> Int?) -> [SankeyFlows.Column] {
        (0..<columnCount).map { c in
            SankeyFlows.Column(index: c, step: step(c), stageIndex: stage(c), nodes: Array(firstID[c]..<firstID[c + 1]))
        }
    }
}

extension JourneySequences {
    /// Most frequent channel of each touchpoint's events (ties: alphabetical; nil when none).
    /// - Complexity: O(n) for n steps, with a dense T × channels table when small.
    func dominantChannels() -> [String?] {
        let T = touchpoints.count, C = channelNames.count
        guard T > 0, C > 1 else { return [String?](repeating: nil, count: T) }
        var best = [String?](repeating: nil, count: T)
        if T * C <= 4_000_000 {
            var counts = [Int](repeating: 0, count: T * C)
            for i in steps.indices { counts[Int(steps[i]) * C + Int(channels[i])] += 1 }
            for t in 0..<T {
                var top = 0, name: String?
                for ch in 1..<C where counts[t * C + ch] > 0 {
                    let n = counts[t * C + ch]
                    if n > top || (n == top && channelNames[ch] < name!) { top = n; name = channelNames[ch] }
                }
                best[t] = name
            }
        }
        return best
    }

    /// Calls `body(lo, hi)` with the `steps` range of each journey, or with `people` of each
    /// case (its journeys are contiguous: sequences come in case order).
    @inline(__always)
    func forEachUnit(people: Bool, _ body: (Int, Int) -> Void) {
        var j = 0
        while j < count {
            var k = j + 1
            if people { while k < count && caseOfJourney[k] == caseOfJourney[j] { k += 1 } }
            body(offsets[j], offsets[k])
            j = k
        }
    }

    /// Distinct cases among the journeys.
    var peopleCount: Int {
        var n = 0
        for j in 0..<count where j == 0 || caseOfJourney[j] != caseOfJourney[j - 1] { n += 1 }
        return n
    }
}
