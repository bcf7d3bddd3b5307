@_spi(JourneyIO) import JourneyCore

/// One partition's journeys, as `PartitionSequencer` made them: its cases in the order they
/// first appear in the file, each case's events in time order (R4) cut into journeys (R5).
/// `DirectCSVMiner.sequences` puts the partitions' cases in one file order and copies them out.
final class PartitionJourneys: @unchecked Sendable {
    /// Per case: the file-wide ordinal of its first event (cases are in this order here).
    var firstEvent = RawColumn<Int>(capacity: 64)
    var caseEvents = RawColumn<UInt32>(capacity: 64)
    var caseJourneys = RawColumn<UInt32>(capacity: 64)
    /// Case names back to back; case `c` ends at `nameEnds[c]`.
    var nameBytes = RawColumn<UInt8>(capacity: 1024)
    var nameEnds = RawColumn<UInt32>(capacity: 64)
    /// Events per journey, journeys of a case in time order.
    var journeyLengths = RawColumn<UInt32>(capacity: 64)
    /// Per event, cases one after the other: touchpoint, time (µs), channel id.
    var steps = RawColumn<Int32>(capacity: 64)
    var times = RawColumn<Int64>(capacity: 64)
    var channels = RawColumn<UInt32>(capacity: 64)
    /// Set when the file order of all cases is known: per case, its case id in the file and
    /// where its first journey and first event go.
    var globalCase = RawColumn<UInt32>(capacity: 1)
    var journeyStart = RawColumn<Int>(capacity: 1)
    var eventStart = RawColumn<Int>(capacity: 1)

    var caseCount: Int { firstEvent.count }

    func name(_ c: Int) -> UnsafeRawBufferPointer {
        let start = c == 0 ? 0 : Int(nameEnds[c - 1])
        return UnsafeRawBufferPointer(start: nameBytes.base + start, count: Int(nameEnds[c]) - start)
    }

    deinit {
        firstEvent.free(); caseEvents.free(); caseJourneys.free(); nameBytes.free(); nameEnds.free()
        journeyLengths.free(); steps.free(); times.free(); channels.free()
        globalCase.free(); journeyStart.free(); eventStart.free()
    }
}

/// Phase 2 of `DirectCSVMiner.sequences`: turns one partition's case runs (from every byte
/// range, in file order) into journeys, as `PartitionCounter` counts them: cases grouped by a
/// stable counting sort (events keep file order within a case, R3), put in time order (R4)
/// and cut at the session gap (R5) by `JourneyRules`. Instead of counting, it keeps each
/// event's touchpoint, time and channel, and where each case first appears.
struct PartitionSequencer: ~Copyable {
    let sessionGap: Int64
    /// Per range, the touchpoint and the file-wide channel id of each pair id (raw: no retain per run).
    private let touchpointOfPair: UnsafeMutablePointer<UnsafeMutablePointer<Int32>>
    private let channelOfPair: UnsafeMutablePointer<UnsafeMutablePointer<UInt32>>
    /// Per range, the file-wide ordinal of its first event.
    private let eventBase: UnsafeMutablePointer<Int>
    private let ranges: Int

    private var runCase = RawColumn<UInt32>(capacity: 1024)
    private var runRange = RawColumn<UInt16>(capacity: 1024)
    private var runAt = RawColumn<UInt32>(capacity: 1024)
    private var runEvents = RawColumn<UInt32>(capacity: 1024)
    private let sortScratch = TimeSortScratch()

    init(sessionGap: Int64?, touchpointOfPair: [[Int32]], channelOfPair: [[UInt32]], eventBase: [Int]) {
        self.sessionGap = sessionGap ?? Int64.max
        ranges = touchpointOfPair.count
        self.touchpointOfPair = .allocate(capacity: ranges)
        self.channelOfPair = .allocate(capacity: ranges)
        self.eventBase = .allocate(capacity: ranges)
        for t in 0..<ranges {
            let tp = UnsafeMutablePointer<Int32>.allocate(capacity: max(1, touchpointOfPair[t].count))
            tp.initialize(from: touchpointOfPair[t], count: touchpointOfPair[t].count)
            self.touchpointOfPair[t] = tp
            let ch = UnsafeMutablePointer<UInt32>.allocate(capacity: max(1, channelOfPair[t].count))
            ch.initialize(from: channelOfPair[t], count: channelOfPair[t].count)
            self.channelOfPair[t] = ch
            self.eventBase[t] = eventBase[t]
        }
    }

    deinit {
        for t in 0..<ranges { touchpointOfPair[t].deallocate(); channelOfPair[t].deallocate() }
        touchpointOfPair.deallocate(); channelOfPair.deallocate(); eventBase.deallocate()
        runCase.free(); runRange.free(); runAt.free(); runEvents.free()
    }

    /// The journeys of partition `p` of `reads` (the ranges' results, in file order; read
    /// with `recordsCaseOrder`).
    mutating func journeys(partition p: Int, of reads: [RangeRead]) -> PartitionJourneys {
        let out = PartitionJourneys()
        runCase.removeAll(); runRange.removeAll(); runAt.removeAll(); runEvents.removeAll()
        var cases = StringPool()
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
                    if length > 0 {
                        out.nameBytes.append(UnsafeBufferPointer(start: name.baseAddress!.assumingMemoryBound(to: UInt8.self), count: length))
                    }
                    out.nameEnds.append(UInt32(out.nameBytes.count))
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
        // `PartitionCounter` does), payload = range << 16 | pair until the time sort is done.
        let start = RawColumn<Int32>(repeating: 0, count: caseCount + 1)
        defer { start.free() }
        var total = 0
        for r in 0..<runCase.count {
            start[Int(runCase[r]) + 1] += Int32(runEvents[r])
            total += Int(runEvents[r])
        }
        for c in 0..<caseCount { start[c + 1] += start[c] }
        out.times.append(repeating: 0, count: total)
        out.steps.append(repeating: 0, count: total)
        out.channels.append(repeating: 0, count: total)
        let tm = out.times.base, pl = out.steps.base
        for r in 0..<runCase.count {
            let c = Int(runCase[r])
            let to = Int(start[c])
            let t = Int(runRange[r])
            var at = bases[t]! + Int(runAt[r])
            let range = UInt32(t) << 16
            for k in 0..<Int(runEvents[r]) {
                tm[to + k] = at.loadUnaligned(as: Int64.self)
                pl[to + k] = Int32(bitPattern: range | UInt32(at.loadUnaligned(fromByteOffset: 8, as: UInt16.self)))
                at += CaseRuns.eventBytes
            }
            start[c] = Int32(to + Int(runEvents[r]))
        }
        // `start[c]` now holds case c's end.
        let ch = out.channels.base
        var lo = 0
        for c in 0..<caseCount {
            let hi = Int(start[c]), n = hi - lo
            if !JourneyRules.isInTimeOrder(tm + lo, n) {
                JourneyRules.sortByTime(tm + lo, carrying: pl + lo, count: n, scratch: sortScratch)
            }
            for k in lo..<hi {
                let v = UInt32(bitPattern: pl[k])
                let t = Int(v >> 16), pair = Int(v & 0xffff)
                pl[k] = touchpointOfPair[t][pair]
                ch[k] = channelOfPair[t][pair]
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
