/// A growable column of plain values on raw memory, for the miner's inner loop.
///
/// Written by hand because measured necessary: with `[Int64]` properties of a class, the
/// accumulator spent about half its time in Swift's dynamic exclusivity checks and
/// uniqueness checks (perf on 1M events: `swift_beginAccess`/`endAccess`/`AccessSet::insert`
/// ≈ 25 % of the whole run). A `RawColumn` copied into a local is just a pointer and two
/// integers. The owner calls `free()` exactly once; copies share the memory.
package struct RawColumn<T: BitwiseCopyable> {
    @usableFromInline package private(set) var base: UnsafeMutablePointer<T>
    @usableFromInline package private(set) var count = 0
    @usableFromInline package private(set) var capacity: Int

    @inlinable
    package init(capacity: Int = 16) {
        self.capacity = max(1, capacity)
        base = .allocate(capacity: self.capacity)
    }

    /// `count` copies of `value`.
    @inlinable
    package init(repeating value: T, count: Int) {
        self.init(capacity: count)
        base.initialize(repeating: value, count: count)
        self.count = count
    }

    @inlinable @inline(__always)
    package subscript(i: Int) -> T {
        get { base[i] }
        nonmutating set { base[i] = newValue }
    }

    @inlinable @inline(__always)
    package mutating func append(_ value: T) {
        if count == capacity { grow(to: capacity * 2) }
        base[count] = value
        count += 1
    }

    @inlinable
    package mutating func append(_ values: UnsafeBufferPointer<T>) {
        if count + values.count > capacity { grow(to: max(capacity * 2, count + values.count)) }
        (base + count).update(from: values.baseAddress!, count: values.count)
        count += values.count
    }

    /// Appends `n` copies of `value`.
    @inlinable
    package mutating func append(repeating value: T, count n: Int) {
        if count + n > capacity { grow(to: max(capacity * 2, count + n)) }
        (base + count).initialize(repeating: value, count: n)
        count += n
    }

    @usableFromInline
    package mutating func grow(to newCapacity: Int) {
        let bigger = UnsafeMutablePointer<T>.allocate(capacity: newCapacity)
        bigger.update(from: base, count: count)
        base.deallocate()
        base = bigger
        capacity = newCapacity
    }

    /// Empties the column, keeping its memory.
    @inlinable
    package mutating func removeAll() { count = 0 }

    @inlinable
    package var buffer: UnsafeMutableBufferPointer<T> { UnsafeMutableBufferPointer(start: base, count: count) }

    @inlinable
    package func free() { base.deallocate() }
}
