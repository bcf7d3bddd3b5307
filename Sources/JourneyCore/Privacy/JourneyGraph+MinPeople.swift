/// `--min-people k` for journey graphs: every command that publishes a graph's numbers (mine,
/// stats, map and their exports, merge) publishes this graph instead.
public struct MinPeopleError: CategorizedError, Sendable, Equatable {
    public var category: ErrorCategory { .badInput }
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

extension JourneyGraph {
    /// This graph with every number resting on fewer than `k` distinct people withheld, and
    /// enough others that none comes back by subtraction (`ComplementarySuppression`, whose
    /// groups are the sums the graph publishes; docs/privacy.md). Withheld touchpoints (with
    /// their flows), edges, stage edges and variants are left out; withheld starts and ends are
    /// 0; a withheld stage total is 0 events and 0 journeys. `privacy` counts what was withheld.
    /// - Throws: `MinPeopleError` when the graph's people are unknown (a journey file mined with
    ///   `--session-gap` without `--people`) or fewer than `k` in all.
    public func applyingMinPeople(_ k: Int) throws -> JourneyGraph {
        guard peopleKnown else {
            throw MinPeopleError("--min-people \(k): this journey file was mined with --session-gap but without people counts; mine it again with --people (or with --min-people)")
        }
        guard peopleCount >= k else {
            throw MinPeopleError("--min-people \(k): only \(CountFormat.grouped(peopleCount)) people in all, so every number would be withheld; lower --min-people or add data")
        }
        let plan = suppressionPlan()
        let hidden = plan.problem.withheld(minPeople: k)
        var g = self
        var info = PrivacyInfo(minPeople: k)
        let hiddenNames = Set(touchpoints.indices.filter { hidden[plan.touchpoint[$0]] }.map { touchpoints[$0].name })
        info.touchpoints = hiddenNames.count
        for (i, t) in touchpoints.enumerated() where !hiddenNames.contains(t.name) {
            let j = g.touchpoints.firstIndex { $0.name == t.name }!
            if hidden[plan.start[i]] {
                info.starts += 1; g.touchpoints[j].starts = 0
                if g.touchpoints[j].startPeople != nil { g.touchpoints[j].startPeople = 0 }
            }
            if hidden[plan.end[i]] {
                info.ends += 1; g.touchpoints[j].ends = 0
                if g.touchpoints[j].endPeople != nil { g.touchpoints[j].endPeople = 0 }
            }
        }
        g.touchpoints.removeAll { hiddenNames.contains($0.name) }
        // Channel breakdowns: no people are counted per channel, so a breakdown is published only
        // when it is the box's own total (one channel holding all its events); else it goes.
        for j in g.touchpoints.indices where !g.touchpoints[j].channelBreakdownIsTotal {
            g.touchpoints[j].channels = [:]
        }
        let keptEdges = edges.indices.filter { !hidden[plan.edge[$0]] }
        info.edges = edges.count - keptEdges.count
        g.edges = keptEdges.map { edges[$0] }
        let keptStageEdges = stageEdges.indices.filter { !hidden[plan.stageEdge[$0]] }
        info.stageEdges = stageEdges.count - keptStageEdges.count
        g.stageEdges = keptStageEdges.map { stageEdges[$0] }
        for (i, s) in stages.enumerated() where hidden[plan.stage[i]] {
            info.stages.append(s.id)
            g.stages[i].events = 0; g.stages[i].journeys = 0
            if g.stages[i].people != nil { g.stages[i].people = 0 }
        }
        let keptVariants = variants.top.indices.filter { !hidden[plan.variant[$0]] }
        info.variants = variants.top.count - keptVariants.count
        g.variants.top = keptVariants.map { variants.top[$0] }
        if info.variants > 0 { g.variants.truncated = true }
        // Activities --keep-activities hid are named with their events: fewer than k people may
        // be behind them, so only their sum (`hiddenEvents`) stays.
        g.hidden.touchpoints = [:]
        // Their sum rests on people not counted (their events were dropped before mining): withheld too.
        if g.hidden.hiddenEvents > 0 { info.hiddenEvents = true; g.hidden.hiddenEvents = 0 }
        // The log's span: its first and its last event are one person's each, so they are
        // published as whole days (UTC): from the first event's midnight to the last second of
        // the last event's day.
        if let first = firstTimestamp { g.firstTimestamp = first - microsIntoDay(first) }
        if let last = lastTimestamp { g.lastTimestamp = last - microsIntoDay(last) + microsPerDay - 1_000_000 }
        g.privacy = info
        return g
    }

    /// The items and sum groups of this graph (`ComplementarySuppression`), and which item each
    /// part of the graph is.
    struct SuppressionPlan {
        var problem: ComplementarySuppression
        var touchpoint: [Int] = [], start: [Int] = [], end: [Int] = [], edge: [Int] = []
        var stage: [Int] = [], stageEdge: [Int] = [], variant: [Int] = []
    }

