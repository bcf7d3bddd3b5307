import JourneyCore

/// Builds the journey file from an engine's `AggregateRows`, with the ordering and naming of
/// `JourneyGraphBuilder.build` (JourneyCore/Mining): touchpoints that occur sorted by stage then
/// name, edges by (from, to) in that order, stages in template order (unassigned only when it
/// has events), stage edges by stage index, the `--variants` most frequent paths with ties
/// broken by path in touchpoint order.
public struct JourneyAssembler {
    public var template: JourneyTemplate
    public var mining: MiningOptions
    public var source: JourneyGraph.SourceInfo

    public init(template: JourneyTemplate, mining: MiningOptions, source: JourneyGraph.SourceInfo) {
        self.template = template
        self.mining = mining
        self.source = source
    }

    /// What the rows say, by touchpoint id.
    struct Parsed {
        var read: Int64 = 0, events: Int64 = 0, first: Int64 = 0, last: Int64 = 0, journeys: Int64 = 0
        var names: [Int: String] = [:]
        var stageOf: [Int: Int] = [:]
        var nodeEvents: [Int: Int64] = [:], nodeJourneys: [Int: Int64] = [:]
        var starts: [Int: Int64] = [:], ends: [Int: Int64] = [:]
        var channels: [Int: [String: Int]] = [:]
        struct EdgeKey: Hashable { var from: Int, to: Int }
        var edges: [EdgeKey: (count: Int64, journeys: Int64, sum: Int64)] = [:]
        var buckets: [EdgeKey: [(Int32, Int64)]] = [:]
        var stageEvents: [Int: Int64] = [:], stageJourneys: [Int: Int64] = [:]
        var stageEdges: [EdgeKey: (count: Int64, journeys: Int64)] = [:]
        var distinctVariants: Int64 = 0
        var variants: [(path: [Int], count: Int64)] = []
        var positions: [Int: [Int: Int64]] = [:]
    }

    func parse(_ rows: AggregateRows, file: String) throws -> Parsed {
        var p = Parsed()
        let stageCount = template.allStages.count
        for r in rows.rows {
            func id(_ text: String, _ what: String) throws -> Int {
                guard let v = Int(text.trimmingCharacters(in: .whitespaces)), v >= 0 else {
                    throw AggregateRowsError(file: file, line: r.line, message: "\(r.kind) row: \(what) \"\(text)\": expected a touchpoint id (a whole number ≥ 0)")
                }
                return v
            }
            func stage(_ text: String) throws -> Int {
                guard let v = Int(text.trimmingCharacters(in: .whitespaces)), v >= 0, v < stageCount else {
                    throw AggregateRowsError(file: file, line: r.line, message: "\(r.kind) row: stage \"\(text)\": expected a stage index 0…\(stageCount - 1) of template \(template.id) (mine with the template the query was written for: --template)")
                }
                return v
            }
            switch r.kind {
            case "read": p.read = r.n[0]
            case "events": p.events = r.n[0]; p.first = r.n[1]; p.last = r.n[2]
            case "journeys": p.journeys = r.n[0]
            case "touchpoint":
                let t = try id(r.key1, "id")
                p.names[t] = r.key2
                let s = Int(r.n[0])
                guard s >= 0 && s < stageCount else {
                    throw AggregateRowsError(file: file, line: r.line, message: "touchpoint row: stage index \(s): expected 0…\(stageCount - 1) of template \(template.id) (mine with the template the query was written for: --template)")
                }
                p.stageOf[t] = s
            case "node": let t = try id(r.key1, "id"); p.nodeEvents[t] = r.n[0]; p.nodeJourneys[t] = r.n[1]
            case "start": p.starts[try id(r.key1, "id")] = r.n[0]
            case "end": p.ends[try id(r.key1, "id")] = r.n[0]
            case "channel": p.channels[try id(r.key1, "id"), default: [:]][r.key2] = Int(r.n[0])
            case "edge": p.edges[.init(from: try id(r.key1, "from id"), to: try id(r.key2, "to id"))] = (r.n[0], r.n[1], r.n[2])
            case "bucket":
                guard let b = Int32(exactly: r.n[0]), b >= 0, r.n[1] > 0 else {
                    throw AggregateRowsError(file: file, line: r.line, message: "bucket row: expected a bucket ≥ 0 (n1) and a count > 0 (n2)")
                }
                p.buckets[.init(from: try id(r.key1, "from id"), to: try id(r.key2, "to id")), default: []].append((b, r.n[1]))
            case "stage": let s = try stage(r.key1); p.stageEvents[s] = r.n[0]; p.stageJourneys[s] = r.n[1]
            case "stage_edge": p.stageEdges[.init(from: try stage(r.key1), to: try stage(r.key2))] = (r.n[0], r.n[1])
            case "variants": p.distinctVariants = r.n[0]
            case "variant":
                let path = try r.key1.split(separator: " ").map { try id(String($0), "path step") }
                guard !path.isEmpty else {
                    throw AggregateRowsError(file: file, line: r.line, message: "variant row: expected touchpoint ids joined by spaces in key1")
                }
                p.variants.append((path, r.n[0]))
            case "position":
                let t = try id(r.key1, "id")
                guard r.n[0] >= 0 && r.n[0] < Int64(StageInference.positionBins) else {
                    throw AggregateRowsError(file: file, line: r.line, message: "position row: bin \(r.n[0]): expected 0…\(StageInference.positionBins - 1)")
                }
                p.positions[t, default: [:]][Int(r.n[0])] = r.n[1]
            default: break
            }
        }
        for t in p.nodeEvents.keys where p.names[t] == nil {
            throw AggregateRowsError(file: file, line: 0, message: "touchpoint id \(t) has events but no touchpoint row; expected the whole result of one query")
        }
        return p
    }

