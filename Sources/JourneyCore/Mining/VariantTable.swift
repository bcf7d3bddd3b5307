import Dispatch
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Distinct touchpoint paths (variants) with their journey counts.
///
/// A path is stored once, encoded as LEB128 bytes (one byte per touchpoint id below 128), and
/// looked up by exact byte comparison; the open-addressing index keeps 32 bits of the hash
/// beside each slot so that almost no probe reads a stored path in vain. Measured: with
/// 128-bit fingerprints, 64-bit offsets and `Int32` paths the tables of 836 k variants (10 M
/// events, two threads plus their merge) took ~160 MB; this layout takes about a quarter.
/// - Complexity: O(path length) expected per `add`.
///
/// SPI-public, its look-ups `@inlinable`: JourneyIO's counting loops add a path per journey
/// and must inline them (see `RawColumn` for why not `package`).
@_spi(JourneyIO) public struct VariantTable {
    /// Journeys per variant.
    public var count = RawColumn<Int64>()
    /// Where variant `s`'s bytes start in `bytes`; `start[s + 1]` is where they end.
    /// 32 bits: at most 4 GiB of distinct paths (checked).
    @usableFromInline var start = RawColumn<UInt32>(repeating: 0, count: 1)
    @usableFromInline var bytes = RawColumn<UInt8>(capacity: 4096)
    /// Per bucket: hash tag (high 32 bits) over slot + 1 (0 = empty); a power of two long.
    @usableFromInline var index = RawColumn<UInt64>(repeating: 0, count: 1024)
    /// Where `add(path:)` encodes.
    @usableFromInline var scratch = RawColumn<UInt8>(capacity: 256)

    public init() {}

    /// Adds `n` journeys following `path`.
    @inlinable @inline(__always)
    public mutating func add(path: UnsafeBufferPointer<Int32>, count n: Int64) {
        Self.encode(path, into: &scratch)
        add(encoded: UnsafeBufferPointer(scratch.buffer), count: n)
    }

    /// `path` as the table stores it (LEB128 bytes), replacing what `out` held.
    @inlinable @inline(__always)
    public static func encode(_ path: UnsafeBufferPointer<Int32>, into out: inout RawColumn<UInt8>) {
        out.removeAll()
        encode(path, appendingTo: &out)
    }

    /// `encode(_:into:)` after what `out` holds already.
    @inlinable @inline(__always)
    public static func encode(_ path: UnsafeBufferPointer<Int32>, appendingTo out: inout RawColumn<UInt8>) {
        for t in path {
            var v = UInt32(bitPattern: t)
            while v >= 0x80 { out.append(UInt8(truncatingIfNeeded: v) | 0x80); v >>= 7 }
            out.append(UInt8(v))
        }
    }

    /// Adds `n` journeys following the path encoded as `key` (from `encoded(_:)`).
    @inlinable
    public mutating func add(encoded key: UnsafeBufferPointer<UInt8>, count n: Int64) {
        add(encoded: key, hash: Self.hash(key), count: n)
    }

    /// `add(encoded:count:)` with `hash(key)` already computed.
    @inlinable @inline(__always)
    public mutating func add(encoded key: UnsafeBufferPointer<UInt8>, hash h: UInt64, count n: Int64) {
        let (found, i) = find(key, hash: h)
        if let found { count[found] += n; return }
        insert(key, hash: h, at: i, count: n)
    }

    /// The slot of the path encoded as `key`, or nil and the empty bucket where it goes.
    @inlinable @inline(__always)
    func find(_ key: UnsafeBufferPointer<UInt8>, hash h: UInt64) -> (Int?, bucket: Int) {
        let tag = h & 0xffff_ffff_0000_0000
        let mask = index.count - 1
        var i = Int(truncatingIfNeeded: h) & mask
        while true {
            let v = index[i]
            if v == 0 { return (nil, i) }
            if v & 0xffff_ffff_0000_0000 == tag {
                let s = Int(v & 0xffff_ffff) - 1
                let a = Int(start[s]), b = Int(start[s + 1])
                if b - a == key.count && (key.isEmpty || memcmp(bytes.base + a, key.baseAddress!, key.count) == 0) {
                    return (s, i)
                }
            }
            i = (i + 1) & mask
        }
    }

    /// Loads what `add(encoded:hash:count:)` will read first for `hash` — its index word and,
    /// when that holds a variant, the variant's start and first byte — and returns them mixed,
    /// so the loads of a batch of paths overlap instead of missing the cache one after another.
    @inlinable @inline(__always)
    public func touch(hash h: UInt64) -> UInt64 {
        let v = index[Int(truncatingIfNeeded: h) & (index.count - 1)]
        guard v != 0 else { return 0 }
        let a = Int(start[Int(v & 0xffff_ffff) - 1])
        return a < bytes.count ? v &+ UInt64(bytes.base[a]) : v
    }

