extension JourneyGraph {
    /// Combines two graphs mined from disjoint sets of journeys with the same template.
    ///
    /// Counts, distinct-journey counts (disjoint sets), starts/ends, stage reach, channel counts
    /// and duration histograms add, so the result equals mining the union in one pass — the
    /// mean exactly (integer sums), median and p90 exactly as the single pass reports them
    /// (same buckets). Variants add by path; when either side's list was truncated the merged
    /// list is marked truncated and may miss paths that were below both cut-offs.
    /// - Throws: `JourneyFileError.merge` when templates or a touchpoint's stage disagree.
    public func merged(with other: JourneyGraph) throws -> JourneyGraph {
        guard source.template == other.source.template else {
            throw JourneyFileError.merge("mined with different templates (\(source.template), \(other.source.template))")
        }
        if privacy != nil || other.privacy != nil {
            throw JourneyFileError.merge("a journey file written with --min-people has numbers withheld, so a merge of it would not be exact; merge the files mined without --min-people (with --people when they use --session-gap), then give --min-people to the merge")
        }
        // People add like journeys (disjoint cases); they are written when either side has them
        // and both sides know them (docs/privacy.md).
        let withPeople = (people != nil || other.people != nil) && peopleKnown && other.peopleKnown
        var result = self
        // Split lane boxes are not merged: `map --lanes` on a merge places touchpoints unsplit.
        result.lanes = nil
        // Stages: template order from both sides.
        var stageByID = Dictionary(uniqueKeysWithValues: stages.map { ($0.id, $0) })
        for s in other.stages {
            if var mine = stageByID[s.id] {
                if withPeople { mine.people = mine.peopleCount + s.peopleCount }
                mine.journeys += s.journeys
                mine.events += s.events
                stageByID[s.id] = mine
            } else {
                stageByID[s.id] = s
            }
        }
        let stageOrder = Self.mergeOrder(stages.map(\.id), other.stages.map(\.id))
        result.stages = stageOrder.compactMap { stageByID[$0] }
        let stageRank = Dictionary(uniqueKeysWithValues: stageOrder.enumerated().map { ($1, $0) })

        var tps = Dictionary(uniqueKeysWithValues: touchpoints.map { ($0.name, $0) })
        for t in other.touchpoints {
            guard var mine = tps[t.name] else { tps[t.name] = t; continue }
            guard mine.stage == t.stage else {
                throw JourneyFileError.merge("touchpoint \"\(t.name)\" is in stage \(mine.stage) on one side and \(t.stage) on the other")
            }
            if withPeople {
                mine.people = mine.peopleCount + t.peopleCount
                mine.startPeople = mine.startPeopleCount + t.startPeopleCount
                mine.endPeople = mine.endPeopleCount + t.endPeopleCount
            }
            mine.events += t.events
            mine.journeys += t.journeys
            mine.starts += t.starts
            mine.ends += t.ends
            for (ch, n) in t.channels { mine.channels[ch, default: 0] += n }
            mine.channel = Touchpoint.representativeChannel(mine.channels)
            tps[t.name] = mine
        }
        result.touchpoints = tps.values.sorted {
            let a = stageRank[$0.stage] ?? Int.max, b = stageRank[$1.stage] ?? Int.max
            return a != b ? a < b : $0.name < $1.name
        }
        let rank = result.touchpointIndex

        var edges: [String: Edge] = [:]
        for e in self.edges + other.edges {
            let key = e.from + "\u{0}" + e.to
            if var mine = edges[key] {
                if withPeople { mine.people = mine.peopleCount + e.peopleCount }
                mine.count += e.count
                mine.journeys += e.journeys
                mine.duration.merge(e.duration)
                edges[key] = mine
            } else {
                edges[key] = e
            }
        }
        result.edges = edges.values.sorted { (rank[$0.from]!, rank[$0.to]!) < (rank[$1.from]!, rank[$1.to]!) }

        var stageEdges: [String: StageEdge] = [:]
        for e in self.stageEdges + other.stageEdges {
            let key = e.from + "\u{0}" + e.to
            if var mine = stageEdges[key] {
                if withPeople { mine.people = mine.peopleCount + e.peopleCount }
                mine.count += e.count
                mine.journeys += e.journeys
                stageEdges[key] = mine
            } else {
                stageEdges[key] = e
            }
        }
        result.stageEdges = stageEdges.values.sorted {
            (stageRank[$0.from] ?? 0, stageRank[$0.to] ?? 0) < (stageRank[$1.from] ?? 0, stageRank[$1.to] ?? 0)
        }

        if withPeople {
            result.people = peopleCount + other.peopleCount
            result.fillPeople()
        } else {
            result.people = nil
        }
        result.journeys += other.journeys
        result.events += other.events
        result.firstTimestamp = [firstTimestamp, other.firstTimestamp].compactMap { $0 }.min()
        result.lastTimestamp = [lastTimestamp, other.lastTimestamp].compactMap { $0 }.max()
        result.source.files = Self.mergeOrder(source.files, other.source.files)

        var variants: [[String]: Int] = [:]
        var variantPeople: [[String]: Int] = [:]
        for v in self.variants.top + other.variants.top {
            variants[v.path, default: 0] += v.count
            variantPeople[v.path, default: 0] += v.peopleCount
        }
        let limit = max(self.variants.limit, other.variants.limit)
        let sortedVariants = variants.map { entry -> Variant in
            var v = Variant(path: entry.key, count: entry.value)
            if withPeople { v.people = variantPeople[entry.key] }
            return v
        }.sorted {
            if $0.count != $1.count { return $0.count > $1.count }
            return $0.path.lexicographicallyPrecedes($1.path) { (rank[$0] ?? 0) < (rank[$1] ?? 0) }
        }
        let truncated = self.variants.truncated || other.variants.truncated || sortedVariants.count > limit
        result.variants = Variants(top: Array(sortedVariants.prefix(limit)),
                                   distinct: truncated ? max(self.variants.distinct, other.variants.distinct, sortedVariants.count)
                                                       : sortedVariants.count,
                                   truncated: truncated, limit: limit)

        for (name, n) in other.hidden.touchpoints { result.hidden.touchpoints[name, default: 0] += n }
        result.hidden.hiddenEvents += other.hidden.hiddenEvents
        result.hidden.edges = max(hidden.edges, other.hidden.edges)
        result.hidden.transitions += other.hidden.transitions
        result.hidden.filteredEvents += other.hidden.filteredEvents
        if hidden.activityFilteredEvents != nil || other.hidden.activityFilteredEvents != nil {
            result.hidden.activityFilteredEvents = (hidden.activityFilteredEvents ?? 0) + (other.hidden.activityFilteredEvents ?? 0)
        }
        result.skipped.merge(other.skipped)
        return result
    }