    /// The journey file.
    public func graph(_ rows: AggregateRows, file: String = "aggregates") throws -> JourneyGraph {
        let p = try parse(rows, file: file)
        let stages = template.allStages
        let present = p.nodeEvents.keys.filter { (p.nodeEvents[$0] ?? 0) > 0 }.sorted { a, b in
            let sa = p.stageOf[a]!, sb = p.stageOf[b]!
            return sa != sb ? sa < sb : p.names[a]! < p.names[b]!
        }
        var rank: [Int: Int] = [:]
        for (r, t) in present.enumerated() { rank[t] = r }
        let touchpoints = present.map { t -> JourneyGraph.Touchpoint in
            let channels = p.channels[t] ?? [:]
            return JourneyGraph.Touchpoint(
                name: p.names[t]!, stage: stages[p.stageOf[t]!].id,
                channel: JourneyGraph.Touchpoint.representativeChannel(channels), channels: channels,
                events: Int(p.nodeEvents[t] ?? 0), journeys: Int(p.nodeJourneys[t] ?? 0),
                starts: Int(p.starts[t] ?? 0), ends: Int(p.ends[t] ?? 0))
        }
        func ranked(_ t: Int) throws -> Int {
            guard let r = rank[t] else {
                throw AggregateRowsError(file: file, line: 0, message: "touchpoint id \(t) is used by a transition or variant but has no events; expected the whole result of one query")
            }
            return r
        }
        let edgeKeys = try p.edges.keys.map { ($0, try ranked($0.from), try ranked($0.to)) }
            .sorted { ($0.1, $0.2) < ($1.1, $1.2) }
        let edges = edgeKeys.map { (key, _, _) -> JourneyGraph.Edge in
            let e = p.edges[key]!
            var h = DurationHistogram()
            for (b, c) in (p.buckets[key] ?? []).sorted(by: { $0.0 < $1.0 }) { h.add(bucket: b, count: c) }
            h.addSum(e.sum)
            return JourneyGraph.Edge(from: p.names[key.from]!, to: p.names[key.to]!, count: Int(e.count),
                                     journeys: Int(e.journeys), duration: h)
        }
        let unassigned = stages.count - 1
        let graphStages = stages.enumerated().compactMap { (i, def) -> JourneyGraph.Stage? in
            let events = p.stageEvents[i] ?? 0
            if i == unassigned && events == 0 { return nil }
            return JourneyGraph.Stage(id: def.id, names: def.names, color: def.color,
                                      journeys: Int(p.stageJourneys[i] ?? 0), events: Int(events))
        }
        let stageEdges = p.stageEdges.filter { $0.value.count > 0 }.sorted { ($0.key.from, $0.key.to) < ($1.key.from, $1.key.to) }
            .map { JourneyGraph.StageEdge(from: stages[$0.key.from].id, to: stages[$0.key.to].id,
                                          count: Int($0.value.count), journeys: Int($0.value.journeys)) }

        let k = max(0, mining.maxVariants)
        let rankedVariants = try p.variants.map { v in (path: try v.path.map(ranked), count: v.count, ids: v.path) }
            .sorted { a, b in a.count != b.count ? a.count > b.count : a.path.lexicographicallyPrecedes(b.path) }
        let top = rankedVariants.prefix(k).map { JourneyGraph.Variant(path: $0.ids.map { p.names[$0]! }, count: Int($0.count)) }
        let distinct = Int(p.distinctVariants)

        return JourneyGraph(
            source: source,
            stages: graphStages, touchpoints: touchpoints, edges: edges, stageEdges: stageEdges,
            journeys: Int(p.journeys), events: Int(p.events),
            firstTimestamp: p.events > 0 ? p.first : nil, lastTimestamp: p.events > 0 ? p.last : nil,
            variants: JourneyGraph.Variants(top: Array(top), distinct: distinct, truncated: distinct > top.count, limit: k),
            filters: JourneyGraph.FilterInfo(
                since: mining.since.map(formatISO8601), until: mining.until.map(formatISO8601),
                whereClauses: mining.whereClauses.map(\.description),
                sessionGapSeconds: mining.sessionGapMicros.map { Double($0) / 1e6 },
                keepActivities: nil, include: nil, exclude: nil),
            hidden: JourneyGraph.HiddenInfo(filteredEvents: Int(p.read - p.events)),
            skipped: SkipReport())
    }

