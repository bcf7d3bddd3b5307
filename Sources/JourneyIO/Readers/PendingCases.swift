@_spi(JourneyIO) import JourneyCore
/// Case names of rows already appended, waiting to be interned together.
///
/// On a large shuffled log almost every row's case lookup misses the CPU caches (1.3M
/// distinct cases, a ~50 MB table); one row at a time, each miss waits for the previous.
/// Interning a batch first reads the table slot of every name (independent loads the CPU
/// overlaps), then interns them in row order, so ids stay first-seen order.
/// The names point into the reader's buffer: flush before the buffer moves.
struct PendingCases: ~Copyable {
    static let capacity = 64
    let rows = UnsafeMutablePointer<Int>.allocate(capacity: capacity)
    let names = UnsafeMutablePointer<UnsafeRawBufferPointer>.allocate(capacity: capacity)
    let hashes = UnsafeMutablePointer<UInt64>.allocate(capacity: capacity)
    /// The name is the previous row's (no lookup needed).
    let repeats = UnsafeMutablePointer<Bool>.allocate(capacity: capacity)
    var count = 0

    deinit {
        rows.deallocate(); names.deallocate(); hashes.deallocate(); repeats.deallocate()
    }

    var isFull: Bool { count == Self.capacity }

    mutating func add(row: Int, name: UnsafeRawBufferPointer) {
        rows[count] = row
        names[count] = name
        count += 1
    }
}

extension EventTable {
    /// Interns the pending case names and sets them as their rows' case ids; empties the
    /// batch. Returns the last name's id (nil when the batch was empty).
    /// - Complexity: O(total bytes of the names).
    func internCases(_ batch: inout PendingCases) -> UInt32? {
        let n = batch.count
        guard n > 0 else { return nil }
        var last: UInt32 = 0
        withCasesAndIDs { pool, ids in
            var touched: UInt64 = 0
            for k in 0..<n {
                let name = batch.names[k]
                batch.repeats[k] = k > 0 && Self.same(name, batch.names[k - 1])
                if batch.repeats[k] { continue }
                let h = StringPool.hash(name)
                batch.hashes[k] = h
                touched &+= pool.touch(hash: h)
            }
            if touched == 42 { last = 1 }  // keeps the loads above; never matters
            for k in 0..<n {
                if !batch.repeats[k] { last = pool.intern(batch.names[k], hash: batch.hashes[k]) }
                ids[batch.rows[k]] = last
            }
        }
        batch.count = 0
        return last
    }

    @inline(__always)
    static func same(_ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer) -> Bool {
        guard a.count == b.count else { return false }
        return a.count == 0 || memcmp(a.baseAddress!, b.baseAddress!, a.count) == 0
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
