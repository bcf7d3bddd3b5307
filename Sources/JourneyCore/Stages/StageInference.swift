/// Stages from the data, for logs the template does not fit.
///
/// Each touchpoint gets the median of its events' normalised positions in their journeys
/// (0 = first event, 1 = last); touchpoints the template placed keep its stage — unless where
/// they occur contradicts the template's order (`contradictsTemplateOrder`) — the others are
/// ordered by that position, reordered where the moves between them say otherwise
/// (`PrecedenceOrder`: a step early in long journeys is not put before one that always
/// precedes it in short ones) and cut into phases (a weighted one-dimensional k-means, solved
/// exactly), each named after its most frequent touchpoints and coloured from `StagePalette`.
/// Template stages and phases are merged by position, template stages in template order.
/// The result is a template (`derived`) whose exact rules place every unmatched activity, so
/// mining with it, or with its YAML from `template suggest`, gives the same graph.
public struct StageInference: Sendable {
    /// Share of events (after filters) the template placed on one of its stages.
    public var placedShare: Double
    /// The template to mine with: stages and rules inferred.
    public var derived: JourneyTemplate
    /// Events per touchpoint name (for `template suggest`'s comments).
    public var eventsByTouchpoint: [String: Int]
    /// Median normalised position of each touchpoint, by name.
    public var positionByTouchpoint: [String: Double]

    /// Below this share of placed events the default mode infers stages.
    public static let fallbackShare = 0.5
    /// Most phases cut from the unmatched touchpoints.
    static let maxStages = 6
    /// How far (in journey positions, 0 to 1) a touchpoint may occur from where the template's
    /// order puts its stage (`contradictsTemplateOrder`).
    static let orderTolerance = 0.75

    /// Whether a touchpoint the template placed on stage `stage` of its `stageCount` stages
    /// (in journey order) occurs too far from where that order puts the stage to keep it when
    /// stages are inferred: the stage's place is `stage / (stageCount - 1)` (the first stage 0,
    /// the last 1), and the touchpoint's median position is more than `orderTolerance` away —
    /// the activity that opens almost every journey of a process log placed on the template's
    /// last stage by a word of its vocabulary ("invite reviewers" by `invite_*`, an advocacy
    /// word), or the one that closes them on the first ("Delivered", an email word). Stages in
    /// the middle never contradict: a journey may end on Decision, a purchase.
    static func contradictsTemplateOrder(position: Double, stage: Int, stageCount: Int) -> Bool {
        guard stageCount > 1 else { return false }
        let place = Double(stage) / Double(stageCount - 1)
        return abs(position - place) > orderTolerance
    }

    /// The share of events `sequences` (mined with a template) places on a template stage.
    public static func placedShare(_ sequences: JourneySequences) -> Double {
        let unassigned = sequences.stages.count - 1
        var placed = 0
        for t in sequences.steps where sequences.touchpoints[Int(t)].stageIndex != unassigned { placed += 1 }
        return sequences.steps.isEmpty ? 1 : Double(placed) / Double(sequences.steps.count)
    }

    /// The share of a mined graph's events on a template stage (the same figure as
    /// `placedShare(sequences)` for the same log and options).
    public static func placedShare(_ graph: JourneyGraph) -> Double {
        let total = graph.touchpoints.reduce(0) { $0 + $1.events }
        let placed = graph.touchpoints.filter { $0.stage != StageDefinition.unassigned.id }.reduce(0) { $0 + $1.events }
        return total == 0 ? 1 : Double(placed) / Double(total)
    }

    /// Whether `mode` asks for inference at this placed share.
    public static func wanted(_ mode: StageMode, placedShare: Double) -> Bool {
        switch mode {
        case .template: return false
        case .auto: return true
        case .fallback: return placedShare < fallbackShare
        }
    }

    /// Infers stages from `sequences`, which were mined with `template`.
    public init(template: JourneyTemplate, sequences: JourneySequences) {
        let positions = PositionHistogram(touchpointCount: sequences.touchpoints.count)
        for j in 0..<sequences.count { positions.add(journey: sequences.path(j)) }
        self.init(template: template, touchpoints: sequences.touchpoints.map { ($0.name, $0.stageIndex) },
                  stages: sequences.stages, positions: positions)
    }

