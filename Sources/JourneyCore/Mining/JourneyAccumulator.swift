/// Counts for a set of journeys: the miner's inner loop. Touchpoints are dense ids
/// (0..<touchpointCount), stages dense ids (0..<stageCount ≤ 64).
///
/// Two accumulators over disjoint journeys merge by adding (`merge`), which is how the miner
/// uses both cores and why results do not depend on the number of threads.
/// - Complexity: O(1) amortized per event.
final class JourneyAccumulator: @unchecked Sendable {
    let touchpointCount: Int
    let stageCount: Int
    let stageOfTouchpoint: [Int]

    // Nodes.
    var nodeEvents: [Int64]
    var nodeJourneys: [Int64]
    var nodeLast: [Int32]
    var starts: [Int64]
    var ends: [Int64]

    // Edges: slot per (from, to), dense table when small, else a dictionary.
    private var denseSlots: [Int32]?
    private var sparseSlots: [UInt64: Int32] = [:]
    var edgeFrom: [Int32] = []
    var edgeTo: [Int32] = []
    var edgeCount: [Int64] = []
    var edgeJourneys: [Int64] = []
    var edgeLast: [Int32] = []
    var edgeSum: [Int64] = []
    /// Dense bucket counters for the first `maxDenseHistograms` edges, else sparse.
    var edgeHistogram: [[UInt32]] = []
    var edgeSparseHistogram: [[Int32: Int64]] = []
    static let histogramBuckets = Int(DurationHistogram.bucket(Int64.max)) + 1
    static let maxDenseHistograms = 2048

    // Stages.
    var stageEvents: [Int64]
    var stageJourneys: [Int64]
    var stageEdgeCount: [Int64]
    var stageEdgeJourneys: [Int64]
    private var stageEdgeLast: [Int32]

    // Variants: fingerprint → slot; each slot's path is stored once, flat, in `variantPaths`
    // at `variantStart[slot]..<variantStart[slot] + variantLength[slot]`.
    var variantSlots: [VariantKey: Int32] = [:]
    var variantCount: [Int64] = []
    var variantStart: [Int] = []
    var variantLength: [Int32] = []
    var variantPaths: [Int32] = []

    var journeys: Int64 = 0
    var events: Int64 = 0
    /// Journey counter used as the "last seen" marker for distinct counts.
    private var journeyMarker: Int32 = 0

    struct VariantKey: Hashable {
        var h1: UInt64
        var h2: UInt64
    }

    init(touchpointCount: Int, stageCount: Int, stageOfTouchpoint: [Int]) {
        self.touchpointCount = touchpointCount
        self.stageCount = stageCount
        self.stageOfTouchpoint = stageOfTouchpoint
        nodeEvents = Array(repeating: 0, count: touchpointCount)
        nodeJourneys = nodeEvents
        nodeLast = Array(repeating: -1, count: touchpointCount)
        starts = nodeEvents
        ends = nodeEvents
        if touchpointCount <= 2048 {
            denseSlots = Array(repeating: -1, count: touchpointCount * touchpointCount)
        }
        stageEvents = Array(repeating: 0, count: stageCount)
        stageJourneys = stageEvents
        stageEdgeCount = Array(repeating: 0, count: stageCount * stageCount)
        stageEdgeJourneys = stageEdgeCount
        stageEdgeLast = Array(repeating: -1, count: stageCount * stageCount)
    }

    @inline(__always)
    private func slot(_ a: Int32, _ b: Int32) -> Int {
        if denseSlots != nil {
            let k = Int(a) * touchpointCount + Int(b)
            let s = denseSlots![k]
            if s >= 0 { return Int(s) }
            let new = newEdge(a, b)
            denseSlots![k] = Int32(new)
            return new
        }
        let key = UInt64(UInt32(a)) << 32 | UInt64(UInt32(b))
        if let s = sparseSlots[key] { return Int(s) }
        let new = newEdge(a, b)
        sparseSlots[key] = Int32(new)
        return new
    }

    private func newEdge(_ a: Int32, _ b: Int32) -> Int {
        let s = edgeFrom.count
        edgeFrom.append(a); edgeTo.append(b)
        edgeCount.append(0); edgeJourneys.append(0); edgeLast.append(-1); edgeSum.append(0)
        if s < Self.maxDenseHistograms {
            edgeHistogram.append(Array(repeating: 0, count: Self.histogramBuckets))
        } else {
            edgeHistogram.append([])
        }
        edgeSparseHistogram.append([:])
        return s
    }

    @inline(__always)
    private func addDuration(_ slot: Int, _ micros: Int64) {
        let b = DurationHistogram.bucket(micros)
        if slot < Self.maxDenseHistograms {
            edgeHistogram[slot][Int(b)] &+= 1
        } else {
            edgeSparseHistogram[slot][b, default: 0] += 1
        }
        edgeSum[slot] &+= max(0, micros)
    }

