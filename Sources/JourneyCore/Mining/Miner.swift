import Dispatch

/// Mines an `EventTable` into a `JourneyGraph` by the rules of `JourneyRules` (the general
/// engine: any reader; `DirectCSVMiner` is the fast one for a single CSV file).
///
/// Passes, each in its own function:
/// 1. `assignTouchpoints` — each (activity, channel) to a touchpoint and stage by the template;
/// 2. `eventFilter` — `--since/--until/--where`, then `--keep-activities` coverage;
/// 3. `groupByCase` — a counting sort by case id (stable: input order kept within a case);
/// 4. per case: a stable sort by timestamp, a split at `--session-gap`, and counting into a
///    `JourneyAccumulator` (cases split in contiguous ranges over `threads`, merged after);
/// 5. `JourneyGraphBuilder` — sorted, named output.
/// - Complexity: O(n) for n events, plus O(k log k) per case whose k events are out of time order.
public struct Miner: Sendable {
    public var template: JourneyTemplate
    public var options: MiningOptions

    public init(template: JourneyTemplate, options: MiningOptions = MiningOptions()) {
        self.template = template
        self.options = options
    }

    public func mine(_ table: EventTable, columns: ResolvedColumns? = nil) throws -> JourneyGraph {
        let assignment = try assignTouchpoints(table)
        var filter = try eventFilter(table, assignment: assignment)
        let order = groupByCase(table, filter: &filter, assignment: assignment)
        let accumulator = accumulate(table, order: order, assignment: assignment)
        return JourneyGraphBuilder(template: template, options: options, columns: columns, assignment: assignment,
                                   filter: filter, facts: logFacts(table, assignment: assignment, order: order),
                                   variantTables: [accumulator.variants], people: countPeople(table, order: order, assignment: assignment))
            .build(accumulator)
    }

    /// The people behind each count (`PeopleCounter`), when `options.peopleCounted`; one
    /// sequential pass over the journeys as `count` forms them.
    func countPeople(_ table: EventTable, order: CaseOrder, assignment: Assignment) -> PeopleCounter? {
        guard options.peopleCounted else { return nil }
        let people = PeopleCounter(touchpointCount: assignment.touchpointNames.count, stageCount: assignment.stages.count,
                                   stageOfTouchpoint: assignment.stageOfTouchpoint)
        var current: UInt32?
        var journeys: [[Int32]] = []
        forEachJourney(cases: 0..<(order.caseStart.count - 1), table: table, order: order, assignment: assignment) { c, tps, _, _ in
            if c != current { people.addCase(journeys); journeys.removeAll(); current = c }
            journeys.append(Array(tps))
        }
        people.addCase(journeys)
        return people
    }

    // MARK: 1. Touchpoints

    /// Touchpoint of every (activity, channel) pair and stage of every touchpoint.
    package struct Assignment: Sendable {
        package var touchpointNames: [String] = []
        package var stageOfTouchpoint: [Int] = []
        /// Stages: template stages then unassigned.
        package var stages: [StageDefinition]
        /// When no rule looks at channels: touchpoint per activity id.
        package var byActivity: [Int32]?
        /// Otherwise: touchpoint per (activity × channelCount + channel) when that table is
        /// small (`maxDensePairs`), else per pair that occurs (`byPairKey`, memory linear in
        /// the pairs: a dense table grows with activities × channels).
        package var byPair: [Int32]?
        var byPairKey: [UInt64: Int32]?
        package var channelCount: Int
        static let maxDensePairs = 4_000_000

        package init(touchpointNames: [String] = [], stageOfTouchpoint: [Int] = [], stages: [StageDefinition],
                     byActivity: [Int32]? = nil, byPair: [Int32]? = nil, byPairKey: [UInt64: Int32]? = nil, channelCount: Int) {
            self.touchpointNames = touchpointNames
            self.stageOfTouchpoint = stageOfTouchpoint
            self.stages = stages
            self.byActivity = byActivity
            self.byPair = byPair
            self.byPairKey = byPairKey
            self.channelCount = channelCount
        }

        @inline(__always)
        package func touchpoint(activity: UInt32, channel: UInt32) -> Int32 {
            if let byActivity { return byActivity[Int(activity)] }
            if let byPair { return byPair[Int(activity) * channelCount + Int(channel)] }
            return byPairKey![UInt64(activity) << 32 | UInt64(channel)]!
        }
    }

