/// A mergeable histogram of durations (µs) with log-linear buckets, like HdrHistogram:
/// values below 64 µs are exact; above, each power of two is split into 64 buckets, so a
/// bucket spans at most 1/64 (1.6 %) of its value and quantiles are reported at the bucket's
/// midpoint (≤ 0.8 % relative error).
///
/// Why not exact medians: two journey files mined from disjoint case sets must merge into
/// exactly what mining the union gives. Bucket counts add, so merged histograms — and every
/// quantile read from them — are identical to a single pass; the mean is exact (integer sum).
public struct DurationHistogram: Sendable, Equatable {
    /// Non-empty buckets in ascending order, and their counts (parallel arrays). Sorted arrays,
    /// not a dictionary: mining adds buckets in order (appends), files are written in bucket
    /// order, and merging is a merge of two sorted lists. Measured on the 10M-row benchmark's
    /// 529 transitions (~530 k buckets): building dictionaries and sorting them again for the
    /// file was ~30 ms of `mine`'s single-threaded tail.
    private var keys: [Int32] = []
    private var counts: [Int64] = []
    public private(set) var count: Int64 = 0
    /// Exact sum of all durations in µs.
    public private(set) var sumMicros: Int64 = 0

    public init() {}

    /// Bucket index → count, only non-empty buckets.
    public var buckets: [Int32: Int64] { Dictionary(uniqueKeysWithValues: zip(keys, counts)) }

    static let subBuckets = 64
    static let subBits = 6

    /// Bucket of a duration in µs (negative durations, from unsorted equal-time ties, count as 0).
    /// - Complexity: O(1), integer operations only.
    @inline(__always)
    public static func bucket(_ micros: Int64) -> Int32 {
        let v = UInt64(max(0, micros))
        if v < UInt64(subBuckets) { return Int32(v) }
        let e = 63 - v.leadingZeroBitCount          // ≥ 6
        let m = Int32((v >> (e - subBits)) & UInt64(subBuckets - 1))
        return Int32(subBuckets) + Int32(e - subBits) * Int32(subBuckets) + m
    }

    /// Lowest value of a bucket and its width.
    public static func range(of bucket: Int32) -> (low: Int64, width: Int64) {
        if bucket < Int32(subBuckets) { return (Int64(bucket), 1) }
        let b = Int(bucket) - subBuckets
        let e = b / subBuckets + subBits
        let m = b % subBuckets
        let low = (Int64(1) << e) + Int64(m) << (e - subBits)
        return (low, Int64(1) << (e - subBits))
    }

    public mutating func add(_ micros: Int64) {
        addToBucket(Self.bucket(micros), 1)
        count += 1
        sumMicros &+= max(0, micros)
    }

    /// Adds `n` samples already bucketed (the miner's dense counters; in bucket order, they append).
    public mutating func add(bucket: Int32, count n: Int64) {
        addToBucket(bucket, n)
        count += n
    }

    /// Adds `n` to `bucket`'s count: appended when beyond the last, else found by binary search.
    private mutating func addToBucket(_ bucket: Int32, _ n: Int64) {
        if let last = keys.last, last >= bucket {
            var lo = 0, hi = keys.count
            while lo < hi {
                let mid = (lo + hi) / 2
                if keys[mid] < bucket { lo = mid + 1 } else { hi = mid }
            }
            if keys[lo] == bucket { counts[lo] += n } else { keys.insert(bucket, at: lo); counts.insert(n, at: lo) }
        } else {
            keys.append(bucket)
            counts.append(n)
        }
    }

    public mutating func addSum(_ micros: Int64) { sumMicros &+= micros }

    public mutating func merge(_ other: DurationHistogram) {
        if keys.isEmpty {
            keys = other.keys; counts = other.counts
        } else if !other.keys.isEmpty {
            var mk: [Int32] = [], mc: [Int64] = []
            mk.reserveCapacity(keys.count + other.keys.count); mc.reserveCapacity(keys.count + other.keys.count)
            var i = 0, j = 0
            while i < keys.count || j < other.keys.count {
                if j == other.keys.count || (i < keys.count && keys[i] < other.keys[j]) {
                    mk.append(keys[i]); mc.append(counts[i]); i += 1
                } else if i == keys.count || other.keys[j] < keys[i] {
                    mk.append(other.keys[j]); mc.append(other.counts[j]); j += 1
                } else {
                    mk.append(keys[i]); mc.append(counts[i] + other.counts[j]); i += 1; j += 1
                }
            }
            keys = mk; counts = mc
        }
        count += other.count
        sumMicros &+= other.sumMicros
    }

    /// Mean in seconds, nil when empty.
    public var meanSeconds: Double? { count == 0 ? nil : Double(sumMicros) / Double(count) / 1e6 }

    /// The q-quantile (0…1) in seconds at bucket midpoint (nearest-rank), nil when empty.
    public func quantileSeconds(_ q: Double) -> Double? { quantilesSeconds([q])[0] }

