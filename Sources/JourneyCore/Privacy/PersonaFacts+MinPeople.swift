/// `persona --min-people k` (docs/privacy.md, "persona"): the facts of a segment shown on a
/// card, each resting on `k` people or more, and none whose complement in the segment rests on
/// fewer (a share of the segment's journeys gives back both its part and the rest).
extension PersonaFacts {
    /// The YAML keys of the facts `shown` withholds from `measured`: the conversion rate, the
    /// typical path, the biggest drop-off, and the top channels when some were dropped.
    static func withheldKeys(_ measured: PersonaFacts, shown: PersonaFacts) -> [String] {
        var keys: [String] = []
        if shown.conversionRateWithheld { keys.append("conversion_rate") }
        if shown.topChannels.count < measured.topChannels.count { keys.append("top_channels") }
        if measured.typicalPath != nil && shown.typicalPath == nil { keys.append("typical_path") }
        if measured.biggestDropOff != nil && shown.biggestDropOff == nil { keys.append("biggest_drop_off") }
        return keys
    }

    /// These facts with what rests on fewer than `k` people withheld: the conversion rate
    /// (`conversionRateWithheld`, when the converting or the other people are 1…k−1), channels
    /// (dropped from `topChannels` until the channels not listed rest on 0 or `k`+ people), the
    /// typical path and the biggest drop-off (nil when a share of theirs fails the same test).
    /// The medians rest on the whole segment (shown only from `k` people up).
    func withholding(_ k: Int, _ seq: JourneySequences, members: [Int], conversion: JourneyConversion) -> PersonaFacts {
        var f = self
        func ok(_ part: Set<UInt32>, _ rest: Set<UInt32>) -> Bool {
            (part.isEmpty || part.count >= k) && (rest.isEmpty || rest.count >= k)
        }
        var converted = Set<UInt32>(), other = Set<UInt32>()
        for j in members {
            if conversion.converts(seq, journey: j) { converted.insert(seq.caseOfJourney[j]) } else { other.insert(seq.caseOfJourney[j]) }
        }
        if !ok(converted, other) { f.conversionRate = 0; f.conversionRateWithheld = true }

        // Channels: the listed shares and the rest (channels not listed, events without one).
        var people = [Set<UInt32>](repeating: [], count: seq.channelNames.count)
        for j in members { for c in seq.channelsOf(j) { people[Int(c)].insert(seq.caseOfJourney[j]) } }
        let index = Dictionary(seq.channelNames.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        var listed = f.topChannels.filter { people[index[$0.channel]!].count >= k }
        while true {
            let names = Set(listed.map(\.channel))
            let rest = people.indices.filter { !names.contains(seq.channelNames[$0]) }.reduce(into: Set<UInt32>()) { $0.formUnion(people[$1]) }
            guard !rest.isEmpty && rest.count < k, !listed.isEmpty else { break }
            let smallest = listed.indices.min { people[index[listed[$0].channel]!].count < people[index[listed[$1].channel]!].count }!
            listed.remove(at: smallest)
        }
        f.topChannels = listed

        // Typical path: each step's share, and the journeys following all of it.
        if let path = f.typicalPath {
            var fine = true
            var followers = Set(members.indices)
            for step in path.steps {
                var entering = Set<UInt32>(), others = Set<UInt32>()
                for (m, j) in members.enumerated() {
                    let first = seq.path(j).first { seq.touchpoints[Int($0)].stage == step.stage }
                    if let t = first, seq.touchpoints[Int(t)].name == step.touchpoint {
                        entering.insert(seq.caseOfJourney[j])
                    } else {
                        others.insert(seq.caseOfJourney[j]); followers.remove(m)
                    }
                }
                fine = fine && ok(entering, others)
            }
            let following = Set(followers.map { seq.caseOfJourney[members[$0]] })
            let notFollowing = Set(members.indices.filter { !followers.contains($0) }.map { seq.caseOfJourney[members[$0]] })
            if !fine || !ok(following, notFollowing) { f.typicalPath = nil }
        }

        // Biggest drop-off: the journeys whose furthest stage is its `from`.
        if let drop = f.biggestDropOff {
            let observed = PersonaFacts.observedStages(seq)
            var position = [Int](repeating: -1, count: seq.stages.count)
            for (p, s) in observed.enumerated() { position[s] = p }
            let from = observed.firstIndex { seq.stages[$0].id == drop.from }
            var dropping = Set<UInt32>(), others = Set<UInt32>()
            for j in members {
                let furthest = seq.path(j).map { position[seq.touchpoints[Int($0)].stageIndex] }.max() ?? -1
                if furthest == from { dropping.insert(seq.caseOfJourney[j]) } else { others.insert(seq.caseOfJourney[j]) }
            }
            if !ok(dropping, others) { f.biggestDropOff = nil }
        }
        return f
    }
}
