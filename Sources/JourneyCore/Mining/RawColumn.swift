#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A growable column of plain values on raw memory, for the miner's inner loop.
///
/// Written by hand because measured necessary: with `[Int64]` properties of a class, the
/// accumulator spent about half its time in Swift's dynamic exclusivity checks and
/// uniqueness checks (perf on 1M events: `swift_beginAccess`/`endAccess`/`AccessSet::insert`
/// ≈ 25 % of the whole run). A `RawColumn` copied into a local is just a pointer and two
/// integers. The owner calls `free()` exactly once; copies share the memory.
///
/// Engine room, not API: public only under `@_spi(JourneyIO)`, because `@inlinable package`
/// declarations are not inlined into other modules by Swift 6.3 (measured: JourneyIO's loops
/// called the unspecialised generic `append`/subscript, and `mine` on the shuffled 10M-row
/// log took 41 % more CPU than before the module split; a two-module probe showed the same
/// for a `package` type, while an SPI-public one is specialised and inlined).
@_spi(JourneyIO) public struct RawColumn<T: BitwiseCopyable> {
    @usableFromInline var storage: UnsafeMutablePointer<T>
    @usableFromInline var used = 0
    @usableFromInline var allocated: Int

    /// The first value's address.
    @inlinable public var base: UnsafeMutablePointer<T> { storage }
    /// How many values the column holds.
    @inlinable public var count: Int { used }
    /// How many values fit before it grows.
    @inlinable public var capacity: Int { allocated }

    @inlinable
    public init(capacity: Int = 16) {
        allocated = max(1, capacity)
        storage = .allocate(capacity: allocated)
    }

    /// `count` copies of `value`.
    @inlinable
    public init(repeating value: T, count: Int) {
        self.init(capacity: count)
        storage.initialize(repeating: value, count: count)
        used = count
    }

    @inlinable @inline(__always)
    public subscript(i: Int) -> T {
        get { storage[i] }
        nonmutating set { storage[i] = newValue }
    }

    @inlinable @inline(__always)
    public mutating func append(_ value: T) {
        if used == allocated { grow(to: allocated * 2) }
        storage[used] = value
        used += 1
    }

    @inlinable
    public mutating func append(_ values: UnsafeBufferPointer<T>) {
        let n = values.count
        if used + n > allocated { grow(to: max(allocated * 2, used + n)) }
        if n <= 16 {
            // A few values (a distinct path's bytes, a name) copied in line: the call to
            // `memmove` per short key was ~4 % of `mine` of a sorted 10M-row log.
            let to = storage + used
            for k in 0..<n { to[k] = values[k] }
        } else {
            (storage + used).update(from: values.baseAddress!, count: n)
        }
        used += n
    }

    /// Appends `n` copies of `value`.
    @inlinable
    public mutating func append(repeating value: T, count n: Int) {
        if used + n > allocated { grow(to: max(allocated * 2, used + n)) }
        (storage + used).initialize(repeating: value, count: n)
        used += n
    }

    /// Appends `n` values left as they are in memory (not set: the caller writes every one
    /// before it is read) and returns the first one's address. For columns filled right after,
    /// such as a counting sort's output (measured: zeroing those first was ~1.8 % of `mine` of
    /// a shuffled 10M-row log).
    @inlinable
    public mutating func appendUninitialized(count n: Int) -> UnsafeMutablePointer<T> {
        if used + n > allocated { grow(to: max(allocated * 2, used + n)) }
        defer { used += n }
        return storage + used
    }

    /// Grows by `realloc` where `allocate` is `malloc` (alignment up to 16): a large column is
    /// then moved by remapping its pages, not copied (measured: the distinct-path tables' copies
    /// as they doubled were ~5 % of counting a shuffled 10M-row log).
    @usableFromInline
    mutating func grow(to newCapacity: Int) {
        if MemoryLayout<T>.alignment <= 16,
           let moved = realloc(UnsafeMutableRawPointer(storage), newCapacity * MemoryLayout<T>.stride) {
            storage = moved.bindMemory(to: T.self, capacity: newCapacity)
            allocated = newCapacity
            return
        }
        let bigger = UnsafeMutablePointer<T>.allocate(capacity: newCapacity)
        bigger.update(from: storage, count: used)
        storage.deallocate()
        storage = bigger
        allocated = newCapacity
    }

    /// Empties the column, keeping its memory.
    @inlinable
    public mutating func removeAll() { used = 0 }

    /// Keeps the first `n` values (room taken by `appendUninitialized` and not all written).
    @inlinable
    public mutating func truncate(to n: Int) {
        precondition(n >= 0 && n <= used)
        used = n
    }

    @inlinable
    public var buffer: UnsafeMutableBufferPointer<T> { UnsafeMutableBufferPointer(start: storage, count: used) }

    @inlinable
    public func free() { storage.deallocate() }
}
