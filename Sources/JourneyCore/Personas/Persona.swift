/// A persona: who the customer is, what they want, what hurts, and how they feel at each
/// stage of the journey. Written by hand in `templates/personas/*.yaml` or derived from a log
/// by `PersonaClusterer` (then `facts` holds what was measured).
///
/// Every text field is a `LocalizedText`: a plain string (taken as English) or
/// `{en: …, th: …}`. See `Persona+YAML.swift` for the file format.
public struct Persona: Sendable, Equatable {
    public var name: LocalizedText
    /// Job, life situation or segment description.
    public var role: LocalizedText?
    public var quote: LocalizedText?
    /// Path of an image file, kept as written (relative paths are relative to the YAML file).
    /// Reading and decoding it is the pictures' business (`PersonaPhoto` in JourneyScene and
    /// JourneyRender); the persona holds the path only.
    public var photo: String?
    public var goals: [LocalizedText]
    public var painPoints: [LocalizedText]
    public var motivations: [LocalizedText]
    /// Preferred channels, most preferred first.
    public var channels: [LocalizedText]
    /// Per journey stage, in journey order.
    public var stages: [PersonaStage]
    /// Measured facts when the persona was derived from a log.
    public var facts: PersonaFacts?

    public init(name: LocalizedText, role: LocalizedText? = nil, quote: LocalizedText? = nil, photo: String? = nil,
                goals: [LocalizedText] = [], painPoints: [LocalizedText] = [], motivations: [LocalizedText] = [],
                channels: [LocalizedText] = [], stages: [PersonaStage] = [], facts: PersonaFacts? = nil) {
        self.name = name
        self.role = role
        self.quote = quote
        self.photo = photo
        self.goals = goals
        self.painPoints = painPoints
        self.motivations = motivations
        self.channels = channels
        self.stages = stages
        self.facts = facts
    }

    /// The persona's entry for a stage id, nil when it says nothing about that stage.
    public func stage(_ id: String) -> PersonaStage? { stages.first { $0.stage == id } }

    /// Stage ids the persona mentions that `template` does not define.
    public func unknownStages(in template: JourneyTemplate) -> [String] {
        let known = Set(template.allStages.map(\.id))
        return stages.map(\.stage).filter { !known.contains($0) }
    }
}

/// What a persona feels, suffers and could be offered at one stage.
public struct PersonaStage: Sendable, Equatable {
    /// Stage id from the journey template (e.g. `consideration`).
    public var stage: String
    /// −2 (very negative) … +2 (very positive); nil when not scored.
    public var emotion: Double?
    public var notes: LocalizedText?
    public var painPoints: [LocalizedText]
    public var opportunities: [LocalizedText]

    public static let emotionRange: ClosedRange<Double> = -2...2

    public init(stage: String, emotion: Double? = nil, notes: LocalizedText? = nil,
                painPoints: [LocalizedText] = [], opportunities: [LocalizedText] = []) {
        self.stage = stage
        self.emotion = emotion
        self.notes = notes
        self.painPoints = painPoints
        self.opportunities = opportunities
    }
}

/// What was measured for a segment of journeys (see `PersonaClusterer`).
public struct PersonaFacts: Sendable, Equatable {
    /// Journeys in the segment.
    public var journeys: Int
    /// Share of all clustered journeys (0…1).
    public var share: Double
    /// The stage a journey must reach (or pass) to count as converted.
    public var conversionStage: String
    /// Share of the segment's journeys that converted (0…1).
    public var conversionRate: Double
    /// Median time from first to last event, nil for an empty segment.
    public var medianDurationSeconds: Double?
    /// Channels by share of the segment's events, largest first.
    public var topChannels: [ChannelShare]
    /// Median number of events per journey, nil when not measured (older YAML).
    public var medianEvents: Double?
    /// The most common way into each stage (see `measure`).
    public var typicalPath: TypicalPath?
    /// The stage transition that loses the most journeys of the segment.
    public var biggestDropOff: DropOff?
    /// `--min-people`: the conversion rate rests on too few people and is not shown (`conversionRate` is 0).
    public var conversionRateWithheld = false

    public init(journeys: Int, share: Double, conversionStage: String, conversionRate: Double,
                medianDurationSeconds: Double?, topChannels: [ChannelShare], typicalPath: TypicalPath?,
                biggestDropOff: DropOff?, medianEvents: Double? = nil) {
        self.medianEvents = medianEvents
        self.journeys = journeys
        self.share = share
        self.conversionStage = conversionStage
        self.conversionRate = conversionRate
        self.medianDurationSeconds = medianDurationSeconds
        self.topChannels = topChannels
        self.typicalPath = typicalPath
        self.biggestDropOff = biggestDropOff
    }

    public struct ChannelShare: Sendable, Equatable {
        public var channel: String
        /// Share of the segment's events on this channel (0…1).
        public var share: Double
        public init(channel: String, share: Double) {
            self.channel = channel
            self.share = share
        }
    }

    public struct TypicalPath: Sendable, Equatable {
        public var steps: [Step]
        /// Journeys of the segment that enter each of these stages by exactly these touchpoints.
        public var journeys: Int
        public init(steps: [Step], journeys: Int) {
            self.steps = steps
            self.journeys = journeys
        }

        public struct Step: Sendable, Equatable {
            public var touchpoint: String
            public var stage: String
            /// Share of the segment's journeys that enter `stage` by `touchpoint` (0…1), when measured.
            public var share: Double?
            public init(touchpoint: String, stage: String, share: Double? = nil) {
                self.touchpoint = touchpoint
                self.stage = stage
                self.share = share
            }
        }
    }

    /// Journeys whose furthest stage is `from`: they never reached `to` or any later stage.
    public struct DropOff: Sendable, Equatable {
        public var from: String
        public var to: String
        public var journeys: Int
        /// `journeys` as a share of the segment (0…1).
        public var share: Double
        public init(from: String, to: String, journeys: Int, share: Double) {
            self.from = from
            self.to = to
            self.journeys = journeys
            self.share = share
        }
    }
}
