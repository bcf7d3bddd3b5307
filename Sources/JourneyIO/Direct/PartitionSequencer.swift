@_spi(JourneyIO) import JourneyCore

/// One partition's journeys, as `PartitionSequencer` made them: its cases in the order they
/// first appear in the file, each case's events in time order (R4) cut into journeys (R5).
/// `DirectCSVMiner.sequences` puts the partitions' cases in one file order and copies them out.
final class PartitionJourneys: @unchecked Sendable {
    /// Per case: the file-wide ordinal of its first event (cases are in this order here).
    var firstEvent = RawColumn<Int>(capacity: 64)
    var caseEvents = RawColumn<UInt32>(capacity: 64)
    var caseJourneys = RawColumn<UInt32>(capacity: 64)
    /// Case names back to back; case `c` ends at `nameEnds[c]` (empty without `keepsNames`).
    var nameBytes = RawColumn<UInt8>(capacity: 1024)
    var nameEnds = RawColumn<UInt32>(capacity: 64)
    /// Events per journey, journeys of a case in time order.
    var journeyLengths = RawColumn<UInt32>(capacity: 64)
    /// Per event, cases one after the other: its (range, pair) as an index of `PairTable`
    /// (touchpoint and channel are looked up as it is copied out: 4 bytes here, not 8) and
    /// its time (µs). `DirectCSVMiner.sequences` copies and frees `pairs` first, then `times`.
    var pairs = RawColumn<Int32>(capacity: 64)
    var times = RawColumn<Int64>(capacity: 64)
    /// Set when the file order of all cases is known: per case, its case id in the file and
    /// where its first journey and first event go.
    var globalCase = RawColumn<UInt32>(capacity: 1)
    var journeyStart = RawColumn<Int>(capacity: 1)
    var eventStart = RawColumn<Int>(capacity: 1)

    var caseCount: Int { caseEvents.count }

    func name(_ c: Int) -> UnsafeRawBufferPointer {
        let start = c == 0 ? 0 : Int(nameEnds[c - 1])
        return UnsafeRawBufferPointer(start: nameBytes.base + start, count: Int(nameEnds[c]) - start)
    }

    /// Frees what only the case order needed (first events, names), once the names are interned.
    func releaseCaseNames() {
        firstEvent.free(); nameBytes.free(); nameEnds.free()
        firstEvent = RawColumn(capacity: 1); nameBytes = RawColumn(capacity: 1); nameEnds = RawColumn(capacity: 1)
    }

    deinit {
        firstEvent.free(); caseEvents.free(); caseJourneys.free(); nameBytes.free(); nameEnds.free()
        journeyLengths.free(); pairs.free(); times.free()
        globalCase.free(); journeyStart.free(); eventStart.free()
    }
}

/// Phase 2 of `DirectCSVMiner.sequences`: turns one partition's case runs (from every byte
/// range, in file order) into journeys, as `PartitionCounter` counts them: cases grouped by a
/// stable counting sort (events keep file order within a case, R3), put in time order (R4)
/// and cut at the session gap (R5) by `JourneyRules`. Instead of counting, it keeps each
/// event's pair (touchpoint and channel) and time, and where each case first appears.
struct PartitionSequencer: ~Copyable {
    let sessionGap: Int64
    /// Whether each case's name is copied out (`DirectCSVMiner.keepsCaseNames`).
    let keepsNames: Bool
    /// Per range, where its pair ids start in `PairTable`.
    private let pairBase: UnsafeMutablePointer<UInt32>
    /// Per range, the file-wide ordinal of its first event.
    private let eventBase: UnsafeMutablePointer<Int>
    private let ranges: Int

    private var runCase = RawColumn<UInt32>(capacity: 1024)
    private var runRange = RawColumn<UInt16>(capacity: 1024)
    private var runAt = RawColumn<UInt32>(capacity: 1024)
    private var runEvents = RawColumn<UInt32>(capacity: 1024)
    private let sortScratch = TimeSortScratch()
    /// The case names of the partition being sequenced, emptied in place for the next (a new
    /// pool per partition grew its table from 64 slots each time), and the counting sort's column.
    private var cases = StringPool()
    private var caseStarts = RawColumn<Int32>(capacity: 1024)

    init(sessionGap: Int64?, pairBase: [UInt32], eventBase: [Int], keepsNames: Bool = true) {
        self.sessionGap = sessionGap ?? Int64.max
        self.keepsNames = keepsNames
        ranges = pairBase.count
        self.pairBase = .allocate(capacity: ranges)
        self.pairBase.initialize(from: pairBase, count: ranges)
        self.eventBase = .allocate(capacity: ranges)
        self.eventBase.initialize(from: eventBase, count: ranges)
    }

    deinit {
        pairBase.deallocate(); eventBase.deallocate()
        runCase.free(); runRange.free(); runAt.free(); runEvents.free(); caseStarts.free()
    }

