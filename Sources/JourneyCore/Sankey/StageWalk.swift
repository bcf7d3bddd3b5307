/// One unit's walk through the template's stages, for stage flows (`SankeyFlows.byStages`):
/// a unit is a journey, or with `--count people` a person's journeys one after another. The
/// walk finds the stages the unit visited (`mask`), the first touchpoint it used in each
/// (`representative`), its events of unassigned activities (`unplaced`), its moves back to an
/// earlier stage (`backMoves`) and each distinct pair of stages it moved back between
/// (`backPairs`, in the order first made).
///
/// Both passes of `byStages` walk every unit, so the walk keeps its state in raw buffers
/// allocated once. Written as a nested function capturing arrays, the two passes took 0.60 s
/// of a 1.3 s `sankey --by stage` of the 10M-event benchmark log, much of it Swift's run-time
/// exclusivity checks (`swift_beginAccess`) and array uniqueness checks per step.
struct StageWalk: ~Copyable {
    /// Stages 0..<unassigned; an event whose touchpoint is in a stage ≥ this is not placed.
    let unassigned: Int
    private let stageOf: UnsafeMutablePointer<Int32>
    /// The first touchpoint of the last walk in each stage of `mask` (other entries are stale).
    let representative: UnsafeMutablePointer<Int32>
    /// The distinct back moves of the last walk as `from * unassigned + to`.
    private let pairs: UnsafeMutablePointer<Int>
    /// Per pair of stages, the walk that last recorded it.
    private let seenInWalk: UnsafeMutablePointer<Int>
    private var walkNumber = 0
    private(set) var mask: UInt64 = 0
    private(set) var unplaced = 0
    private(set) var backMoves = 0
    private(set) var backPairCount = 0

    /// `stageOf[t]`: the stage of touchpoint `t` (`unassigned` or more for none).
    init(stageOf: [Int], unassigned: Int) {
        self.unassigned = unassigned
        self.stageOf = .allocate(capacity: max(1, stageOf.count))
        for (t, s) in stageOf.enumerated() { self.stageOf[t] = Int32(clamping: s) }
        let stages = max(1, unassigned)
        representative = .allocate(capacity: stages)
        representative.initialize(repeating: -1, count: stages)
        pairs = .allocate(capacity: stages * stages)
        seenInWalk = .allocate(capacity: stages * stages)
        seenInWalk.initialize(repeating: -1, count: stages * stages)
    }

    deinit {
        stageOf.deallocate(); representative.deallocate(); pairs.deallocate(); seenInWalk.deallocate()
    }

    /// Walks the unit whose touchpoints are `steps[lo..<hi]`.
    @inline(__always)
    mutating func walk(_ steps: UnsafePointer<Int32>, _ lo: Int, _ hi: Int) {
        walkNumber += 1
        var mask: UInt64 = 0, unplaced = 0, backMoves = 0, backPairCount = 0, previous = -1
        for i in lo..<hi {
            let t = steps[i], s = Int(stageOf[Int(t)])
            if s >= unassigned { unplaced += 1; continue }
            let bit: UInt64 = 1 << UInt64(s)
            // Without a branch: whether a step enters a new stage is as good as random.
            representative[s] = mask & bit == 0 ? t : representative[s]
            mask |= bit
            if s < previous {
                backMoves += 1
                let k = previous * unassigned + s
                if seenInWalk[k] != walkNumber { seenInWalk[k] = walkNumber; pairs[backPairCount] = k; backPairCount += 1 }
            }
            previous = s
        }
        self.mask = mask; self.unplaced = unplaced; self.backMoves = backMoves; self.backPairCount = backPairCount
    }

    /// The `i`-th distinct back move of the last walk: (from stage, to stage).
    @inline(__always)
    func backPair(_ i: Int) -> (from: Int, to: Int) {
        let k = pairs[i]
        return (k / unassigned, k % unassigned)
    }
}

/// Pass 1 of stage flows: how many units reached each touchpoint first in each stage, and how
/// many visited each set of stages.
struct StageReach {
    /// `counts[s * touchpointCount + t]`: units whose first touchpoint in stage `s` is `t`.
    var counts: [Int]
    /// Units per set of visited stages (bit `s` for stage `s`; units that visited none are `excluded`).
    var patterns: [UInt64: Int] = [:]
    var excluded = 0, unplaced = 0, returnMoves = 0, returnJourneys = 0

    init(_ sequences: JourneySequences, people: Bool, walk: inout StageWalk) {
        let T = sequences.touchpoints.count, stages = max(walk.unassigned, 1)
        counts = [Int](repeating: 0, count: stages * T)
        // Sets of the first 12 stages counted in a table (a dictionary's hashing per unit was
        // ~40 ms of 1.28M journeys), larger ones in `patterns`.
        var small = [Int](repeating: 0, count: 1 << min(walk.unassigned, 12))
        var excluded = 0, unplaced = 0, returnMoves = 0, returnJourneys = 0
        var patterns: [UInt64: Int] = [:]
        counts.withUnsafeMutableBufferPointer { counts in
            small.withUnsafeMutableBufferPointer { small in
                sequences.steps.withUnsafeBufferPointer { steps in
                    guard let steps = steps.baseAddress else { return }
                    sequences.forEachUnitOfCase(people: people) { lo, hi, _ in
                        walk.walk(steps, lo, hi)
                        unplaced += walk.unplaced
                        let mask = walk.mask
                        guard mask != 0 else { excluded += 1; return }
                        returnMoves += walk.backMoves
                        if walk.backMoves > 0 { returnJourneys += 1 }
                        if mask < UInt64(small.count) { small[Int(mask)] += 1 } else { patterns[mask, default: 0] += 1 }
                        var m = mask
                        while m != 0 {
                            let s = m.trailingZeroBitCount
                            counts[s * T + Int(walk.representative[s])] += 1
                            m &= m - 1
                        }
                    }
                }
            }
        }
        for (mask, n) in small.enumerated() where n > 0 { patterns[UInt64(mask)] = n }
        self.patterns = patterns
        self.excluded = excluded; self.unplaced = unplaced
        self.returnMoves = returnMoves; self.returnJourneys = returnJourneys
    }
}
