@_spi(JourneyIO) import JourneyCore
import Dispatch
import CRowScan
import Synchronization

extension DirectCSVMiner {
    /// The journeys of the CSV file at `path` as touchpoint paths: the `JourneySequences`
    /// that `Miner.sequences` makes from the file read by the general reader (same journeys
    /// in the same order, same touchpoint, channel and case ids, stages inferred alike), or
    /// nil when the general reader must read it (as `mine(path:)`).
    ///
    /// What Sankeys, personas and comparisons need, without an `EventTable`: the ranges are
    /// read as for `mine` (plus where each case first appears), then each partition's cases
    /// become journeys on all threads, its case runs freed as it is done; the cases are put in
    /// the order they first appear in the file (the general path's case ids) and copied out.
    /// `caseNames` is left empty when `keepsCaseNames` is false.
    public func sequences(path: String, progress: ReadProgress? = nil) throws -> JourneySequences? {
        var miner = self
        miner.recordsCaseOrder = true
        guard var read = try miner.readFile(path: path, progress: progress) else { return nil }
        let ranges = read.takeRanges()
        return try miner.sequences(of: consume ranges)
    }

    /// `sequences(path:)` for a CSV file read as a stream (a decompressor), as `mine(stream:)`.
    public func sequences(stream source: some ByteSource, expectedBytes: Int, blockSize: Int = DirectCSVMiner.streamBlockBytes,
                          progress: ReadProgress? = nil) throws -> JourneySequences? {
        var miner = self
        miner.recordsCaseOrder = true
        guard var read = try miner.readStream(source, expectedBytes: expectedBytes, blockSize: blockSize, progress: progress)
        else { return nil }
        let ranges = read.takeRanges()
        return try miner.sequences(of: consume ranges)
    }

