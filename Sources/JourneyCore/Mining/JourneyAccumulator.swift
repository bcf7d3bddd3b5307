/// Counts for a set of journeys: the miner's inner loop. Touchpoints are dense ids
/// (0..<touchpointCount), stages dense ids (0..<stageCount ≤ 64).
///
/// Two accumulators over disjoint journeys merge by adding (`merge`), which is how the miner
/// uses both cores and why results do not depend on the number of threads.
///
/// Counters live in `RawColumn`s (raw memory) and the growing parts are copied into locals
/// for the length of one journey: measured necessary, see `RawColumn`.
/// - Complexity: O(1) amortized per event.
package final class JourneyAccumulator: @unchecked Sendable {
    package let touchpointCount: Int
    package let stageCount: Int
    package let stageOfTouchpoint: [Int]
    private let stageOf: RawColumn<Int32>

    // Nodes. Events per touchpoint, per stage and per stage pair are not counted per event:
    // they follow from the starts and the edges (`nodeEvents`, `stageEvents`, `stageEdgeCount`).
    let nodeJourneys: RawColumn<Int64>
    private let nodeLast: RawColumn<Int32>
    package let starts: RawColumn<Int64>
    package let ends: RawColumn<Int64>

    // Stages.
    let stageJourneys: RawColumn<Int64>
    let stageEdgeJourneys: RawColumn<Int64>
    private let stageEdgeLast: RawColumn<Int32>

    /// Edge slot per (from × touchpointCount + to), -1 = none; nil when there are too many
    /// touchpoints for a square table (then `sparseSlots`).
    private let denseSlots: RawColumn<Int32>?
    private var sparseSlots: [UInt64: Int32] = [:]
    /// Histograms of edge slots ≥ `maxDenseHistograms`.
    private var sparseHistograms: [Int: [Int32: Int64]] = [:]
    static let histogramBuckets = Int(DurationHistogram.bucket(Int64.max)) + 1
    static let maxDenseHistograms = 2048
    /// Dense histograms are kept in blocks of 64 buckets (one power of two of durations),
    /// allocated when a duration first falls in them: an edge's durations span a few powers
    /// of two, so this touches about a quarter of the memory of full 3,712-bucket arrays
    /// (measured: zeroing and missing in those was ~15 % of a 1M-row mine).
    static let blockBuckets = 64
    static let blocksPerEdge = (histogramBuckets + blockBuckets - 1) / blockBuckets

    /// Everything that grows, copied into a local per journey.
    private struct State {
        var edgeFrom = RawColumn<Int32>()
        var edgeTo = RawColumn<Int32>()
        var edgeCount = RawColumn<Int64>()
        var edgeJourneys = RawColumn<Int64>()
        var edgeLast = RawColumn<Int32>()
        var edgeSum = RawColumn<Int64>()
        /// Per edge slot below `maxDenseHistograms`: `blocksPerEdge` block numbers (-1: none).
        var edgeBlocks = RawColumn<Int32>(capacity: 64 * JourneyAccumulator.blocksPerEdge)
        /// `blockBuckets` counters per block.
        var blockPool = RawColumn<UInt32>(capacity: 1024 * JourneyAccumulator.blockBuckets)
        var variants = VariantTable()
        /// Histogram counters of durations not yet counted (see `addOneDuration`).
        var ring = RawColumn<UInt32>(repeating: 0, count: JourneyAccumulator.ringSize)
        var ringCount = 0
        /// Where the loads of `drainDurations` go, so they are not optimised away.
        var sink: UInt32 = 0
        var journeys: Int64 = 0
        var events: Int64 = 0
        /// Journey counter used as the "last seen" marker for distinct counts.
        var journeyMarker: Int32 = 0
    }
    // Not checked for exclusive access at run time: an accumulator is one thread's (as
    // `VariantShards`), and `addJourney` works on it in place per journey.
    @exclusivity(unchecked) private var state = State()

    var edgeFrom: RawColumn<Int32> { state.edgeFrom }
    var edgeTo: RawColumn<Int32> { state.edgeTo }
    var edgeCount: RawColumn<Int64> { state.edgeCount }
    var edgeJourneys: RawColumn<Int64> { state.edgeJourneys }
    var edgeSum: RawColumn<Int64> { state.edgeSum }
    /// Distinct paths and their journeys (empty without `countsVariants`).
    package var variants: VariantTable { state.variants }
    package var journeys: Int64 { state.journeys }
    package var events: Int64 { state.events }

    /// False when the caller counts variants itself (`DirectCSVMiner`'s sharded tables).
    package let countsVariants: Bool

    package init(touchpointCount: Int, stageCount: Int, stageOfTouchpoint: [Int], countsVariants: Bool = true) {
        self.countsVariants = countsVariants
        self.touchpointCount = touchpointCount
        self.stageCount = stageCount
        self.stageOfTouchpoint = stageOfTouchpoint
        var so = RawColumn<Int32>(capacity: max(1, touchpointCount))
        for s in stageOfTouchpoint { so.append(Int32(s)) }
        stageOf = so
        nodeJourneys = RawColumn(repeating: 0, count: touchpointCount)
        nodeLast = RawColumn(repeating: -1, count: touchpointCount)
        starts = RawColumn(repeating: 0, count: touchpointCount)
        ends = RawColumn(repeating: 0, count: touchpointCount)
        denseSlots = touchpointCount <= 2048 ? RawColumn(repeating: -1, count: touchpointCount * touchpointCount) : nil
        stageJourneys = RawColumn(repeating: 0, count: stageCount)
        stageEdgeJourneys = RawColumn(repeating: 0, count: stageCount * stageCount)
        stageEdgeLast = RawColumn(repeating: -1, count: stageCount * stageCount)
    }

    deinit {
        for c in [nodeJourneys, starts, ends, stageJourneys, stageEdgeJourneys] {
            c.free()
        }
        stageOf.free(); nodeLast.free(); stageEdgeLast.free(); denseSlots?.free()
        let s = state
        s.edgeFrom.free(); s.edgeTo.free(); s.edgeCount.free(); s.edgeJourneys.free(); s.edgeLast.free()
        s.edgeSum.free(); s.edgeBlocks.free(); s.blockPool.free(); s.variants.free(); s.ring.free()
    }

    @inline(__always)
    private func slot(_ a: Int32, _ b: Int32, _ s: inout State) -> Int {
        if let denseSlots {
            let k = Int(a) * touchpointCount + Int(b)
            let found = denseSlots[k]
            if found >= 0 { return Int(found) }
            let new = newEdge(a, b, &s)
            denseSlots[k] = Int32(new)
            return new
        }
        let key = UInt64(UInt32(a)) << 32 | UInt64(UInt32(b))
        if let found = sparseSlots[key] { return Int(found) }
        let new = newEdge(a, b, &s)
        sparseSlots[key] = Int32(new)
        return new
    }

    private func newEdge(_ a: Int32, _ b: Int32, _ s: inout State) -> Int {
        let slot = s.edgeFrom.count
        s.edgeFrom.append(a); s.edgeTo.append(b)
        s.edgeCount.append(0); s.edgeJourneys.append(0); s.edgeLast.append(-1); s.edgeSum.append(0)
        if slot < Self.maxDenseHistograms { s.edgeBlocks.append(repeating: -1, count: Self.blocksPerEdge) }
        return slot
    }

    /// Where in `blockPool` the counter of bucket `b` of dense edge `slot` is (its block
    /// allocated on first use).
    @inline(__always)
    private func counter(_ slot: Int, bucket b: Int32, _ s: inout State) -> Int {
        let k = slot * Self.blocksPerEdge + Int(b) / Self.blockBuckets
        var block = Int(s.edgeBlocks[k])
        if block < 0 {
            block = s.blockPool.count / Self.blockBuckets
            s.blockPool.append(repeating: 0, count: Self.blockBuckets)
            s.edgeBlocks[k] = Int32(block)
        }
        return block * Self.blockBuckets + Int(b) % Self.blockBuckets
    }

    @inline(__always)
    private func addDuration(_ slot: Int, bucket b: Int32, count n: Int64, _ s: inout State) {
        if slot < Self.maxDenseHistograms {
            let c = counter(slot, bucket: b, &s)  // first: it may move the pool
            s.blockPool[c] &+= UInt32(truncatingIfNeeded: n)
        } else {
            sparseHistograms[slot, default: [:]][b, default: 0] += n
        }
    }

    /// Duration counts held back to be added together.
    static let ringSize = 64

    /// Counts one duration of an edge with a dense histogram, with the next `ringSize`:
    /// their counters are first all loaded in a tight loop, so that the cache misses overlap,
    /// then incremented. Measured: the counters (~2 MB per thread on the 10M-row benchmark
    /// log) missed the cache on almost every increment, ~70 % of `addJourney`.
    @inline(__always)
    private func addOneDuration(_ slot: Int, bucket b: Int32, _ s: inout State) {
        s.ring[s.ringCount] = UInt32(truncatingIfNeeded: counter(slot, bucket: b, &s))
        s.ringCount += 1
        if s.ringCount == Self.ringSize { drainDurations(&s) }
    }

    /// Adds the durations held back: after it, reading the counts changes nothing, so several
    /// threads may read them at once (`JourneyGraphBuilder`).
    package func finishCounting() { drainDurations() }

    /// Drains the held-back counts: before the counters are read or merged.
    private func drainDurations() {
        guard state.ringCount > 0 else { return }
        var s = state
        drainDurations(&s)
        state = s
    }

    /// Adds the held-back counts.
    private func drainDurations(_ s: inout State) {
        let pool = s.blockPool.base, ring = s.ring.base, n = s.ringCount
        var touched: UInt32 = 0
        for i in 0..<n { touched &+= pool[Int(ring[i])] }
        for i in 0..<n { pool[Int(ring[i])] &+= 1 }
        s.sink &+= touched
        s.ringCount = 0
    }

    /// Adds one journey: `touchpoints[k]` at `timestamps[k]`, in time order.
    package func addJourney(touchpoints tps: UnsafeBufferPointer<Int32>, timestamps ts: UnsafeBufferPointer<Int64>) {
        guard tps.count > 0 else { return }
        // The state in place (`@exclusivity(unchecked)`, so no check per access): copying the
        // ~380-byte `State` in and out per journey was two `memmove` calls, ~4 % of `mine`.
        addJourney(tps, ts, &state)
    }

    @inline(__always)
    private func addJourney(_ tps: UnsafeBufferPointer<Int32>, _ ts: UnsafeBufferPointer<Int64>, _ s: inout State) {
        let n = tps.count
        let j = s.journeyMarker
        s.journeyMarker &+= 1
        s.journeys &+= 1
        s.events &+= Int64(n)
        starts[Int(tps[0])] &+= 1
        ends[Int(tps[n - 1])] &+= 1
        // The first event, then each later one with the move that reaches it.
        var previous = tps[0]
        var previousStage = Int(stageOf[Int(previous)])
        var previousTime = ts[0]
        var reached: UInt64 = 1 << UInt64(previousStage)
        // Touchpoints and stage pairs the journey passed through, as bits while they fit in
        // one word (then each counted once at the end), else marked with the journey in memory.
        let nodesInWord = touchpointCount <= 64, stagePairsInWord = stageCount <= 8
        var nodes: UInt64 = 0, stagePairs: UInt64 = 0
        if nodesInWord {
            nodes = 1 << UInt64(previous)
        } else if nodeLast[Int(previous)] != j {
            nodeLast[Int(previous)] = j; nodeJourneys[Int(previous)] &+= 1
        }
        for k in 1..<n {
            let t = tps[k]
            let ti = Int(t)
            if nodesInWord {
                nodes |= 1 << UInt64(ti)
            } else if nodeLast[ti] != j {
                nodeLast[ti] = j; nodeJourneys[ti] &+= 1
            }
            let st = Int(stageOf[ti])
            reached |= 1 << UInt64(st)
            let time = ts[k]
            let e = slot(previous, t, &s)
            s.edgeCount[e] &+= 1
            if s.edgeLast[e] != j { s.edgeLast[e] = j; s.edgeJourneys[e] &+= 1 }
            let micros = time - previousTime
            if e < Self.maxDenseHistograms {
                addOneDuration(e, bucket: DurationHistogram.bucket(micros), &s)
            } else {
                addDuration(e, bucket: DurationHistogram.bucket(micros), count: 1, &s)
            }
            s.edgeSum[e] &+= max(0, micros)
            let se = previousStage * stageCount + st
            if stagePairsInWord {
                stagePairs |= 1 << UInt64(se)
            } else if stageEdgeLast[se] != j {
                stageEdgeLast[se] = j; stageEdgeJourneys[se] &+= 1
            }
            previous = t
            previousStage = st
            previousTime = time
        }
        Self.countBits(reached, into: stageJourneys)
        Self.countBits(nodes, into: nodeJourneys)
        Self.countBits(stagePairs, into: stageEdgeJourneys)
        if countsVariants { s.variants.add(path: tps, count: 1) }
    }

    /// Adds one to `counts[i]` for every bit `i` set in `bits`.
    @inline(__always)
    private static func countBits(_ bits: UInt64, into counts: RawColumn<Int64>) {
        var r = bits
        while r != 0 {
            counts[r.trailingZeroBitCount] &+= 1
            r &= r - 1
        }
    }

    /// Adds `other`'s counts (disjoint journeys) into this accumulator.
    /// `threads`: how many threads may look up `other`'s variants (`VariantTable.merge`).
    package func merge(_ other: JourneyAccumulator, threads: Int = 1) {
        precondition(other.touchpointCount == touchpointCount && other.stageCount == stageCount)
        for i in 0..<touchpointCount {
            nodeJourneys[i] += other.nodeJourneys[i]
            starts[i] += other.starts[i]
            ends[i] += other.ends[i]
        }
        other.drainDurations()
        var s = state
        defer { state = s }
        drainDurations(&s)
        let o = other.state
        for e in 0..<o.edgeFrom.count {
            let d = slot(o.edgeFrom[e], o.edgeTo[e], &s)
            s.edgeCount[d] += o.edgeCount[e]
            s.edgeJourneys[d] += o.edgeJourneys[e]
            s.edgeSum[d] &+= o.edgeSum[e]
            if e < Self.maxDenseHistograms && d < Self.maxDenseHistograms {
                addBlocks(of: e, in: o, to: d, &s)
            } else {
                for (b, c) in other.histogramPairs(e) { addDuration(d, bucket: b, count: c, &s) }
            }
        }
        for i in 0..<stageCount {
            stageJourneys[i] += other.stageJourneys[i]
        }
        for i in 0..<(stageCount * stageCount) {
            stageEdgeJourneys[i] += other.stageEdgeJourneys[i]
        }
        s.variants.merge(o.variants, threads: threads)
        s.journeys += o.journeys
        s.events += o.events
    }

    /// Adds dense edge `e`'s counters in `o` (drained) to dense edge `d`'s, block by block
    /// (the same sums as adding its pairs one by one, which was ~3 ms of the 10M-row
    /// benchmark's single-threaded merge).
    private func addBlocks(of e: Int, in o: State, to d: Int, _ s: inout State) {
        for k in 0..<Self.blocksPerEdge {
            let from = Int(o.edgeBlocks[e * Self.blocksPerEdge + k])
            guard from >= 0 else { continue }
            let c = counter(d, bucket: Int32(k * Self.blockBuckets), &s)  // first: it may move the pool
            let source = o.blockPool.base + from * Self.blockBuckets, target = s.blockPool.base + c
            for m in 0..<Self.blockBuckets { target[m] &+= source[m] }
        }
    }

    /// Events per touchpoint: each journey's first event is a start, every other one the end
    /// of an edge (so nothing is counted per event for them in `addJourney`).
    package var nodeEvents: [Int64] {
        var events = (0..<touchpointCount).map { starts[$0] }
        let s = state
        for e in 0..<s.edgeTo.count { events[Int(s.edgeTo[e])] += s.edgeCount[e] }
        return events
    }

    /// Events per stage: the sum of its touchpoints' (`nodeEvents`, computed by the caller once).
    package func stageEvents(from nodeEvents: [Int64]) -> [Int64] {
        var events = [Int64](repeating: 0, count: stageCount)
        for (t, n) in nodeEvents.enumerated() { events[stageOfTouchpoint[t]] += n }
        return events
    }

    /// Moves per pair of stages (`from × stageCount + to`): the sum of their touchpoints' edges.
    package var stageEdgeCount: [Int64] {
        var counts = [Int64](repeating: 0, count: stageCount * stageCount)
        let s = state
        for e in 0..<s.edgeFrom.count {
            counts[stageOfTouchpoint[Int(s.edgeFrom[e])] * stageCount + stageOfTouchpoint[Int(s.edgeTo[e])]] += s.edgeCount[e]
        }
        return counts
    }

    /// Non-empty (bucket, count) pairs of an edge's durations, in bucket order.
    func histogramPairs(_ slot: Int) -> [(Int32, Int64)] {
        if slot < Self.maxDenseHistograms {
            drainDurations()
            var out: [(Int32, Int64)] = []
            for e in 0..<Self.blocksPerEdge {
                let block = Int(state.edgeBlocks[slot * Self.blocksPerEdge + e])
                guard block >= 0 else { continue }
                let h = state.blockPool.base + block * Self.blockBuckets
                for m in 0..<Self.blockBuckets where h[m] != 0 {
                    out.append((Int32(e * Self.blockBuckets + m), Int64(h[m])))
                }
            }
            return out
        }
        return (sparseHistograms[slot] ?? [:]).sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }

    /// An edge's durations as a histogram (its sum of durations apart: `edgeSum`).
    func durationHistogram(_ slot: Int) -> DurationHistogram {
        let pairs = histogramPairs(slot)
        var h = DurationHistogram()
        h.reserveCapacity(pairs.count)
        for (b, c) in pairs { h.add(bucket: b, count: c) }
        return h
    }
}