    /// Gives touchpoint ids to (activity, channel) pairs by the template's rules, one id per
    /// distinct touchpoint name, in the order first asked for.
    package struct TouchpointNamer {
        package let template: JourneyTemplate
        package let stages: [StageDefinition]
        /// Whether any rule looks at the channel (else the channel is not passed on).
        let channelSensitive: Bool
        private let matcher: RuleMatcher
        private let stageIndex: [String: Int]
        private var byName: [String: Int32] = [:]
        package private(set) var names: [String] = []
        package private(set) var stageOfTouchpoint: [Int] = []

        package init(template: JourneyTemplate) throws {
            self.template = template
            stages = template.allStages
            guard stages.count <= 64 else { throw MiningError("a template may have at most 63 stages") }
            stageIndex = Dictionary(uniqueKeysWithValues: stages.enumerated().map { ($1.id, $0) })
            channelSensitive = template.rules.contains { $0.channel != nil }
            matcher = RuleMatcher(template.rules)
        }

        package mutating func touchpoint(activity: String, channel: String) throws -> Int32 {
            let a = try matcher.assign(activity: activity, channel: channelSensitive ? channel : "", unassigned: template.unassigned.id)
            if let t = byName[a.touchpoint] { return t }
            let t = Int32(names.count)
            byName[a.touchpoint] = t
            names.append(a.touchpoint)
            stageOfTouchpoint.append(stageIndex[a.stage] ?? stages.count - 1)
            return t
        }
    }

    func assignTouchpoints(_ table: EventTable) throws -> Assignment {
        var namer = try TouchpointNamer(template: template)
        let stages = namer.stages
        var result = Assignment(stages: stages, channelCount: table.channels.count)
        func touchpoint(_ activity: String, _ channel: String) throws -> Int32 {
            try namer.touchpoint(activity: activity, channel: channel)
        }
        let activities = table.activities.strings
        if !namer.channelSensitive {
            result.byActivity = try activities.map { try touchpoint($0, "") }
        } else {
            let channels = table.channels.strings
            guard activities.count * channels.count <= Assignment.maxDensePairs else {
                var byKey: [UInt64: Int32] = [:]
                for i in 0..<table.count {
                    let key = UInt64(table.activityIDs[i]) << 32 | UInt64(table.channelIDs[i])
                    if byKey[key] == nil {
                        byKey[key] = try touchpoint(activities[Int(table.activityIDs[i])], channels[Int(table.channelIDs[i])])
                    }
                }
                result.byPairKey = byKey
                result.touchpointNames = namer.names
                result.stageOfTouchpoint = namer.stageOfTouchpoint
                return result
            }
            var byPair = [Int32](repeating: -1, count: activities.count * channels.count)
            for i in 0..<table.count {
                let k = Int(table.activityIDs[i]) * channels.count + Int(table.channelIDs[i])
                if byPair[k] < 0 {
                    byPair[k] = try touchpoint(activities[Int(table.activityIDs[i])], channels[Int(table.channelIDs[i])])
                }
            }
            result.byPair = byPair
        }
        result.touchpointNames = namer.names
        result.stageOfTouchpoint = namer.stageOfTouchpoint
        return result
    }

    // MARK: 2. Filters

    /// Which events take part, and what filtering and simplification removed.
    package struct EventFilter {
        /// nil: every event (no filter).
        package var keep: [Bool]?
        /// Touchpoints kept by `--keep-activities` (nil: all).
        var keptTouchpoints: [Bool]?
        package var filteredEvents = 0
        /// Of `filteredEvents`, those whose activity `--include`/`--exclude` left out.
        var activityFilteredEvents = 0
        /// What `options.journeyWindow` kept (nil without one).
        var windowStats: JourneyWindowStats?
        var hiddenTouchpoints: [String: Int] = [:]
        var hiddenEvents = 0

        package init() {}

        @inline(__always)
        func includes(_ i: Int, touchpoint: Int32) -> Bool {
            if let keep, !keep[i] { return false }
            if let keptTouchpoints, !keptTouchpoints[Int(touchpoint)] { return false }
            return true
        }
    }

