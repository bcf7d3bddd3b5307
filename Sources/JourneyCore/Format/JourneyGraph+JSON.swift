import Foundation

/// A journey file that cannot be read.
public enum JourneyFileError: CategorizedError, Sendable, Equatable {
    public var category: ErrorCategory { .badInput }
    case invalid(String)
    case wrongFormat(file: String, found: String)
    case unsupportedVersion(file: String, found: Int)
    case merge(String)

    public var description: String {
        switch self {
        case .invalid(let m): return "invalid journey file: \(m)"
        case .wrongFormat(let f, let found):
            return "\(f): not a journey file (format \"\(found)\", expected \"\(JourneyGraph.formatName)\"); make one with `journeymap mine LOG -o journey.json`"
        case .unsupportedVersion(let f, let v):
            return "\(f): journey file version \(v) is newer than this journeymap reads (\(JourneyGraph.formatVersion)); upgrade journeymap"
        case .merge(let m): return "cannot merge journey files: \(m)"
        }
    }
}

extension JourneyGraph: Codable {
    enum CodingKeys: String, CodingKey {
        case format, version, source, stages, touchpoints, edges, stageEdges, journeys, events
        case firstTimestamp, lastTimestamp, timeSpan, funnel, variants, filters, hidden, skipped, people, privacy
        case lanes
    }

    public func encode(to encoder: Encoder) throws { try encode(to: encoder, renderedEdges: nil) }

