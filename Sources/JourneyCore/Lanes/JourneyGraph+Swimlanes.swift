extension JourneyGraph {
    /// This graph with every touchpoint placed in a lane of `attribute` (see `Swimlanes`), its
    /// split boxes counted from `sequences` — the same journeys as this graph, read with the
    /// lane value of each step in `sequences.channels` (`Miner.sequences(_:laneAttribute:)`).
    ///
    /// Touchpoints that are not split keep the graph's numbers, and so do moves between two of
    /// them; stages, funnel and variants are unchanged. `channelLanes`: the lanes are the
    /// channels (`--lanes channel`, or the column the channel was read from, e.g. `platform`),
    /// so a split box in lane L is channel L (its stripe and the legend); by default when
    /// `attribute` is "channel".
    /// `decisions` (by touchpoint name: its lane and whether it is split) replaces the choice
    /// from `sequences`' own counts, so two graphs (a comparison's sides) split alike.
    public func splitIntoLanes(_ sequences: JourneySequences, attribute: String, threshold: Double,
                               channelLanes: Bool? = nil, decisions: [String: (lane: String, split: Bool)]? = nil) -> (JourneyGraph, Swimlanes) {
        // Events per lane value of each touchpoint.
        var perLane: [Int32: [UInt32: Int]] = [:]
        for (k, t) in sequences.steps.enumerated() { perLane[t, default: [:]][sequences.channels[k], default: 0] += 1 }
        func value(_ id: UInt32) -> String { Int(id) < sequences.channelNames.count ? sequences.channelNames[Int(id)] : "" }
        var decided: [Int32: (lane: String, split: Bool)] = [:]
        for (t, counts) in perLane {
            var named: [String: Int] = [:]
            for (id, n) in counts { named[value(id), default: 0] += n }
            let d = Swimlanes.dominant(named, threshold: threshold)
            decided[t] = decisions?[sequences.touchpoints[Int(t)].name] ?? (d.value, d.split)
        }
        func box(_ t: Int32, _ lane: UInt32) -> String {
            let name = sequences.touchpoints[Int(t)].name
            guard let d = decided[t], d.split else { return name }
            return Swimlanes.splitName(name, value(lane))
        }
        var lanes: [String: Swimlanes.Box] = [:]
        for (t, d) in decided {
            let name = sequences.touchpoints[Int(t)].name
            if !d.split { lanes[name] = Swimlanes.Box(touchpoint: name, lane: d.lane, split: false); continue }
            for id in perLane[t]!.keys { lanes[box(t, id)] = Swimlanes.Box(touchpoint: name, lane: value(id), split: true) }
        }

        // Counts of split boxes and of moves touching one, from the journeys.
        // People (cases) too, for --min-people: a case's journeys are contiguous in `sequences`.
        struct Tally {
            var events = 0, journeys = 0, starts = 0, ends = 0, last = -1
            var people = 0, startPeople = 0, endPeople = 0, lastCase = -1, lastStartCase = -1, lastEndCase = -1
        }
        struct Move { var count = 0, journeys = 0, last = -1, duration = DurationHistogram(), people = 0, lastCase = -1 }
        var tallies: [String: Tally] = [:]
        var moves: [String: [String: Move]] = [:]
        for j in 0..<sequences.count {
            let lo = sequences.offsets[j], hi = sequences.offsets[j + 1]
            guard lo < hi else { continue }
            var previous: String?
            let person = Int(sequences.caseOfJourney[j])
            for k in lo..<hi {
                let name = box(sequences.steps[k], sequences.channels[k])
                if lanes[name]?.split == true {
                    var t = tallies[name, default: Tally()]
                    t.events += 1
                    if t.last != j { t.journeys += 1; t.last = j }
                    if t.lastCase != person { t.people += 1; t.lastCase = person }
                    if k == lo {
                        t.starts += 1
                        if t.lastStartCase != person { t.startPeople += 1; t.lastStartCase = person }
                    }
                    if k == hi - 1 {
                        t.ends += 1
                        if t.lastEndCase != person { t.endPeople += 1; t.lastEndCase = person }
                    }
                    tallies[name] = t
                }
                if let p = previous, lanes[p]?.split == true || lanes[name]?.split == true {
                    var m = moves[p, default: [:]][name, default: Move()]
                    m.count += 1
                    if m.last != j { m.journeys += 1; m.last = j }
                    if m.lastCase != person { m.people += 1; m.lastCase = person }
                    m.duration.add(sequences.times[k] - sequences.times[k - 1])
                    moves[p, default: [:]][name] = m
                }
                previous = name
            }
        }

        var out = self
        out.touchpoints = []
        for t in touchpoints {
            guard let index = sequences.touchpoints.firstIndex(where: { $0.name == t.name }),
                  let d = decided[Int32(index)], d.split else {
                out.touchpoints.append(t)
                if lanes[t.name] == nil { lanes[t.name] = Swimlanes.Box(touchpoint: t.name, lane: "", split: false) }
                continue
            }
            let parts = lanes.filter { $0.value.touchpoint == t.name && $0.value.split }.keys.sorted()
            for name in parts {
                let tally = tallies[name] ?? Tally()
                let lane = lanes[name]!.lane
                let isChannel = channelLanes ?? (attribute == "channel")
                // Lanes by another attribute: a mixed touchpoint's channel shares are not its box's.
                let mixed = t.channel == Touchpoint.mixedChannel
                var split = Touchpoint(
                    name: name, stage: t.stage, channel: isChannel ? (lane.isEmpty ? nil : lane) : (mixed ? nil : t.channel),
                    channels: isChannel ? [lane: tally.events] : (mixed ? [:] : t.channels),
                    events: tally.events, journeys: tally.journeys, starts: tally.starts, ends: tally.ends)
                if people != nil { split.people = tally.people; split.startPeople = tally.startPeople; split.endPeople = tally.endPeople }
                out.touchpoints.append(split)
            }
        }
        let order = Dictionary(out.touchpoints.enumerated().map { ($1.name, $0) }, uniquingKeysWith: { a, _ in a })
        // Moves from or to a split touchpoint are replaced by those of its boxes.
        let splitTouchpoints = Set(lanes.values.filter(\.split).map(\.touchpoint))
        var edges = self.edges.filter { !splitTouchpoints.contains($0.from) && !splitTouchpoints.contains($0.to) }
        for (from, targets) in moves {
            for (to, m) in targets {
                var edge = Edge(from: from, to: to, count: m.count, journeys: m.journeys, duration: m.duration)
                if people != nil { edge.people = m.people }
                edges.append(edge)
            }
        }
        out.edges = edges.sorted {
            let a = (order[$0.from] ?? .max, order[$0.to] ?? .max), b = (order[$1.from] ?? .max, order[$1.to] ?? .max)
            return a != b ? a < b : ($0.from, $0.to) < ($1.from, $1.to)
        }
        return (out, Swimlanes(attribute: attribute, splitThreshold: threshold, boxes: lanes))
    }

    /// Lanes from the touchpoints' own channel counts (a journey file has no per-lane moves):
    /// every touchpoint stands as one box in the lane of its commonest channel, none is split.
    public func lanesFromChannelCounts(threshold: Double) -> Swimlanes {
        var boxes: [String: Swimlanes.Box] = [:]
        var wouldSplit = 0
        for t in touchpoints {
            let d = Swimlanes.dominant(t.channels, threshold: threshold)
            if d.split { wouldSplit += 1 }
            boxes[t.name] = Swimlanes.Box(touchpoint: t.name, lane: d.value, split: false)
        }
        var notes: [String] = []
        if wouldSplit > 0 {
            notes.append("\(wouldSplit) touchpoint\(wouldSplit == 1 ? "" : "s") with no channel at \(Int((threshold * 100).rounded()))% not split: a journey file has no moves per channel (draw from the log, or mine it with --lanes channel, to split them)")
        }
        return Swimlanes(attribute: "channel", splitThreshold: threshold, boxes: boxes, notes: notes)
    }

    /// Lane and split of each touchpoint from the events of all `sequences` together (the
    /// steps' lane values in `channels`), as `splitIntoLanes` decides for one.
    public static func laneDecisions(_ sequences: [JourneySequences], threshold: Double) -> [String: (lane: String, split: Bool)] {
        var counts: [String: [String: Int]] = [:]
        for s in sequences {
            for (k, t) in s.steps.enumerated() {
                let id = Int(s.channels[k])
                counts[s.touchpoints[Int(t)].name, default: [:]][id < s.channelNames.count ? s.channelNames[id] : "", default: 0] += 1
            }
        }
        return counts.mapValues { let d = Swimlanes.dominant($0, threshold: threshold); return (d.value, d.split) }
    }
}
