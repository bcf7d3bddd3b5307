@_spi(JourneyIO) import JourneyCore

/// One counting thread's counts of a comparison's two time windows of one log
/// (`DirectCSVMiner.mineWindows`): every journey is formed once (R3–R5 of `JourneyRules`)
/// and counted on the side whose `JourneyWindow` takes it (R2), or on neither.
final class WindowCounts: @unchecked Sendable {
    /// Before, after.
    let sides: [WindowSide]
    /// Journeys formed, on a side or not (`JourneyWindowStats.journeys`).
    var journeys = 0
    private var touchpoints = RawColumn<Int32>(capacity: 256)

    init(windows: [JourneyWindow], pairBase: [Int], pairCount: Int, touchpointCount: Int, stageCount: Int,
         stageOfTouchpoint: [Int], countsPeople: Bool) {
        sides = windows.map {
            WindowSide(window: $0, pairBase: pairBase, pairCount: pairCount, touchpointCount: touchpointCount,
                       stageCount: stageCount, stageOfTouchpoint: stageOfTouchpoint, countsPeople: countsPeople)
        }
    }

    deinit { touchpoints.free() }

    /// Counts one case's `n` events, in time order (R4): `pairKeys[k]` is event k's range
    /// (high 16 bits) and pair id (low 16) in that range, `touchpointOfPair` their touchpoints.
    func countCase(pairKeys: UnsafePointer<Int32>, times: UnsafePointer<Int64>, count n: Int, sessionGap: Int64,
                   touchpointOfPair: UnsafeMutablePointer<UnsafeMutablePointer<Int32>>) {
        touchpoints.removeAll()
        touchpoints.append(repeating: 0, count: n)
        let tp = touchpoints.base
        for k in 0..<n {
            let key = UInt32(bitPattern: pairKeys[k])
            tp[k] = touchpointOfPair[Int(key >> 16)][Int(key & 0xFFFF)]
        }
        let before = sides[0], after = sides[1]
        let people = before.people != nil
        var caseJourneys: ([[Int32]], [[Int32]]) = ([], [])
        JourneyRules.forEachJourney(times: times, count: n, sessionGap: sessionGap) { r in
            journeys += 1
            let first = times[r.lowerBound], last = times[r.upperBound - 1]
            let path = UnsafeBufferPointer(start: tp + r.lowerBound, count: r.count)
            if before.window.takes(first: first, last: last) {
                before.add(path: path, pairKeys: pairKeys, times: times, range: r)
                if people { caseJourneys.0.append(Array(path)) }
            } else if after.window.takes(first: first, last: last) {
                after.add(path: path, pairKeys: pairKeys, times: times, range: r)
                if people { caseJourneys.1.append(Array(path)) }
            }
        }
        before.people?.addCase(caseJourneys.0)
        after.people?.addCase(caseJourneys.1)
    }

    /// Adds `others`' counts into these (`threads`: for the accumulators' merge).
    func merge(_ others: [WindowCounts], threads: Int) {
        for other in others { journeys += other.journeys }
        for (s, side) in sides.enumerated() { side.merge(others.map { $0.sides[s] }, threads: threads) }
    }
}

/// One side's counts: the journeys its window takes, counted as `mine` counts (R6), and the
/// facts its journey file states (time range, events per channel, journeys reaching outside).
final class WindowSide: @unchecked Sendable {
    let window: JourneyWindow
    let accumulator: JourneyAccumulator
    let variants = VariantShards()
    let people: PeopleCounter?
    /// `kept` and `spanning` (the journeys are `WindowCounts.journeys`).
    var stats = JourneyWindowStats()
    var first = Int64.max, last = Int64.min
    /// Where each range's pair ids start in `pairEvents`.
    let pairBase: [Int]
    /// Events of this side per (range, pair id), for the channel counts.
    let pairEvents: UnsafeMutablePointer<Int>
    private let pairCount: Int

    init(window: JourneyWindow, pairBase: [Int], pairCount: Int, touchpointCount: Int, stageCount: Int,
         stageOfTouchpoint: [Int], countsPeople: Bool) {
        self.window = window
        self.pairBase = pairBase
        self.pairCount = pairCount
        pairEvents = .allocate(capacity: max(1, pairCount))
        pairEvents.initialize(repeating: 0, count: max(1, pairCount))
        accumulator = JourneyAccumulator(touchpointCount: touchpointCount, stageCount: stageCount,
                                         stageOfTouchpoint: stageOfTouchpoint, countsVariants: false)
        people = countsPeople ? PeopleCounter(touchpointCount: touchpointCount, stageCount: stageCount,
                                              stageOfTouchpoint: stageOfTouchpoint) : nil
    }

    deinit { pairEvents.deallocate() }

    /// Counts the journey `path` (events `range` of its case) on this side.
    @inline(__always)
    func add(path: UnsafeBufferPointer<Int32>, pairKeys: UnsafePointer<Int32>, times: UnsafePointer<Int64>, range r: Range<Int>) {
        let first = times[r.lowerBound], last = times[r.upperBound - 1]
        stats.kept += 1
        if window.isSpanning(first: first, last: last) { stats.spanning += 1 }
        if first < self.first { self.first = first }
        if last > self.last { self.last = last }
        pairBase.withUnsafeBufferPointer { base in
            for k in r {
                let key = UInt32(bitPattern: pairKeys[k])
                pairEvents[base[Int(key >> 16)] + Int(key & 0xFFFF)] += 1
            }
        }
        accumulator.addJourney(touchpoints: path, timestamps: UnsafeBufferPointer(start: times + r.lowerBound, count: r.count))
        variants.add(path: path)
    }

    func merge(_ others: [WindowSide], threads: Int) {
        for o in others {
            accumulator.merge(o.accumulator, threads: threads)
            if let people, let p = o.people { people.merge(p) }
            stats.kept += o.stats.kept
            stats.spanning += o.stats.spanning
            first = min(first, o.first)
            last = max(last, o.last)
            for k in 0..<pairCount { pairEvents[k] += o.pairEvents[k] }
        }
        variants.merge(others.map(\.variants))
    }

    /// Events counted on this side.
    var events: Int {
        var n = 0
        for k in 0..<pairCount { n += pairEvents[k] }
        return n
    }
}
