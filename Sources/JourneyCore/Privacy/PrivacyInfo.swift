extension JourneyGraph {
    /// What `--min-people k` withheld from a graph (`applyingMinPeople`): the threshold and how
    /// many items of each kind. A withheld touchpoint, edge, stage edge or variant is left out of
    /// the graph; a withheld start or end count is written as 0 and a withheld stage total as 0
    /// events and 0 journeys (the stage is listed in `stages`). docs/privacy.md has the rules.
    public struct PrivacyInfo: Sendable, Equatable, Codable {
        public var minPeople: Int
        public var touchpoints = 0
        public var edges = 0
        public var starts = 0
        public var ends = 0
        public var stageEdges = 0
        public var variants = 0
        /// Stages whose totals are withheld.
        public var stages: [String] = []
        /// The events of touchpoints `--keep-activities` hid were withheld (their people are
        /// not counted); nil when there were none.
        public var hiddenEvents: Bool?
        public init(minPeople: Int) { self.minPeople = minPeople }

        /// Items withheld in all.
        public var withheld: Int { touchpoints + edges + starts + ends + stageEdges + variants + stages.count }

        /// The words pictures put in their footnote and legend: "numbers from fewer than 10
        /// people hidden" (Thai with `thai`).
        public func note(thai: Bool = false) -> String {
            thai ? "ซ่อนตัวเลขที่มาจากคนน้อยกว่า \(minPeople) คน" : "numbers from fewer than \(minPeople) people hidden"
        }
    }

    /// Whether every people count of this graph is known: mined without `--session-gap` (then
    /// people = journeys everywhere) or with people counted (`people` present).
    public var peopleKnown: Bool { filters.sessionGapSeconds == nil || people != nil }
    /// Distinct people in all (the journeys when no session gap split them).
    public var peopleCount: Int { people ?? journeys }
}

extension JourneyGraph.Touchpoint {
    public var peopleCount: Int { people ?? journeys }
    public var startPeopleCount: Int { startPeople ?? starts }
    public var endPeopleCount: Int { endPeople ?? ends }
}

extension JourneyGraph.Edge {
    public var peopleCount: Int { people ?? journeys }
}

extension JourneyGraph.Stage {
    public var peopleCount: Int { people ?? journeys }
}

extension JourneyGraph.StageEdge {
    public var peopleCount: Int { people ?? journeys }
}

extension JourneyGraph.Variant {
    public var peopleCount: Int { people ?? count }
}
