/// How often one touchpoint directly follows another in the journeys (a → b, a ≠ b), for
/// `PrecedenceOrder`: the same counts as the journey graph's edges, kept while positions are
/// counted. A dense matrix up to `denseLimit` touchpoints, pairs in a hash table beyond (a web
/// log of 50,000 pages has far fewer pairs than 50,000²).
public struct FollowsCounts: Sendable {
    public private(set) var touchpointCount: Int
    private var dense: [UInt32]
    private var sparse = PairTable()

    /// Touchpoints up to which the counts are a matrix (4 MiB of `UInt32` at 1,024).
    static let denseLimit = 1_024

    public init(touchpointCount: Int) {
        self.touchpointCount = touchpointCount
        dense = touchpointCount <= Self.denseLimit ? [UInt32](repeating: 0, count: touchpointCount * touchpointCount) : []
    }

    /// Adds `count` moves from `a` to `b` (nothing when a == b: a repeat orders nothing).
    public mutating func add(_ a: Int, _ b: Int, count: Int = 1) {
        guard a != b, count > 0 else { return }
        if touchpointCount <= Self.denseLimit {
            dense[a * touchpointCount + b] &+= UInt32(clamping: count)
        } else {
            sparse.add(UInt64(a) << 32 | UInt64(b), count)
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
                if previous >= 0 && previous != step { sparse.add(UInt64(previous) << 32 | UInt64(step), 1) }
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
            for (key, count) in other.sparse.entries { sparse.add(key, count) }
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
        return sparse.entries.sorted { $0.key < $1.key }.map { (Int($0.key >> 32), Int($0.key & 0xFFFF_FFFF), $0.count) }
    }
}

/// Counts by pair key (`a << 32 | b`), open addressing with linear probing: a `Dictionary`
/// update per event was most of the inference pass on a web log of 3,000 pages (2M events,
/// 521,143 pairs).
struct PairTable: Sendable {
    private static let empty = UInt64.max
    private var keys: [UInt64] = []
    private var counts: [Int] = []
    private var used = 0

    mutating func add(_ key: UInt64, _ n: Int) {
        if 2 * (used + 1) > keys.count { grow() }
        let mask = keys.count - 1
        var i = Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 32) & mask
        while true {
            let k = keys[i]
            if k == key { counts[i] += n; return }
            if k == Self.empty {
                keys[i] = key; counts[i] = n; used += 1
                return
            }
            i = (i + 1) & mask
        }
    }

    private mutating func grow() {
        let old = entries
        keys = [UInt64](repeating: Self.empty, count: max(1_024, keys.count * 2))
        counts = [Int](repeating: 0, count: keys.count)
        used = 0
        for (key, n) in old { add(key, n) }
    }

    /// Every key with its count (in table order).
    var entries: [(key: UInt64, count: Int)] {
        var out: [(key: UInt64, count: Int)] = []
        out.reserveCapacity(used)
        for i in keys.indices where keys[i] != Self.empty { out.append((keys[i], counts[i])) }
        return out
    }
}
