/// How one log is split into the two sides of a comparison.
public enum ComparisonSplit: Sendable, Equatable {
    /// `--before X..Y --after X..Y`: events inside each window.
    case windows(before: TimeWindow, after: TimeWindow)
    /// `--split-by ATTR=BEFORE,AFTER`: events whose attribute has each value.
    case attribute(AttributeSplit)
}

/// `ATTR=BEFORE,AFTER` (`--split-by platform=mobile,desktop`).
public struct AttributeSplit: Sendable, Equatable {
    public var attribute: String
    public var before: String
    public var after: String

    public init(attribute: String, before: String, after: String) {
        self.attribute = attribute
        self.before = before
        self.after = after
    }

    /// - Throws: `ComparisonError.split` unless the text is a name, `=`, and two different values.
    public init(parsing text: String) throws {
        guard let clause = MiningOptions.WhereClause(parsing: text) else {
            throw ComparisonError.split(text: text, reason: "no attribute name before \"=\"")
        }
        guard clause.values.count == 2 else {
            throw ComparisonError.split(text: text, reason: "expected two values after \"=\", found \(clause.values.count)")
        }
        guard !clause.values[0].isEmpty && !clause.values[1].isEmpty else {
            throw ComparisonError.split(text: text, reason: "a value is empty")
        }
        guard clause.values[0] != clause.values[1] else {
            throw ComparisonError.split(text: text, reason: "both values are \"\(clause.values[0])\"")
        }
        self.init(attribute: clause.attribute, before: clause.values[0], after: clause.values[1])
    }
}

/// The two graphs of a comparison and the labels the report gives them.
public struct ComparisonPair: Sendable {
    public var before: JourneyGraph
    public var after: JourneyGraph
    public var beforeLabel: String
    public var afterLabel: String
    /// How journeys were given to time windows, when the sides are windows of one log.
    public var windows: WindowAssignment?
    /// How many journeys an attribute split cut, when the sides are attribute values of one log.
    public var attributeMix: AttributeSplitMix?

    public init(before: JourneyGraph, after: JourneyGraph, beforeLabel: String, afterLabel: String,
                windows: WindowAssignment? = nil) {
        self.before = before
        self.after = after
        self.beforeLabel = beforeLabel
        self.afterLabel = afterLabel
        self.windows = windows
    }

    /// The comparison of the pair (with the window rule and, when many journeys span a
    /// window's edge, a warning).
    public func compare(options: ComparisonOptions = ComparisonOptions()) throws -> JourneyComparison {
        var c = try JourneyComparison(before: before, after: after, beforeLabel: beforeLabel, afterLabel: afterLabel, options: options)
        c.windows = windows
        if options.minPeople != nil { c.windows?.countsWithheld = true }
        if let w = c.windows, w.manySpan { c.warnings.append(w.warning(thai: false)) }
        if let warning = attributeMix?.warning { c.warnings.append(warning) }
        return c
    }

    /// The graph to lay out once for the diff and side-by-side drawings: both sides' journeys
    /// together, so every touchpoint and edge of either side has a position.
    /// - Throws: `JourneyFileError.merge` when the sides used different templates.
    /// With `--min-people` the sides are the published graphs: their union holds only shown
    /// items, and says what was withheld (the two sides' counts added).
    public func unionGraph() throws -> JourneyGraph {
        guard let pb = before.privacy, let pa = after.privacy else { return try before.merged(with: after) }
        var (b, a) = (before, after)
        b.privacy = nil
        a.privacy = nil
        var union = try b.merged(with: a)
        var info = JourneyGraph.PrivacyInfo(minPeople: pb.minPeople)
        info.touchpoints = pb.touchpoints + pa.touchpoints
        info.edges = pb.edges + pa.edges
        info.starts = pb.starts + pa.starts
        info.ends = pb.ends + pa.ends
        info.stageEdges = pb.stageEdges + pa.stageEdges
        info.variants = pb.variants + pa.variants
        info.stages = Array(Set(pb.stages + pa.stages)).sorted()
        union.privacy = info
        return union
    }
}

