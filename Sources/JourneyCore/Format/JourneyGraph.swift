/// The mined journey: touchpoints (nodes), directly-follows transitions (edges), stages, funnel
/// and variants. Every picture is drawn from one of these; `journeymap mine` writes it as a
/// versioned JSON file (see `JourneyGraph+JSON.swift` and docs/journey-format.md).
///
/// A *journey* is a case (or, with `--session-gap`, one session of a case).
/// Touchpoints are sorted by stage order then name; edges by (from, to) touchpoint index.
public struct JourneyGraph: Sendable, Equatable {
    public static let formatName = "journeymap.journey"
    public static let formatVersion = 1

    public var source: SourceInfo
    /// Stages in template order, the unassigned stage last (only when used).
    public var stages: [Stage]
    public var touchpoints: [Touchpoint]
    public var edges: [Edge]
    /// Transitions between stages (including a stage to itself).
    public var stageEdges: [StageEdge]
    public var journeys: Int
    public var events: Int
    /// First and last event time, µs since the epoch.
    public var firstTimestamp: Int64?
    public var lastTimestamp: Int64?
    public var variants: Variants
    public var filters: FilterInfo
    public var hidden: HiddenInfo
    public var skipped: SkipReport
    /// Distinct people (cases) behind the journeys, counted only when `--session-gap` can make
    /// them differ and people counts were asked for (`--people`, `--min-people`); nil otherwise,
    /// and then every people count equals its journey count (docs/privacy.md).
    public var people: Int?
    /// What `--min-people` withheld (nil when it was not given).
    public var privacy: PrivacyInfo?
    /// Warnings about how the log was read (an epoch unit that looks wrong), for standard
    /// error and `stats`; not written to the journey file.
    public var readingWarnings: [String] = []
    /// Touchpoints split per lane value and their moves (`mine --lanes ATTR`); nil otherwise,
    /// and then absent from the journey file.
    public var lanes: LaneSection?

    public init(source: SourceInfo, stages: [Stage], touchpoints: [Touchpoint], edges: [Edge],
                stageEdges: [StageEdge], journeys: Int, events: Int, firstTimestamp: Int64?,
                lastTimestamp: Int64?, variants: Variants, filters: FilterInfo = FilterInfo(),
                hidden: HiddenInfo = HiddenInfo(), skipped: SkipReport = SkipReport()) {
        self.source = source
        self.stages = stages
        self.touchpoints = touchpoints
        self.edges = edges
        self.stageEdges = stageEdges
        self.journeys = journeys
        self.events = events
        self.firstTimestamp = firstTimestamp
        self.lastTimestamp = lastTimestamp
        self.variants = variants
        self.filters = filters
        self.hidden = hidden
        self.skipped = skipped
    }

    public struct SourceInfo: Sendable, Equatable, Codable {
        public var files: [String]
        public var columns: ResolvedColumns?
        /// Id of the template that assigned stages.
        public var template: String
        public var templateNames: LocalizedText
        public var defaultLanguage: String
        /// True when the stages were inferred from the data (`StageInference`); absent otherwise.
        public var stagesInferred: Bool?
        /// The engine that mined the events (`mine --engine`, `--aggregates`); absent when mined locally.
        public var engine: String?
        /// How events with equal timestamps were ordered, when an engine mined them; absent otherwise.
        public var tieOrder: String?
        /// True when the events had no times, only an order (a path table): durations are not
        /// measured (all 0) and no time span is known; absent otherwise.
        public var untimed: Bool?
        public init(files: [String], columns: ResolvedColumns?, template: String,
                    templateNames: LocalizedText, defaultLanguage: String, stagesInferred: Bool? = nil,
                    engine: String? = nil, tieOrder: String? = nil, untimed: Bool? = nil) {
            self.untimed = untimed
            self.stagesInferred = stagesInferred
            self.engine = engine
            self.tieOrder = tieOrder
            self.files = files
            self.columns = columns
            self.template = template
            self.templateNames = templateNames
            self.defaultLanguage = defaultLanguage
        }
    }