    /// Phase 2 of `sequences`: the journeys of what the ranges read (in file order); nil when
    /// they hold no event.
    func sequences(of ranges: consuming [RangeRead]) throws -> JourneySequences? {
        var reads = consume ranges
        guard reads.contains(where: { $0.events > 0 }) else { return nil }
        let threads = max(1, options.threads)
        let placed = try touchpoints(of: reads)
        let namer = placed.namer
        // Channel ids as the general reader interns them: "" (none) first, then in the order
        // they first appear (ranges in file order, each range's pairs in first-seen order).
        var channelNames = [""]
        var channelIDs: [String: UInt32] = ["": 0]
        let channelOfPair: [[UInt32]] = reads.map { read in
            (0..<read.pairs.pairCount).map { id in
                let name = String(decoding: read.pairs.names(id).1, as: UTF8.self)
                if let c = channelIDs[name] { return c }
                let c = UInt32(channelNames.count)
                channelNames.append(name)
                channelIDs[name] = c
                return c
            }
        }
        var eventBase: [Int] = []
        var totalEvents = 0
        for read in reads {
            eventBase.append(totalEvents)
            totalEvents += read.events
        }
        PhaseTiming.mark("direct sequences: assign")

        // Each partition's journeys, its runs freed as soon as it is done.
        let partitionCount = reads[0].runs.count
        let parts = PartitionSlots(count: partitionCount)
        let nextPartition = SharedCounter()
        let gap = options.sessionGapMicros
        let keepsNames = keepsCaseNames
        let pairTable = PairTable(touchpointOfPair: placed.touchpointOfPair, channelOfPair: channelOfPair)
        defer { pairTable.free() }
        DispatchQueue.concurrentPerform(iterations: threads) { [reads, eventBase] _ in
            var sequencer = PartitionSequencer(sessionGap: gap, pairBase: pairTable.base, eventBase: eventBase,
                                               keepsNames: keepsNames)
            while true {
                let p = nextPartition.value.add(1, ordering: .relaxed).oldValue
                guard p < partitionCount else { break }
                parts.items[p] = sequencer.journeys(partition: p, of: reads)
                for read in reads { read.runs.release(p) }
            }
        }
        reads = []
        PhaseTiming.mark("direct sequences: journeys")

        // Cases in the order they first appear (the general path's case ids): each case's rank
        // among all first events (`FirstEventRanks`); then, by rank, where each case's first
        // journey and first event go (sums of the counts of the cases before it).
        let caseTotal = (0..<partitionCount).reduce(0) { $0 + parts.items[$1]!.caseCount }
        let ranks = FirstEventRanks(events: totalEvents)
        for p in 0..<partitionCount {
            let part = parts.items[p]!
            let firstEvent = part.firstEvent.base
            for c in 0..<part.caseCount { ranks.mark(firstEvent[c]) }
        }
        ranks.countBefore()
        // By rank: journeys and events of the case, then (summed) of the cases before it; and,
        // when names are kept, which case it is (partition << 32 | case).
        let byRank = RankColumns(count: caseTotal, keepsCases: keepsNames)
        ParallelTasks.run(partitionCount, threads: threads) { p in
            let part = parts.items[p]!
            let n = part.caseCount
            let firstEvent = part.firstEvent.base, caseJourneys = part.caseJourneys.base, caseEvents = part.caseEvents.base
            let globalCase = part.globalCase.appendUninitialized(count: n)
            _ = part.journeyStart.appendUninitialized(count: n)
            _ = part.eventStart.appendUninitialized(count: n)
            for c in 0..<n {
                let g = ranks.rank(firstEvent[c])
                globalCase[c] = UInt32(truncatingIfNeeded: g)
                byRank.journeys[g] = Int(caseJourneys[c])
                byRank.events[g] = Int(caseEvents[c])
                byRank.cases?[g] = UInt64(p) << 32 | UInt64(c)
            }
        }
        var journeyCount = 0, eventCount = 0
        for g in 0..<caseTotal {
            let j = byRank.journeys[g], e = byRank.events[g]
            byRank.journeys[g] = journeyCount
            byRank.events[g] = eventCount
            journeyCount += j
            eventCount += e
        }
        ParallelTasks.run(partitionCount, threads: threads) { p in
            let part = parts.items[p]!
            let globalCase = part.globalCase.base, journeyStart = part.journeyStart.base, eventStart = part.eventStart.base
            for c in 0..<part.caseCount {
                let g = Int(globalCase[c])
                journeyStart[c] = byRank.journeys[g]
                eventStart[c] = byRank.events[g]
            }
        }
        var caseNames = StringPool()
        if let cases = byRank.cases {
            // Each case once, in rank order: no lookup table.
            for g in 0..<caseTotal {
                let part = parts.items[Int(cases[g] >> 32)]!
                let name = part.name(Int(cases[g] & 0xFFFF_FFFF))
                _ = caseNames.appendDistinct(name)
            }
        }
        byRank.free()
        caseNames.compact()
        for p in 0..<partitionCount { parts.items[p]!.releaseCaseNames() }
        PhaseTiming.mark("direct sequences: case order")

        // Copied out partition by partition on all threads, in two passes so that less is held at
        // once: touchpoints, channels, offsets and cases first (each partition's pairs freed as
        // it is done), then times (each partition freed). A partition's cases are spread over
        // the whole file order, so the output's pages are all touched in each pass: this way the
        // peak is 24 bytes per event (12 in partitions + 8 out, then 8 + 16), not 32.
        var steps: [Int32] = [], times: [Int64] = [], channels: [UInt32] = []
        var offsets: [Int] = [], caseOf: [UInt32] = []
        let events = eventCount, journeys = journeyCount
        steps = [Int32](unsafeUninitializedCapacity: events) { stepsOut, stepsCount in
            times = [Int64](unsafeUninitializedCapacity: events) { timesOut, timesCount in
                channels = [UInt32](unsafeUninitializedCapacity: events) { channelsOut, channelsCount in
                    offsets = [Int](unsafeUninitializedCapacity: journeys + 1) { offsetsOut, offsetsCount in
                        caseOf = [UInt32](unsafeUninitializedCapacity: journeys) { caseOut, caseCount in
                            let out = SequenceOutput(steps: stepsOut.baseAddress!, times: timesOut.baseAddress!,
                                                     channels: channelsOut.baseAddress!, offsets: offsetsOut.baseAddress!,
                                                     caseOf: caseOut.baseAddress!)
                            out.offsets[0] = 0
                            let next = SharedCounter(), nextTimes = SharedCounter()
                            DispatchQueue.concurrentPerform(iterations: threads) { _ in
                                while true {
                                    let p = next.value.add(1, ordering: .relaxed).oldValue
                                    guard p < partitionCount else { break }
                                    out.copyPairs(parts.items[p]!, table: pairTable)
                                    if p % FreedMemory.partitionsPerRelease == FreedMemory.partitionsPerRelease - 1 { FreedMemory.release() }
                                }
                            }
                            DispatchQueue.concurrentPerform(iterations: threads) { _ in
                                while true {
                                    let p = nextTimes.value.add(1, ordering: .relaxed).oldValue
                                    guard p < partitionCount else { break }
                                    out.copyTimes(parts.take(p))
                                    if p % FreedMemory.partitionsPerRelease == FreedMemory.partitionsPerRelease - 1 { FreedMemory.release() }
                                }
                            }
                            FreedMemory.release()
                            caseCount = journeys
                            offsetsCount = journeys + 1
                            channelsCount = events
                        }
                        timesCount = events
                    }
                    stepsCount = events
                }
            }
        }
        PhaseTiming.mark("direct sequences: copy")
        let infos = namer.names.enumerated().map { (t, name) in
            JourneySequences.TouchpointInfo(name: name, stage: namer.stages[namer.stageOfTouchpoint[t]].id,
                                            stageIndex: namer.stageOfTouchpoint[t])
        }
        return JourneySequences(touchpoints: infos, stages: namer.stages, offsets: offsets, steps: steps, times: times,
                                channels: channels, channelNames: channelNames, caseOfJourney: caseOf,
                                caseNames: caseNames, stagesInferred: placed.template.stagesInferred)
    }
}