/// The two sides of a comparison as touchpoint paths (what the diff Sankey needs).
public struct ComparisonSequences: Sendable {
    /// Both sides split into channel lanes alike (`compare --lanes channel`): a touchpoint is
    /// split into one box per channel when no channel has `threshold` of its events over both
    /// sides together, each side's boxes counted from its own journeys; with the lanes of
    /// every box of either side.
    public func channelLanes(_ pair: ComparisonPair, threshold: Double) -> (pair: ComparisonPair, lanes: Swimlanes) {
        let decisions = JourneyGraph.laneDecisions([before, after], threshold: threshold)
        let b = pair.before.splitIntoLanes(before, attribute: "channel", threshold: threshold, decisions: decisions)
        let a = pair.after.splitIntoLanes(after, attribute: "channel", threshold: threshold, decisions: decisions)
        var lanes = b.1
        lanes.boxes.merge(a.1.boxes) { first, _ in first }
        var split = pair
        split.before = b.0
        split.after = a.0
        return (split, lanes)
    }

    public var before: JourneySequences
    public var after: JourneySequences
    public var beforeLabel: String
    public var afterLabel: String

    public init(before: JourneySequences, after: JourneySequences, beforeLabel: String, afterLabel: String) {
        self.before = before
        self.after = after
        self.beforeLabel = beforeLabel
        self.afterLabel = afterLabel
    }
}

public enum ComparisonInputs {
    /// Mines `table` twice, once per side of `split`, with `options` plus the side's filter
    /// (a window is intersected with `options.since/until`; an attribute value is added to
    /// `options.whereClauses`).
    ///
    /// Time windows take whole journeys: each journey goes wholly to the window where it starts
    /// (or ends, `assignBy`), so no journey counts on both sides; the pair's `windows` says how
    /// many reached outside their window and how many fell in neither. An attribute split
    /// filters events: a case whose events carry both values is split between the sides
    /// (the pair's `attributeMix` counts such journeys; its comparison warns).
    /// Windows must not overlap in time.
    /// - Throws: `ComparisonError` for overlapping windows, a missing attribute or an empty
    ///   side; `MiningError` from mining.
    public static func split(table: EventTable, template: JourneyTemplate, options: MiningOptions = MiningOptions(),
                             by split: ComparisonSplit, assignBy: JourneyWindow.AssignBy = .start) throws -> ComparisonPair {
        let sides = try sideOptions(table: table, options: options, by: split, assignBy: assignBy)
        let b = try Miner(template: template, options: sides.before).mine(table)
        let a = try Miner(template: template, options: sides.after).mine(table)
        try checkNotEmpty(table: table, labels: sides.labels, journeys: (b.journeys, a.journeys), split: split)
        var windows: WindowAssignment?
        if case .windows = split,
           let sb = try Miner(template: template, options: sides.before).journeyWindowStats(table),
           let sa = try Miner(template: template, options: sides.after).journeyWindowStats(table) {
            windows = WindowAssignment(assignBy: assignBy.rawValue, journeys: sb.journeys, spanningBefore: sb.spanning,
                                       spanningAfter: sa.spanning, leftOut: sb.journeys - sb.kept - sa.kept)
        }
        var pair = ComparisonPair(before: b, after: a, beforeLabel: sides.labels.0, afterLabel: sides.labels.1, windows: windows)
        if case .attribute(let s) = split {
            pair.attributeMix = AttributeSplitMix.measure(table: table, split: s, sessionGapMicros: options.sessionGapMicros)
        }
        return pair
    }

