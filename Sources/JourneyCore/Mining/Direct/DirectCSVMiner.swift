import Dispatch
import Synchronization

/// Mines a CSV file straight into a `JourneyGraph`, without an `EventTable`: the fast path
/// of `journeymap mine` for one uncompressed CSV file and no event filters.
///
/// 1. The rows are cut into byte ranges, a few per thread (at line starts, as
///    `CSVReader.readFile` does); each range is parsed into case runs hashed into
///    partitions (`CaseRuns`): case names are never interned per row, and no table of 20
///    bytes per event is built or appended.
/// 2. Partitions are counted on all threads (`PartitionCounter`): each is grouped by case with
///    a case table that fits the CPU caches, then counted into that thread's
///    `JourneyAccumulator`; the accumulators merge by adding.
///
/// This is another event source and counting strategy for the same rules (`JourneyRules`):
/// the graph is the one `Miner` makes from the file read by `CSVReader` (byte for byte, any
/// thread count): nothing in it depends on the order cases are counted in. When the file has
/// anything the general reader must judge (a row it would reject or skip, a doubled quote,
/// a quoted line break, a range that does not end where the next begins), `mine` returns nil
/// and the caller reads the file the general way, which reports or skips exactly as always.
public struct DirectCSVMiner: Sendable {
    public var template: JourneyTemplate
    public var options: MiningOptions
    public var read: ReadOptions
    /// Bytes per read call.
    public var chunkSize = 1 << 17
    /// One reading thread per this many bytes at most.
    public var minimumBytesPerThread = 8 << 20
    /// Byte ranges per reading thread at most (each at least `minimumBytesPerThread`).
    public var rangesPerThread = 4
    /// 2^bits case partitions; nil chooses by file size (tests force several on small files).
    public var partitionBits: Int?

    var maxRecordBytes: Int { read.maxRecordBytes }

    public init(template: JourneyTemplate, options: MiningOptions, read: ReadOptions) {
        self.template = template
        self.options = options
        self.read = read
    }

    /// Whether the options leave anything for the direct path to do differently from the
    /// general one: no filters that need the events first (rule R2 of `JourneyRules`), no
    /// extra attributes.
    public var applies: Bool {
        !options.filtersEvents && read.columns.attributes.isEmpty && read.milestones == nil
    }

