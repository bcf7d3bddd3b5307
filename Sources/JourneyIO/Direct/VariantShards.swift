@_spi(JourneyIO) import JourneyCore
import Dispatch

/// Distinct paths split by hash into shards (each a `VariantTable`): one set per counting
/// thread, merged shard by shard on all threads. Measured on the 10M-row benchmark log with
/// one table per thread: growing it ~4 % of the run, and merging the second thread's ~420 k
/// paths ~0.1 s on one core while the other waited.
final class VariantShards: @unchecked Sendable {
    static let bits = 5
    static let count = 1 << bits
    let tables: UnsafeMutablePointer<VariantTable>
    // Not checked for exclusive access at run time: one counting thread owns each object, and
    // `add` runs per journey — measured, the checks (swift_beginAccess/endAccess, a TLS look-up
    // each) and the copies they kept from being optimised were ~10 % of a 10M-row `mine`.
    /// Paths waiting to be added, encoded one after another, with their ends and hashes.
    @exclusivity(unchecked) private var pending = RawColumn<UInt8>(capacity: 4096)
    @exclusivity(unchecked) private var pendingEnds = RawColumn<Int>(capacity: VariantShards.batch)
    @exclusivity(unchecked) private var pendingHashes = RawColumn<UInt64>(capacity: VariantShards.batch)
    /// Where `touch` results go, so the loads are not optimised away.
    @exclusivity(unchecked) private(set) var sink: UInt64 = 0
    /// Paths added together: their first cache misses overlap (measured: the index look-up
    /// missed on nearly every journey, ~8 % of a shuffled 10M-row run).
    static let batch = 16

    init() {
        tables = .allocate(capacity: Self.count)
        // One table each (a table's columns are raw memory: copies would share it).
        for s in 0..<Self.count { (tables + s).initialize(to: VariantTable()) }
    }

    deinit {
        for s in 0..<Self.count { tables[s].free() }
        tables.deinitialize(count: Self.count)
        tables.deallocate()
        pending.free(); pendingEnds.free(); pendingHashes.free()
    }

    /// Makes room for about `n` distinct paths in all.
    func reserve(_ n: Int) {
        for s in 0..<Self.count { tables[s].reserveCapacity(n / Self.count + 64) }
    }

    /// Adds one journey following `path` (now or with the next batch; `flush` adds the rest).
    @inline(__always)
    func add(path: UnsafeBufferPointer<Int32>) {
        // Encoded where it waits (not in a scratch buffer copied after: ~2 % of a 10M-row run).
        let from = pending.count
        VariantTable.encode(path, appendingTo: &pending)
        pendingHashes.append(VariantTable.hash(UnsafeBufferPointer(start: pending.base + from, count: pending.count - from)))
        pendingEnds.append(pending.count)
        if pendingHashes.count == Self.batch { flush() }
    }

    /// Adds the waiting paths, in the order they came.
    func flush() {
        let n = pendingHashes.count
        var touched: UInt64 = 0
        for k in 0..<n {
            let h = pendingHashes[k]
            touched &+= tables[Int(truncatingIfNeeded: h >> UInt64(64 - Self.bits))].touch(hash: h)
        }
        var from = 0
        for k in 0..<n {
            let h = pendingHashes[k], to = pendingEnds[k]
            let key = UnsafeBufferPointer(start: pending.base + from, count: to - from)
            tables[Int(truncatingIfNeeded: h >> UInt64(64 - Self.bits))].add(encoded: key, hash: h, count: 1)
            from = to
        }
        sink = touched
        pending.removeAll(); pendingEnds.removeAll(); pendingHashes.removeAll()
    }

    /// Adds `others`' paths into these, shards in parallel.
    func merge(_ others: [VariantShards]) {
        flush()
        for other in others { other.flush() }
        DispatchQueue.concurrentPerform(iterations: Self.count) { s in
            for other in others { self.tables[s].merge(other.tables[s], threads: 1) }
        }
    }

    /// The shards, for `JourneyGraphBuilder` (valid while this object lives; after `merge`
    /// or `flush`).
    var all: [VariantTable] {
        precondition(pendingHashes.count == 0, "flush before reading the shards")
        return (0..<Self.count).map { tables[$0] }
    }
}