    public struct Stage: Sendable, Equatable, Codable {
        public var id: String
        public var names: LocalizedText
        public var color: String
        /// Journeys with at least one event in this stage.
        public var journeys: Int
        public var events: Int
        /// Distinct people reaching this stage (see `JourneyGraph.people`).
        public var people: Int?
        public init(id: String, names: LocalizedText, color: String, journeys: Int, events: Int) {
            self.id = id
            self.names = names
            self.color = color
            self.journeys = journeys
            self.events = events
        }
    }

    public struct Touchpoint: Sendable, Equatable, Codable {
        public var name: String
        public var stage: String
        /// The channel of its events: the most frequent (ties: alphabetical) when it has 60 % of
        /// those with a channel, else "mixed" (`JourneyGraph+ChannelMix.swift`); nil when none has one.
        public var channel: String?
        /// Events per channel ("" = none).
        public var channels: [String: Int]
        public var events: Int
        /// Distinct journeys with this touchpoint.
        public var journeys: Int
        /// Journeys starting / ending here.
        public var starts: Int
        public var ends: Int
        /// Distinct people with this touchpoint / starting / ending a journey here
        /// (see `JourneyGraph.people`).
        public var people: Int?
        public var startPeople: Int?
        public var endPeople: Int?
        public init(name: String, stage: String, channel: String?, channels: [String: Int],
                    events: Int, journeys: Int, starts: Int, ends: Int) {
            self.name = name
            self.stage = stage
            self.channel = channel
            self.channels = channels
            self.events = events
            self.journeys = journeys
            self.starts = starts
            self.ends = ends
        }
    }

    public struct Edge: Sendable, Equatable {
        public var from: String
        public var to: String
        /// Directly-follows count (pm4py's DFG value).
        public var count: Int
        /// Distinct journeys with this transition.
        public var journeys: Int
        /// Time between the two events.
        public var duration: DurationHistogram
        /// Distinct people with this transition (see `JourneyGraph.people`).
        public var people: Int?
        public init(from: String, to: String, count: Int, journeys: Int, duration: DurationHistogram) {
            self.from = from
            self.to = to
            self.count = count
            self.journeys = journeys
            self.duration = duration
        }
    }

    public struct StageEdge: Sendable, Equatable, Codable {
        public var from: String
        public var to: String
        public var count: Int
        public var journeys: Int
        /// Distinct people with this stage transition (see `JourneyGraph.people`).
        public var people: Int?
        public init(from: String, to: String, count: Int, journeys: Int) {
            self.from = from
            self.to = to
            self.count = count
            self.journeys = journeys
        }
    }

    public struct Variant: Sendable, Equatable, Codable {
        public var path: [String]
        public var count: Int
        /// Distinct people with a journey of this path (see `JourneyGraph.people`).
        public var people: Int?
        public init(path: [String], count: Int) {
            self.path = path
            self.count = count
        }
    }

    public struct Variants: Sendable, Equatable, Codable {
        /// Most frequent first (ties: path order).
        public var top: [Variant]
        /// Distinct paths in all.
        public var distinct: Int
        /// True when `top` holds fewer than `distinct` paths: then merging is exact for the
        /// graph but the variant list of a merge is approximate (see the format doc).
        public var truncated: Bool
        /// The most paths `top` may hold (`--variants`).
        public var limit: Int
        public init(top: [Variant], distinct: Int, truncated: Bool, limit: Int) {
            self.top = top
            self.distinct = distinct
            self.truncated = truncated
            self.limit = limit
        }
    }

    /// What was filtered before mining, for footnotes and reproducibility.
    public struct FilterInfo: Sendable, Equatable, Codable {
        public var since: String?
        public var until: String?
        public var whereClauses: [String]
        public var sessionGapSeconds: Double?
        public var keepActivities: Double?
        /// `--include` / `--exclude` patterns (nil when none: journey files without them keep their bytes).
        public var include: [String]?
        public var exclude: [String]?
        public init(since: String? = nil, until: String? = nil, whereClauses: [String] = [],
                    sessionGapSeconds: Double? = nil, keepActivities: Double? = nil,
                    include: [String]? = nil, exclude: [String]? = nil) {
            self.since = since
            self.until = until
            self.whereClauses = whereClauses
            self.sessionGapSeconds = sessionGapSeconds
            self.keepActivities = keepActivities
            self.include = include
            self.exclude = exclude
        }
        enum CodingKeys: String, CodingKey {
            case since, until, whereClauses = "where", sessionGapSeconds, keepActivities, include, exclude
        }
    }