/// Per case, by its rank in file order (`FirstEventRanks`), written by the partitions' tasks
/// (each rank by one): its journeys and events, then the sums of those before it; and which
/// case it is (partition << 32 | case in the partition), when names are kept.
private struct RankColumns: @unchecked Sendable {
    let journeys: UnsafeMutablePointer<Int>
    let events: UnsafeMutablePointer<Int>
    let cases: UnsafeMutablePointer<UInt64>?

    init(count: Int, keepsCases: Bool) {
        journeys = .allocate(capacity: max(1, count))
        events = .allocate(capacity: max(1, count))
        cases = keepsCases ? .allocate(capacity: max(1, count)) : nil
    }

    func free() { journeys.deallocate(); events.deallocate(); cases?.deallocate() }
}

/// Each partition's journeys, by partition; slot `p` is written by one thread only.
private final class PartitionSlots: @unchecked Sendable {
    let items: UnsafeMutablePointer<PartitionJourneys?>
    private let count: Int
    init(count: Int) {
        self.count = count
        items = .allocate(capacity: count)
        items.initialize(repeating: nil, count: count)
    }
    /// Partition `p`'s journeys, no longer held here (freed when the caller is done).
    func take(_ p: Int) -> PartitionJourneys {
        defer { items[p] = nil }
        return items[p]!
    }
    deinit { items.deinitialize(count: count); items.deallocate() }
}

/// The arrays of `JourneySequences` being filled, partitions writing disjoint parts.
private struct SequenceOutput: @unchecked Sendable {
    let steps: UnsafeMutablePointer<Int32>
    let times: UnsafeMutablePointer<Int64>
    let channels: UnsafeMutablePointer<UInt32>
    let offsets: UnsafeMutablePointer<Int>
    let caseOf: UnsafeMutablePointer<UInt32>

    /// How many cases ahead the copies ask for the cache lines they will write: a partition's
    /// cases land all over the file order, so each case's first writes missed the cache.
    static let prefetchCases = 4

    /// Writes the touchpoints, channels, journey offsets and case ids of each case of `part`
    /// where the file order puts it, then frees the partition's pairs.
    func copyPairs(_ part: PartitionJourneys, table: PairTable) {
        var from = 0, journey = 0
        // The partition's columns as plain pointers, read once (a class's property costs an
        // exclusivity check per access).
        let pairs = part.pairs.base, caseEvents = part.caseEvents.base, eventStart = part.eventStart.base
        let journeyStart = part.journeyStart.base, globalCase = part.globalCase.base
        let caseJourneys = part.caseJourneys.base, journeyLengths = part.journeyLengths.base
        let ahead = Self.prefetchCases
        for c in 0..<part.caseCount {
            if c + ahead < part.caseCount {
                let later = eventStart[c + ahead]
                jm_prefetch_write(steps + later)
                jm_prefetch_write(channels + later)
                jm_prefetch_write(offsets + journeyStart[c + ahead] + 1)
            }
            let n = Int(caseEvents[c])
            let e = eventStart[c]
            for k in 0..<n {
                let pair = Int(pairs[from + k])
                steps[e + k] = table.touchpoint[pair]
                channels[e + k] = table.channel[pair]
            }
            var j = journeyStart[c], end = e
            let g = globalCase[c]
            for _ in 0..<Int(caseJourneys[c]) {
                end += Int(journeyLengths[journey])
                offsets[j + 1] = end
                caseOf[j] = g
                j += 1
                journey += 1
            }
            from += n
        }
        part.pairs.free()
        part.pairs = RawColumn(capacity: 1)
    }

    /// Writes the times of each case of `part` where the file order puts it.
    func copyTimes(_ part: PartitionJourneys) {
        var from = 0
        let caseEvents = part.caseEvents.base, eventStart = part.eventStart.base, partTimes = part.times.base
        let ahead = Self.prefetchCases
        for c in 0..<part.caseCount {
            if c + ahead < part.caseCount {
                let later = times + eventStart[c + ahead]
                jm_prefetch_write(later)
                jm_prefetch_write_after(later, 64)
            }
            let n = Int(caseEvents[c])
            (times + eventStart[c]).initialize(from: partTimes + from, count: n)
            from += n
        }
    }
}