    func eventFilter(_ table: EventTable, assignment: Assignment) throws -> EventFilter {
        var filter = EventFilter()
        let clauses: [(column: Int, values: Set<UInt32>)] = try options.whereClauses.map { clause in
            guard let column = table.attributeIndex(clause.attribute) else {
                throw MiningError("--where \(clause.description): the log has no attribute \"\(clause.attribute)\" (or it was not read)")
            }
            return (column, Set(clause.values.compactMap { table.attributeValues.lookup($0) }))
        }
        let keptActivities = try activitiesKept(table)
        if options.since != nil || options.until != nil || !clauses.isEmpty || keptActivities != nil {
            var keep = [Bool](repeating: true, count: table.count)
            let since = options.since ?? Int64.min, until = options.until ?? Int64.max
            for i in 0..<table.count {
                if let keptActivities, !keptActivities[Int(table.activityIDs[i])] {
                    keep[i] = false; filter.filteredEvents += 1; filter.activityFilteredEvents += 1
                    continue
                }
                let t = table.timestamps[i]
                var ok = t >= since && t < until
                for clause in clauses where ok {
                    ok = clause.values.contains(table.attributeColumns[clause.column][i])
                }
                if !ok { keep[i] = false; filter.filteredEvents += 1 }
            }
            filter.keep = keep
        }
        if let coverage = options.keepActivities, coverage < 1 {
            guard coverage > 0 else { throw MiningError("--keep-activities must be above 0% (got \(coverage * 100)%)") }
            var counts = [Int](repeating: 0, count: assignment.touchpointNames.count)
            var total = 0
            for i in 0..<table.count where filter.keep?[i] ?? true {
                counts[Int(assignment.touchpoint(activity: table.activityIDs[i], channel: table.channelIDs[i]))] += 1
                total += 1
            }
            // Most frequent first; ties by name so the choice never depends on input order.
            let ranked = counts.indices.sorted {
                counts[$0] != counts[$1] ? counts[$0] > counts[$1]
                    : assignment.touchpointNames[$0] < assignment.touchpointNames[$1]
            }
            var kept = [Bool](repeating: false, count: counts.count)
            var covered = 0
            for t in ranked where counts[t] > 0 {
                if Double(covered) >= coverage * Double(total) {
                    filter.hiddenTouchpoints[assignment.touchpointNames[t]] = counts[t]
                    filter.hiddenEvents += counts[t]
                } else {
                    kept[t] = true
                    covered += counts[t]
                }
            }
            filter.keptTouchpoints = kept
        }
        if let window = options.journeyWindow { applyJourneyWindow(window, table, assignment: assignment, to: &filter) }
        return filter
    }

    /// Per activity id, whether `--include`/`--exclude` keep it (nil: no such filter).
    func activitiesKept(_ table: EventTable) throws -> [Bool]? {
        guard !options.activityFilter.isEmpty else { return nil }
        let compiled = try options.activityFilter.compiled()
        return table.activities.strings.map(compiled.keeps)
    }

    /// Narrows `filter.keep` to the events of whole journeys in `window` (journeys as mining
    /// forms them: after the other filters, split at the session gap), counting what it did.
    func applyJourneyWindow(_ window: JourneyWindow, _ table: EventTable, assignment: Assignment, to filter: inout EventFilter) {
        var probe = filter
        let order = groupByCase(table, filter: &probe, assignment: assignment)
        var keep = [Bool](repeating: false, count: table.count)
        var stats = JourneyWindowStats()
        forEachJourney(cases: 0..<(order.caseStart.count - 1), table: table, order: order, assignment: assignment) { _, _, times, events in
            stats.journeys += 1
            guard let first = times.first, let last = times.last, window.takes(first: first, last: last) else { return }
            stats.kept += 1
            if window.isSpanning(first: first, last: last) { stats.spanning += 1 }
            for e in events { keep[Int(e)] = true }
        }
        var dropped = 0
        for i in 0..<table.count where !keep[i] && (filter.keep?[i] ?? true) { dropped += 1 }
        filter.filteredEvents += dropped
        filter.keep = keep
        filter.windowStats = stats
    }

