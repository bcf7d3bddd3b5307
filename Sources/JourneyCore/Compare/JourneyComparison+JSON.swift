import Foundation

/// The comparison file (`journeymap compare … --format json`), documented in
/// docs/comparison-format.md. Optional values are written as `null`, never left out, so every
/// row has the same keys.
extension JourneyComparison: Codable {
    enum CodingKeys: String, CodingKey {
        case format, version, alpha, minCount, minimumExpected, minEffect, method, before, after, tests
        case windows, stages, touchpoints, transitions, warnings
        case minPeople, withheldRows, detectableChange
    }

    enum TestsKeys: String, CodingKey { case family, significant, belowMinEffect, belowMinCount, untestable }

    /// The method line of the report, also in the JSON for readers without the docs.
    public var methodText: String {
        "two-sided pooled two-proportion z-test, Fisher's exact test when an expected cell is below \(ProportionChange.number(options.minimumExpected)); Benjamini–Hochberg adjusted over \(testedCount) tests; significant when q ≤ \(ProportionChange.number(options.alpha)), the share changed by at least \(ProportionChange.number(options.minEffect * 100)) percentage points and before + after count ≥ \(options.minCount)"
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(Self.formatName, forKey: .format)
        try c.encode(Self.formatVersion, forKey: .version)
        try c.encode(options.alpha, forKey: .alpha)
        try c.encode(options.minCount, forKey: .minCount)
        try c.encode(options.minimumExpected, forKey: .minimumExpected)
        try c.encode(options.minEffect, forKey: .minEffect)
        try c.encode(methodText, forKey: .method)
        try c.encode(before, forKey: .before)
        try c.encode(after, forKey: .after)
        var t = c.nestedContainer(keyedBy: TestsKeys.self, forKey: .tests)
        let all = allChanges
        try t.encode(testedCount, forKey: .family)
        try t.encode(significantCount, forKey: .significant)
        try t.encode(all.filter { $0.status == .belowMinEffect }.count, forKey: .belowMinEffect)
        try t.encode(all.filter { $0.status == .belowMinCount }.count, forKey: .belowMinCount)
        try t.encode(all.filter { $0.status == .untestable }.count, forKey: .untestable)
        try c.encode(windows, forKey: .windows)
        try c.encode(stages, forKey: .stages)
        try c.encode(touchpoints, forKey: .touchpoints)
        try c.encode(transitions, forKey: .transitions)
        try c.encode(warningSentences(thai: false), forKey: .warnings)
        // --min-people only (files without it keep their bytes).
        try c.encodeIfPresent(options.minPeople, forKey: .minPeople)
        try c.encodeIfPresent(withheldRows, forKey: .withheldRows)
        // Sides too small only (other files keep their bytes); its sentence is in `warnings`.
        try c.encodeIfPresent(detectableChange, forKey: .detectableChange)
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let format = try c.decode(String.self, forKey: .format)
        guard format == Self.formatName else {
            throw DecodingError.dataCorruptedError(forKey: .format, in: c, debugDescription: "not a comparison file (format \"\(format)\", expected \"\(Self.formatName)\")")
        }
        let version = try c.decode(Int.self, forKey: .version)
        guard version <= Self.formatVersion else {
            throw DecodingError.dataCorruptedError(forKey: .version, in: c, debugDescription: "comparison file version \(version) is newer than this journeymap reads (\(Self.formatVersion))")
        }
        self.init(before: try c.decode(ComparisonSide.self, forKey: .before),
                  after: try c.decode(ComparisonSide.self, forKey: .after),
                  options: ComparisonOptions(alpha: try c.decode(Double.self, forKey: .alpha),
                                             minCount: try c.decode(Int.self, forKey: .minCount),
                                             minimumExpected: try c.decode(Double.self, forKey: .minimumExpected),
                                             minEffect: try c.decodeIfPresent(Double.self, forKey: .minEffect) ?? 0),
                  stages: try c.decode([StageChange].self, forKey: .stages),
                  touchpoints: try c.decode([TouchpointChange].self, forKey: .touchpoints),
                  transitions: try c.decode([TransitionChange].self, forKey: .transitions),
                  warnings: try c.decode([String].self, forKey: .warnings))
        windows = try c.decodeIfPresent(WindowAssignment.self, forKey: .windows)
        options.minPeople = try c.decodeIfPresent(Int.self, forKey: .minPeople)
        withheldRows = try c.decodeIfPresent(Int.self, forKey: .withheldRows)
        detectableChange = try c.decodeIfPresent(DetectableChange.self, forKey: .detectableChange)
        // `warnings` was written with its sentence: read back, it is said once.
        if let d = detectableChange { warnings.removeAll { $0 == d.sentence(thai: false) } }
    }

    /// Pretty-printed, keys sorted, newline-terminated: equal comparisons give equal bytes.
    public func jsonData() throws -> Data {
        try PrettyJSONEncoder().encodeData(self)
    }
}

