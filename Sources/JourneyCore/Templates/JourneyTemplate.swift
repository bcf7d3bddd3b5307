/// A journey template: the ordered stages of a journey and the rules that assign each
/// activity to a touchpoint and a stage. Loaded from YAML (`templates/*.yaml`).
public struct JourneyTemplate: Sendable, Equatable {
    public var id: String
    /// Display names by language code (`en`, `th`, …).
    public var names: LocalizedText
    /// Language used for labels unless `--lang` says otherwise.
    public var defaultLanguage: String
    /// Stages in journey order (left to right on a map).
    public var stages: [StageDefinition]
    /// First matching rule wins.
    public var rules: [TouchpointRule]
    /// Where activities that no rule matches go.
    public var unassigned: StageDefinition
    /// The stages were inferred from a log (`StageInference`, or a `template suggest` file
    /// still marked `inferred: true`): pictures and messages say so.
    public var stagesInferred = false

    public init(id: String, names: LocalizedText, defaultLanguage: String = "en",
                stages: [StageDefinition], rules: [TouchpointRule], unassigned: StageDefinition = .unassigned) {
        self.id = id
        self.names = names
        self.defaultLanguage = defaultLanguage
        self.stages = stages
        self.rules = rules
        self.unassigned = unassigned
    }

    /// Stage ids in order, the unassigned stage last.
    public var allStages: [StageDefinition] { stages + [unassigned] }

    /// The touchpoint and stage of an activity seen on a channel ("" when none).
    public func assign(activity: String, channel: String) throws -> Assignment {
        try RuleMatcher(rules).assign(activity: activity, channel: channel, unassigned: unassigned.id)
    }

    public struct Assignment: Sendable, Equatable {
        public var touchpoint: String
        public var stage: String
        /// Where the rule that matched is written (`file:line`), nil when unassigned.
        public var rule: String?
    }
}

/// One stage of a journey.
public struct StageDefinition: Sendable, Equatable, Codable {
    public var id: String
    public var names: LocalizedText
    /// `#rrggbb`.
    public var color: String

    public init(id: String, names: LocalizedText, color: String) {
        self.id = id
        self.names = names
        self.color = color
    }

    public static let unassigned = StageDefinition(
        id: "unassigned", names: LocalizedText(["en": "Unassigned", "th": "ไม่ได้จัดกลุ่ม"]), color: "#9e9e9e")
}

/// Text in several languages, e.g. `{en: Awareness, th: การทำความรู้จัก}`.
public struct LocalizedText: Sendable, Equatable, Codable {
    public var values: [String: String]

    public init(_ values: [String: String]) { self.values = values }

    /// The text in `language`, else English, else any (sorted by language code), else "".
    public func text(_ language: String) -> String {
        values[language] ?? values["en"] ?? values.keys.sorted().first.flatMap { values[$0] } ?? ""
    }

    public init(from decoder: Decoder) throws {
        values = try decoder.singleValueContainer().decode([String: String].self)
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(values)
    }
}
