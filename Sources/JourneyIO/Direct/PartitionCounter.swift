@_spi(JourneyIO) import JourneyCore
/// Phase 2 of `DirectCSVMiner`: groups one partition's case runs (from every byte range,
/// in file order) by case name and counts each case's journeys into an accumulator.
///
/// A sorted log has one run per case and needs no grouping at all; otherwise the events are
/// put in case order by a stable counting sort (by case id). Events keep file order within a
/// case (an earlier range's before a later one's: rule R3 of `JourneyRules`); order, ties
/// and sessions (R4, R5) and what is counted (R6) are `JourneyRules`' and
/// `JourneyAccumulator`'s, as for `Miner`.
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
    /// Cases in the partition counted last.
    private var lastCaseCount = 0
    /// The case names of the partition being counted.
    private var cases = StringPool()
    /// Per case, where its events start (`count`'s counting sort), kept from one partition to the next.
    private var caseStarts = RawColumn<Int32>(capacity: 1024)

    private var runCase = RawColumn<UInt32>(capacity: 1024)
    private var runRange = RawColumn<UInt16>(capacity: 1024)
    /// Offset of the run's first event in its range's partition bytes, and its event count.
    private var runAt = RawColumn<UInt32>(capacity: 1024)
    private var runEvents = RawColumn<UInt32>(capacity: 1024)
    private var tps = RawColumn<Int32>(capacity: 256)
    private var times = RawColumn<Int64>(capacity: 256)
    private let sortScratch = TimeSortScratch()
    /// Runs interned together (`count`), their hashes and offsets.
    private static let batch = 16
    private let batchHashes = UnsafeMutablePointer<UInt64>.allocate(capacity: PartitionCounter.batch)
    private let batchAt = UnsafeMutablePointer<Int>.allocate(capacity: PartitionCounter.batch)
    /// Where the batches' `touch` results go, so the loads are not optimised away.
    private(set) var sink: UInt64 = 0

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
        runCase.free(); runRange.free(); runAt.free(); runEvents.free()
        tps.free(); times.free()
        batchHashes.deallocate(); batchAt.deallocate(); caseStarts.free()
    }

    /// Counts partition `p` of `reads` (the ranges' results, in file order).
    mutating func count(partition p: Int, of reads: [RangeRead]) {
        runCase.removeAll(); runRange.removeAll(); runAt.removeAll(); runEvents.removeAll()
        // One pool for every partition, emptied in place (see `StringPool.removeAll`).
        cases.removeAll()
        // Partitions are hashed alike: the last one's size avoids growing the table as it fills
        // (measured: the rehashes were ~1 % of a sorted 10M-row run).
        if lastCaseCount > 0 { cases.reserveCapacity(lastCaseCount + lastCaseCount / 8) }
        defer { lastCaseCount = cases.count }
        let bases = UnsafeMutablePointer<UnsafeRawPointer?>.allocate(capacity: reads.count)
        defer { bases.deallocate() }
        for (t, read) in reads.enumerated() {
            let bytes = read.runs.bytes(p)
            bases[t] = bytes.baseAddress
            guard let base = bytes.baseAddress else { continue }
            var o = 0
            while o < bytes.count {
                // A batch of runs whose table slots are loaded first (`touch`), so that their
                // cache misses overlap (measured: interning waited on the slot ~30 % of its time).
                var k = 0
                while k < Self.batch && o < bytes.count {
                    let n = base.loadUnaligned(fromByteOffset: o, as: UInt16.self)
                    let length = Int(base.load(fromByteOffset: o + 2, as: UInt8.self))
                    let h = StringPool.hash(UnsafeRawBufferPointer(start: base + o + CaseRuns.headerBytes, count: length))
                    batchHashes[k] = h
                    batchAt[k] = o
                    sink &+= cases.touch(hash: h)
                    o += CaseRuns.headerBytes + length + Int(n) * CaseRuns.eventBytes
                    k += 1
                }
                for i in 0..<k {
                    let at = batchAt[i]
                    let n = base.loadUnaligned(fromByteOffset: at, as: UInt16.self)
                    let length = Int(base.load(fromByteOffset: at + 2, as: UInt8.self))
                    let name = UnsafeRawBufferPointer(start: base + at + CaseRuns.headerBytes, count: length)
                    runCase.append(cases.intern(name, hash: batchHashes[i]))
                    runRange.append(UInt16(t))
                    runAt.append(UInt32(at + CaseRuns.headerBytes + length))
                    runEvents.append(UInt32(n))
                }
            }
        }
        let caseCount = cases.count
        if let partitions = expectedPartitions, positions == nil {
            // Distinct paths are at most the journeys; on the benchmark logs about 2/3 of them.
            variants.reserve(caseCount * partitions * 3 / 4)
            expectedPartitions = nil
        }
        if caseCount == runCase.count {
            // One run per case (a log sorted by case): runs are cases, in case id order.
            for r in 0..<runCase.count {
                let n = Int(runEvents[r])
                tps.removeAll(); times.removeAll()
                tps.append(repeating: 0, count: n); times.append(repeating: 0, count: n)
                copyEvents(run: r, bases: bases, to: tps.base, times.base)
                countCase(tps.base, times.base, n)
            }
            tps.removeAll(); times.removeAll()
            return
        }
        // Events scattered to their case's place (counting sort by case, stable: runs in file
        // order): the runs are read in order and the writes land in arrays small enough for
        // the cache. Measured: gathering each case's runs from the partition instead missed
        // the cache on most runs of a shuffled log (~5 % of the whole run).
        caseStarts.removeAll()
        caseStarts.append(repeating: 0, count: caseCount + 1)
        let start = caseStarts
        var total = 0
        for r in 0..<runCase.count {
            start[Int(runCase[r]) + 1] += Int32(runEvents[r])
            total += Int(runEvents[r])
        }
        for c in 0..<caseCount { start[c + 1] += start[c] }
        times.removeAll(); tps.removeAll()
        times.append(repeating: 0, count: total)
        tps.append(repeating: 0, count: total)
        let tm = times.base, tp = tps.base
        for r in 0..<runCase.count {
            let c = Int(runCase[r])
            let to = Int(start[c])
            copyEvents(run: r, bases: bases, to: tp + to, tm + to)
            start[c] = Int32(to + Int(runEvents[r]))
        }
        // `start[c]` now holds case c's end.
        var lo = 0
        for c in 0..<caseCount {
            let hi = Int(start[c])
            countCase(tp + lo, tm + lo, hi - lo)
            lo = hi
        }
        times.removeAll(); tps.removeAll()
    }

    /// Writes run `r`'s events to `tp[0...]` (touchpoints) and `tm[0...]` (times).
    @inline(__always)
    private func copyEvents(run r: Int, bases: UnsafeMutablePointer<UnsafeRawPointer?>,
                            to tp: UnsafeMutablePointer<Int32>, _ tm: UnsafeMutablePointer<Int64>) {
        let t = Int(runRange[r])
        var at = bases[t]! + Int(runAt[r])
        if windows != nil {
            // (range, pair id) for the side's channel counts; touchpoints once in time order.
            let range = UInt32(t) << 16
            for k in 0..<Int(runEvents[r]) {
                tm[k] = at.loadUnaligned(as: Int64.self)
                tp[k] = Int32(bitPattern: range | UInt32(at.loadUnaligned(fromByteOffset: 8, as: UInt16.self)))
                at += CaseRuns.eventBytes
            }
            return
        }
        let tpOf = touchpointOfPair[t]
        for k in 0..<Int(runEvents[r]) {
            tm[k] = at.loadUnaligned(as: Int64.self)
            tp[k] = tpOf[Int(at.loadUnaligned(fromByteOffset: 8, as: UInt16.self))]
            at += CaseRuns.eventBytes
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
