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

    private let sortScratch = TimeSortScratch()
    /// The partition's cases (in first-seen order, with their first runs) and events.
    private var grouper = CaseGrouper(recordsFirstRuns: true)

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
    }

    /// An event's pair as an index of `PairTable`.
    private struct PairIndex: PairPayload {
        let base: UnsafeMutablePointer<UInt32>
        @inline(__always) func callAsFunction(range: Int, pair: UInt16) -> Int32 {
            Int32(bitPattern: base[range] + UInt32(pair))
        }
    }

    /// The journeys of partition `p` of `reads` (the ranges' results, in file order; read
    /// with `recordsCaseOrder`).
    mutating func journeys(partition p: Int, of reads: [RangeRead]) -> PartitionJourneys {
        let out = PartitionJourneys()
        grouper.read(partition: p, of: reads, payload: PairIndex(base: pairBase))
        let caseCount = grouper.caseCount
        let ordinals = reads.map { $0.runs.ordinals(p) }
        // The columns are filled as locals and handed to `out` when done: appending to a
        // class's property costs a dynamic exclusivity check per call (measured: with these
        // loops and `SequenceOutput`'s on the class, `swift_beginAccess` and its set were ~3 %
        // of `persona`'s CPU on the sorted 10M-row log).
        var firstEvent = out.firstEvent, nameBytes = out.nameBytes, nameEnds = out.nameEnds
        // Cases are numbered as they first appear (ranges in order, runs in order): each
        // case's first run says where it first appears in the file.
        for c in 0..<caseCount {
            let t = Int(grouper.firstRange[c])
            firstEvent.append(eventBase[t] + Int(ordinals[t][Int(grouper.firstRun[c])]))
            if keepsNames {
                let name = grouper.cases.name(c)
                if !name.isEmpty {
                    nameBytes.append(UnsafeBufferPointer(start: name.baseAddress!.assumingMemoryBound(to: UInt8.self), count: name.count))
                }
                nameEnds.append(UInt32(nameBytes.count))
            }
        }
        out.firstEvent = firstEvent; out.nameBytes = nameBytes; out.nameEnds = nameEnds
        // Events in case order: as they are when each case's runs follow one another (a log
        // sorted by case: the grouper's columns are handed over, not copied), else by a stable
        // counting sort by case, as for `PartitionCounter`.
        let tm: UnsafeMutablePointer<Int64>, pl: UnsafeMutablePointer<Int32>, ends: UnsafePointer<Int32>
        if grouper.eventsAreInCaseOrder {
            let taken = grouper.takeEventsInCaseOrder()
            out.times.free(); out.pairs.free()
            out.times = taken.times
            out.pairs = taken.payloads
            tm = taken.times.base; pl = taken.payloads.base; ends = taken.ends
        } else {
            let total = grouper.eventCount
            tm = out.times.appendUninitialized(count: total)
            pl = out.pairs.appendUninitialized(count: total)
            ends = grouper.scatter(times: tm, payloads: pl)
        }
        var journeyLengths = out.journeyLengths, caseEvents = out.caseEvents, caseJourneys = out.caseJourneys
        var lo = 0
        for c in 0..<caseCount {
            let hi = Int(ends[c]), n = hi - lo
            if !JourneyRules.isInTimeOrder(tm + lo, n) {
                JourneyRules.sortByTime(tm + lo, carrying: pl + lo, count: n, scratch: sortScratch)
            }
            var journeys: UInt32 = 0
            JourneyRules.forEachJourney(times: tm + lo, count: n, sessionGap: sessionGap) { r in
                journeyLengths.append(UInt32(r.count))
                journeys += 1
            }
            caseEvents.append(UInt32(n))
            caseJourneys.append(journeys)
            lo = hi
        }
        out.journeyLengths = journeyLengths; out.caseEvents = caseEvents; out.caseJourneys = caseJourneys
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
