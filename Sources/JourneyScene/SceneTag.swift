/// What a drawn item stands for in the picture: its role and the id of the thing it draws.
///
/// Renderers ignore tags (a tagged scene draws the same bytes as an untagged one); the
/// layout export (`LayoutDocument`) groups items by tag, so web front ends and geometry
/// tests see touchpoint boxes, stage columns and edges rather than rectangles and glyphs.
public struct SceneTag: Sendable, Equatable, Hashable, Codable {
    public var role: SceneRole
    /// The thing's id: a stage id, a touchpoint name, `from→to` for an edge, `legend`, …
    public var id: String

    /// For edges (paths, labels, arrowheads): the touchpoints at either end.
    public var from: String?
    public var to: String?
    /// For touchpoint boxes: the id of the stage column they stand in.
    public var stage: String?
    /// For touchpoint boxes and swimlanes of a map with lanes (`--lanes`): the lane's value.
    public var lane: String?

    /// The thing's name for people when `id` is not it (a Sankey node `node3` is "Cart").
    public var name: String?
    /// One line with the thing's numbers (the semantic SVG's `<title>` tooltip), e.g.
    /// "Cart · 1,204 events · 38% of journeys" or "Cart → Checkout · 412 moves · 34%".
    public var info: String?
    /// An edge's weight (moves, journeys): what the text exports (DOT, Mermaid, SankeyMATIC) write.
    public var value: Double?

    public init(_ role: SceneRole, _ id: String, from: String? = nil, to: String? = nil, stage: String? = nil,
                name: String? = nil, info: String? = nil, value: Double? = nil, lane: String? = nil) {
        self.role = role
        self.lane = lane
        self.id = id
        self.from = from
        self.to = to
        self.stage = stage
        self.name = name
        self.info = info
        self.value = value
    }

    /// An edge's tag: id `from→to`.
    public static func edge(_ role: SceneRole, from: String, to: String, info: String? = nil, value: Double? = nil) -> SceneTag {
        SceneTag(role, edgeID(from, to), from: from, to: to, info: info, value: value)
    }

    /// The id of an edge from `from` to `to`.
    public static func edgeID(_ from: String, _ to: String) -> String { "\(from)→\(to)" }
}

/// The roles documented in docs/layout-format.md.
public enum SceneRole: String, Sendable, Equatable, Hashable, Codable, CaseIterable {
    case title
    case stageColumn = "stage column"
    case stageHeader = "stage header"
    case touchpointBox = "touchpoint box"
    case nodeLabel = "node label"
    case edgePath = "edge path"
    case edgeLabel = "edge label"
    case arrowhead
    case legend
    case note
    case lane
    /// A channel swimlane's band across the map (`map --lanes`), id the lane's value.
    case swimlane
    /// A swimlane's name in the label column (id the lane's value; `heading`: the attribute's name).
    case swimlaneLabel = "swimlane label"
    case divider
    /// One persona card (every item of it), id the persona's name.
    case personaCard = "persona card"
}

extension SceneItem {
    /// The item's tag, nil when untagged.
    public var tag: SceneTag? {
        get {
            switch self {
            case .rect(let x): return x.tag
            case .path(let x): return x.tag
            case .text(let x): return x.tag
            case .image(let x): return x.tag
            }
        }
        set {
            switch self {
            case .rect(var x): x.tag = newValue; self = .rect(x)
            case .path(var x): x.tag = newValue; self = .path(x)
            case .text(var x): x.tag = newValue; self = .text(x)
            case .image(var x): x.tag = newValue; self = .image(x)
            }
        }
    }

    /// The item with `tag` set.
    public func tagged(_ tag: SceneTag) -> SceneItem {
        var copy = self
        copy.tag = tag
        return copy
    }

    /// The item tagged with `role` and `id`, unless it already carries a tag.
    public func tagged(_ role: SceneRole, _ id: String) -> SceneItem {
        tag == nil ? tagged(SceneTag(role, id)) : self
    }
}

extension Array where Element == SceneItem {
    /// Every item without a tag tagged with `role` and `id`.
    public func tagged(_ role: SceneRole, _ id: String) -> [SceneItem] { map { $0.tagged(role, id) } }

    /// Every item without a tag tagged with `tag`.
    public func tagged(_ tag: SceneTag) -> [SceneItem] { map { $0.tag == nil ? $0.tagged(tag) : $0 } }

    /// Every item (retagging tagged ones) with its ids prefixed by `prefix` (`before/`, `after/`).
    public func prefixingTagIDs(_ prefix: String) -> [SceneItem] {
        map { item in
            guard var t = item.tag else { return item }
            t.id = prefix + t.id
            t.from = t.from.map { prefix + $0 }
            t.to = t.to.map { prefix + $0 }
            t.stage = t.stage.map { prefix + $0 }
            return item.tagged(t)
        }
    }
}