    /// Adds one journey: `touchpoints[k]` at `timestamps[k]`, in time order.
    func addJourney(touchpoints tps: UnsafeBufferPointer<Int32>, timestamps ts: UnsafeBufferPointer<Int64>) {
        let n = tps.count
        guard n > 0 else { return }
        let j = journeyMarker
        journeyMarker &+= 1
        journeys += 1
        events += Int64(n)
        starts[Int(tps[0])] += 1
        ends[Int(tps[n - 1])] += 1
        var reached: UInt64 = 0
        var h1: UInt64 = 0x9e3779b97f4a7c15 ^ UInt64(n)
        var h2: UInt64 = 0xc2b2ae3d27d4eb4f &+ UInt64(n)
        var previous: Int32 = -1
        var previousStage = -1
        var previousTime: Int64 = 0
        for k in 0..<n {
            let t = tps[k]
            let ti = Int(t)
            nodeEvents[ti] += 1
            if nodeLast[ti] != j { nodeLast[ti] = j; nodeJourneys[ti] += 1 }
            let st = stageOfTouchpoint[ti]
            stageEvents[st] += 1
            reached |= 1 << UInt64(st)
            let time = ts[k]
            if previous >= 0 {
                let s = slot(previous, t)
                edgeCount[s] += 1
                if edgeLast[s] != j { edgeLast[s] = j; edgeJourneys[s] += 1 }
                addDuration(s, time - previousTime)
                let se = previousStage * stageCount + st
                stageEdgeCount[se] += 1
                if stageEdgeLast[se] != j { stageEdgeLast[se] = j; stageEdgeJourneys[se] += 1 }
            }
            h1 = (h1 ^ UInt64(UInt32(bitPattern: t))) &* 0x100000001b3
            h2 = (h2 &+ UInt64(UInt32(bitPattern: t)) &+ 1) &* 0xff51afd7ed558ccd
            h2 ^= h2 >> 33
            previous = t
            previousStage = st
            previousTime = time
        }
        var r = reached
        while r != 0 {
            let st = r.trailingZeroBitCount
            stageJourneys[st] += 1
            r &= r - 1
        }
        let key = VariantKey(h1: h1, h2: h2)
        if let v = variantSlots[key] {
            variantCount[Int(v)] += 1
        } else {
            variantSlots[key] = Int32(variantCount.count)
            variantCount.append(1)
            variantStart.append(variantPaths.count)
            variantLength.append(Int32(n))
            variantPaths.append(contentsOf: tps)
        }
    }

    /// The touchpoint path of a variant slot.
    func variantPath(_ slot: Int) -> ArraySlice<Int32> {
        variantPaths[variantStart[slot]..<(variantStart[slot] + Int(variantLength[slot]))]
    }

    /// Adds `other`'s counts (disjoint journeys) into this accumulator.
    func merge(_ other: JourneyAccumulator) {
        precondition(other.touchpointCount == touchpointCount && other.stageCount == stageCount)
        for i in 0..<touchpointCount {
            nodeEvents[i] += other.nodeEvents[i]
            nodeJourneys[i] += other.nodeJourneys[i]
            starts[i] += other.starts[i]
            ends[i] += other.ends[i]
        }
        for s in 0..<other.edgeFrom.count {
            let d = slot(other.edgeFrom[s], other.edgeTo[s])
            edgeCount[d] += other.edgeCount[s]
            edgeJourneys[d] += other.edgeJourneys[s]
            edgeSum[d] &+= other.edgeSum[s]
            for (b, c) in other.histogramPairs(s) {
                if d < Self.maxDenseHistograms {
                    edgeHistogram[d][Int(b)] &+= UInt32(c)
                } else {
                    edgeSparseHistogram[d][b, default: 0] += c
                }
            }
        }
        for i in 0..<stageCount {
            stageEvents[i] += other.stageEvents[i]
            stageJourneys[i] += other.stageJourneys[i]
        }
        for i in 0..<(stageCount * stageCount) {
            stageEdgeCount[i] += other.stageEdgeCount[i]
            stageEdgeJourneys[i] += other.stageEdgeJourneys[i]
        }
        for (key, s) in other.variantSlots {
            if let v = variantSlots[key] {
                variantCount[Int(v)] += other.variantCount[Int(s)]
            } else {
                variantSlots[key] = Int32(variantCount.count)
                variantCount.append(other.variantCount[Int(s)])
                variantStart.append(variantPaths.count)
                variantLength.append(other.variantLength[Int(s)])
                variantPaths.append(contentsOf: other.variantPath(Int(s)))
            }
        }
        journeys += other.journeys
        events += other.events
    }

    /// Non-empty (bucket, count) pairs of an edge's durations.
    func histogramPairs(_ slot: Int) -> [(Int32, Int64)] {
        if slot < Self.maxDenseHistograms {
            var out: [(Int32, Int64)] = []
            edgeHistogram[slot].withUnsafeBufferPointer { h in
                for b in 0..<h.count where h[b] != 0 { out.append((Int32(b), Int64(h[b]))) }
            }
            return out
        }
        return edgeSparseHistogram[slot].map { ($0.key, $0.value) }
    }
}
