import Dispatch

/// Interns byte strings into dense ids (0, 1, 2, … in first-seen order).
///
/// Readers hand raw UTF-8 bytes straight from their buffers, so a repeated case or activity
/// name costs one hash and one compare, never a `String` allocation.
/// - Complexity: amortized O(length) per `intern`.
public struct StringPool: Sendable {
    /// All interned bytes, back to back.
    private var storage: [UInt8] = []
    /// Start offset of each id's bytes in `storage`; `offsets[id+1]` is its end. 32 bits: a
    /// pool holds at most 4 GiB of distinct names (checked).
    private var offsets: [UInt32] = [0]
    /// Open-addressing table, a power of two long (empty when `compact()`ed: rebuilt on the
    /// next `intern`). Each slot carries the name's length, 24 bits of its hash and, for names
    /// of up to 16 bytes, the name itself (`Slot.words`): a probe is one cache line, and a hit
    /// on a short name never reads `offsets` or `storage` (measured: on 10M shuffled rows
    /// with 1.3M distinct cases, three cache misses per row became one).
    private var slots: [Slot] = Array(repeating: Slot(), count: 64)

    struct Slot: BitwiseCopyable {
        /// 0 = empty; else hash tag (bits 40–63), min(length, 255) (bits 32–39), id + 1.
        var meta: UInt64 = 0
        var head: UInt64 = 0
        var tail: UInt64 = 0
    }

    public init() {}

    /// Number of distinct strings.
    public var count: Int { offsets.count - 1 }

    /// The id of `bytes`, adding it when new.
    @inlinable @inline(__always)
    public mutating func intern(_ bytes: UnsafeRawBufferPointer) -> UInt32 {
        internBytes(bytes)
    }

    public mutating func intern(_ string: String) -> UInt32 {
        var s = string
        return s.withUTF8 { internBytes(UnsafeRawBufferPointer($0)) }
    }

    /// The id of `bytes` if already interned.
    public func lookup(_ string: String) -> UInt32? {
        var s = string
        return s.withUTF8 { buf -> UInt32? in
            let raw = UnsafeRawBufferPointer(buf)
            if slots.isEmpty { return (0..<count).first { equals($0, raw) }.map(UInt32.init) }
            let (found, _) = find(raw, hash: Self.hash(raw))
            return found
        }
    }

    /// Frees the lookup table (about 24 bytes per name at 3/4 load); `intern` rebuilds it
    /// when needed, `lookup` then scans. For pools that are complete, such as a table's cases
    /// once read.
    public mutating func compact() {
        slots = []
        storage.shrinkToFitIfWasteful()
        offsets.shrinkToFitIfWasteful()
    }