    /// Bins of the position histograms (`PositionHistogram.bins`).
    public static let positionBins = PositionHistogram.bins

    /// Infers stages from each touchpoint's events, histogram of normalised positions in its
    /// journeys (`positionBins` bins per touchpoint, touchpoint-major) and moves to the others,
    /// as counted where the events are (`mine --engine`).
    public init(template: JourneyTemplate, touchpoints: [JourneySequences.TouchpointInfo], stages: [StageDefinition],
                events: [Int], positionHistogram histogram: [UInt32], follows: FollowsCounts) {
        self.init(template: template, touchpoints: touchpoints.map { ($0.name, $0.stageIndex) }, stages: stages,
                  positions: PositionHistogram(events: events, counts: histogram, follows: follows))
    }

    /// Infers stages from where touchpoints occur (`positions`, counted over journeys mined
    /// with `template`): `touchpoints[t]` is touchpoint t's name and stage index in `stages`,
    /// whose last entry is Unassigned. The direct CSV miner calls this from its first pass.
    public init(template: JourneyTemplate, touchpoints: [(name: String, stageIndex: Int)], stages: [StageDefinition],
                positions: PositionHistogram) {
        let n = touchpoints.count
        let unassigned = stages.count - 1
        let events = positions.events
        let total = events.reduce(0, +)
        let placed = (0..<n).filter { touchpoints[$0].stageIndex != unassigned }.reduce(0) { $0 + events[$1] }
        placedShare = total == 0 ? 1 : Double(placed) / Double(total)
        let position = (0..<n).map(positions.medianPosition)
        // Placed touchpoints whose place contradicts the template's order are phased with the
        // unmatched ones (an exact rule ahead of the template's puts them there). Not those a
        // rule renames (an exact rule on the new name would not match their activity), and only
        // all spellings of a name together (an exact rule takes them all: `ActivityName.normalized`):
        // "delivered" opening journeys keeps Awareness even when "Delivered" closes them.
        let renamed = Set(template.rules.compactMap(\.touchpoint))
        /// The placed touchpoints to release: those all of whose spellings with events pass
        /// `test`, none of them renamed by a rule.
        func everySpelling(of touchpoints: [(name: String, stageIndex: Int)], _ test: (Int) -> Bool) -> [Int] {
            var passes: [String: Bool] = [:]
            for t in 0..<n where touchpoints[t].stageIndex != unassigned && events[t] > 0 {
                let key = ActivityName.normalized(touchpoints[t].name)
                passes[key] = (passes[key] ?? true) && !renamed.contains(touchpoints[t].name) && test(t)
            }
            return (0..<n).filter { t in
                touchpoints[t].stageIndex != unassigned && passes[ActivityName.normalized(touchpoints[t].name)] == true
            }
        }
        var released = Set(everySpelling(of: touchpoints) { t in
            Self.contradictsTemplateOrder(position: position[t], stage: touchpoints[t].stageIndex, stageCount: unassigned)
        })
        let given = touchpoints
        func placing(_ released: Set<Int>) -> [(name: String, stageIndex: Int)] {
            given.enumerated().map { t, touchpoint in released.contains(t) ? (name: touchpoint.name, stageIndex: unassigned) : touchpoint }
        }
        /// Template stages that placed events, in template order, with the event-weighted median
        /// position of theirs and their events.
        func keptStages(_ touchpoints: [(name: String, stageIndex: Int)]) -> [(stage: StageDefinition, index: Int, position: Double, events: Int)] {
            stages.enumerated().compactMap { s, stage in
                let members = (0..<n).filter { touchpoints[$0].stageIndex == s && events[$0] > 0 && s != unassigned }
                guard !members.isEmpty else { return nil }
                return (stage, s, Self.weightedMedian(members.map { (position[$0], events[$0]) }), members.reduce(0) { $0 + events[$1] })
            }
        }
        var touchpoints = placing(released)
        var keptWithIndex = keptStages(touchpoints)
        // A kept stage is one column: a touchpoint far from where the rest of its stage occurs
        // is phased with the unmatched ones (a refund log's "Order completed", last in its
        // journeys, was drawn beside "Order created", first, on Decision: every completion a
        // move back). All spellings of a name together, not those a rule renames (as above).
        let stagePosition = Dictionary(uniqueKeysWithValues: keptWithIndex.map { ($0.index, $0.position) })
        let placedNow = touchpoints
        let spreadOut = everySpelling(of: placedNow) { t in
            stagePosition[placedNow[t].stageIndex].map { abs(position[t] - $0) > Self.stageSpreadTolerance } ?? false
        }
        if !spreadOut.isEmpty {
            released.formUnion(spreadOut)
            touchpoints = placing(released)
            keptWithIndex = keptStages(touchpoints)
        }
        // Kept stages must also follow the template's order where they occur: of those out of
        // order (pm4py-style patient log: "Registration", first in every journey, on Decision;
        // "Discuss Results", near the end, on Consideration), the chain in template order with
        // the most events stays and the others are phased by position. Not a stage a rule
        // renames into (an exact rule on the new name would not match the activity).
        let chain = Self.orderedChain(keptWithIndex.map { ($0.position, $0.events) })
        let dropped = Set(keptWithIndex.indices.filter { !chain.contains($0) }.map { keptWithIndex[$0].index })
            .filter { s in !(0..<n).contains { touchpoints[$0].stageIndex == s && renamed.contains(touchpoints[$0].name) } }
        if !dropped.isEmpty {
            released.formUnion((0..<n).filter { dropped.contains(touchpoints[$0].stageIndex) })
            touchpoints = placing(released)
            keptWithIndex = keptStages(touchpoints)
        }
        // One template stage alone among inferred phases, placed by patterns only, is a word
        // match, not the template's journey (no second stage to check its order against, no
        // name the template spells out): Disco's call-centre log had "Email Outbound" drawn as
        // Awareness (the `email_*` rule) between two phases named by their steps, the map titled
        // "Customer journey"; Purchasing an invoice step as Decision (`*_payment`), every move
        // after it drawn back. It is phased with the rest. Kept: a stage an exact rule places
        // ("purchase" on Decision, "Payment" on a road-fines log), or a rule renames into.
        var loneStageReleased = false
        if keptWithIndex.count == 1, let lone = keptWithIndex.first,
           !(0..<n).contains(where: { t in
               touchpoints[t].stageIndex == lone.index && (renamed.contains(touchpoints[t].name) || template.rules.contains {
                   $0.stage == lone.stage.id && $0.normalizedName != nil && $0.normalizedName == ActivityName.normalized(touchpoints[t].name)
               })
           }) {
            released.formUnion((0..<n).filter { touchpoints[$0].stageIndex == lone.index })
            touchpoints = placing(released)
            keptWithIndex = keptStages(touchpoints)
            loneStageReleased = true
        }
        var eventsByName: [String: Int] = [:], positionByName: [String: Double] = [:]
        for t in 0..<n where events[t] > 0 {
            eventsByName[touchpoints[t].name, default: 0] += events[t]
            positionByName[touchpoints[t].name] = position[t]
        }
        eventsByTouchpoint = eventsByName

        let kept = keptWithIndex.map { (stage: $0.stage, position: $0.position) }

        // Unmatched touchpoints in position order, cut into phases. Touchpoints whose names the
        // rules take for one (`ActivityName.normalized`: "/pricing" and "/pricing/", "Sign Up"
        // and "sign_up") are one group: the exact rule made for one places them all, so they are
        // positioned and phased together (apart, the first rule took a busy page into the phase
        // of a rare spelling of it).
        var groupOf: [String: Int] = [:]
        var groups: [[Int]] = []
        for t in 0..<n where touchpoints[t].stageIndex == unassigned && events[t] > 0 {
            let key = ActivityName.normalized(touchpoints[t].name)
            if let g = groupOf[key] { groups[g].append(t) } else { groupOf[key] = groups.count; groups.append([t]) }
        }
        let groupEvents = groups.map { $0.reduce(0) { $0 + events[$1] } }
        let groupPosition = groups.map { $0.count == 1 ? position[$0[0]] : positions.medianPosition(of: $0) }
        for (g, members) in groups.enumerated() where members.count > 1 {
            for t in members { positionByName[touchpoints[t].name] = groupPosition[g] }
        }
        positionByTouchpoint = positionByName
        /// A group's name: its busiest member's.
        let groupName = groups.map { members in
            touchpoints[members.max { events[$0] != events[$1] ? events[$0] < events[$1] : touchpoints[$0].name > touchpoints[$1].name }!].name
        }
        let byPosition = groups.indices.sorted { groupPosition[$0] != groupPosition[$1] ? groupPosition[$0] < groupPosition[$1]
                                                 : groupName[$0] < groupName[$1] }
        // The moves between them reorder them where positions contradict the journeys, and the
        // positions are fitted to that order (`PrecedenceOrder`); phases are cut from those.
        var groupOfTouchpoint = [Int](repeating: -1, count: n)
        for (g, members) in groups.enumerated() { for t in members { groupOfTouchpoint[t] = g } }
        var groupMoves: [UInt64: Int] = [:]
        for m in positions.follows.pairs where m.from < n && m.to < n {
            let a = groupOfTouchpoint[m.from], b = groupOfTouchpoint[m.to]
            if a >= 0 && b >= 0 && a != b { groupMoves[UInt64(a) << 32 | UInt64(b), default: 0] += m.count }
        }
        let free = PrecedenceOrder.order(byPosition, moves: groupMoves.keys.sorted().map { key in
            (from: Int(key >> 32), to: Int(key & 0xFFFF_FFFF), count: groupMoves[key]!)
        })
        var orderedPosition = groupPosition
        for (g, value) in zip(free, PrecedenceOrder.isotonic(free.map { groupPosition[$0] }, weights: free.map { groupEvents[$0] })) {
            orderedPosition[g] = value
        }
        var phaseCount = 0
        if !free.isEmpty {
            let wanted = Int(Double(free.count).squareRoot().rounded())
            let room = kept.isEmpty ? Self.maxStages : max(1, Self.maxStages - kept.count)
            phaseCount = min(free.count, max(kept.isEmpty ? 3 : 1, min(wanted, room)))
            // The released stage's column stays one column of the map, as a phase.
            if loneStageReleased { phaseCount = min(free.count, Self.maxStages, max(phaseCount, wanted + 1)) }
        }
        // A phase never straddles a kept template stage: the free touchpoints between two kept
        // stages' positions (or before the first, after the last) are cut apart, each stretch
        // into its share of the phases, at least one (a touchpoint released from the first
        // stage and one from the last are not one phase in the middle).
        let bounds = kept.map(\.position).sorted()
        var stretches: [[Int]] = Array(repeating: [], count: bounds.count + 1)
        for g in free { stretches[bounds.filter { $0 < orderedPosition[g] }.count].append(g) }
        var phases: [(groups: [Int], position: Double)] = []
        for stretch in stretches where !stretch.isEmpty {
            let share = Int((Double(phaseCount) * Double(stretch.count) / Double(free.count)).rounded())
            let cuts = Self.cut(stretch.map { (orderedPosition[$0], groupEvents[$0]) }, into: min(stretch.count, max(1, share)))
            phases += cuts.map { range in
                let members = Array(stretch[range])
                return (members, Self.weightedMedian(members.map { (orderedPosition[$0], groupEvents[$0]) }))
            }
        }
        // Stable: phases of one fitted position keep the moves' order.
        phases = phases.enumerated().sorted { $0.element.position != $1.element.position ? $0.element.position < $1.element.position : $0.offset < $1.offset }.map(\.element)

        // Merge: template stages in template order, phases in position order.
        enum Slot { case kept(Int), phase(Int) }
        var order: [Slot] = []
        var a = 0, b = 0
        while a < kept.count || b < phases.count {
            if b >= phases.count || (a < kept.count && kept[a].position <= phases[b].position) {
                order.append(.kept(a)); a += 1
            } else {
                order.append(.phase(b)); b += 1
            }
        }
        var stages: [StageDefinition] = []
        var colors: [String?] = []
        var rules = template.rules.filter { rule in kept.contains { $0.stage.id == rule.stage } }
        // Exact rules of released touchpoints go ahead of the template's, which placed them.
        var releasedRules: [TouchpointRule] = []
        var phaseNumber = 0
        for slot in order {
            switch slot {
            case .kept(let i):
                stages.append(kept[i].stage)
                colors.append(kept[i].stage.color)
            case .phase(let i):
                phaseNumber += 1
                let top = phases[i].groups.sorted {
                    groupEvents[$0] != groupEvents[$1] ? groupEvents[$0] > groupEvents[$1] : groupName[$0] < groupName[$1]
                }.prefix(2)
                // The second name only when it is a fair part of the phase (helpdesk: "Closed ·
                // VERIFIED" named a phase by 3 of its 4,577 events).
                let leading = top.enumerated().filter { k, g in
                    k == 0 || groupEvents[g] * Self.secondNameShare >= groupEvents[top.first!]
                }.map { groupName[$0.element] }
                let members = phases[i].groups.flatMap { groups[$0] }
                let id = "phase-\(phaseNumber)"
                stages.append(StageDefinition(id: id, names: LocalizedText(["en": Self.phaseName(leading)]), color: ""))
                colors.append(nil)
                for t in members.sorted(by: { touchpoints[$0].name < touchpoints[$1].name }) {
                    // The name cannot fail to compile: exact rules have no pattern to compile.
                    if let rule = try? TouchpointRule(pattern: .exact(touchpoints[t].name), stage: id) {
                        if released.contains(t) { releasedRules.append(rule) } else { rules.append(rule) }
                    }
                }
            }
        }
        for (i, color) in StagePalette.fill(colors).enumerated() { stages[i].color = color }
        let inferredOnly = kept.isEmpty
        var derived = JourneyTemplate(
            id: inferredOnly ? "inferred" : template.id,
            names: inferredOnly ? LocalizedText(["en": "Journey stages from the data", "th": "ขั้นของเส้นทางจากข้อมูล"]) : template.names,
            defaultLanguage: template.defaultLanguage, stages: stages.isEmpty ? template.stages : stages,
            rules: releasedRules + rules, unassigned: template.unassigned)
        // Only when a phase was cut: a log the template places wholly keeps its stage names.
        derived.stagesInferred = !phases.isEmpty
        self.derived = derived
    }

