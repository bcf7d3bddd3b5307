/// A growable column of plain values on raw memory, for the miner's inner loop.
///
/// Written by hand because measured necessary: with `[Int64]` properties of a class, the
/// accumulator spent about half its time in Swift's dynamic exclusivity checks and
/// uniqueness checks (perf on 1M events: `swift_beginAccess`/`endAccess`/`AccessSet::insert`
/// ≈ 25 % of the whole run). A `RawColumn` copied into a local is just a pointer and two
/// integers. The owner calls `free()` exactly once; copies share the memory.
struct RawColumn<T: BitwiseCopyable> {
    private(set) var base: UnsafeMutablePointer<T>
    private(set) var count = 0
    private(set) var capacity: Int

    init(capacity: Int = 16) {
        self.capacity = max(1, capacity)
        base = .allocate(capacity: self.capacity)
    }

    /// `count` copies of `value`.
    init(repeating value: T, count: Int) {
        self.init(capacity: count)
        base.initialize(repeating: value, count: count)
        self.count = count
    }

    @inline(__always)
    subscript(i: Int) -> T {
        get { base[i] }
        nonmutating set { base[i] = newValue }
    }

    @inline(__always)
    mutating func append(_ value: T) {
        if count == capacity { grow(to: capacity * 2) }
        base[count] = value
        count += 1
    }

    mutating func append(_ values: UnsafeBufferPointer<T>) {
        if count + values.count > capacity { grow(to: max(capacity * 2, count + values.count)) }
        (base + count).update(from: values.baseAddress!, count: values.count)
        count += values.count
    }

    /// Appends `n` copies of `value`.
    mutating func append(repeating value: T, count n: Int) {
        if count + n > capacity { grow(to: max(capacity * 2, count + n)) }
        (base + count).initialize(repeating: value, count: n)
        count += n
    }

    private mutating func grow(to newCapacity: Int) {
        let bigger = UnsafeMutablePointer<T>.allocate(capacity: newCapacity)
        bigger.update(from: base, count: count)
        base.deallocate()
        base = bigger
        capacity = newCapacity
    }

    /// Empties the column, keeping its memory.
    mutating func removeAll() { count = 0 }

    var buffer: UnsafeMutableBufferPointer<T> { UnsafeMutableBufferPointer(start: base, count: count) }

    func free() { base.deallocate() }
}