    /// `encode(to:)`, with the edges written already (`jsonData(threads:)`).
    func encode(to encoder: Encoder, renderedEdges: RenderedJSON?) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(Self.formatName, forKey: .format)
        try c.encode(Self.formatVersion, forKey: .version)
        try c.encode(source, forKey: .source)
        try c.encode(journeys, forKey: .journeys)
        try c.encode(events, forKey: .events)
        try c.encodeIfPresent(people, forKey: .people)
        try c.encodeIfPresent(privacy, forKey: .privacy)
        try c.encodeIfPresent(firstTimestamp, forKey: .firstTimestamp)
        try c.encodeIfPresent(lastTimestamp, forKey: .lastTimestamp)
        if let firstTimestamp, let lastTimestamp {
            try c.encode([formatISO8601(firstTimestamp), formatISO8601(lastTimestamp)], forKey: .timeSpan)
        }
        try c.encode(stages, forKey: .stages)
        try c.encode(funnel, forKey: .funnel)
        try c.encode(touchpoints, forKey: .touchpoints)
        if let renderedEdges {
            try c.encode(renderedEdges, forKey: .edges)
        } else {
            try c.encode(edges, forKey: .edges)
        }
        try c.encode(stageEdges, forKey: .stageEdges)
        try c.encode(variants, forKey: .variants)
        try c.encode(filters, forKey: .filters)
        try c.encode(hidden, forKey: .hidden)
        try c.encode(skipped, forKey: .skipped)
        try c.encodeIfPresent(lanes, forKey: .lanes)
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let format = try c.decode(String.self, forKey: .format)
        guard format == Self.formatName else { throw JourneyFileError.wrongFormat(file: "", found: format) }
        let version = try c.decode(Int.self, forKey: .version)
        guard version <= Self.formatVersion else { throw JourneyFileError.unsupportedVersion(file: "", found: version) }
        let people = try c.decodeIfPresent(Int.self, forKey: .people)
        let privacy = try c.decodeIfPresent(PrivacyInfo.self, forKey: .privacy)
        self.init(source: try c.decode(SourceInfo.self, forKey: .source),
                  stages: try c.decode([Stage].self, forKey: .stages),
                  touchpoints: try c.decode([Touchpoint].self, forKey: .touchpoints),
                  edges: try c.decode([Edge].self, forKey: .edges),
                  stageEdges: try c.decode([StageEdge].self, forKey: .stageEdges),
                  journeys: try c.decode(Int.self, forKey: .journeys),
                  events: try c.decode(Int.self, forKey: .events),
                  firstTimestamp: try c.decodeIfPresent(Int64.self, forKey: .firstTimestamp),
                  lastTimestamp: try c.decodeIfPresent(Int64.self, forKey: .lastTimestamp),
                  variants: try c.decode(Variants.self, forKey: .variants),
                  filters: try c.decodeIfPresent(FilterInfo.self, forKey: .filters) ?? FilterInfo(),
                  hidden: try c.decodeIfPresent(HiddenInfo.self, forKey: .hidden) ?? HiddenInfo(),
                  skipped: try c.decodeIfPresent(SkipReport.self, forKey: .skipped) ?? SkipReport())
        lanes = try c.decodeIfPresent(LaneSection.self, forKey: .lanes)
        self.people = people
        self.privacy = privacy
    }

    /// The journey file bytes: pretty-printed, keys sorted, so equal graphs give equal bytes.
    /// `threads`: how many threads write the edges' histograms and quantiles first (the same
    /// bytes whatever the number; most of a large file is its histograms' text).
    /// The edges are written straight to text (`Edge.writeJSON`), in chunks on `threads`
    /// threads, and placed in the tree as they are: through the encoder's tree an edge cost
    /// ~10 µs (a web log of 3,000 pages, 521,143 edges: 4.95 s of `mine`'s 7 s); the bytes are
    /// the tree's (`JourneyFileEdgeTextTests`).
    public func jsonData(threads: Int = 1) throws -> Data {
        guard !edges.isEmpty else { return try PrettyJSONEncoder().encodeData(self) }
        let chunkSize = 4_096
        let chunks = ParallelTasks.map((edges.count + chunkSize - 1) / chunkSize, threads: max(1, threads)) { chunk -> Result<[UInt8], Error> in
            var out = ByteSink()
            defer { out.column.free() }
            do {
                for i in chunk * chunkSize..<min(edges.count, (chunk + 1) * chunkSize) {
                    // Each edge as the array writer places it: four spaces in, a comma after
                    // all but the last.
                    for _ in 0..<4 { out.append(0x20) }
                    try edges[i].writeJSON(text: Edge.DurationText(edges[i].duration), into: &out)
                    if i < edges.count - 1 { out.append(UInt8(ascii: ",")) }
                    out.append(0x0a)
                }
            } catch {
                return .failure(error)
            }
            return .success(Array(UnsafeBufferPointer(start: out.column.base, count: out.column.count)))
        }
        // The chunks are placed one after the other (joined first, a 160 MB file held its
        // edges' text three times at once).
        let pieces = [Array("[\n".utf8)] + (try chunks.map { try $0.get() }) + [Array("  ]".utf8)]
        return try PrettyJSONEncoder().encodeData(WithEdges(graph: self, edges: RenderedJSON(pieces: pieces)))
    }

    /// The graph encoded with its edges written already.
    private struct WithEdges: Encodable {
        let graph: JourneyGraph
        let edges: RenderedJSON
        func encode(to encoder: Encoder) throws { try graph.encode(to: encoder, renderedEdges: edges) }
    }

    /// Reads a journey file; errors name the file.
    public static func load(path: String) throws -> JourneyGraph {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw JourneyFileError.invalid("\(path): cannot read the file")
        }
        return try decode(data, file: path)
    }

    /// A journey file's bytes (already decompressed) decoded and checked (`validate`);
    /// errors name `file` and the path inside it.
    public static func decode(_ data: Data, file: String) throws -> JourneyGraph {
        let graph: JourneyGraph
        do {
            graph = try JSONDecoder().decode(JourneyGraph.self, from: data)
        } catch JourneyFileError.wrongFormat(_, let found) {
            throw JourneyFileError.wrongFormat(file: file, found: found)
        } catch JourneyFileError.unsupportedVersion(_, let v) {
            throw JourneyFileError.unsupportedVersion(file: file, found: v)
        } catch let e as DecodingError {
            if case .dataCorrupted(let ctx) = e, ctx.codingPath.isEmpty,
               let syntax = JSONSyntaxLocator.firstProblem(in: [UInt8](data)) {
                throw JourneyFileError.invalid("\(file): not valid JSON at \(syntax)")
            }
            throw JourneyFileError.invalid("\(file): \(Self.describe(e))")
        }
        try graph.validate(file: file)
        return graph
    }

    static func describe(_ e: DecodingError) -> String {
        func path(_ ctx: DecodingError.Context) -> String {
            var p = ctx.codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
            if p.hasPrefix(".") { p.removeFirst() }
            return p
        }
        switch e {
        case .keyNotFound(let key, let ctx): return "missing key \"\(key.stringValue)\" at \(path(ctx).isEmpty ? "top level" : path(ctx))"
        case .typeMismatch(_, let ctx), .valueNotFound(_, let ctx): return "\(path(ctx)): \(ctx.debugDescription)"
        case .dataCorrupted(let ctx): return "\(path(ctx).isEmpty ? "" : path(ctx) + ": ")\(ctx.debugDescription)"
        @unknown default: return "\(e)"
        }
    }
}

extension JourneyGraph.Edge: Codable {
    enum CodingKeys: String, CodingKey { case from, to, count, journeys, duration, people }
    enum DurationKeys: String, CodingKey { case count, sumMicros, meanSeconds, medianSeconds, p90Seconds, histogram }