    /// The journeys of each side of `split` as touchpoint paths (for the diff Sankey), filtered
    /// exactly as `split(table:template:options:by:)` mines them.
    /// - Throws: as `split(table:template:options:by:)`.
    public static func splitSequences(table: EventTable, template: JourneyTemplate, options: MiningOptions = MiningOptions(),
                                      by split: ComparisonSplit, assignBy: JourneyWindow.AssignBy = .start) throws -> ComparisonSequences {
        let sides = try sideOptions(table: table, options: options, by: split, assignBy: assignBy)
        let b = try Miner(template: template, options: sides.before).sequences(table)
        let a = try Miner(template: template, options: sides.after).sequences(table)
        try checkNotEmpty(table: table, labels: sides.labels, journeys: (b.count, a.count), split: split)
        return ComparisonSequences(before: b, after: a, beforeLabel: sides.labels.0, afterLabel: sides.labels.1)
    }

    /// Each side's mining options and label.
    private static func sideOptions(table: EventTable, options: MiningOptions,
                                    by split: ComparisonSplit, assignBy: JourneyWindow.AssignBy) throws -> (before: MiningOptions, after: MiningOptions, labels: (String, String)) {
        var before = options, after = options
        let labels: (String, String)
        switch split {
        case .windows(let b, let a):
            if b.overlaps(a) {
                throw ComparisonError.window(flag: "--after", text: a.text,
                                             reason: "overlaps --before \(b.text) (\(b) and \(a)); the sides must hold different journeys")
            }
            before.journeyWindow = JourneyWindow(start: b.start, end: b.end, assignBy: assignBy)
            after.journeyWindow = JourneyWindow(start: a.start, end: a.end, assignBy: assignBy)
            labels = (b.text, a.text)
        case .attribute(let s):
            guard table.attributeIndex(s.attribute) != nil else {
                let known = table.attributeNames.isEmpty ? "none were read" : "read: \(table.attributeNames.joined(separator: ", "))"
                throw ComparisonError.split(text: "\(s.attribute)=\(s.before),\(s.after)",
                                            reason: "the log has no attribute \"\(s.attribute)\" (\(known)); read it with the same reading options as `mine`")
            }
            before.whereClauses.append(MiningOptions.WhereClause(attribute: s.attribute, values: [s.before]))
            after.whereClauses.append(MiningOptions.WhereClause(attribute: s.attribute, values: [s.after]))
            labels = ("\(s.attribute)=\(s.before)", "\(s.attribute)=\(s.after)")
        }
        return (before, after, labels)
    }

    private static func checkNotEmpty(table: EventTable, labels: (String, String), journeys: (Int, Int), split: ComparisonSplit) throws {
        for (side, label, n) in [("before", labels.0, journeys.0), ("after", labels.1, journeys.1)] where n == 0 {
            var detail = "no events match \(label); the log has \(CountFormat.grouped(table.count)) events"
            if case .attribute(let s) = split, let k = table.attributeIndex(s.attribute) {
                // The values it has (values are compared exactly: False is not false).
                var counts: [UInt32: Int] = [:]
                for v in table.attributeColumns[k] { counts[v, default: 0] += 1 }
                let top = counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.prefix(6)
                    .map { "\($0.key == 0 ? "(empty)" : table.attributeValues.string($0.key)) (\(CountFormat.grouped($0.value)))" }
                if counts.keys.allSatisfy({ $0 == 0 }) {
                    detail += ", none of which has a value of \(s.attribute)"
                        + (s.attribute.hasPrefix("case:") ? "" : " (an attribute of the case in XES is named case:\(s.attribute))")
                } else {
                    detail += ", whose values of \(s.attribute) are " + top.joined(separator: ", ") + (counts.count > 6 ? ", …" : "")
                        + " (values are compared exactly)"
                }
            } else if let first = table.timestamps.min(), let last = table.timestamps.max() {
                detail += " from \(formatISO8601(first)) to \(formatISO8601(last))"
            }
            throw ComparisonError.emptySide(side: side, detail: detail)
        }
    }
}