    func suppressionPlan() -> SuppressionPlan {
        var items: [ComplementarySuppression.Item] = []
        func add(_ value: Int, _ people: Int) -> Int {
            items.append(.init(value: value, people: people)); return items.count - 1
        }
        var plan = SuppressionPlan(problem: ComplementarySuppression(items: [], groups: []))
        for t in touchpoints {
            plan.touchpoint.append(add(t.events, t.peopleCount))
            plan.start.append(add(t.starts, t.startPeopleCount))
            plan.end.append(add(t.ends, t.endPeopleCount))
        }
        plan.edge = edges.map { add($0.count, $0.peopleCount) }
        plan.stage = stages.map { add($0.events, $0.peopleCount) }
        plan.stageEdge = stageEdges.map { add($0.count, $0.peopleCount) }
        plan.variant = variants.top.map { add($0.count, $0.peopleCount) }

        let tIndex = touchpointIndex
        let sIndex = Dictionary(stages.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        var groups: [ComplementarySuppression.Group] = []
        var cascade: [Int: [Int]] = [:]
        func group(_ members: [Int], total: Int?, totalValue: Int) {
            let sum = members.reduce(0) { $0 + items[$1].value }
            groups.append(.init(members: members, total: total, unaccounted: totalValue - sum))
        }
        // A box: its events are its incoming flows and starts, and its outgoing flows and ends.
        var outOf = [[Int]](repeating: [], count: touchpoints.count), into = outOf
        for (i, e) in edges.enumerated() {
            guard let a = tIndex[e.from], let b = tIndex[e.to] else { continue }
            outOf[a].append(plan.edge[i]); into[b].append(plan.edge[i])
        }
        for (i, t) in touchpoints.enumerated() {
            group(outOf[i] + [plan.end[i]], total: plan.touchpoint[i], totalValue: t.events)
            group(into[i] + [plan.start[i]], total: plan.touchpoint[i], totalValue: t.events)
            let variantsWith = variants.top.indices.filter { variants.top[$0].path.contains(t.name) }.map { plan.variant[$0] }
            cascade[plan.touchpoint[i]] = Array(Set(outOf[i] + into[i])) + [plan.start[i], plan.end[i]] + variantsWith
        }
        // A stage: its events are its touchpoints' events; its stage flows out and the journeys
        // ending in it, and its stage flows in and the journeys starting in it, are its events too.
        var stageOut = [[Int]](repeating: [], count: stages.count), stageIn = stageOut
        for (i, e) in stageEdges.enumerated() {
            guard let a = sIndex[e.from], let b = sIndex[e.to] else { continue }
            stageOut[a].append(plan.stageEdge[i]); stageIn[b].append(plan.stageEdge[i])
        }
        for (s, stage) in stages.enumerated() {
            let members = touchpoints.indices.filter { touchpoints[$0].stage == stage.id }
            group(members.map { plan.touchpoint[$0] }, total: plan.stage[s], totalValue: stage.events)
            group(stageOut[s] + members.map { plan.end[$0] }, total: plan.stage[s], totalValue: stage.events)
            group(stageIn[s] + members.map { plan.start[$0] }, total: plan.stage[s], totalValue: stage.events)
        }
        // A stage flow: the flows between touchpoints of those two stages.
        for (i, se) in stageEdges.enumerated() {
            let members = edges.indices.filter {
                touchpoints[tIndex[edges[$0].from]!].stage == se.from && touchpoints[tIndex[edges[$0].to]!].stage == se.to
            }
            group(members.map { plan.edge[$0] }, total: plan.stageEdge[i], totalValue: se.count)
        }
        // All events are the stages' events; all journeys start once, end once, follow one path.
        group(plan.stage, total: nil, totalValue: events)
        group(plan.start, total: nil, totalValue: journeys)
        group(plan.end, total: nil, totalValue: journeys)
        group(plan.variant, total: nil, totalValue: journeys)
        plan.problem = ComplementarySuppression(items: items, groups: groups, cascade: cascade)
        return plan
    }
}

extension JourneyGraph.Touchpoint {
    /// Whether `channels` says nothing the touchpoint's events do not: empty, or one channel
    /// holding all of them. Under `--min-people` any other breakdown is withheld (docs/privacy.md,
    /// "Channels"): a channel's events may rest on fewer than `k` people, and the events without
    /// a channel are the total minus the channels.
    public var channelBreakdownIsTotal: Bool {
        let shown = channels.filter { $0.value > 0 }
        return shown.isEmpty || (shown.count == 1 && shown.first!.value == events)
    }
}