    /// The string for `id`.
    public func string(_ id: UInt32) -> String {
        let start = Int(offsets[Int(id)]), end = Int(offsets[Int(id) + 1])
        return storage.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[start..<end]), as: UTF8.self) }
    }

    /// All strings in id order.
    public var strings: [String] { (0..<count).map { string(UInt32($0)) } }

    /// The ids in this pool of every string of `other`, in `other`'s id order, adding the new
    /// ones. Works on the bytes: no `String` is made. Used to combine tables read in parallel.
    /// - Complexity: O(total bytes of `other`).
    public mutating func intern(contentsOf other: StringPool) -> [UInt32] {
        var map = [UInt32](repeating: 0, count: other.count)
        storage.reserveCapacity(storage.count + other.storage.count)
        // No table reserve for count + other.count: parallel parts of an unsorted log share
        // most names, and the sum would double the table (measured: +90 MB at 10M).
        offsets.reserveCapacity(offsets.count + other.count)
        other.storage.withUnsafeBytes { bytes in
            other.offsets.withUnsafeBufferPointer { o in
                for id in 0..<other.count {
                    map[id] = internBytes(UnsafeRawBufferPointer(rebasing: bytes[Int(o[id])..<Int(o[id + 1])]))
                }
            }
        }
        return map
    }

    /// `intern(contentsOf:)` for large pools: the look-ups of `other`'s names are spread over
    /// `threads` threads (this pool is only read meanwhile), then the new names are appended in
    /// `other`'s order, so ids are the same as `intern(contentsOf:)` gives. With
    /// `keepLookup: false` the lookup table is dropped rather than grown, as `compact()` does
    /// (for the last part of a read whose pool is compacted next; `intern` rebuilds it).
    /// Measured on the 10M-row benchmark log read by two threads: the serial merge of the
    /// second part's 640 k case names took ~140 ms of interning and rehashing on one core.
    /// - Complexity: O(total bytes of `other`) / `threads`, plus O(new names) serial.
    public mutating func merge(contentsOf other: StringPool, threads: Int, keepLookup: Bool) -> [UInt32] {
        let n = other.count
        guard threads > 1, n >= 4096, !slots.isEmpty else {
            let map = intern(contentsOf: other)
            if !keepLookup { slots = [] }
            return map
        }
        let notFound = UInt32.max
        var map = [UInt32](repeating: notFound, count: n)
        let pool = self
        map.withUnsafeMutableBufferPointer { out in
            let found = SendablePointer(out.baseAddress!)
            DispatchQueue.concurrentPerform(iterations: threads) { t in
                other.storage.withUnsafeBytes { bytes in
                    other.offsets.withUnsafeBufferPointer { o in
                        for id in (n * t / threads)..<(n * (t + 1) / threads) {
                            let raw = UnsafeRawBufferPointer(rebasing: bytes[Int(o[id])..<Int(o[id + 1])])
                            if let hit = pool.find(raw, hash: Self.hash(raw)).0 { found.base[id] = hit }
                        }
                    }
                }
            }
        }
        if !keepLookup { slots = [] }
        storage.reserveCapacity(storage.count + other.storage.count)
        offsets.reserveCapacity(offsets.count + n)
        other.storage.withUnsafeBytes { bytes in
            other.offsets.withUnsafeBufferPointer { o in
                for id in 0..<n where map[id] == notFound {
                    let raw = UnsafeRawBufferPointer(rebasing: bytes[Int(o[id])..<Int(o[id + 1])])
                    // Names of one pool are distinct: a name not found is new, once.
                    if keepLookup {
                        map[id] = intern(raw, hash: Self.hash(raw))
                    } else {
                        map[id] = UInt32(count)
                        storage.append(contentsOf: raw)
                        precondition(storage.count <= Int(UInt32.max), "more than 4 GiB of distinct names in one column")
                        offsets.append(UInt32(truncatingIfNeeded: storage.count))
                    }
                }
            }
        }
        return map
    }

    /// Appends `raw` as the next id without looking it up, for names known to be distinct and
    /// new (the direct path's cases, each once: a case lives in one partition). Drops the lookup
    /// table as `compact()` does; `intern` rebuilds it. Measured need: interning the 1.3 M case
    /// names of the 10M-row log one by one built a ~50 MB table only to throw it away.
    @_spi(JourneyIO) public mutating func appendDistinct(_ raw: UnsafeRawBufferPointer) -> UInt32 {
        if !slots.isEmpty { slots = [] }
        let id = count
        storage.append(contentsOf: raw)
        precondition(storage.count <= Int(UInt32.max), "more than 4 GiB of distinct names in one column")
        offsets.append(UInt32(truncatingIfNeeded: storage.count))
        return UInt32(id)
    }

    /// Sets the table size for `n` strings in all (one allocation instead of repeated growth).
    public mutating func reserveCapacity(_ n: Int) {
        let size = Self.tableSize(for: n)
        if size > slots.count { rehash(size: size) }
        offsets.reserveCapacity(n + 1)
    }

    @usableFromInline
    mutating func internBytes(_ raw: UnsafeRawBufferPointer) -> UInt32 {
        intern(raw, hash: Self.hash(raw))
    }

    /// Reads the table slot where a name of hash `h` starts its probe (to bring it into the
    /// cache ahead of `intern(_:hash:)`); returns its first word so the load is kept.
    @inline(__always)
    package func touch(hash h: UInt64) -> UInt64 {
        slots.withUnsafeBufferPointer { sl in sl.isEmpty ? 0 : sl[Int(truncatingIfNeeded: h) & (sl.count - 1)].meta }
    }

    /// `intern` with `hash(raw)` already computed.
    package mutating func intern(_ raw: UnsafeRawBufferPointer, hash h: UInt64) -> UInt32 {
        if slots.isEmpty { rehash(size: Self.tableSize(for: count + 1)) }
        let (found, free) = find(raw, hash: h)
        if let found { return found }
        let id = count
        storage.append(contentsOf: raw)
        precondition(storage.count <= Int(UInt32.max), "more than 4 GiB of distinct names in one column")
        offsets.append(UInt32(truncatingIfNeeded: storage.count))
        var i = free
        if (id + 1) * 4 > slots.count * 3 {
            rehash(size: slots.count * 2)
            i = find(raw, hash: h).free
        }
        slots[i] = Self.slot(raw, hash: h, id: id)
        return UInt32(id)
    }

    static func tableSize(for n: Int) -> Int {
        var size = 64
        while n * 4 > size * 3 { size *= 2 }
        return size
    }

    @inline(__always)
    private static func meta(_ n: Int, hash h: UInt64) -> UInt64 {
        (h & 0xffff_ff00_0000_0000) | UInt64(min(n, 255)) << 32
    }

    @inline(__always)
    private static func slot(_ raw: UnsafeRawBufferPointer, hash h: UInt64, id: Int) -> Slot {
        let (head, tail) = words(raw)
        return Slot(meta: meta(raw.count, hash: h) | UInt64(id + 1), head: head, tail: tail)
    }

    /// The first and last 8 bytes of `raw` (zero-padded below 8; the second word 0 below 9):
    /// with the length, they are the name itself up to 16 bytes.
    @inline(__always)
    static func words(_ raw: UnsafeRawBufferPointer) -> (UInt64, UInt64) {
        let n = raw.count
        guard let p = raw.baseAddress, n > 0 else { return (0, 0) }
        if n >= 8 {
            return (p.loadUnaligned(as: UInt64.self), n == 8 ? 0 : p.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self))
        }
        var head: UInt64 = 0
        if n >= 4 {
            head = UInt64(p.loadUnaligned(as: UInt32.self)) | UInt64(p.loadUnaligned(fromByteOffset: n - 4, as: UInt32.self)) << ((n - 4) * 8)
        } else {
            for k in 0..<n { head |= UInt64(p.load(fromByteOffset: k, as: UInt8.self)) << (k * 8) }
        }
        return (head, 0)
    }

    /// The id of `raw` if present, else nil and the empty slot where it goes.
    @inline(__always)
    private func find(_ raw: UnsafeRawBufferPointer, hash h: UInt64) -> (UInt32?, free: Int) {
        let key = Self.meta(raw.count, hash: h)
        let (head, tail) = Self.words(raw)
        let short = raw.count <= 16
        return slots.withUnsafeBufferPointer { sl in
            let mask = sl.count - 1
            var i = Int(truncatingIfNeeded: h) & mask
            while true {
                let s = sl[i]
                if s.meta == 0 { return (nil, i) }
                if s.meta & 0xffff_ffff_0000_0000 == key && s.head == head && s.tail == tail {
                    let id = Int(s.meta & 0xffff_ffff) - 1
                    if short || equals(id, raw) { return (UInt32(id), i) }
                }
                i = (i + 1) & mask
            }
        }
    }

    /// Rebuilds the table at `size` slots (hashes are recomputed from the bytes).
    private mutating func rehash(size: Int) {
        var newSlots = [Slot](repeating: Slot(), count: size)
        let mask = size - 1
        storage.withUnsafeBytes { bytes in
            offsets.withUnsafeBufferPointer { o in
                newSlots.withUnsafeMutableBufferPointer { ns in
                    for id in 0..<(o.count - 1) {
                        let raw = UnsafeRawBufferPointer(rebasing: bytes[Int(o[id])..<Int(o[id + 1])])
                        let h = Self.hash(raw)
                        var i = Int(truncatingIfNeeded: h) & mask
                        while ns[i].meta != 0 { i = (i + 1) & mask }
                        ns[i] = Self.slot(raw, hash: h, id: id)
                    }
                }
            }
        }
        slots = newSlots
    }

    @inline(__always)
    private func equals(_ id: Int, _ raw: UnsafeRawBufferPointer) -> Bool {
        offsets.withUnsafeBufferPointer { o in
            let start = Int(o[id]), end = Int(o[id + 1])
            guard end - start == raw.count else { return false }
            if raw.isEmpty { return true }
            return storage.withUnsafeBufferPointer { buf in
                memcmp(buf.baseAddress! + start, raw.baseAddress!, raw.count) == 0
            }
        }
    }

    /// FNV-1a over 8-byte words, then a final avalanche (splitmix64).
    /// (SPI-public so that JourneyIO's loops inline it: see `RawColumn`.)
    @_spi(JourneyIO) @inlinable @inline(__always)
    public static func hash(_ raw: UnsafeRawBufferPointer) -> UInt64 {
        var h: UInt64 = 0xcbf29ce484222325 ^ UInt64(raw.count)
        var i = 0
        let n = raw.count
        while i + 8 <= n {
            let w = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            h = (h ^ w) &* 0x100000001b3
            h ^= h >> 29
            i += 8
        }
        while i < n {
            h = (h ^ UInt64(raw[i])) &* 0x100000001b3
            i += 1
        }
        h ^= h >> 30; h = h &* 0xbf58476d1ce4e5b9
        h ^= h >> 27; h = h &* 0x94d049bb133111eb
        h ^= h >> 31
        return h
    }
}

extension Array {
    /// Gives back spare capacity above 1/8 of the count (arrays grow by doubling).
    mutating func shrinkToFitIfWasteful() {
        guard capacity > count + count / 8 + 64 else { return }
        var copy: [Element] = []
        copy.reserveCapacity(count)
        copy.append(contentsOf: self)
        self = copy
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A pointer handed to `concurrentPerform` workers that write disjoint elements.
private struct SendablePointer<T>: @unchecked Sendable {
    let base: UnsafeMutablePointer<T>
    init(_ base: UnsafeMutablePointer<T>) { self.base = base }
}