    /// The journeys of partition `p` of `reads` (the ranges' results, in file order; read
    /// with `recordsCaseOrder`).
    mutating func journeys(partition p: Int, of reads: [RangeRead]) -> PartitionJourneys {
        let out = PartitionJourneys()
        runCase.removeAll(); runRange.removeAll(); runAt.removeAll(); runEvents.removeAll()
        cases.removeAll()
        let bases = UnsafeMutablePointer<UnsafeRawPointer?>.allocate(capacity: reads.count)
        defer { bases.deallocate() }
        for (t, read) in reads.enumerated() {
            let bytes = read.runs.bytes(p)
            let ordinals = read.runs.ordinals(p)
            bases[t] = bytes.baseAddress
            guard let base = bytes.baseAddress else { continue }
            var o = 0, run = 0
            while o < bytes.count {
                let n = base.loadUnaligned(fromByteOffset: o, as: UInt16.self)
                let length = Int(base.load(fromByteOffset: o + 2, as: UInt8.self))
                let name = UnsafeRawBufferPointer(start: base + o + CaseRuns.headerBytes, count: length)
                let known = cases.count
                let c = cases.intern(name, hash: StringPool.hash(name))
                if Int(c) == known {
                    // A case's first run in file order (ranges in order, runs in order): where it first appears.
                    out.firstEvent.append(eventBase[t] + Int(ordinals[run]))
                    if keepsNames {
                        if length > 0 {
                            out.nameBytes.append(UnsafeBufferPointer(start: name.baseAddress!.assumingMemoryBound(to: UInt8.self), count: length))
                        }
                        out.nameEnds.append(UInt32(out.nameBytes.count))
                    }
                }
                runCase.append(c)
                runRange.append(UInt16(t))
                runAt.append(UInt32(o + CaseRuns.headerBytes + length))
                runEvents.append(UInt32(n))
                o += CaseRuns.headerBytes + length + Int(n) * CaseRuns.eventBytes
                run += 1
            }
        }
        let caseCount = cases.count
        // Events scattered to their case's place (a stable counting sort by case, as
        // `PartitionCounter` does), each with its pair's index in `PairTable`.
        caseStarts.removeAll()
        caseStarts.append(repeating: 0, count: caseCount + 1)
        let start = caseStarts
        var total = 0
        for r in 0..<runCase.count {
            start[Int(runCase[r]) + 1] += Int32(runEvents[r])
            total += Int(runEvents[r])
        }
        for c in 0..<caseCount { start[c + 1] += start[c] }
        out.times.append(repeating: 0, count: total)
        out.pairs.append(repeating: 0, count: total)
        let tm = out.times.base, pl = out.pairs.base
        for r in 0..<runCase.count {
            let c = Int(runCase[r])
            let to = Int(start[c])
            let t = Int(runRange[r])
            var at = bases[t]! + Int(runAt[r])
            let base = pairBase[t]
            for k in 0..<Int(runEvents[r]) {
                tm[to + k] = at.loadUnaligned(as: Int64.self)
                pl[to + k] = Int32(bitPattern: base + UInt32(at.loadUnaligned(fromByteOffset: 8, as: UInt16.self)))
                at += CaseRuns.eventBytes
            }
            start[c] = Int32(to + Int(runEvents[r]))
        }
        // `start[c]` now holds case c's end.
        var lo = 0
        for c in 0..<caseCount {
            let hi = Int(start[c]), n = hi - lo
            if !JourneyRules.isInTimeOrder(tm + lo, n) {
                JourneyRules.sortByTime(tm + lo, carrying: pl + lo, count: n, scratch: sortScratch)
            }
            var journeys: UInt32 = 0
            JourneyRules.forEachJourney(times: tm + lo, count: n, sessionGap: sessionGap) { r in
                out.journeyLengths.append(UInt32(r.count))
                journeys += 1
            }
            out.caseEvents.append(UInt32(n))
            out.caseJourneys.append(journeys)
            lo = hi
        }
        return out
    }
}

/// Every range's pair ids in one numbering (range t's pair i is `base[t] + i`), with the
/// touchpoint and file-wide channel id of each: what a partition's events are looked up in
/// as they are copied out.
struct PairTable: @unchecked Sendable {
    let base: [UInt32]
    let touchpoint: UnsafeMutablePointer<Int32>
    let channel: UnsafeMutablePointer<UInt32>
    let count: Int

    init(touchpointOfPair: [[Int32]], channelOfPair: [[UInt32]]) {
        var base: [UInt32] = []
        var n = 0
        for t in touchpointOfPair.indices {
            base.append(UInt32(n))
            n += touchpointOfPair[t].count
        }
        precondition(n < Int(Int32.max), "too many (activity, channel) pairs")
        self.base = base
        count = n
        touchpoint = .allocate(capacity: max(1, n))
        channel = .allocate(capacity: max(1, n))
        for t in touchpointOfPair.indices {
            (touchpoint + Int(base[t])).initialize(from: touchpointOfPair[t], count: touchpointOfPair[t].count)
            (channel + Int(base[t])).initialize(from: channelOfPair[t], count: channelOfPair[t].count)
        }
    }

    /// Frees the tables (once, when the copy is done).
    func free() { touchpoint.deallocate(); channel.deallocate() }
}
