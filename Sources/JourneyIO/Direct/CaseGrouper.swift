@_spi(JourneyIO) import JourneyCore

/// What an event carries out of the runs besides its time: a 32-bit value made from its
/// range and the range's (activity, channel) pair id.
protocol PairPayload {
    func callAsFunction(range: Int, pair: UInt16) -> Int32
}

/// The first step of phase 2 of `DirectCSVMiner`, shared by `PartitionCounter` and
/// `PartitionSequencer`: one partition's case runs (from every byte range, in file order)
/// read once, their cases numbered in first-seen order (`CaseTable`) and their events copied
/// out in run order; then, unless each case's runs follow one another (a log sorted by
/// case), the events put in case order by a stable counting sort (`scatter`), so that events
/// keep file order within a case (rule R3 of `JourneyRules`).
///
/// Events are copied as their run is interned, while its bytes are in the cache: measured,
/// reading the runs a second time for the counting sort missed the cache on most runs of a
/// shuffled log (a fifth of `PartitionCounter.count`).
struct CaseGrouper: ~Copyable {
    private(set) var cases = CaseTable()
    /// Whether each case's first run is kept (`firstRange`, `firstRun`).
    let recordsFirstRuns: Bool
    /// Per run, in file order: its case and its number of events.
    private var runCase = RawColumn<UInt32>(capacity: 1024)
    private var runEvents = RawColumn<UInt32>(capacity: 1024)
    /// Per event, runs one after the other: time (µs) and payload.
    private var times = RawColumn<Int64>(capacity: 1024)
    private var payloads = RawColumn<Int32>(capacity: 1024)
    /// With `recordsFirstRuns`, per case: the range of its first run and the run's number in
    /// that range's partition.
    private(set) var firstRange = RawColumn<UInt16>(capacity: 1)
    private(set) var firstRun = RawColumn<UInt32>(capacity: 1)
    /// Per case, where its events start, then (after `scatter`) end.
    private var caseStarts = RawColumn<Int32>(capacity: 1024)
    /// Cases in the partition grouped last: the next one's table is sized for twice as many
    /// (the partitions are hashed alike, and the rehashes were ~1 % of a sorted 10M-row run;
    /// at half load rather than 3/4, probes are shorter: ~1 % less CPU on the shuffled log).
    private var lastCaseCount = 0
    /// Runs interned together, their hashes, first and last words, and offsets (32 measured
    /// ~1 % less CPU than 16 on the shuffled 10M-row log: more of the slots' misses overlap).
    private static let batch = 32
    private let batchHash = UnsafeMutablePointer<UInt64>.allocate(capacity: CaseGrouper.batch)
    private let batchHead = UnsafeMutablePointer<UInt64>.allocate(capacity: CaseGrouper.batch)
    private let batchTail = UnsafeMutablePointer<UInt64>.allocate(capacity: CaseGrouper.batch)
    private let batchAt = UnsafeMutablePointer<Int>.allocate(capacity: CaseGrouper.batch)

    init(recordsFirstRuns: Bool = false) {
        self.recordsFirstRuns = recordsFirstRuns
    }

    deinit {
        runCase.free(); runEvents.free(); times.free(); payloads.free()
        firstRange.free(); firstRun.free(); caseStarts.free()
        batchHash.deallocate(); batchHead.deallocate(); batchTail.deallocate(); batchAt.deallocate()
    }

    var caseCount: Int { cases.count }
    var eventCount: Int { times.count }
    /// Whether each case's runs follow one another in the order read (every run's case is the
    /// previous run's or a new one): then the events are already in case order and need no
    /// `scatter`. True of a log sorted by case, also where a case's rows straddle two byte
    /// ranges or stream blocks (its last run in one and its first in the next are neighbours
    /// in its partition). Measured: a `.zst` of the sorted 10M-row log has 57 blocks, and the
    /// partitions holding a straddling case (~20 %) were all scattered.
    private(set) var eventsAreInCaseOrder = true

    /// The events' times and payloads in run order.
    var eventTimes: UnsafeMutablePointer<Int64> { times.base }
    var eventPayloads: UnsafeMutablePointer<Int32> { payloads.base }