    /// Writes every item's people count (`peopleCount`) where it is absent: after a merge with
    /// people, an item from one side only keeps its count explicitly.
    mutating func fillPeople() {
        for i in stages.indices { stages[i].people = stages[i].peopleCount }
        for i in touchpoints.indices {
            touchpoints[i].people = touchpoints[i].peopleCount
            touchpoints[i].startPeople = touchpoints[i].startPeopleCount
            touchpoints[i].endPeople = touchpoints[i].endPeopleCount
        }
        for i in edges.indices { edges[i].people = edges[i].peopleCount }
        for i in stageEdges.indices { stageEdges[i].people = stageEdges[i].peopleCount }
        for i in variants.top.indices { variants.top[i].people = variants.top[i].peopleCount }
    }

    /// `a` then the items of `b` not in `a`, keeping relative order.
    static func mergeOrder(_ a: [String], _ b: [String]) -> [String] {
        var out = a
        for x in b where !out.contains(x) {
            // Insert after the nearest predecessor from b that is already present.
            if let i = b.firstIndex(of: x), let anchor = b[..<i].last(where: { out.contains($0) }),
               let at = out.firstIndex(of: anchor) {
                out.insert(x, at: at + 1)
            } else {
                out.append(x)
            }
        }
        return out
    }
}
