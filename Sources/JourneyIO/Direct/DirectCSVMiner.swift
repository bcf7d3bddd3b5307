@_spi(JourneyIO) import JourneyCore
import Dispatch
import Synchronization
import Foundation

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
    /// One reading thread per this many bytes at most, and the shortest byte range.
    public var minimumBytesPerThread = 8 << 20
    /// 2^bits case partitions; nil chooses by file size (tests force several on small files).
    public var partitionBits: Int?
    /// Where stages come from: with `auto`, or `fallback` when the template places less than
    /// half of the events, they are inferred from this read (`StageInference`).
    public var stageMode: StageMode = .template
    /// Files with more bytes of rows than this spill their case runs to a temporary file
    /// (`SpillFile`), read in ranges of at most `spillRangeBytes`, so that memory grows with
    /// journeys and names, not events (`JOURNEYMAP_SPILL_ABOVE`; 2 GiB).
    public var spillAboveBytes = SpillFile.threshold
    /// The largest byte range of a spilled file: what the reading threads hold in memory at once.
    public var spillRangeBytes = 128 << 20
    /// Whether bytes are scanned where they are: a plain file's ranges mapped (`MappedRange`),
    /// a decompressed block in place (`ReadBuffer(borrowing:)`). Tests turn it off to read
    /// through `read` and buffer refills of `chunkSize` bytes.
    public var scansInPlace = true
    /// Bytes of a mapped range scanned between two page drops (tests make it small).
    public var mappedDropStep = MappedRange.dropStep
    /// Whether the case runs keep where each case first appears (`sequences` needs it).
    var recordsCaseOrder = false
    /// Whether `sequences` fills `JourneySequences.caseNames` (the case ids, journeys' order
    /// and every other field do not depend on it). Persona clustering never reads the names:
    /// appending 1.28M of them in file order was half of the 0.17 s the cases took to order.
    public var keepsCaseNames = true

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
        guard var read = try readFile(path: path, progress: progress) else { return nil }
        let ranges = read.takeRanges()
        return try graph(of: consume ranges, columns: read.columns, sourceName: read.sourceName)
    }

    /// What phase 1 read from a whole file or stream: its ranges in file order.
    struct FileRead {
        var ranges: [RangeRead]
        var columns: ResolvedColumns
        var sourceName: String

        /// The ranges, no longer held here (so that whoever takes them decides when they go).
        mutating func takeRanges() -> [RangeRead] {
            defer { ranges = [] }
            return ranges
        }
    }

    /// Phase 1 for the CSV file at `path`: its byte ranges read on all threads; nil when the
    /// general reader must read it (as `mine(path:)`).
    func readFile(path: String, progress: ReadProgress?) throws -> FileRead? {
        guard applies else { return nil }
        PhaseTiming.mark("direct: start")
        let threads = max(1, options.threads)
        let size = try FileByteSource(path: path).size ?? 0
        var probeSource = try FileByteSource(path: path)
        var probe = ReadBuffer(chunkSize: chunkSize, maxRecordBytes: maxRecordBytes)
        let header = try CSVReader(chunkSize: chunkSize).readHeader(&probe, &probeSource, attributeNames: [], options: read)
        guard header.keyed == nil else { return nil }  // GA4 lookups in cells: the general reader
        // userId else anonymousId: the general reader links the two ids (`IdentityLinks`).
        guard header.fallbackIndex < 0 || !read.stitchIdentities else { return nil }
        var timestamps = read.timestamps
        if timestamps.epochUnit == nil, let unit = header.epochUnit { timestamps.epochUnit = unit }
        let parser = timestamps
        let dataStart = probe.absoluteOffset + header.dataStart
        guard size > dataStart else { return nil }

        // Ranges taken in turn by whichever thread is free, shrinking towards the end (guided):
        // with equal ranges, the thread that took the last one read on alone for up to a range
        // (measured 40–75 ms of a 10M-row shuffled run with 8 ranges of 60 MB).
        let spills = size - dataStart > spillAboveBytes
        let starts: [Int]
        if spills {
            // A spilled file is read in equal ranges small enough that those being read fit in memory.
            let parts = min(Int(UInt16.max), (size - dataStart + spillRangeBytes - 1) / max(1, spillRangeBytes))
            starts = try CSVReader.rangeStarts(dataStart: dataStart, size: size, parts: parts, path: path)
        } else if threads == 1 {
            starts = [dataStart, size]
        } else {
            let lengths = Self.guidedRangeLengths(bytes: size - dataStart, threads: threads, minimum: minimumBytesPerThread)
            starts = try CSVReader.rangeStarts(dataStart: dataStart, size: size, lengths: lengths, path: path)
        }
        let parts = starts.count - 1
        let bits = partitionBits ?? Self.partitionBits(forBytes: size - dataStart)
        // One spill file for every range: ranges reuse each other's memory through it.
        let spill = spills ? SpillFile() : nil
        defer { spill?.freeRegions() }
        let slots = ReadSlots(count: parts)
        let miner = self
        DispatchQueue.concurrentPerform(iterations: parts) { k in
            do {
                slots.reads[k] = try miner.readRange(path: path, header: header, parser: parser, start: starts[k],
                                                     limit: starts[k + 1], partitionBits: bits, spill: spill,
                                                     progress: progress)
            } catch {
                slots.errors[k] = error
            }
        }
        guard let reads = slots.takeReads() else { return nil }
        PhaseTiming.mark("direct: read")
        for k in 0..<parts where reads[k].gaveUp != nil || reads[k].end != starts[k + 1] { return nil }
        return FileRead(ranges: reads, columns: header.columns, sourceName: probeSource.name)
    }

    /// Byte lengths of the ranges that `threads` readers take in turn (guided scheduling): each
    /// a `1 / (2 × threads)` share of the bytes left, at least `minimum`, so ranges shrink towards
    /// the end and the readers finish within a short range of each other. At most 65,535 ranges
    /// (a range's number is a `UInt16` in the runs): lengths grow to fit.
    static func guidedRangeLengths(bytes: Int, threads: Int, minimum: Int) -> [Int] {
        let floor = max(1, minimum, (bytes + Int(UInt16.max) - 1) / Int(UInt16.max))
        var lengths: [Int] = []
        var left = bytes
        while left > 0 {
            let n = min(left, max(floor, left / (2 * max(1, threads))))
            lengths.append(n)
            left -= n
        }
        return lengths
    }

    /// Phase 2: the graph of what the ranges read (in file order); nil when they hold no event.
    func graph(of ranges: consuming [RangeRead], columns: ResolvedColumns, sourceName: String) throws -> JourneyGraph? {
        var reads = consume ranges
        let threads = max(1, options.threads)
        guard reads.contains(where: { $0.events > 0 }) else { return nil }

        let placed = try touchpoints(of: reads)
        let template = placed.template, namer = placed.namer, touchpointOfPair = placed.touchpointOfPair
        let channelCounts = placed.channelCounts
        let assignment = Miner.Assignment(touchpointNames: namer.names, stageOfTouchpoint: namer.stageOfTouchpoint,
                                          stages: namer.stages, byActivity: nil, byPair: nil, channelCount: 0)

        PhaseTiming.mark("direct: assign")
        // Phase 2: partitions counted on all threads; which thread counts which does not matter.
        let accumulators = (0..<threads).map { _ in
            JourneyAccumulator(touchpointCount: namer.names.count, stageCount: namer.stages.count,
                               stageOfTouchpoint: namer.stageOfTouchpoint, countsVariants: false)
        }
        // One store of distinct paths that every thread adds to (no merge at the end).
        let store = VariantStore()
        let variants = (0..<threads).map { _ in VariantShards(store: store) }
        let people = options.peopleCounted ? (0..<threads).map { _ in
            PeopleCounter(touchpointCount: namer.names.count, stageCount: namer.stages.count,
                          stageOfTouchpoint: namer.stageOfTouchpoint)
        } : nil
        let partitionCount = reads[0].runs.count
        let gap = options.sessionGapMicros
        let nextPartition = SharedCounter()
        DispatchQueue.concurrentPerform(iterations: threads) { [reads, touchpointOfPair] w in
            var counter = PartitionCounter(sessionGap: gap, touchpointOfPair: touchpointOfPair, accumulator: accumulators[w],
                                           variants: variants[w],
                                           // The first sizes the shared variant store for all.
                                           partitions: w == 0 ? partitionCount : (partitionCount - w + threads - 1) / threads)
            counter.people = people?[w]
            let start = ContinuousClock.now
            defer { PhaseTiming.note("direct: counting thread \(w) \(ContinuousClock.now - start)") }
            while true {
                // Partitions in turn, to whichever thread is free (as the ranges above).
                let p = nextPartition.value.add(1, ordering: .relaxed).oldValue
                guard p < partitionCount else { break }
                counter.count(partition: p, of: reads)
                // Counted for good (the ranges are this call's): the pages go now, so the
                // distinct paths growing meanwhile do not add to the runs' peak.
                for read in reads { read.runs.release(p, unmappedSoon: true) }
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
        if let people { for p in people.dropFirst() { people[0].merge(p) } }
        PhaseTiming.mark("direct: merge")

        let facts = LogFacts(sources: [sourceName], skipped: SkipReport(), channelCounts: channelCounts,
                             timeRange: (first, last))
        let graph = withExtendedLifetime(variants) {
            JourneyGraphBuilder(template: template, options: options, columns: columns,
                                assignment: assignment, filter: Miner.EventFilter(), facts: facts,
                                variantTables: variants[0].all, people: people?[0])
                .build(accumulators[0])
        }
        PhaseTiming.mark("direct: graph built")
        return graph
    }
}

extension DirectCSVMiner {
    /// Touchpoints of every range's pairs (rule R1), under the template or the stages
    /// inferred from the ranges (`stageMode`).
    struct PlacedPairs {
        var template: JourneyTemplate
        var namer: Miner.TouchpointNamer
        /// Events per channel name of each touchpoint.
        var channelCounts: [[String: Int]]
        /// Per range, the touchpoint of each pair id.
        var touchpointOfPair: [[Int32]]
    }

    /// The touchpoints of what `reads` read; stages inferred from this same read when
    /// `stageMode` asks for it (the file is not read again).
    func touchpoints(of reads: [RangeRead]) throws -> PlacedPairs {
        func assign(_ template: JourneyTemplate) throws -> PlacedPairs {
            var namer = try Miner.TouchpointNamer(template: template)
            var channelCounts: [[String: Int]] = []
            // Each range has its own pair ids but mostly the same pairs: the template's rules
            // run once per distinct pair (a decompressed stream's 114 blocks asked them ~2,600
            // times for 23 pairs, 7 ms before any counting could start).
            struct Pair: Hashable { let activity: String, channel: String }
            var known: [Pair: Int32] = [:]
            let touchpointOfPair = try reads.map { read in
                try (0..<read.pairs.pairCount).map { id -> Int32 in
                    let (activity, channel) = read.pairs.names(id)
                    let channelName = String(decoding: channel, as: UTF8.self)
                    let activityName = String(decoding: activity, as: UTF8.self)
                    let key = Pair(activity: activityName, channel: channelName)
                    let t: Int32
                    if let seen = known[key] {
                        t = seen
                    } else {
                        t = try namer.touchpoint(activity: activityName, channel: channelName)
                        known[key] = t
                    }
                    while channelCounts.count <= Int(t) { channelCounts.append([:]) }
                    if !channelName.isEmpty { channelCounts[Int(t)][channelName, default: 0] += read.pairEvents[id] }
                    return t
                }
            }
            return PlacedPairs(template: template, namer: namer, channelCounts: channelCounts, touchpointOfPair: touchpointOfPair)
        }
        let placed = try assign(template)
        guard let inference = try inferStages(reads: reads, namer: placed.namer, touchpointOfPair: placed.touchpointOfPair) else {
            return placed
        }
        PhaseTiming.mark("direct: stages inferred")
        return try assign(inference.derived)
    }

    /// When `stageMode` asks for it at the share of events `namer` places on template stages:
    /// the stages inferred from where touchpoints occur in the journeys of `reads` (a counting
    /// pass that only fills a `PositionHistogram`); nil otherwise.
    func inferStages(reads: [RangeRead], namer: Miner.TouchpointNamer, touchpointOfPair: [[Int32]]) throws -> StageInference? {
        guard stageMode != .template else { return nil }
        let unassigned = namer.stages.count - 1
        var placed = 0, total = 0
        for (k, read) in reads.enumerated() {
            for id in 0..<read.pairs.pairCount {
                total += read.pairEvents[id]
                if namer.stageOfTouchpoint[Int(touchpointOfPair[k][id])] != unassigned { placed += read.pairEvents[id] }
            }
        }
        guard StageInference.wanted(stageMode, placedShare: total == 0 ? 1 : Double(placed) / Double(total)) else { return nil }
        let threads = max(1, options.threads)
        let count = namer.names.count
        let histograms = (0..<threads).map { _ in PositionHistogram(touchpointCount: count) }
        let partitionCount = reads[0].runs.count
        let nextPartition = SharedCounter()
        let gap = options.sessionGapMicros
        DispatchQueue.concurrentPerform(iterations: threads) { w in
            var counter = PartitionCounter(sessionGap: gap, touchpointOfPair: touchpointOfPair,
                                           accumulator: JourneyAccumulator(touchpointCount: 0, stageCount: 1, stageOfTouchpoint: [], countsVariants: false),
                                           variants: VariantShards(), partitions: 0)
            counter.positions = histograms[w]
            while true {
                let p = nextPartition.value.add(1, ordering: .relaxed).oldValue
                guard p < partitionCount else { break }
                counter.count(partition: p, of: reads)
                for read in reads { read.runs.evict(p) }
            }
        }
        for h in histograms.dropFirst() { histograms[0].merge(h) }
        return StageInference(template: template,
                              touchpoints: (0..<count).map { (namer.names[$0], namer.stageOfTouchpoint[$0]) },
                              stages: namer.stages, positions: histograms[0])
    }

    /// One partition per 64 KiB of CSV, at most 256 — or one per 4 MiB on logs above 1 GiB, at
    /// most 1,024 (`JOURNEYMAP_PARTITION_BITS` sets the bits, for measuring). Reading appends
    /// every row to its partition's runs, so each partition is a write stream; counting groups a
    /// partition's cases in a table that should stay in cache. Measured on the 10M-event log
    /// (shuffled, 2 threads): 1,024 partitions spent a quarter of `mine` in stores missing the
    /// cache and TLB at the partitions' ends; with 256 the read took 0.32 s instead of
    /// 0.41–0.46 s and counting 3 % longer (~40 K runs a partition): `mine` 0.97 → 0.88 s in
    /// 326 → 307 MB, `sankey` 1.51 → 1.21 s, `persona --clusters auto` 2.06 → 1.74 s (128 and 64
    /// measured as 256). On the 100M-event log (4.8 GB, 12.8M cases) counting dominates:
    /// 1,024 partitions 4.3 s counting + 4.5 s reading, 256 5.7 s + 3.5 s.
    static func partitionBits(forBytes bytes: Int) -> Int {
        let byCSV = Int.bitWidth - 1 - (bytes >> 16).leadingZeroBitCount
        if let text = ProcessInfo.processInfo.environment["JOURNEYMAP_PARTITION_BITS"], let most = Int(text) {
            return max(0, min(most, byCSV))
        }
        let byCases = Int.bitWidth - 1 - (bytes >> 22).leadingZeroBitCount
        return max(0, min(byCSV, max(8, min(10, byCases))))
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
final class SharedCounter: Sendable {
    let value = Atomic<Int>(0)
}