    /// The non-empty buckets in bucket order.
    public var sortedBuckets: [(key: Int32, value: Int64)] {
        (0..<keys.count).map { (key: keys[$0], value: counts[$0]) }
    }

    /// Several quantiles in one pass over the buckets. Of one duration every quantile is that
    /// duration, exactly (the sum holds it): a bucket's midpoint had made a single 21 s move's
    /// median 21.102592 s, on most edges of a sparse log.
    public func quantilesSeconds(_ qs: [Double]) -> [Double?] {
        guard count > 0 else { return qs.map { _ in nil } }
        if count == 1 { return qs.map { _ in Double(sumMicros) / 1e6 } }
        return qs.map { q in
            let rank = max(1, Int64((q * Double(count)).rounded(.up)))
            var seen: Int64 = 0
            for (b, n) in zip(keys, counts) {
                seen += n
                if seen >= rank {
                    let (low, width) = Self.range(of: b)
                    let mid = width == 1 ? Double(low) : Double(low) + Double(width - 1) / 2
                    return mid / 1e6
                }
            }
            return nil
        }
    }

    /// Makes room for `n` non-empty buckets.
    public mutating func reserveCapacity(_ n: Int) { keys.reserveCapacity(n); counts.reserveCapacity(n) }

    /// Sorted `[bucket, count]` pairs, the form stored in journey files.
    public var pairs: [[Int64]] { sortedBuckets.map { [Int64($0.key), $0.value] } }

    public init(pairs: [[Int64]], sumMicros: Int64) throws {
        for p in pairs {
            guard p.count == 2, p[1] > 0, let b = Int32(exactly: p[0]), b >= 0 else {
                throw JourneyFileError.invalid("histogram entries must be [bucket, count] with count > 0")
            }
            add(bucket: b, count: p[1])
        }
        self.sumMicros = sumMicros
    }

    /// `"bucket:count bucket:count …"` in bucket order: the journey file's compact form
    /// (a JSON array of pairs would take a line per number in pretty-printed files).
    /// Digits written by hand: string interpolation per pair made writing the 10M-row
    /// benchmark's journey file take ~50 ms (530 k pairs); appending to an array digit by
    /// digit still took ~4 ms of `mine`'s single-threaded tail.
    public var compactPairs: String {
        guard !keys.isEmpty else { return "" }
        // A pair takes at most 11 + 1 + 20 bytes and a space.
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: keys.count * 33) { buffer in
            let p = buffer.baseAddress!
            var o = 0
            for i in keys.indices {
                if i > 0 { p[o] = 32; o += 1 }
                o += Self.writeDecimal(Int64(keys[i]), p + o)
                p[o] = 58; o += 1
                o += Self.writeDecimal(counts[i], p + o)
            }
            return String(decoding: UnsafeBufferPointer(start: p, count: o), as: UTF8.self)
        }
    }

    /// Writes `value` in decimal at `p`; returns the bytes written.
    @inline(__always)
    private static func writeDecimal(_ value: Int64, _ p: UnsafeMutablePointer<UInt8>) -> Int {
        var v = value.magnitude
        let sign = value < 0 ? 1 : 0
        if sign == 1 { p[0] = 45 }
        var digits = 1, rest = v
        while rest >= 10 { rest /= 10; digits += 1 }
        var at = sign + digits
        repeat { at -= 1; p[at] = UInt8(truncatingIfNeeded: 48 &+ v % 10); v /= 10 } while v > 0
        return sign + digits
    }

    /// Parses `compactPairs` ("bucket:count bucket:count …").
    ///
    /// Written over the UTF-8 bytes: splitting into substrings and arrays per pair made loading
    /// the 529-transition journey file of the map benchmark take ~60 ms of its ~100 ms.
    public init(compactPairs text: String, sumMicros: Int64) throws {
        var text = text
        try text.withUTF8 { bytes in
            var i = 0
            let n = bytes.count
            func number() -> Int64? {
                var value: Int64 = 0
                let start = i
                while i < n, bytes[i] >= 48, bytes[i] <= 57, i - start < 18 {
                    value = value * 10 + Int64(bytes[i] - 48)
                    i += 1
                }
                return i > start ? value : nil
            }
            while i < n {
                if bytes[i] == 32 { i += 1; continue }
                let entryStart = i
                guard let b = number(), i < n, bytes[i] == 58, ({ i += 1; return true })(), let c = number(),
                      i == n || bytes[i] == 32, c > 0, let bucket = Int32(exactly: b) else {
                    var end = entryStart
                    while end < n, bytes[end] != 32 { end += 1 }
                    let entry = String(decoding: UnsafeBufferPointer(rebasing: bytes[entryStart..<end]), as: UTF8.self)
                    throw JourneyFileError.invalid("histogram entry \"\(entry)\": expected bucket:count with count > 0")
                }
                add(bucket: bucket, count: c)
            }
        }
        self.sumMicros = sumMicros
    }
}
