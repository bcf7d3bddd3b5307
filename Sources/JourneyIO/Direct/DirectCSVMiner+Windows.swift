@_spi(JourneyIO) import JourneyCore
import Dispatch

/// The two sides of a comparison of one log's time windows, as the general path mines them
/// (`Miner` with each side's `MiningOptions.journeyWindow`).
public struct WindowGraphs: Sendable {
    public var before: JourneyGraph
    public var after: JourneyGraph
    /// How each window split the journeys (`journeys` is all of them, on both).
    public var beforeStats: JourneyWindowStats
    public var afterStats: JourneyWindowStats
}

extension DirectCSVMiner {
    /// The graphs of the journeys each of `before` and `after` takes (R2 of `JourneyRules`),
    /// from one read of the CSV file at `path` and one counting pass: every journey is formed
    /// once and counted on its side (`WindowCounts`). Byte for byte the graphs `Miner` gives
    /// with each window as `journeyWindow`; nil when the general reader must read the file.
    /// The windows must not overlap (a journey goes to `before` when both would take it).
    public func mineWindows(path: String, before: JourneyWindow, after: JourneyWindow,
                            progress: ReadProgress? = nil) throws -> WindowGraphs? {
        guard var read = try readFile(path: path, progress: progress) else { return nil }
        let ranges = read.takeRanges()
        return try windowGraphs(of: consume ranges, sourceName: read.sourceName, windows: [before, after])
    }

    /// `mineWindows(path:)` for a CSV file read as a stream (a decompressor), as `mine(stream:)`.
    public func mineWindows(stream source: some ByteSource, expectedBytes: Int, before: JourneyWindow, after: JourneyWindow,
                            blockSize: Int = DirectCSVMiner.streamBlockBytes, progress: ReadProgress? = nil) throws -> WindowGraphs? {
        guard var read = try readStream(source, expectedBytes: expectedBytes, blockSize: blockSize, progress: progress) else { return nil }
        let ranges = read.takeRanges()
        return try windowGraphs(of: consume ranges, sourceName: read.sourceName, windows: [before, after])
    }

    /// Phase 2 of `mineWindows`: nil when the ranges hold no event.
    func windowGraphs(of ranges: consuming [RangeRead], sourceName: String, windows: [JourneyWindow]) throws -> WindowGraphs? {
        var reads = consume ranges
        guard reads.contains(where: { $0.events > 0 }) else { return nil }
        let threads = max(1, options.threads)
        let placed = try touchpoints(of: reads)
        let namer = placed.namer, touchpointOfPair = placed.touchpointOfPair
        let assignment = Miner.Assignment(touchpointNames: namer.names, stageOfTouchpoint: namer.stageOfTouchpoint,
                                          stages: namer.stages, byActivity: nil, byPair: nil, channelCount: 0)
        var pairBase: [Int] = []
        var pairCount = 0
        for read in reads { pairBase.append(pairCount); pairCount += read.pairs.pairCount }
        let counts = (0..<threads).map { _ in
            WindowCounts(windows: windows, pairBase: pairBase, pairCount: pairCount, touchpointCount: namer.names.count,
                         stageCount: namer.stages.count, stageOfTouchpoint: namer.stageOfTouchpoint,
                         countsPeople: options.peopleCounted)
        }
        let partitionCount = reads[0].runs.count
        let gap = options.sessionGapMicros
        let nextPartition = SharedCounter()
        DispatchQueue.concurrentPerform(iterations: threads) { [reads] w in
            var counter = PartitionCounter(sessionGap: gap, touchpointOfPair: touchpointOfPair,
                                           accumulator: JourneyAccumulator(touchpointCount: 0, stageCount: 1, stageOfTouchpoint: [],
                                                                           countsVariants: false),
                                           variants: VariantShards(), partitions: 0)
            counter.windows = counts[w]
            while true {
                let p = nextPartition.value.add(1, ordering: .relaxed).oldValue
                guard p < partitionCount else { break }
                counter.count(partition: p, of: reads)
                for read in reads { read.runs.evict(p) }
            }
        }
        PhaseTiming.mark("direct windows: count")
        let totalEvents = reads.reduce(0) { $0 + $1.events }
        counts[0].merge(Array(counts.dropFirst()), threads: threads)
        let journeys = counts[0].journeys
        let graphs = counts[0].sides.map { side -> (JourneyGraph, JourneyWindowStats) in
            let channelCounts = Self.channelCounts(of: reads, touchpointOfPair: touchpointOfPair,
                                                   touchpointCount: namer.names.count) { k, id in side.pairEvents[side.pairBase[k] + id] }
            let events = side.events
            let facts = LogFacts(sources: [sourceName], skipped: SkipReport(), channelCounts: channelCounts,
                                 timeRange: events > 0 ? (side.first, side.last) : nil)
            // The general path drops every event of a journey its window does not take.
            var filter = Miner.EventFilter()
            filter.filteredEvents = totalEvents - events
            var options = self.options
            options.journeyWindow = side.window
            // No columns in the sides' sources, as `ComparisonInputs.split` mines them.
            let graph = withExtendedLifetime(side.variants) {
                JourneyGraphBuilder(template: placed.template, options: options, columns: nil, assignment: assignment,
                                    filter: filter, facts: facts, variantTables: side.variants.all, people: side.people)
                    .build(side.accumulator)
            }
            var stats = side.stats
            stats.journeys = journeys
            return (graph, stats)
        }
        reads = []
        PhaseTiming.mark("direct windows: graphs")
        return WindowGraphs(before: graphs[0].0, after: graphs[1].0, beforeStats: graphs[0].1, afterStats: graphs[1].1)
    }

    /// Events per channel name of each touchpoint, `events(k, id)` being those of range k's
    /// pair id (as `touchpoints(of:)` counts them for the whole file; pairs without events
    /// and the empty channel left out, as `Miner` leaves them).
    static func channelCounts(of reads: [RangeRead], touchpointOfPair: [[Int32]], touchpointCount: Int,
                              events: (Int, Int) -> Int) -> [[String: Int]] {
        var out = [[String: Int]](repeating: [:], count: touchpointCount)
        for (k, read) in reads.enumerated() {
            for id in 0..<read.pairs.pairCount {
                let n = events(k, id)
                guard n > 0 else { continue }
                let channel = read.pairs.names(id).1
                guard !channel.isEmpty else { continue }
                out[Int(touchpointOfPair[k][id])][String(decoding: channel, as: UTF8.self), default: 0] += n
            }
        }
        return out
    }
}