    /// How `options.journeyWindow` splits the journeys of `table` (nil without a window).
    public func journeyWindowStats(_ table: EventTable) throws -> JourneyWindowStats? {
        let assignment = try assignTouchpoints(table)
        return try eventFilter(table, assignment: assignment).windowStats
    }

    // MARK: 3. Grouping

    /// Events grouped by case (case id order), input order within a case, and where each
    /// case starts in the grouped order.
    struct CaseOrder: Sendable {
        /// Event indices grouped by case; nil when that is simply 0..<count (the input is
        /// already grouped by case and nothing is filtered out: no 4 bytes per event spent).
        var permutation: [Int32]?
        var caseStart: [Int32]

        /// Events taking part.
        var count: Int { Int(caseStart[caseStart.count - 1]) }

        /// Calls `body` with every event taking part, in any order: in input order when all
        /// of the table's `eventCount` events take part (sequential reads, not one cache miss
        /// per event as in grouped order on an unsorted log).
        @inline(__always)
        func forEachEventAnyOrder(eventCount: Int, _ body: (Int) -> Void) {
            if count == eventCount { for e in 0..<count { body(e) } } else { forEachEvent(body) }
        }

        /// Calls `body` with every event taking part, in grouped order.
        @inline(__always)
        func forEachEvent(_ body: (Int) -> Void) {
            if let permutation { for e in permutation { body(Int(e)) } } else { for e in 0..<count { body(e) } }
        }
    }

    func groupByCase(_ table: EventTable, filter: inout EventFilter, assignment: Assignment) -> CaseOrder {
        let caseCount = table.cases.count
        var start = [Int32](repeating: 0, count: caseCount + 1)
        let everything = filter.keep == nil && filter.keptTouchpoints == nil
        var grouped = everything
        table.caseIDs.withUnsafeBufferPointer { cases in
            if everything {
                var previous: UInt32 = 0
                for i in 0..<table.count {
                    let c = cases[i]
                    if c < previous { grouped = false }
                    previous = c
                    start[Int(c) + 1] += 1
                }
            } else {
                for i in 0..<table.count
                where filter.includes(i, touchpoint: assignment.touchpoint(activity: table.activityIDs[i], channel: table.channelIDs[i])) {
                    start[Int(cases[i]) + 1] += 1
                }
            }
        }
        for c in 0..<caseCount { start[c + 1] += start[c] }
        if grouped { return CaseOrder(permutation: nil, caseStart: start) }
        var events = [Int32](repeating: 0, count: Int(start[caseCount]))
        // `start[c]` serves as case c's fill cursor (no second array: 4 bytes per case less),
        // ending at case c+1's start; shifted back afterwards.
        table.caseIDs.withUnsafeBufferPointer { cases in
            events.withUnsafeMutableBufferPointer { out in
                start.withUnsafeMutableBufferPointer { fill in
                    for i in 0..<table.count where everything
                        || filter.includes(i, touchpoint: assignment.touchpoint(activity: table.activityIDs[i], channel: table.channelIDs[i])) {
                        let c = Int(cases[i])
                        out[Int(fill[c])] = Int32(i)
                        fill[c] += 1
                    }
                    var c = caseCount
                    while c > 0 { fill[c] = fill[c - 1]; c -= 1 }
                    fill[0] = 0
                }
            }
        }
        return CaseOrder(permutation: events, caseStart: start)
    }

    // MARK: 4. Counting