    /// Adds `other`'s variants (disjoint journeys: counts add up). The look-ups run on
    /// `threads` threads while this table is only read; then counts are added and the new
    /// paths appended in `other`'s order, so slots are those of adding them one by one.
    /// Measured on the 10M-row benchmark log: merging the second thread's ~420 k variants was
    /// ~100 ms on one core.
    public mutating func merge(_ other: VariantTable, threads: Int) {
        let n = other.count.count
        guard threads > 1, n >= 4096 else {
            reserveCapacity(count.count + n)
            // In batches whose index words are loaded first (`touch`): measured, two thirds of a
            // shard's merge waited on the index word of each path in turn (10M-row shuffled log:
            // the merge ~25 ms of the run's tail).
            let batch = 16
            var hashes = (UInt64(0), UInt64(0), UInt64(0), UInt64(0), UInt64(0), UInt64(0), UInt64(0), UInt64(0),
                          UInt64(0), UInt64(0), UInt64(0), UInt64(0), UInt64(0), UInt64(0), UInt64(0), UInt64(0))
            var touched: UInt64 = 0
            withUnsafeMutableBytes(of: &hashes) { raw in
                let h = raw.baseAddress!.assumingMemoryBound(to: UInt64.self)
                var from = 0
                while from < n {
                    let to = min(n, from + batch)
                    for v in from..<to {
                        h[v - from] = Self.hash(other.encoded(v))
                        touched &+= touch(hash: h[v - from])
                    }
                    for v in from..<to { add(encoded: other.encoded(v), hash: h[v - from], count: other.count[v]) }
                    from = to
                }
            }
            Self.keep(touched)
            return
        }
        // Raw memory read by all threads, `map` written at disjoint indices.
        nonisolated(unsafe) let map = RawColumn<Int32>(repeating: -1, count: n)
        defer { map.free() }
        nonisolated(unsafe) let table = self, source = other
        DispatchQueue.concurrentPerform(iterations: threads) { t in
            for v in (n * t / threads)..<(n * (t + 1) / threads) {
                let key = source.encoded(v)
                if let s = table.find(key, hash: Self.hash(key)).0 { map[v] = Int32(s) }
            }
        }
        var new = 0
        for v in 0..<n {
            if map[v] >= 0 { count[Int(map[v])] += other.count[v] } else { new += 1 }
        }
        reserveCapacity(count.count + new)
        // Paths of one table are distinct: a path not found is new, once.
        for v in 0..<n where map[v] < 0 {
            let key = other.encoded(v)
            let h = Self.hash(key)
            insert(key, hash: h, at: find(key, hash: h).bucket, count: other.count[v])
        }
    }

    /// Uses `value` where the optimiser cannot see (so `touch`'s loads are not removed).
    @_optimize(none) @inline(never)
    static func keep(_ value: UInt64) {}

    @usableFromInline
    mutating func insert(_ key: UnsafeBufferPointer<UInt8>, hash h: UInt64, at i: Int, count n: Int64) {
        let tag = h & 0xffff_ffff_0000_0000
        let s = count.count
        count.append(n)
        if !key.isEmpty { bytes.append(key) }
        precondition(bytes.count <= Int(UInt32.max), "more than 4 GiB of distinct journey paths")
        start.append(UInt32(truncatingIfNeeded: bytes.count))
        index[i] = tag | UInt64(s + 1)
        if (s + 1) * 4 > index.count * 3 { rehash(size: index.count * 2) }
    }

    /// Makes room for `n` variants in all (before a merge: one rehash at most).
    public mutating func reserveCapacity(_ n: Int) {
        var size = index.count
        while n * 4 > size * 3 { size *= 2 }
        if size > index.count { rehash(size: size) }
    }

    /// The encoded path of variant `s`.
    public func encoded(_ s: Int) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(start: bytes.base + Int(start[s]), count: Int(start[s + 1]) - Int(start[s]))
    }

    /// The touchpoint path of variant `s`.
    public func path(_ s: Int) -> [Int32] {
        var out: [Int32] = []
        var v: UInt32 = 0, shift: UInt32 = 0
        for b in encoded(s) {
            v |= UInt32(b & 0x7f) << shift
            if b < 0x80 { out.append(Int32(bitPattern: v)); v = 0; shift = 0 } else { shift += 7 }
        }
        return out
    }

    private mutating func rehash(size: Int) {
        let bigger = RawColumn<UInt64>(repeating: 0, count: size)
        let mask = bigger.count - 1
        for s in 0..<count.count {
            let h = Self.hash(encoded(s))
            var i = Int(truncatingIfNeeded: h) & mask
            while bigger[i] != 0 { i = (i + 1) & mask }
            bigger[i] = (h & 0xffff_ffff_0000_0000) | UInt64(s + 1)
        }
        index.free()
        index = bigger
    }

    @inlinable @inline(__always)
    public static func hash(_ key: UnsafeBufferPointer<UInt8>) -> UInt64 {
        StringPool.hash(UnsafeRawBufferPointer(key))
    }

    public func free() {
        count.free(); start.free(); bytes.free(); index.free(); scratch.free()
    }
}
