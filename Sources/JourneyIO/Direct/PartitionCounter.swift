@_spi(JourneyIO) import JourneyCore
/// Phase 2 of `DirectCSVMiner`: groups one partition's case runs (from every byte range,
/// in file order) by case name and counts each case's journeys into an accumulator.
///
/// A sorted log has each case's runs one after the other and needs no grouping at all;
/// otherwise the events are put in case order by a stable counting sort (by case id). Events
/// keep file order within a case (an earlier range's before a later one's: rule R3 of
/// `JourneyRules`); order, ties and sessions (R4, R5) and what is counted (R6) are
/// `JourneyRules`' and `JourneyAccumulator`'s, as for `Miner`.
struct PartitionCounter: ~Copyable {
    let sessionGap: Int64
    /// Touchpoint of each range's pair ids (raw, so no retain per run).
    private let touchpointOfPair: UnsafeMutablePointer<UnsafeMutablePointer<Int32>>
    private let ranges: Int
    let accumulator: JourneyAccumulator
    let variants: VariantShards
    /// The people behind each count (`MiningOptions.peopleCounted`).
    var people: PeopleCounter?
    /// Set for the first pass of stage inference: journeys go here only (not counted).
    var positions: PositionHistogram?
    /// Set for a comparison's two time windows of one log (`DirectCSVMiner.mineWindows`):
    /// each journey is counted on the side whose window takes it, not into `accumulator`.
    /// The events then carry their (range, pair id) until the case is in time order.
    var windows: WindowCounts?
    /// Variants to make room for before the first journey (nil once done).
    private var expectedPartitions: Int?
    /// The partition's cases and events (`CaseGrouper`).
    private var grouper = CaseGrouper()
    /// The events in case order (a log not sorted by case).
    private var tps = RawColumn<Int32>(capacity: 256)
    private var times = RawColumn<Int64>(capacity: 256)
    private let sortScratch = TimeSortScratch()

    /// `partitions`: how many partitions this counter will count (to size the variant table
    /// once from the first: measured, growing it took ~4 % of a 10M-row run).
    init(sessionGap: Int64?, touchpointOfPair: [[Int32]], accumulator: JourneyAccumulator, variants: VariantShards,
         partitions: Int) {
        self.variants = variants
        self.sessionGap = sessionGap ?? Int64.max
        ranges = touchpointOfPair.count
        self.touchpointOfPair = .allocate(capacity: ranges)
        for (t, map) in touchpointOfPair.enumerated() {
            let copy = UnsafeMutablePointer<Int32>.allocate(capacity: max(1, map.count))
            copy.initialize(from: map, count: map.count)
            self.touchpointOfPair[t] = copy
        }
        self.accumulator = accumulator
        expectedPartitions = partitions
    }

    deinit {
        for t in 0..<ranges { touchpointOfPair[t].deallocate() }
        touchpointOfPair.deallocate()
        tps.free(); times.free()
    }

    /// An event's touchpoint: its range's pair's.
    private struct Touchpoints: PairPayload {
        let ofPair: UnsafeMutablePointer<UnsafeMutablePointer<Int32>>
        @inline(__always) func callAsFunction(range: Int, pair: UInt16) -> Int32 { ofPair[range][Int(pair)] }
    }

    /// An event's (range, pair id), for a comparison's windows: touchpoints are looked up once
    /// the case is in time order (`WindowCounts`).
    private struct RangeAndPair: PairPayload {
        @inline(__always) func callAsFunction(range: Int, pair: UInt16) -> Int32 {
            Int32(bitPattern: UInt32(truncatingIfNeeded: range) << 16 | UInt32(pair))
        }
    }

    /// Counts partition `p` of `reads` (the ranges' results, in file order).
    mutating func count(partition p: Int, of reads: [RangeRead]) {
        if windows != nil {
            grouper.read(partition: p, of: reads, payload: RangeAndPair())
        } else {
            grouper.read(partition: p, of: reads, payload: Touchpoints(ofPair: touchpointOfPair))
        }
        let caseCount = grouper.caseCount
        if let partitions = expectedPartitions, positions == nil {
            // Distinct paths are at most the journeys; on the benchmark logs about 2/3 of them.
            variants.reserve(caseCount * partitions * 3 / 4)
            expectedPartitions = nil
        }
        let tm: UnsafeMutablePointer<Int64>, tp: UnsafeMutablePointer<Int32>, ends: UnsafePointer<Int32>
        if grouper.eventsAreInCaseOrder {
            // Each case's runs one after the other (a log sorted by case): the events are
            // already where they can be counted.
            tm = grouper.eventTimes; tp = grouper.eventPayloads
            ends = grouper.caseEndsInReadOrder()
        } else {
            let total = grouper.eventCount
            times.removeAll(); tps.removeAll()
            tm = times.appendUninitialized(count: total); tp = tps.appendUninitialized(count: total)
            ends = grouper.scatter(times: tm, payloads: tp)
        }
        var lo = 0
        for c in 0..<caseCount {
            let hi = Int(ends[c])
            countCase(tp + lo, tm + lo, hi - lo)
            lo = hi
        }
    }

    /// Counts one case's journeys: its `n` events (`tp[k]` at `tm[k]`, file order) are put
    /// in time order in place (R4) and split at the session gap (R5).
    private func countCase(_ tp: UnsafeMutablePointer<Int32>, _ tm: UnsafeMutablePointer<Int64>, _ n: Int) {
        guard n > 0 else { return }
        if !JourneyRules.isInTimeOrder(tm, n) { JourneyRules.sortByTime(tm, carrying: tp, count: n, scratch: sortScratch) }
        if let windows {
            windows.countCase(pairKeys: tp, times: tm, count: n, sessionGap: sessionGap, touchpointOfPair: touchpointOfPair)
            return
        }
        var caseJourneys: [[Int32]] = []
        defer { people?.addCase(caseJourneys) }
        JourneyRules.forEachJourney(times: tm, count: n, sessionGap: sessionGap) { r in
            let path = UnsafeBufferPointer(start: tp + r.lowerBound, count: r.count)
            if let positions {
                // Stage inference's counting pass (`DirectCSVMiner.inferStages`): positions only.
                positions.add(journey: path)
            } else {
                accumulator.addJourney(touchpoints: path, timestamps: UnsafeBufferPointer(start: tm + r.lowerBound, count: r.count))
                variants.add(path: path)
                if people != nil { caseJourneys.append(Array(path)) }
            }
        }
    }
}