    /// How far (in journey positions, 0 to 1) a placed touchpoint may occur from the
    /// event-weighted median position of its stage's touchpoints and stay on it when stages are
    /// inferred: half a journey.
    static let stageSpreadTolerance = 0.5

    /// How far (in journey positions) a stage may occur before the one the template puts before
    /// it and still count as in order (`orderedChain`).
    static let chainTolerance = 0.1

    /// The indices of the chain of `stages` (in template order: median position and events)
    /// whose positions do not go back by more than `chainTolerance`, with the most events (the
    /// earliest stages on ties).
    static func orderedChain(_ stages: [(position: Double, events: Int)]) -> Set<Int> {
        guard !stages.isEmpty else { return [] }
        var best = stages.map(\.events), from = [Int](repeating: -1, count: stages.count)
        for i in stages.indices {
            for j in 0..<i where stages[j].position <= stages[i].position + chainTolerance && best[j] + stages[i].events > best[i] {
                best[i] = best[j] + stages[i].events
                from[i] = j
            }
        }
        var i = best.indices.max { best[$0] != best[$1] ? best[$0] < best[$1] : $0 > $1 }!
        var chain: Set<Int> = []
        while i >= 0 { chain.insert(i); i = from[i] }
        return chain
    }

    /// A phase is named by its second most frequent touchpoint too when that has at least
    /// 1/`secondNameShare` of the first's events.
    static let secondNameShare = 5