    /// The graph of the CSV file at `path`, or nil when the general reader must read it.
    /// Throws what the general reader would throw for the header (missing columns, empty
    /// file, an unreadable file) and template errors.
    public func mine(path: String, progress: ReadProgress? = nil) throws -> JourneyGraph? {
        guard applies else { return nil }
        PhaseTiming.mark("direct: start")
        let threads = max(1, options.threads)
        let size = try FileByteSource(path: path).size ?? 0
        var probeSource = try FileByteSource(path: path)
        var probe = ReadBuffer(chunkSize: chunkSize, maxRecordBytes: maxRecordBytes)
        let header = try CSVReader(chunkSize: chunkSize).readHeader(&probe, &probeSource, attributeNames: [], options: read)
        guard header.keyed == nil else { return nil }  // GA4 lookups in cells: the general reader
        var timestamps = read.timestamps
        if timestamps.epochUnit == nil, let unit = header.epochUnit { timestamps.epochUnit = unit }
        let parser = timestamps
        let dataStart = probe.absoluteOffset + header.dataStart
        guard size > dataStart else { return nil }

        // A few ranges per thread, taken in turn by whichever thread is free: with one range
        // each, the slower core (VM neighbours, a shuffled half) set the wall time.
        let perThread = max(1, min(rangesPerThread, (size - dataStart) / max(1, threads * minimumBytesPerThread)))
        let parts = threads == 1 ? 1 : min(Int(UInt16.max), max(1, min(threads, size / max(1, minimumBytesPerThread))) * perThread)
        let starts = try CSVReader.rangeStarts(dataStart: dataStart, size: size, parts: parts, path: path)
        // About 64 K case runs per partition on a shuffled log: the grouping table stays in cache.
        let bits = partitionBits ?? max(0, min(10, Int.bitWidth - 1 - ((size - dataStart) >> 16).leadingZeroBitCount))
        let slots = ReadSlots(count: parts)
        let miner = self
        DispatchQueue.concurrentPerform(iterations: parts) { k in
            do {
                slots.reads[k] = try miner.readRange(path: path, header: header, parser: parser, start: starts[k],
                                                     limit: starts[k + 1], partitionBits: bits, progress: progress)
            } catch {
                slots.errors[k] = error
            }
        }
        guard var reads = slots.takeReads() else { return nil }
        PhaseTiming.mark("direct: read")
        for k in 0..<parts where reads[k].gaveUp != nil || reads[k].end != starts[k + 1] { return nil }
        guard reads.contains(where: { $0.events > 0 }) else { return nil }

        // Touchpoints of every range's pairs, and events per channel of each touchpoint.
        var namer = try Miner.TouchpointNamer(template: template)
        var channelCounts: [[String: Int]] = []
        let touchpointOfPair = try reads.map { read in
            try (0..<read.pairs.pairCount).map { id -> Int32 in
                let (activity, channel) = read.pairs.names(id)
                let channelName = String(decoding: channel, as: UTF8.self)
                let t = try namer.touchpoint(activity: String(decoding: activity, as: UTF8.self), channel: channelName)
                while channelCounts.count <= Int(t) { channelCounts.append([:]) }
                if !channelName.isEmpty { channelCounts[Int(t)][channelName, default: 0] += read.pairEvents[id] }
                return t
            }
        }
        let assignment = Miner.Assignment(touchpointNames: namer.names, stageOfTouchpoint: namer.stageOfTouchpoint,
                                          stages: namer.stages, byActivity: nil, byPair: nil, channelCount: 0)

        PhaseTiming.mark("direct: assign")
        // Phase 2: partitions counted on all threads; which thread counts which does not matter.
        let accumulators = (0..<threads).map { _ in
            JourneyAccumulator(touchpointCount: namer.names.count, stageCount: namer.stages.count,
                               stageOfTouchpoint: namer.stageOfTouchpoint, countsVariants: false)
        }
        let variants = (0..<threads).map { _ in VariantShards() }
        let partitionCount = 1 << bits
        let gap = options.sessionGapMicros
        let nextPartition = SharedCounter()
        DispatchQueue.concurrentPerform(iterations: threads) { [reads] w in
            var counter = PartitionCounter(sessionGap: gap, touchpointOfPair: touchpointOfPair, accumulator: accumulators[w],
                                           variants: variants[w],
                                           // The first accumulator takes the others' variants in too.
                                           partitions: w == 0 ? partitionCount : (partitionCount - w + threads - 1) / threads)
            let start = ContinuousClock.now
            defer { PhaseTiming.note("direct: counting thread \(w) \(ContinuousClock.now - start)") }
            while true {
                // Partitions in turn, to whichever thread is free (as the ranges above).
                let p = nextPartition.value.add(1, ordering: .relaxed).oldValue
                guard p < partitionCount else { break }
                counter.count(partition: p, of: reads)
            }
        }
        PhaseTiming.mark("direct: count")
        let first = reads.map(\.firstTime).min()!, last = reads.map(\.lastTime).max()!
        // The case runs (a few hundred MB on a large log) are unmapped on another thread while
        // this one merges and writes: the unmapping was ~40 ms at the end of a 10M-row run.
        let done = reads
        reads = []
        DispatchQueue.global().async { withExtendedLifetime(done) {} }
        for a in accumulators.dropFirst() { accumulators[0].merge(a, threads: threads) }
        variants[0].merge(Array(variants.dropFirst()))
        PhaseTiming.mark("direct: merge")

        let facts = LogFacts(sources: [probeSource.name], skipped: SkipReport(), channelCounts: channelCounts,
                             timeRange: (first, last))
        return withExtendedLifetime(variants) {
            JourneyGraphBuilder(template: template, options: options, columns: header.columns,
                                assignment: assignment, filter: Miner.EventFilter(), facts: facts,
                                variantTables: variants[0].all)
                .build(accumulators[0])
        }
    }
}

/// What each byte range gave; slot `k` is written by the thread reading range `k` only (raw
/// memory, so no array is mutated from two threads).
private final class ReadSlots: @unchecked Sendable {
    let reads: UnsafeMutablePointer<RangeRead?>
    let errors: UnsafeMutablePointer<(any Error)?>
    private let count: Int
    init(count: Int) {
        self.count = count
        reads = .allocate(capacity: count)
        reads.initialize(repeating: nil, count: count)
        errors = .allocate(capacity: count)
        errors.initialize(repeating: nil, count: count)
    }
    /// Every range's read (no longer held here), or nil when one failed.
    func takeReads() -> [RangeRead]? {
        var out: [RangeRead] = []
        for k in 0..<count {
            guard errors[k] == nil, let read = reads[k] else { return nil }
            out.append(read)
            reads[k] = nil
        }
        return out
    }
    deinit {
        reads.deinitialize(count: count); reads.deallocate()
        errors.deinitialize(count: count); errors.deallocate()
    }
}

/// A counter the counting threads share.
private final class SharedCounter: Sendable {
    let value = Atomic<Int>(0)
}