    /// Reads partition `p` of `reads` (the ranges' results, in file order): numbers its cases
    /// and copies out its events, each with `payload(range:pair:)`.
    mutating func read<P: PairPayload>(partition p: Int, of reads: [RangeRead], payload: P) {
        runCase.removeAll(); runEvents.removeAll(); times.removeAll(); payloads.removeAll()
        firstRange.removeAll(); firstRun.removeAll()
        cases.removeAll()
        if lastCaseCount > 0 { cases.reserveCapacity(2 * lastCaseCount) }
        defer { lastCaseCount = cases.count }
        // Room for every run and event of the partition at once (a run takes at least its
        // header, one byte of name and one compact event), written through local cursors:
        // measured against appending run by run (a capacity check and a stored count per
        // column), `mine`'s counting phase on the shuffled 10M-row log 357 → 342 ms.
        var total = 0
        for read in reads { total += read.runs.bytes(p).count }
        let rc = runCase.appendUninitialized(count: total / (CaseRuns.headerBytes + 1 + CaseRuns.compactEventBytes))
        let re = runEvents.appendUninitialized(count: runCase.count)
        let tm = times.appendUninitialized(count: total / CaseRuns.compactEventBytes)
        let pl = payloads.appendUninitialized(count: times.count)
        var runs = 0, events = 0
        var inCaseOrder = true, lastCase: UInt32 = 0
        defer {
            eventsAreInCaseOrder = inCaseOrder
            runCase.truncate(to: runs); runEvents.truncate(to: runs)
            times.truncate(to: events); payloads.truncate(to: events)
        }
        for (t, read) in reads.enumerated() {
            let bytes = read.runs.bytes(p)
            guard let base = bytes.baseAddress else { continue }
            var o = 0, run = 0
            while o < bytes.count {
                // A batch of runs whose table slots are asked for first (`prefetch`), so that their
                // cache misses overlap (measured: interning waited on the slot ~30 % of its time).
                var k = 0
                while k < Self.batch && o < bytes.count {
                    let header = CaseRuns.header(base, at: o)
                    let key = CaseTable.key(base + o + CaseRuns.headerBytes, header.nameLength)
                    batchHash[k] = key.hash; batchHead[k] = key.head; batchTail[k] = key.tail
                    batchAt[k] = o
                    cases.prefetch(hash: key.hash)
                    o += CaseRuns.runBytes(events: header.events, nameLength: header.nameLength, compact: header.compact)
                    k += 1
                }
                for i in 0..<k {
                    let at = batchAt[i]
                    let (n, length, compact) = CaseRuns.header(base, at: at)
                    // The room taken above counts on it (`RangeReader` writes no other runs).
                    assert(n > 0 && length > 0, "a case run without a name or an event")
                    let known = cases.count
                    let c = cases.intern(base + at + CaseRuns.headerBytes, length,
                                         head: batchHead[i], tail: batchTail[i], hash: batchHash[i])
                    if recordsFirstRuns && Int(c) == known {
                        firstRange.append(UInt16(truncatingIfNeeded: t))
                        firstRun.append(UInt32(truncatingIfNeeded: run + i))
                    }
                    inCaseOrder = inCaseOrder && (c == lastCase || Int(c) == known)
                    lastCase = c
                    rc[runs] = c
                    re[runs] = UInt32(truncatingIfNeeded: n)
                    runs += 1
                    var e = base + at + CaseRuns.headerBytes + length
                    if compact {
                        for j in events..<(events + n) {
                            tm[j] = Int64(e.loadUnaligned(as: UInt32.self)) &* 1_000_000
                            pl[j] = payload(range: t, pair: e.loadUnaligned(fromByteOffset: 4, as: UInt16.self))
                            e += CaseRuns.compactEventBytes
                        }
                    } else {
                        for j in events..<(events + n) {
                            tm[j] = e.loadUnaligned(as: Int64.self)
                            pl[j] = payload(range: t, pair: e.loadUnaligned(fromByteOffset: 8, as: UInt16.self))
                            e += CaseRuns.eventBytes
                        }
                    }
                    events += n
                }
                run += k
            }
        }
    }

    /// With `eventsAreInCaseOrder`: where each case's events end in `eventTimes` and
    /// `eventPayloads` (case `c`'s start at the previous case's end, case 0's at 0), valid
    /// until the next `read`.
    mutating func caseEndsInReadOrder() -> UnsafePointer<Int32> {
        precondition(eventsAreInCaseOrder)
        caseStarts.removeAll()
        let ends = caseStarts.appendUninitialized(count: cases.count)
        var sum: Int32 = 0
        for r in 0..<runCase.count {
            sum += Int32(bitPattern: runEvents[r])
            ends[Int(runCase[r])] = sum  // a case's last run writes last
        }
        return UnsafePointer(ends)
    }

    /// With `eventsAreInCaseOrder`: the events handed over as they are (the grouper takes new
    /// columns, sized alike, for the next partition), and where each case's events end
    /// (`caseEndsInReadOrder`).
    mutating func takeEventsInCaseOrder() -> (times: RawColumn<Int64>, payloads: RawColumn<Int32>, ends: UnsafePointer<Int32>) {
        let ends = caseEndsInReadOrder()
        let taken = (times, payloads)
        times = RawColumn(capacity: taken.0.capacity)
        payloads = RawColumn(capacity: taken.1.capacity)
        return (taken.0, taken.1, ends)
    }

    /// Puts the events in case order into `tm` and `pl` (room for `eventCount` each), a stable
    /// counting sort: the runs are read in order and the writes land in arrays small enough for
    /// the cache. Returns where each case's events end (case `c`'s start at the previous
    /// case's end, case 0's at 0), valid until the next `read`.
    mutating func scatter(times tm: UnsafeMutablePointer<Int64>, payloads pl: UnsafeMutablePointer<Int32>) -> UnsafePointer<Int32> {
        let caseCount = cases.count
        caseStarts.removeAll()
        caseStarts.append(repeating: 0, count: caseCount + 1)
        let start = caseStarts.base + 1
        for r in 0..<runCase.count { start[Int(runCase[r])] += Int32(bitPattern: runEvents[r]) }
        var sum: Int32 = 0
        for c in 0..<caseCount {
            let n = start[c]
            start[c] = sum
            sum += n
        }
        let fromTimes = times.base, fromPayloads = payloads.base
        var from = 0
        for r in 0..<runCase.count {
            let c = Int(runCase[r])
            let to = Int(start[c])
            let n = Int(runEvents[r])
            for j in 0..<n {
                tm[to + j] = fromTimes[from + j]
                pl[to + j] = fromPayloads[from + j]
            }
            from += n
            start[c] = Int32(truncatingIfNeeded: to + n)
        }
        return UnsafePointer(start)
    }
}