    func accumulate(_ table: EventTable, order: CaseOrder, assignment: Assignment) -> JourneyAccumulator {
        let caseCount = order.caseStart.count - 1
        let threads = max(1, min(options.threads, caseCount / 1024 + 1))
        // Contiguous case ranges with about the same number of events each.
        var bounds = [0]
        let total = Int(order.caseStart[caseCount])
        for t in 1..<threads {
            let target = Int32(total * t / threads)
            var lo = bounds.last!, hi = caseCount
            while lo < hi { let mid = (lo + hi) / 2; if order.caseStart[mid] < target { lo = mid + 1 } else { hi = mid } }
            bounds.append(lo)
        }
        bounds.append(caseCount)
        let parts = (0..<threads).map { _ in
            JourneyAccumulator(touchpointCount: assignment.touchpointNames.count, stageCount: assignment.stages.count,
                               stageOfTouchpoint: assignment.stageOfTouchpoint)
        }
        let ranges = (0..<threads).map { bounds[$0]..<bounds[$0 + 1] }
        let work: @Sendable (Int) -> Void = { (t: Int) in
            self.count(cases: ranges[t], table: table, order: order, assignment: assignment, into: parts[t])
        }
        if threads == 1 { work(0) } else { DispatchQueue.concurrentPerform(iterations: threads, execute: work) }
        for p in parts.dropFirst() { parts[0].merge(p, threads: threads) }
        return parts[0]
    }

    private func count(cases: Range<Int>, table: EventTable, order: CaseOrder, assignment: Assignment,
                       into acc: JourneyAccumulator) {
        forEachJourney(cases: cases, table: table, order: order, assignment: assignment) { _, tps, times, _ in
            acc.addJourney(touchpoints: tps, timestamps: times)
        }
    }

    /// Calls `visit(case id, touchpoints, timestamps, event indices)` for every journey of
    /// `cases`: each case's events in time order, ties in input order (rule R4 of
    /// `JourneyRules`), split at session gaps (R5).
    func forEachJourney(cases: Range<Int>, table: EventTable, order: CaseOrder, assignment: Assignment,
                        _ visit: (UInt32, UnsafeBufferPointer<Int32>, UnsafeBufferPointer<Int64>, UnsafeBufferPointer<Int32>) -> Void) {
        let gap = options.sessionGap
        var events = RawColumn<Int32>(capacity: 256)
        var times = RawColumn<Int64>(capacity: 256)
        var tps = RawColumn<Int32>(capacity: 256)
        defer { events.free(); times.free(); tps.free() }
        let scratch = TimeSortScratch()
        let permutation = order.permutation ?? []
        let isIdentity = order.permutation == nil
        table.timestamps.withUnsafeBufferPointer { ts in
        table.activityIDs.withUnsafeBufferPointer { acts in
        table.channelIDs.withUnsafeBufferPointer { chans in
        permutation.withUnsafeBufferPointer { perm in
            for c in cases {
                let lo = Int(order.caseStart[c]), hi = Int(order.caseStart[c + 1])
                guard hi > lo else { continue }
                let n = hi - lo
                // R3: the case's events in input order.
                events.removeAll(); times.removeAll(); tps.removeAll()
                for k in lo..<hi {
                    let e = isIdentity ? Int32(k) : perm[k]
                    events.append(e)
                    times.append(ts[Int(e)])
                }
                // R4: in time order, ties kept in input order.
                if !JourneyRules.isInTimeOrder(times.base, n) {
                    JourneyRules.sortByTime(times.base, carrying: events.base, count: n, scratch: scratch)
                }
                for k in 0..<n {
                    let e = Int(events[k])
                    tps.append(assignment.touchpoint(activity: acts[e], channel: chans[e]))
                }
                // R5: journeys cut at the session gap.
                JourneyRules.forEachJourney(times: times.base, count: n, sessionGap: gap) { r in
                    visit(UInt32(c), UnsafeBufferPointer(start: tps.base + r.lowerBound, count: r.count),
                          UnsafeBufferPointer(start: times.base + r.lowerBound, count: r.count),
                          UnsafeBufferPointer(start: events.base + r.lowerBound, count: r.count))
                }
            }
        }}}}
    }
}