    /// Stage inference (`StageInference`) from the rows' position histograms: the template to
    /// mine again with, or nil when `mode` does not ask for it at the share the template placed.
    public func inferredTemplate(_ rows: AggregateRows, mode: StageMode, file: String = "aggregates") throws -> JourneyTemplate? {
        guard mode != .template else { return nil }
        let p = try parse(rows, file: file)
        let ids = p.names.keys.sorted()
        let infos = ids.map { t in
            JourneySequences.TouchpointInfo(name: p.names[t]!, stage: template.allStages[p.stageOf[t]!].id, stageIndex: p.stageOf[t]!)
        }
        let bins = StageInference.positionBins
        var histogram = [UInt32](repeating: 0, count: ids.count * bins)
        var events = [Int](repeating: 0, count: ids.count)
        for (i, t) in ids.enumerated() {
            events[i] = Int(p.nodeEvents[t] ?? 0)
            for (b, n) in p.positions[t] ?? [:] { histogram[i * bins + b] = UInt32(clamping: n) }
        }
        let index = Dictionary(uniqueKeysWithValues: ids.enumerated().map { ($1, $0) })
        var follows = FollowsCounts(touchpointCount: ids.count)
        for (key, edge) in p.edges {
            if let a = index[key.from], let b = index[key.to] { follows.add(a, b, count: Int(edge.count)) }
        }
        let inference = StageInference(template: template, touchpoints: infos, stages: template.allStages,
                                       events: events, positionHistogram: histogram, follows: follows)
        guard StageInference.wanted(mode, placedShare: inference.placedShare) else { return nil }
        return inference.derived
    }
}
