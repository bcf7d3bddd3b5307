/// The flows of a Sankey diagram: columns of nodes and the links between adjacent columns.
///
/// Built from `JourneySequences` by `bySteps(_:options:)` (column k = the k-th step of each
/// path) or `byStages(_:options:)` (columns = the template's stages). Every column accounts
/// for every path (see `checkInvariants()`):
///
///     Σ value of .touchpoint/.other/.skipped nodes in column c
///       + Σ value of .dropOff nodes in columns ≤ c      (paths that already ended)
///       + Σ value of .start nodes in columns ≥ c        (paths that have not begun yet, `--to`)
///       = total
///
/// and every node passes on what it receives: inflow = value (except in the first column and
/// for `.start` nodes), outflow including drop-off links = value (except in the last column and
/// for `.dropOff` nodes). A `.dropOff` node is a sink: it holds the paths that ended in the
/// column just before it and does not continue. Return arcs (stage mode) lie outside this
/// accounting: they record moves back to an earlier stage.
public struct SankeyFlows: Sendable, Equatable {
    public enum Mode: String, Sendable, Equatable { case steps, stages }

    public enum NodeKind: String, Sendable, Equatable {
        /// One touchpoint among the column's top K.
        case touchpoint
        /// The column's touchpoints outside the top K (`members` lists them).
        case other
        /// Paths that ended in the previous column (a sink).
        case dropOff
        /// Paths whose first step is in the next column (`--to` only; a source).
        case start
        /// Stage mode: journeys with no event in this stage (they skipped it or entered later).
        case skipped
    }

    public struct Member: Sendable, Equatable {
        public var name: String
        public var value: Int
    }

    public struct Node: Sendable, Equatable {
        /// Index into `nodes`.
        public var id: Int
        public var column: Int
        public var kind: NodeKind
        /// Touchpoint name for `.touchpoint` nodes.
        public var touchpoint: String?
        /// Index into `stages`: the touchpoint's stage; in stage mode also the column's stage for
        /// `.other` and `.skipped` nodes.
        public var stageIndex: Int?
        /// Most frequent channel of the touchpoint's events in the whole log (nil: none).
        public var channel: String?
        public var value: Int
        /// `.other` nodes: the touchpoints folded in, largest first (ties by name).
        public var members: [Member]
        /// `.other` nodes with `--min-people`: members left out of `members` (their numbers withheld).
        public var withheldMembers = 0
    }

    public enum LinkKind: String, Sendable, Equatable {
        /// Paths moving on to their next step or stage.
        case forward
        /// Paths ending: into a `.dropOff` node.
        case dropOff
        /// Paths beginning: out of a `.start` node.
        case entry
        /// Stage mode: journeys that moved from a later stage back to an earlier one (to a node
        /// in an earlier column); not part of the flow accounting.
        case returnArc
    }

    public struct Link: Sendable, Equatable {
        public var source: Int
        public var target: Int
        public var value: Int
        public var kind: LinkKind
    }

    public struct Column: Sendable, Equatable {
        public var index: Int
        /// Step mode: the step number shown in the header (1-based; `--to`: 0 for the anchor,
        /// negative before it). Stage mode: nil.
        public var step: Int?
        /// Stage mode: index into `stages`.
        public var stageIndex: Int?
        /// Node ids, in the order built (touchpoints largest first, then other, skipped, start, drop-off).
        public var nodes: [Int]
    }

    public var mode: Mode
    public var options: SankeyOptions
    public var columns: [Column]
    public var nodes: [Node]
    /// Forward, drop-off and entry links sorted by (source, target), then return arcs.
    public var links: [Link]
    /// Template stages then `unassigned` (as in `JourneySequences.stages`).
    public var stages: [StageDefinition]
    /// Paths drawn: each column accounts for all of them.
    public var total: Int
    /// Journeys in the input (before anchors).
    public var journeys: Int
    /// People (distinct cases) in the input.
    public var people: Int
    /// Journeys (or people) left out: without the anchor, or (stage mode) without any event in a stage.
    public var excluded: Int
    /// Step mode: paths with more steps than the columns show (after the last column with
    /// `--from`/no anchor, before the first with `--to`).
    public var truncated: Int
    /// Stage mode: journeys with at least one move back to an earlier stage, and the moves.
    public var returnJourneys: Int
    public var returnMoves: Int
    /// Stage mode: events of unassigned activities (not placed on any stage).
    public var unplacedEvents: Int
    /// Stage mode: template stages no journey visited (no column drawn).
    public var omittedStages: [String]
    /// With `--min-people`: what was withheld (`applyingMinPeople`); nil otherwise.
    public var privacy: Privacy?

    public func node(_ id: Int) -> Node { nodes[id] }

    /// Paths still in the flow at column `c`: the values of its touchpoint, other and skipped nodes.
    public func active(column c: Int) -> Int {
        columns[c].nodes.reduce(0) { sum, id in
            switch nodes[id].kind {
            case .touchpoint, .other, .skipped: return sum + nodes[id].value
            case .dropOff, .start: return sum
            }
        }
    }

    /// A node's share (0…1) by `options.percentOf`: of `total`, or of the paths that reach its
    /// column from the previous one: active there or starting there (`--to`), so shares stay
    /// ≤ 100 %. The first column and `.start` nodes take shares of `total`.
    public func share(of node: Node) -> Double {
        var base = total
        if options.percentOf == .previous, node.column > 0, node.kind != .start {
            let previous = node.column - 1
            base = active(column: previous) + columns[previous].nodes.reduce(0) { $0 + (nodes[$1].kind == .start ? nodes[$1].value : 0) }
        }
        return base > 0 ? Double(node.value) / Double(base) : 0
    }

    /// Links of one kind.
    public func links(_ kind: LinkKind) -> [Link] { links.filter { $0.kind == kind } }
}