    /// A phase's name from its most frequent touchpoints: "first · second" when both fit in
    /// 48 characters (a stage header's two lines), else the first alone, cut to 48 characters
    /// (receipt's "T10 Determine necessity to stop indication" had been cut at 32).
    /// (At 32 for both, pm4py's hiring log headed a phase that every journey reaches
    /// "Application Rejected · 100%", hiding its interviews and job offers.)
    static func phaseName(_ leading: [String]) -> String {
        guard let first = leading.first else { return "" }
        if leading.count > 1, first.count + leading[1].count + 3 <= 48 { return first + " · " + leading[1] }
        return first.count <= 48 ? first : String(first.prefix(47)) + "…"
    }

    /// The median of `values` weighted by their counts.
    static func weightedMedian(_ values: [(value: Double, weight: Int)]) -> Double {
        let sorted = values.sorted { $0.value < $1.value }
        let total = sorted.reduce(0) { $0 + $1.weight }
        var seen = 0
        for v in sorted {
            seen += v.weight
            if 2 * seen >= total { return v.value }
        }
        return sorted.last?.value ?? 0.5
    }

    /// Cuts `points` (sorted by value) into at most `k` contiguous groups minimising the
    /// weighted squared distance to each group's mean (weights: the square root of the
    /// events, so one busy touchpoint does not swallow a phase). Points of equal value stay in
    /// one group (a web log's pages all first in their one-page visits were cut into phases by
    /// name), so there are no more groups than distinct values. Exact dynamic programme,
    /// O(k·n²) in the distinct values; beyond 400 the cut is made on about 400 blocks of them.
    static func cut(_ points: [(value: Double, weight: Int)], into k: Int) -> [Range<Int>] {
        guard k > 0, !points.isEmpty else { return [] }
        // Where each run of equal values starts.
        var runStarts = [0]
        for i in 1..<max(1, points.count) where points[i].value != points[i - 1].value { runStarts.append(i) }
        // Blocks of whole runs (one run each unless there are many).
        let blockCount = min(runStarts.count, 400)
        let bounds = (0...blockCount).map { b in b == blockCount ? points.count : runStarts[b * runStarts.count / blockCount] }
        var w = [Double](repeating: 0, count: blockCount + 1)
        var wx = w, wxx = w
        for b in 0..<blockCount {
            var sw = 0.0, sx = 0.0, sxx = 0.0
            for p in points[bounds[b]..<bounds[b + 1]] {
                let weight = Double(p.weight).squareRoot()
                sw += weight; sx += weight * p.value; sxx += weight * p.value * p.value
            }
            w[b + 1] = w[b] + sw; wx[b + 1] = wx[b] + sx; wxx[b + 1] = wxx[b] + sxx
        }
        func cost(_ i: Int, _ j: Int) -> Double {  // blocks i..<j
            let sw = w[j] - w[i], sx = wx[j] - wx[i], sxx = wxx[j] - wxx[i]
            return sw <= 0 ? 0 : sxx - sx * sx / sw
        }
        let m = blockCount
        let groups = min(k, m)
        var best = [[Double]](repeating: [Double](repeating: .infinity, count: m + 1), count: groups + 1)
        var from = [[Int]](repeating: [Int](repeating: 0, count: m + 1), count: groups + 1)
        best[0][0] = 0
        for g in 1...groups {
            for j in g...m {
                for i in (g - 1)..<j where best[g - 1][i] < .infinity {
                    let c = best[g - 1][i] + cost(i, j)
                    if c < best[g][j] - 1e-12 { best[g][j] = c; from[g][j] = i }
                }
            }
        }
        var cuts = [m]
        var j = m
        for g in stride(from: groups, to: 0, by: -1) { j = from[g][j]; cuts.append(j) }
        cuts.reverse()
        return (0..<groups).map { bounds[cuts[$0]]..<bounds[cuts[$0 + 1]] }
    }
}

extension StageInference {
    /// The template to mine `table` with under `mode`: `template` itself, or, when `mode` asks
    /// for inference at the share it places, the template inferred from the journeys of `table`
    /// (read with `options`).
    public static func resolve(_ template: JourneyTemplate, mode: StageMode, table: EventTable,
                               options: MiningOptions) throws -> JourneyTemplate {
        guard mode != .template else { return template }
        let sequences = try Miner(template: template, options: options).sequences(table)
        guard wanted(mode, placedShare: placedShare(sequences)) else { return template }
        return StageInference(template: template, sequences: sequences).derived
    }
}
