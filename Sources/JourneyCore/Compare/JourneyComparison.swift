/// Two journey graphs compared: for every touchpoint, transition and stage, the share on each
/// side, the change, a test of the difference and whether it is significant.
///
/// What is compared (N = journeys on a side):
/// - touchpoint t: journeys reaching t / N;
/// - transition a→b: occurrences of a directly followed by b / occurrences of a, where the
///   occurrences of a are the sum of a's out-edges plus the journeys ending at a, so the
///   shares out of a (ends included) add up to 1;
///   journey end a→(end): journeys ending at a / occurrences of a;
///   journey start (start)→a: journeys starting at a / N;
/// - stage s: journeys with an event in s / N (the funnel's share of all journeys).
///
/// Rows cover the union of both graphs (0 on the side that lacks one). The tests of all rows
/// with status `.significant` or `.notSignificant` form one Benjamini–Hochberg family.
/// Sides are assumed to hold different journeys (independent samples).
public struct JourneyComparison: Sendable, Equatable {
    public static let formatName = "journeymap.comparison"
    public static let formatVersion = 1

    public var before: ComparisonSide
    public var after: ComparisonSide
    public var options: ComparisonOptions
    /// Stages in template order (the union of both sides' stages).
    public var stages: [StageChange]
    /// Touchpoints by stage then name, as in a journey graph.
    public var touchpoints: [TouchpointChange]
    /// Journey starts first (by touchpoint), then each touchpoint's transitions by target
    /// touchpoint, its journey end last.
    public var transitions: [TransitionChange]
    /// Things that make the numbers harder to read, e.g. different templates.
    public var warnings: [String]
    /// How journeys were given to the time windows (`--before/--after` on one log), nil otherwise.
    public var windows: WindowAssignment?
    /// `--min-people`: rows left out because a side withholds their number (nil without it).
    public var withheldRows: Int?
    /// Set when the sides are too small to find changes under 15 percentage points: said
    /// with the warnings, in the reader's language (`DetectableChange.sentence`).
    public var detectableChange: DetectableChange?

    /// The warnings in English or Thai: `warnings`, then the sides' size when too small.
    public func warningSentences(thai: Bool) -> [String] {
        warnings + (detectableChange.map { [$0.sentence(thai: thai)] } ?? [])
    }

    public init(before: ComparisonSide, after: ComparisonSide, options: ComparisonOptions, stages: [StageChange],
                touchpoints: [TouchpointChange], transitions: [TransitionChange], warnings: [String]) {
        self.before = before
        self.after = after
        self.options = options
        self.stages = stages
        self.touchpoints = touchpoints
        self.transitions = transitions
        self.warnings = warnings
    }

    /// Every change, stages then touchpoints then transitions.
    public var allChanges: [ProportionChange] {
        stages.map(\.change) + touchpoints.map(\.change) + transitions.map(\.change)
    }

    /// Size of the Benjamini–Hochberg family.
    public var testedCount: Int {
        allChanges.filter(\.tested).count
    }

    public var significantCount: Int { allChanges.filter(\.significant).count }
}

/// What one side of a comparison is: where it came from and how big it is.
public struct ComparisonSide: Sendable, Equatable, Codable {
    /// `before`, a file name, `platform=mobile`, `2024-04-18..2024-05-18`.
    public var label: String
    public var files: [String]
    public var template: String
    public var journeys: Int
    public var events: Int
    /// µs since the epoch.
    public var firstTimestamp: Int64?
    public var lastTimestamp: Int64?
    public var filters: JourneyGraph.FilterInfo

    public init(label: String, graph: JourneyGraph) {
        self.label = label
        files = graph.source.files
        template = graph.source.template
        journeys = graph.journeys
        events = graph.events
        firstTimestamp = graph.firstTimestamp
        lastTimestamp = graph.lastTimestamp
        filters = graph.filters
    }
}

public struct StageChange: Sendable, Equatable {
    public var id: String
    public var names: LocalizedText
    /// `#rrggbb` from the template.
    public var color: String
    public var change: ProportionChange
}

public struct TouchpointChange: Sendable, Equatable {
    public var name: String
    public var stage: String
    public var change: ProportionChange
}

public struct TransitionChange: Sendable, Equatable {
    /// nil: the journey starts at `to`.
    public var from: String?
    /// nil: the journey ends at `from`.
    public var to: String?
    public var change: ProportionChange

    public var isStart: Bool { from == nil }
    public var isEnd: Bool { to == nil }
}