/// Keys of every row kind; each row writes its own keys and the change's.
enum ComparisonRowKeys: String, CodingKey {
    case id, names, color, name, stage, from, to
    case before, after, change, relativeChange, direction, test, p, q, significant, status
}

extension ProportionChange {
    func encode(into c: inout KeyedEncodingContainer<ComparisonRowKeys>) throws {
        try c.encode(ProportionJSON(before), forKey: .before)
        try c.encode(ProportionJSON(after), forKey: .after)
        try c.encode(absoluteChange, forKey: .change)
        try c.encode(relativeChange, forKey: .relativeChange)
        try c.encode(direction, forKey: .direction)
        try c.encode(test, forKey: .test)
        try c.encode(p, forKey: .p)
        try c.encode(q, forKey: .q)
        try c.encode(significant, forKey: .significant)
        try c.encode(status, forKey: .status)
    }

    init(from c: KeyedDecodingContainer<ComparisonRowKeys>) throws {
        self.init(before: try c.decode(ProportionJSON.self, forKey: .before).proportion,
                  after: try c.decode(ProportionJSON.self, forKey: .after).proportion,
                  test: try c.decode(TestMethod.self, forKey: .test),
                  p: try c.decodeIfPresent(Double.self, forKey: .p),
                  q: try c.decodeIfPresent(Double.self, forKey: .q),
                  status: try c.decode(ChangeStatus.self, forKey: .status))
    }

    /// `0.05`, `5`: the shortest text that reads back as the same number.
    public static func number(_ v: Double) -> String {
        let v = (v * 1e9).rounded() / 1e9  // 0.01 * 100 is 1.0000000000000002
        return v == v.rounded() && abs(v) < 1e15 ? String(Int(v)) : "\(v)"
    }
}

/// `{count, total, share}`; the share is written for convenience and recomputed on reading.
struct ProportionJSON: Codable {
    var count: Int
    var total: Int
    var share: Double
    init(_ p: Proportion) { count = p.count; total = p.total; share = p.share }
    var proportion: Proportion { Proportion(count: count, total: total) }
}

extension StageChange: Codable {
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: ComparisonRowKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(names, forKey: .names)
        try c.encode(color, forKey: .color)
        try change.encode(into: &c)
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: ComparisonRowKeys.self)
        self.init(id: try c.decode(String.self, forKey: .id), names: try c.decode(LocalizedText.self, forKey: .names),
                  color: try c.decode(String.self, forKey: .color), change: try ProportionChange(from: c))
    }
}

extension TouchpointChange: Codable {
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: ComparisonRowKeys.self)
        try c.encode(name, forKey: .name)
        try c.encode(stage, forKey: .stage)
        try change.encode(into: &c)
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: ComparisonRowKeys.self)
        self.init(name: try c.decode(String.self, forKey: .name), stage: try c.decode(String.self, forKey: .stage),
                  change: try ProportionChange(from: c))
    }
}

extension TransitionChange: Codable {
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: ComparisonRowKeys.self)
        try c.encode(from, forKey: .from)
        try c.encode(to, forKey: .to)
        try change.encode(into: &c)
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: ComparisonRowKeys.self)
        self.init(from: try c.decodeIfPresent(String.self, forKey: .from), to: try c.decodeIfPresent(String.self, forKey: .to),
                  change: try ProportionChange(from: c))
    }
}

extension ComparisonSide {
    enum CodingKeys: String, CodingKey {
        case label, files, template, journeys, events, firstTimestamp, lastTimestamp, timeSpan, filters
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(label, forKey: .label)
        try c.encode(files, forKey: .files)
        try c.encode(template, forKey: .template)
        try c.encode(journeys, forKey: .journeys)
        try c.encode(events, forKey: .events)
        try c.encode(firstTimestamp, forKey: .firstTimestamp)
        try c.encode(lastTimestamp, forKey: .lastTimestamp)
        if let firstTimestamp, let lastTimestamp {
            try c.encode([formatISO8601(firstTimestamp), formatISO8601(lastTimestamp)], forKey: .timeSpan)
        } else {
            try c.encodeNil(forKey: .timeSpan)
        }
        try c.encode(filters, forKey: .filters)
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        label = try c.decode(String.self, forKey: .label)
        files = try c.decode([String].self, forKey: .files)
        template = try c.decode(String.self, forKey: .template)
        journeys = try c.decode(Int.self, forKey: .journeys)
        events = try c.decode(Int.self, forKey: .events)
        firstTimestamp = try c.decodeIfPresent(Int64.self, forKey: .firstTimestamp)
        lastTimestamp = try c.decodeIfPresent(Int64.self, forKey: .lastTimestamp)
        filters = try c.decode(JourneyGraph.FilterInfo.self, forKey: .filters)
    }
}