    /// What an edge's `duration` says besides its counts, derived from its histogram.
    struct DurationText: Sendable {
        var medianSeconds: Double?
        var p90Seconds: Double?
        var histogram: String

        init(_ duration: DurationHistogram) {
            let quantiles = duration.quantilesSeconds([0.5, 0.9])
            medianSeconds = quantiles[0].map(JourneyGraph.Edge.round)
            p90Seconds = quantiles[1].map(JourneyGraph.Edge.round)
            histogram = duration.compactPairs
        }
    }

    /// The edge's JSON text as `PrettyJSONEncoder` writes it in a journey file's `edges` array
    /// (from the opening brace, which the array writer puts four spaces in, to the closing
    /// one): keys sorted, absent values left out, numbers as the encoder writes them.
    func writeJSON(text: DurationText, into out: inout ByteSink) throws {
        func key(_ name: String, indent: Int) {
            for _ in 0..<indent { out.append(0x20) }
            out.append(UInt8(ascii: "\""))
            out.append(contentsOf: name.utf8)
            out.append(contentsOf: "\" : ".utf8)
        }
        func next() { out.append(UInt8(ascii: ",")); out.append(0x0a) }
        out.append(UInt8(ascii: "{")); out.append(0x0a)
        key("count", indent: 6); out.append(contentsOf: String(count).utf8); next()
        key("duration", indent: 6); out.append(UInt8(ascii: "{")); out.append(0x0a)
        key("count", indent: 8); out.append(contentsOf: String(duration.count).utf8); next()
        key("histogram", indent: 8); PrettyJSONEncoder.writeString(text.histogram, into: &out)
        if let mean = duration.meanSeconds.map(Self.round) {
            next(); key("meanSeconds", indent: 8); out.append(contentsOf: try PrettyJSONEncoder.number(mean).utf8)
        }
        if let median = text.medianSeconds {
            next(); key("medianSeconds", indent: 8); out.append(contentsOf: try PrettyJSONEncoder.number(median).utf8)
        }
        if let p90 = text.p90Seconds {
            next(); key("p90Seconds", indent: 8); out.append(contentsOf: try PrettyJSONEncoder.number(p90).utf8)
        }
        next(); key("sumMicros", indent: 8); out.append(contentsOf: String(duration.sumMicros).utf8); out.append(0x0a)
        for _ in 0..<6 { out.append(0x20) }
        out.append(UInt8(ascii: "}")); next()
        key("from", indent: 6); PrettyJSONEncoder.writeString(from, into: &out); next()
        key("journeys", indent: 6); out.append(contentsOf: String(journeys).utf8); next()
        if let people { key("people", indent: 6); out.append(contentsOf: String(people).utf8); next() }
        key("to", indent: 6); PrettyJSONEncoder.writeString(to, into: &out); out.append(0x0a)
        for _ in 0..<4 { out.append(0x20) }
        out.append(UInt8(ascii: "}"))
    }

    public func encode(to encoder: Encoder) throws { try encode(to: encoder, text: DurationText(duration)) }

    func encode(to encoder: Encoder, text: DurationText) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(from, forKey: .from)
        try c.encode(to, forKey: .to)
        try c.encode(count, forKey: .count)
        try c.encode(journeys, forKey: .journeys)
        try c.encodeIfPresent(people, forKey: .people)
        var d = c.nestedContainer(keyedBy: DurationKeys.self, forKey: .duration)
        try d.encode(duration.count, forKey: .count)
        try d.encode(duration.sumMicros, forKey: .sumMicros)
        try d.encodeIfPresent(duration.meanSeconds.map(Self.round), forKey: .meanSeconds)
        try d.encodeIfPresent(text.medianSeconds, forKey: .medianSeconds)
        try d.encodeIfPresent(text.p90Seconds, forKey: .p90Seconds)
        try d.encode(text.histogram, forKey: .histogram)
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = try c.nestedContainer(keyedBy: DurationKeys.self, forKey: .duration)
        let histogram = try DurationHistogram(compactPairs: try d.decode(String.self, forKey: .histogram),
                                              sumMicros: try d.decode(Int64.self, forKey: .sumMicros))
        self.init(from: try c.decode(String.self, forKey: .from), to: try c.decode(String.self, forKey: .to),
                  count: try c.decode(Int.self, forKey: .count), journeys: try c.decode(Int.self, forKey: .journeys),
                  duration: histogram)
        people = try c.decodeIfPresent(Int.self, forKey: .people)
    }

    /// Derived seconds kept to the microsecond so files stay short and stable.
    static func round(_ v: Double) -> Double { (v * 1e6).rounded() / 1e6 }
}
