/// What a Sankey diagram shows: which columns, how many nodes per column, what is counted.
///
/// Maps one to one onto the `journeymap sankey` flags (`--steps`, `--from`, `--to`, `--top`,
/// `--collapse-repeats`, `--count`, `--percent-of`).
public struct SankeyOptions: Sendable, Equatable {
    /// Where step columns start or end (step mode only).
    public enum Anchor: Sendable, Equatable {
        /// Column 1 is the first occurrence of the touchpoint; later columns the steps after it.
        case from(String)
        /// The last column is the first occurrence of the touchpoint; earlier columns the steps before it.
        case to(String)

        public var touchpoint: String {
            switch self { case .from(let t), .to(let t): return t }
        }
    }

    /// The unit that flows through the diagram.
    public enum CountBy: String, Sendable, Equatable, CaseIterable {
        /// One path per journey (a case, or a session of a case with `--session-gap`).
        case journeys
        /// One path per occurrence: every occurrence of the anchor touchpoint starts (`--from`) or
        /// ends (`--to`) its own path; without an anchor every event starts one ("what happens in
        /// the N steps after each event"). Step mode only. A column then counts events: the
        /// events that many steps after (or before) each counted occurrence.
        case events
        /// One path per person (case): the sessions of a case are joined in time order, so each
        /// case counts once per column even when `--session-gap` split it.
        case people
    }

    /// What a node's share is a percentage of.
    public enum PercentOf: String, Sendable, Equatable, CaseIterable {
        /// Of the paths still in the flow at the previous column (column 1: of all paths).
        case previous
        /// Of all paths (the first column's total).
        case start
    }

    /// Touchpoint columns in step mode (2…50); ignored in stage mode.
    public var steps: Int
    public var anchor: Anchor?
    /// Touchpoints with their own node per column (1…50); the rest share an "Other" node.
    public var topK: Int
    /// Fold consecutive repeats of the same touchpoint into one step.
    public var collapseRepeats: Bool
    public var countBy: CountBy
    public var percentOf: PercentOf
    /// `--min-people k`: withhold every number resting on fewer than `k` people
    /// (`SankeyFlows.applyingMinPeople`, docs/privacy.md); nil publishes everything.
    public var minPeople: Int?
    /// With `minPeople`: the full graph of the same journeys (people counted), whose published
    /// pattern (`map --min-people k`'s) the flows are suppressed beside, jointly
    /// (`SankeyGraphLinks`, docs/privacy.md "Outputs of the same data"); nil: the flows alone.
    public var graphBeside: JourneyGraph?

    public init(steps: Int = 6, anchor: Anchor? = nil, topK: Int = 6, collapseRepeats: Bool = false,
                countBy: CountBy = .journeys, percentOf: PercentOf = .start, minPeople: Int? = nil) {
        self.steps = steps
        self.anchor = anchor
        self.topK = topK
        self.collapseRepeats = collapseRepeats
        self.countBy = countBy
        self.percentOf = percentOf
        self.minPeople = minPeople
    }

    static let stepRange = 2...50
    static let topKRange = 1...50
}

/// A Sankey could not be computed for a reason the user can fix.
public struct SankeyError: CategorizedError, Sendable, Equatable {
    public var category: ErrorCategory { .usage }
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