    /// What simplification hid, so pictures and reports can say so.
    public struct HiddenInfo: Sendable, Equatable, Codable {
        /// Touchpoints removed by `--keep-activities` (their events were dropped before mining).
        public var touchpoints: [String: Int]
        public var hiddenEvents: Int
        /// Edges removed by `--keep-paths` / `--min-edge-count`, and the transitions they carried.
        public var edges: Int
        public var transitions: Int
        /// Events outside `--since/--until/--where`, or of activities `--include/--exclude` left out.
        public var filteredEvents: Int
        /// Of `filteredEvents`, those `--include/--exclude` left out (nil without those flags).
        public var activityFilteredEvents: Int?
        public init(touchpoints: [String: Int] = [:], hiddenEvents: Int = 0, edges: Int = 0,
                    transitions: Int = 0, filteredEvents: Int = 0, activityFilteredEvents: Int? = nil) {
            self.touchpoints = touchpoints
            self.hiddenEvents = hiddenEvents
            self.edges = edges
            self.transitions = transitions
            self.filteredEvents = filteredEvents
            self.activityFilteredEvents = activityFilteredEvents
        }
        public var isEmpty: Bool { touchpoints.isEmpty && edges == 0 && filteredEvents == 0 }
    }
}

extension JourneyGraph {
    /// Index of each touchpoint by name.
    public var touchpointIndex: [String: Int] {
        Dictionary(uniqueKeysWithValues: touchpoints.enumerated().map { ($1.name, $0) })
    }

    /// Stage funnel: journeys reaching each stage and the share kept from the previous stage
    /// that journeys reached (nil for the first such stage and for stages before it). When the
    /// stage just before had no journeys, `previousStage` names the one the share is of.
    /// The unassigned stage is left out.
    public var funnel: [FunnelStep] {
        var steps: [FunnelStep] = []
        var lastReached: (index: Int, journeys: Int)?
        for stage in stages where stage.id != StageDefinition.unassigned.id {
            let kept = lastReached.map { Double(stage.journeys) / Double($0.journeys) }
            let skipped = lastReached.map { $0.index < steps.count - 1 } ?? false
            steps.append(FunnelStep(stage: stage.id, journeys: stage.journeys,
                                    shareOfAll: journeys == 0 ? 0 : Double(stage.journeys) / Double(journeys),
                                    keptFromPrevious: kept,
                                    previousStage: skipped ? steps[lastReached!.index].stage : nil))
            if stage.journeys > 0 { lastReached = (steps.count - 1, stage.journeys) }
        }
        return steps
    }

    /// The funnel steps whose share kept from the previous stage is a funnel's: every journey
    /// reaching the stage moved into it from that previous stage (a stage edge between the
    /// two with all its journeys), or every journey reached that previous stage. Journeys may also start in a stage or jump over the one
    /// before it — road-traffic fines: 23 of the 48 payments straight after the fine, 36 of 36
    /// credit collections straight after the penalty — and "84% kept from previous" then
    /// counted journeys the previous stage never had.
    public var nestedFunnelStages: Set<String> {
        var entering: [String: [String: Int]] = [:]
        for e in stageEdges { entering[e.to, default: [:]][e.from, default: 0] += e.journeys }
        var out: Set<String> = []
        var lastReached: String?
        let all = Dictionary(uniqueKeysWithValues: stages.map { ($0.id, $0.journeys == journeys) })
        for step in funnel {
            if let previous = step.previousStage ?? lastReached, step.keptFromPrevious != nil, step.journeys > 0,
               all[previous] == true || (entering[step.stage]?[previous] ?? 0) >= step.journeys {
                out.insert(step.stage)
            }
            if step.journeys > 0 { lastReached = step.stage }
        }
        return out
    }

    public struct FunnelStep: Sendable, Equatable, Codable {
        public var stage: String
        public var journeys: Int
        public var shareOfAll: Double
        /// Journeys here / journeys of the previous stage that has any.
        public var keptFromPrevious: Double?
        /// Id of that previous stage when it is not the stage just before (one with no
        /// journeys came between); absent otherwise.
        public var previousStage: String?
    }

    /// Total start transitions (= journeys) and transitions between touchpoints.
    public var transitionCount: Int { edges.reduce(0) { $0 + $1.count } }
}
