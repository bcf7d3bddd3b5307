/// The `lanes` object of a journey file written by `mine --lanes ATTR` (absent otherwise, so
/// journey files of every other command keep their bytes): what `map --lanes` needs and the
/// rest of the file lacks — the boxes of touchpoints split per lane value, their numbers, and
/// the moves touching them. See docs/journey-format.md.
public struct LaneSection: Sendable, Equatable, Codable {
    public var attribute: String
    /// `--lanes-split` the touchpoints were split at.
    public var split: Double
    /// Every touchpoint's box or boxes with their lane, by name.
    public var boxes: [Box]
    /// The split boxes, as touchpoints (name `touchpoint · value`).
    public var touchpoints: [JourneyGraph.Touchpoint]
    /// Moves from or to a split box (moves between two unsplit touchpoints are the file's `edges`).
    public var edges: [JourneyGraph.Edge]

    public struct Box: Sendable, Equatable, Codable {
        public var name: String
        public var touchpoint: String
        public var lane: String
        public var split: Bool
    }

    /// The section for `laneGraph` and `lanes` (from `JourneyGraph.splitIntoLanes`).
    public init(laneGraph: JourneyGraph, lanes: Swimlanes) {
        attribute = lanes.attribute
        split = lanes.splitThreshold
        boxes = lanes.boxes.keys.sorted().map { name in
            let b = lanes.boxes[name]!
            return Box(name: name, touchpoint: b.touchpoint, lane: b.lane, split: b.split)
        }
        let splitNames = Set(lanes.boxes.filter { $0.value.split }.keys)
        touchpoints = laneGraph.touchpoints.filter { splitNames.contains($0.name) }
        edges = laneGraph.edges.filter { splitNames.contains($0.from) || splitNames.contains($0.to) }
    }

    /// The section of a file written by `mine --lanes ATTR --min-people k`, whose graph is
    /// already `published` (the split lane graph with the rules applied, docs/privacy.md): only
    /// the boxes it shows, and no numbers of its own. An unsplit graph beside the split one
    /// would give a withheld box back (a touchpoint's events minus its shown boxes), so the
    /// file's touchpoints and edges are the published boxes and moves themselves.
    public init(published: JourneyGraph, lanes: Swimlanes) {
        attribute = lanes.attribute
        split = lanes.splitThreshold
        let shown = Set(published.touchpoints.map(\.name))
        boxes = lanes.boxes.keys.sorted().filter(shown.contains).map { name in
            let b = lanes.boxes[name]!
            return Box(name: name, touchpoint: b.touchpoint, lane: b.lane, split: b.split)
        }
        touchpoints = []
        edges = []
    }
}

extension JourneyGraph {
    /// The graph `map --lanes` draws and its lanes, from this file's `lanes` section: split
    /// touchpoints replaced by their boxes, moves touching them by the section's.
    public func laneGraphFromSection() -> (JourneyGraph, Swimlanes)? {
        guard let section = lanes else { return nil }
        var boxes: [String: Swimlanes.Box] = [:]
        for b in section.boxes { boxes[b.name] = Swimlanes.Box(touchpoint: b.touchpoint, lane: b.lane, split: b.split) }
        let splitTouchpoints = Set(section.boxes.filter(\.split).map(\.touchpoint))
        var out = self
        out.lanes = nil
        out.touchpoints = []
        for t in touchpoints {
            if splitTouchpoints.contains(t.name) {
                out.touchpoints += section.touchpoints.filter { boxes[$0.name]?.touchpoint == t.name }
            } else {
                out.touchpoints.append(t)
            }
        }
        let order = Dictionary(out.touchpoints.enumerated().map { ($1.name, $0) }, uniquingKeysWith: { a, _ in a })
        out.edges = (edges.filter { !splitTouchpoints.contains($0.from) && !splitTouchpoints.contains($0.to) } + section.edges).sorted {
            let a = (order[$0.from] ?? .max, order[$0.to] ?? .max), b = (order[$1.from] ?? .max, order[$1.to] ?? .max)
            return a != b ? a < b : ($0.from, $0.to) < ($1.from, $1.to)
        }
        return (out, Swimlanes(attribute: section.attribute, splitThreshold: section.split, boxes: boxes))
    }
}
