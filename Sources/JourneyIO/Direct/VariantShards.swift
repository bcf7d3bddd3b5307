@_spi(JourneyIO) import JourneyCore
import Dispatch
import Synchronization

/// Distinct paths of every counting thread, split by hash into shards (each a `VariantTable`
/// behind a lock of its own), which the threads' `VariantShards` add to a batch at a time.
///
/// Shared, not one set per thread merged at the end: measured on the 10M-row shuffled log,
/// the merge of two threads' ~420 k paths each was ~18 ms of the run's serial tail (each path
/// of one table looked up in the other's), and the two sets held most paths twice.
final class VariantStore: @unchecked Sendable {
    static let bits = 5
    static let count = 1 << bits
    let tables: UnsafeMutablePointer<VariantTable>
    private let locks: [ShardLock]

    init() {
        tables = .allocate(capacity: Self.count)
        // One table each (a table's columns are raw memory: copies would share it).
        for s in 0..<Self.count { (tables + s).initialize(to: VariantTable()) }
        locks = (0..<Self.count).map { _ in ShardLock() }
    }

    deinit {
        for s in 0..<Self.count { tables[s].free() }
        tables.deinitialize(count: Self.count)
        tables.deallocate()
    }

    /// The shard of a path's hash.
    @inline(__always)
    static func shard(_ h: UInt64) -> Int { Int(truncatingIfNeeded: h >> UInt64(64 - bits)) }

    /// Runs `body` on shard `s`'s table, alone.
    @inline(__always)
    func withShard<R>(_ s: Int, _ body: (inout VariantTable) -> R) -> R {
        locks[s].mutex.withLock { _ in body(&tables[s]) }
    }

    /// Makes room for about `n` distinct paths in all (no shard shrinks).
    func reserve(_ n: Int) {
        for s in 0..<Self.count { withShard(s) { $0.reserveCapacity(n / Self.count + 64) } }
    }

    /// The shards, for `JourneyGraphBuilder` (valid while this object lives, once every
    /// `VariantShards` adding to it has been flushed).
    var all: [VariantTable] { (0..<Self.count).map { tables[$0] } }
}

/// A mutex on the heap, so that an array can hold several (`Mutex` is not copyable).
private final class ShardLock: Sendable {
    let mutex = Mutex<Void>(())
}

/// One counting thread's way into a `VariantStore`: paths wait per shard and go in
/// `VariantShards.batch` at a time, the shard locked once per batch. A batch into one shard
/// keeps that table's lines in the cache while it goes in (measured: with one batch of 16
/// paths for all shards, the look-up missed the cache on most paths).
final class VariantShards: @unchecked Sendable {
    let store: VariantStore
    // Not checked for exclusive access at run time: one counting thread owns each object, and
    // `add` runs per journey — measured, the checks (swift_beginAccess/endAccess, a TLS look-up
    // each) and the copies they kept from being optimised were ~10 % of a 10M-row `mine`.
    /// Per shard: paths waiting, encoded one after another, their ends and their hashes.
    private let pending: UnsafeMutablePointer<RawColumn<UInt8>>
    private let pendingEnds: UnsafeMutablePointer<RawColumn<Int32>>
    private let pendingHashes: UnsafeMutablePointer<RawColumn<UInt64>>
    @exclusivity(unchecked) private var scratch = RawColumn<UInt8>(capacity: 256)
    /// Where `touch` results go, so the loads are not optimised away.
    @exclusivity(unchecked) private(set) var sink: UInt64 = 0
    /// Paths a shard takes at once.
    static let batch = 512
    /// Paths whose first cache misses overlap within a batch (`VariantTable.touch`).
    private static let group = 16

    /// Adds to `store` (a store of its own when none is given: counts alone, as a thread's
    /// side of a comparison whose sides are merged with `merge`).
    init(store: VariantStore = VariantStore()) {
        self.store = store
        pending = .allocate(capacity: VariantStore.count)
        pendingEnds = .allocate(capacity: VariantStore.count)
        pendingHashes = .allocate(capacity: VariantStore.count)
        for s in 0..<VariantStore.count {
            (pending + s).initialize(to: RawColumn(capacity: 64))
            (pendingEnds + s).initialize(to: RawColumn(capacity: 16))
            (pendingHashes + s).initialize(to: RawColumn(capacity: 16))
        }
    }

    deinit {
        for s in 0..<VariantStore.count { pending[s].free(); pendingEnds[s].free(); pendingHashes[s].free() }
        pending.deallocate(); pendingEnds.deallocate(); pendingHashes.deallocate()
        scratch.free()
    }

    /// Makes room for about `n` distinct paths in all.
    func reserve(_ n: Int) { store.reserve(n) }

    /// Adds one journey following `path` (now or with its shard's next batch; `flush` adds the rest).
    @inline(__always)
    func add(path: UnsafeBufferPointer<Int32>) {
        VariantTable.encode(path, into: &scratch)
        let h = VariantTable.hash(UnsafeBufferPointer(scratch.buffer))
        let s = VariantStore.shard(h)
        pending[s].append(UnsafeBufferPointer(scratch.buffer))
        pendingEnds[s].append(Int32(truncatingIfNeeded: pending[s].count))
        pendingHashes[s].append(h)
        if pendingHashes[s].count == Self.batch { flush(shard: s) }
    }

    /// Adds shard `s`'s waiting paths, in the order they came.
    private func flush(shard s: Int) {
        let n = pendingHashes[s].count
        guard n > 0 else { return }
        let bytes = pending[s], ends = pendingEnds[s], hashes = pendingHashes[s]
        let touched = store.withShard(s) { table -> UInt64 in
            var touched: UInt64 = 0
            var from = 0, k = 0
            while k < n {
                let upTo = min(n, k + Self.group)
                for j in k..<upTo { touched &+= table.touch(hash: hashes[j]) }
                for j in k..<upTo {
                    let to = Int(ends[j])
                    table.add(encoded: UnsafeBufferPointer(start: bytes.base + from, count: to - from), hash: hashes[j], count: 1)
                    from = to
                }
                k = upTo
            }
            return touched
        }
        sink &+= touched
        pending[s].removeAll(); pendingEnds[s].removeAll(); pendingHashes[s].removeAll()
    }

    /// Adds every waiting path.
    func flush() {
        for s in 0..<VariantStore.count { flush(shard: s) }
    }

    /// Adds `others`' paths into these: those adding to the same store only flush; others'
    /// tables are merged in, shard by shard in parallel.
    func merge(_ others: [VariantShards]) {
        flush()
        for other in others { other.flush() }
        let separate = others.filter { $0.store !== store }
        guard !separate.isEmpty else { return }
        let into = store
        DispatchQueue.concurrentPerform(iterations: VariantStore.count) { s in
            for other in separate { into.tables[s].merge(other.store.tables[s], threads: 1) }
        }
    }

    /// The shards, for `JourneyGraphBuilder` (valid while this object lives; after `merge`
    /// or `flush`).
    var all: [VariantTable] {
        for s in 0..<VariantStore.count {
            precondition(pendingHashes[s].count == 0, "flush before reading the shards")
        }
        return store.all
    }
}
