extension ParallelTasks {
    /// How many times each value `0..<buckets` occurs in `values` (every value must be below
    /// `buckets`), counted in chunks on `threads` threads and added: integer sums, so the same
    /// on any number of threads. (One pass over the 10M events of the bench log took ~15 ms on
    /// one thread while the other waited.)
    package static func counts<T: BinaryInteger>(of values: UnsafeBufferPointer<T>, buckets: Int, threads: Int) -> [Int] {
        let chunk = 1 << 20
        let chunks = (values.count + chunk - 1) / chunk
        let shared = SharedValues(values)
        let parts = map(chunks, threads: threads) { c -> [Int] in
            var counts = [Int](repeating: 0, count: buckets)
            counts.withUnsafeMutableBufferPointer { counts in
                for i in (c * chunk)..<min(shared.values.count, (c + 1) * chunk) { counts[Int(shared.values[i])] += 1 }
            }
            return counts
        }
        var total = [Int](repeating: 0, count: buckets)
        for part in parts { for b in 0..<buckets { total[b] += part[b] } }
        return total
    }
}

/// Values read by the counting tasks (each reads its own chunk).
private struct SharedValues<T>: @unchecked Sendable {
    let values: UnsafeBufferPointer<T>
    init(_ values: UnsafeBufferPointer<T>) { self.values = values }
}
