/// How often one touchpoint directly follows another in the journeys (a → b, a ≠ b), for
/// `PrecedenceOrder`: the same counts as the journey graph's edges, kept while positions are
/// counted. A dense matrix up to `denseLimit` touchpoints, pairs in a dictionary beyond (a web
/// log of 50,000 pages has far fewer pairs than 50,000²).
public struct FollowsCounts: Sendable {
    public private(set) var touchpointCount: Int
    private var dense: [UInt32]
    private var sparse: [UInt64: Int]

    /// Touchpoints up to which the counts are a matrix (4 MiB of `UInt32` at 1,024).
    static let denseLimit = 1_024

    public init(touchpointCount: Int) {
        self.touchpointCount = touchpointCount
        dense = touchpointCount <= Self.denseLimit ? [UInt32](repeating: 0, count: touchpointCount * touchpointCount) : []
        sparse = [:]
    }

    /// Adds `count` moves from `a` to `b` (nothing when a == b: a repeat orders nothing).
    public mutating func add(_ a: Int, _ b: Int, count: Int = 1) {
        guard a != b, count > 0 else { return }
        if touchpointCount <= Self.denseLimit {
            dense[a * touchpointCount + b] &+= UInt32(clamping: count)
        } else {
            sparse[UInt64(a) << 32 | UInt64(b), default: 0] += count
        }
    }

    /// Adds every move of one journey (touchpoint ids in time order).
    public mutating func add<C: Collection>(journey path: C) where C.Element == Int32 {
        var previous: Int32 = -1
        if touchpointCount <= Self.denseLimit {
            let n = touchpointCount
            dense.withUnsafeMutableBufferPointer { m in
                for step in path {
                    if previous >= 0 && previous != step { m[Int(previous) * n + Int(step)] &+= 1 }
                    previous = step
                }
            }
        } else {
            for step in path {
                if previous >= 0 && previous != step { sparse[UInt64(previous) << 32 | UInt64(step), default: 0] += 1 }
                previous = step
            }
        }
    }

    /// Adds `other`'s counts (same touchpoints).
    public mutating func merge(_ other: FollowsCounts) {
        precondition(other.touchpointCount == touchpointCount)
        if touchpointCount <= Self.denseLimit {
            for i in dense.indices { dense[i] &+= other.dense[i] }
        } else {
            sparse.merge(other.sparse, uniquingKeysWith: +)
        }
    }

    /// Every pair with moves, ordered by (from, to).
    public var pairs: [(from: Int, to: Int, count: Int)] {
        if touchpointCount <= Self.denseLimit {
            var out: [(from: Int, to: Int, count: Int)] = []
            let n = touchpointCount
            for a in 0..<n {
                for b in 0..<n where dense[a * n + b] > 0 { out.append((a, b, Int(dense[a * n + b]))) }
            }
            return out
        }
        return sparse.map { (Int($0.key >> 32), Int($0.key & 0xFFFF_FFFF), $0.value) }
            .sorted { $0.from != $1.from ? $0.from < $1.from : $0.to < $1.to }
    }
}
