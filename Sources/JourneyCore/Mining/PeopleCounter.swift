/// Distinct people (cases) behind each count of rule R6 (`JourneyRules`), for `--min-people`
/// when `--session-gap` cuts cases into several journeys (without a gap every people count is
/// its journey count and nothing is counted here).
///
/// Both mining paths give it each case whole (`addCase`): the general `Miner` per case of its
/// grouped order, the direct path per case of a partition. A person counts once per item
/// however many of their journeys have it. Counters of disjoint sets of cases merge by adding.
package final class PeopleCounter: @unchecked Sendable {
    let stageOf: [Int]
    let stageCount: Int
    package private(set) var people = 0
    package private(set) var touchpoints: [Int]
    package private(set) var starts: [Int]
    package private(set) var ends: [Int]
    package private(set) var stages: [Int]
    /// `stageEdges[a * stageCount + b]`.
    package private(set) var stageEdges: [Int]
    /// By `from << 32 | to` touchpoint ids.
    package private(set) var edges: [UInt64: Int] = [:]
    package private(set) var variants: [[Int32]: Int] = [:]

    package init(touchpointCount: Int, stageCount: Int, stageOfTouchpoint: [Int]) {
        stageOf = stageOfTouchpoint
        self.stageCount = stageCount
        touchpoints = [Int](repeating: 0, count: touchpointCount)
        starts = touchpoints
        ends = touchpoints
        stages = [Int](repeating: 0, count: stageCount)
        stageEdges = [Int](repeating: 0, count: stageCount * stageCount)
    }

    /// Counts one person: `journeys` are their journeys' touchpoint paths (R5 already applied).
    package func addCase(_ journeys: [[Int32]]) {
        guard !journeys.isEmpty else { return }
        people += 1
        var tps = Set<Int32>(), first = Set<Int32>(), last = Set<Int32>()
        var stageSet = Set<Int>(), stagePairs = Set<Int>(), pairs = Set<UInt64>(), paths = Set<[Int32]>()
        for path in journeys where !path.isEmpty {
            first.insert(path[0]); last.insert(path[path.count - 1])
            paths.insert(path)
            for (k, t) in path.enumerated() {
                tps.insert(t)
                stageSet.insert(stageOf[Int(t)])
                if k > 0 {
                    let p = path[k - 1]
                    pairs.insert(UInt64(UInt32(p)) << 32 | UInt64(UInt32(t)))
                    stagePairs.insert(stageOf[Int(p)] * stageCount + stageOf[Int(t)])
                }
            }
        }
        for t in tps { touchpoints[Int(t)] += 1 }
        for t in first { starts[Int(t)] += 1 }
        for t in last { ends[Int(t)] += 1 }
        for s in stageSet { stages[s] += 1 }
        for s in stagePairs { stageEdges[s] += 1 }
        for p in pairs { edges[p, default: 0] += 1 }
        for p in paths { variants[p, default: 0] += 1 }
    }

    /// Adds `other`'s people (disjoint cases).
    package func merge(_ other: PeopleCounter) {
        people += other.people
        for i in touchpoints.indices {
            touchpoints[i] += other.touchpoints[i]; starts[i] += other.starts[i]; ends[i] += other.ends[i]
        }
        for i in stages.indices { stages[i] += other.stages[i] }
        for i in stageEdges.indices { stageEdges[i] += other.stageEdges[i] }
        for (k, n) in other.edges { edges[k, default: 0] += n }
        for (k, n) in other.variants { variants[k, default: 0] += n }
    }

    /// People with the transition `from → to` (touchpoint ids).
    func edge(_ from: Int32, _ to: Int32) -> Int { edges[UInt64(UInt32(from)) << 32 | UInt64(UInt32(to))] ?? 0 }
}