/// How a comparison of two time windows of one log gave journeys to the sides: each journey
/// wholly to the window where it starts (or ends), never to both.
public struct WindowAssignment: Sendable, Equatable, Codable {
    /// `start` or `end` (`--assign-by`).
    public var assignBy: String
    /// Journeys of the log (after the other filters).
    public var journeys: Int
    /// Journeys on each side with events outside their window (counted whole, on that side only).
    public var spanningBefore: Int
    public var spanningAfter: Int
    /// Journeys that start (end) in neither window: on no side.
    public var leftOut: Int
    /// With `--min-people`: the counts above are not published (they are counted without their
    /// people, and one journey reaching over a window's edge can be one person's). The JSON then
    /// holds them as null with `"countsWithheld": true`; the sentences give the rule alone.
    public var countsWithheld = false

    public init(assignBy: String, journeys: Int, spanningBefore: Int, spanningAfter: Int, leftOut: Int) {
        self.assignBy = assignBy
        self.journeys = journeys
        self.spanningBefore = spanningBefore
        self.spanningAfter = spanningAfter
        self.leftOut = leftOut
    }

    enum CodingKeys: String, CodingKey { case assignBy, journeys, spanningBefore, spanningAfter, leftOut, countsWithheld }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        assignBy = try c.decode(String.self, forKey: .assignBy)
        journeys = try c.decodeIfPresent(Int.self, forKey: .journeys) ?? 0
        spanningBefore = try c.decodeIfPresent(Int.self, forKey: .spanningBefore) ?? 0
        spanningAfter = try c.decodeIfPresent(Int.self, forKey: .spanningAfter) ?? 0
        leftOut = try c.decodeIfPresent(Int.self, forKey: .leftOut) ?? 0
        countsWithheld = try c.decodeIfPresent(Bool.self, forKey: .countsWithheld) ?? false
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(assignBy, forKey: .assignBy)
        for (key, value) in [(CodingKeys.journeys, journeys), (.spanningBefore, spanningBefore), (.spanningAfter, spanningAfter), (.leftOut, leftOut)] {
            if countsWithheld { try c.encodeNil(forKey: key) } else { try c.encode(value, forKey: key) }
        }
        if countsWithheld { try c.encode(true, forKey: .countsWithheld) }
    }

    /// Journeys counted on a side with events outside their window.
    public var spanning: Int { spanningBefore + spanningAfter }

    /// True when so many journeys reach outside their window (a tenth of those counted) that
    /// the windows are better chosen apart or the journeys shorter (`--session-gap`).
    public var manySpan: Bool { 10 * spanning >= max(1, journeys - leftOut) }

    /// The rule and its counts, for the report and the pictures.
    public func sentence(thai: Bool) -> String {
        if countsWithheld { return rule(thai: thai) }
        let by = assignBy == "end" ? (thai ? "จบ" : "ends") : (thai ? "เริ่ม" : "starts")
        return thai
            ? "แต่ละเส้นทางนับครั้งเดียว ในช่วงเวลาที่เส้นทาง\(by) (--assign-by \(assignBy)): \(CountFormat.grouped(spanning)) เส้นทางมีเหตุการณ์นอกช่วงของตน (นับทั้งเส้นทาง), \(CountFormat.grouped(leftOut)) เส้นทางไม่อยู่ในช่วงใดจึงไม่นับ"
            : "Each journey counts once, in the window where it \(by) (--assign-by \(assignBy)): \(CountFormat.grouped(spanning)) \(spanning == 1 ? "journey reaches outside its window" : "journeys reach outside their window") (counted whole), \(CountFormat.grouped(leftOut)) \(leftOut == 1 ? (by == "ends" ? "ends" : "starts") : (by == "ends" ? "end" : "start")) in neither window and \(leftOut == 1 ? "is" : "are") left out."
    }

    /// The rule without its counts (`--min-people`: the journeys reaching outside their window
    /// and those left out are counted without their people, so they are not published).
    public func rule(thai: Bool) -> String {
        let by = assignBy == "end" ? (thai ? "จบ" : "ends") : (thai ? "เริ่ม" : "starts")
        return thai
            ? "แต่ละเส้นทางนับครั้งเดียว ในช่วงเวลาที่เส้นทาง\(by) (--assign-by \(assignBy)): เส้นทางที่มีเหตุการณ์นอกช่วงของตนนับทั้งเส้นทาง เส้นทางที่ไม่อยู่ในช่วงใดไม่นับ (ไม่แสดงจำนวนเมื่อใช้ --min-people)"
            : "Each journey counts once, in the window where it \(by) (--assign-by \(assignBy)): journeys reaching outside their window are counted whole, those that \(by == "ends" ? "end" : "start") in neither window are left out (not counted here under --min-people)."
    }

    /// The warning when `manySpan`.
    public func warning(thai: Bool) -> String {
        let count = countsWithheld ? "" : " (\(spanning))"
        return thai ? "เส้นทางจำนวนมาก\(count) คร่อมขอบช่วงเวลา: ลองเว้นช่วงระหว่าง --before กับ --after หรือแบ่งเซสชันด้วย --session-gap"
            : "Many journeys\(count) span a window's edge: leave a gap between --before and --after, or split sessions with --session-gap."
    }
}
