import Dispatch

/// Distinct paths split by hash into shards (each a `VariantTable`): one set per counting
/// thread, merged shard by shard on all threads. Measured on the 10M-row benchmark log with
/// one table per thread: growing it ~4 % of the run, and merging the second thread's ~420 k
/// paths ~0.1 s on one core while the other waited.
final class VariantShards: @unchecked Sendable {
    static let bits = 5
    static let count = 1 << bits
    let tables: UnsafeMutablePointer<VariantTable>
    private var scratch = RawColumn<UInt8>(capacity: 256)

    init() {
        tables = .allocate(capacity: Self.count)
        // One table each (a table's columns are raw memory: copies would share it).
        for s in 0..<Self.count { (tables + s).initialize(to: VariantTable()) }
    }

    deinit {
        for s in 0..<Self.count { tables[s].free() }
        tables.deinitialize(count: Self.count)
        tables.deallocate()
        scratch.free()
    }

    /// Makes room for about `n` distinct paths in all.
    func reserve(_ n: Int) {
        for s in 0..<Self.count { tables[s].reserveCapacity(n / Self.count + 64) }
    }

    /// Adds one journey following `path`.
    @inline(__always)
    func add(path: UnsafeBufferPointer<Int32>) {
        VariantTable.encode(path, into: &scratch)
        let key = UnsafeBufferPointer(scratch.buffer)
        let h = VariantTable.hash(key)
        tables[Int(truncatingIfNeeded: h >> UInt64(64 - Self.bits))].add(encoded: key, hash: h, count: 1)
    }

    /// Adds `others`' paths into these, shards in parallel.
    func merge(_ others: [VariantShards]) {
        DispatchQueue.concurrentPerform(iterations: Self.count) { s in
            for other in others { self.tables[s].merge(other.tables[s], threads: 1) }
        }
    }

    /// The shards, for `JourneyGraphBuilder` (valid while this object lives).
    var all: [VariantTable] { (0..<Self.count).map { tables[$0] } }
}
