@_spi(JourneyIO) import JourneyCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A reader-side cache from name bytes to the id a `StringPool` gave them.
///
/// The pools live in the (class) `EventTable`; going to them for every field costs a
/// dynamic exclusivity check and bounds-checked array work. This cache is a plain local value
/// on raw memory: names of up to 16 bytes are compared as two machine words (no `memcmp`),
/// and the previous name is tried first (sorted logs repeat a case for many rows). The pool is
/// asked only the first time a name is seen, or for every miss once `maxEntries` names are
/// cached (high-cardinality columns such as cases must not double the pool's memory).
/// - Complexity: O(1) expected per lookup for short names, O(length) for long ones.
struct ByteInterner: ~Copyable {
    /// Per entry: first and last 8 bytes (zero-padded for short names), length, hash, pool id.
    private var heads: UnsafeMutablePointer<UInt64>
    private var tails: UnsafeMutablePointer<UInt64>
    private var lengths: UnsafeMutablePointer<Int>
    private var hashes: UnsafeMutablePointer<UInt64>
    private var ids: UnsafeMutablePointer<UInt32>
    /// Where the bytes of names longer than 16 bytes are kept (offset per entry).
    private var offsets: UnsafeMutablePointer<Int>
    private var arena: UnsafeMutablePointer<UInt8>
    private var arenaCount = 0
    private var arenaCapacity = 4096
    private var count = 0
    private var entryCapacity = 64
    /// Open addressing: entry index + 1, 0 = empty; a power of two long.
    private var slots: UnsafeMutablePointer<Int32>
    private var slotMask = 127
    /// Names cached at most; beyond, misses go to the pool every time.
    let maxEntries: Int
    /// The previous name looked up (its bytes in `recentBytes` when longer than 16).
    private var recentHead: UInt64 = 0
    private var recentTail: UInt64 = 0
    private var recentLength = -1
    private var recentID: UInt32 = 0
    private var recentBytes: UnsafeMutablePointer<UInt8>
    private var recentCapacity = 64

    init(maxEntries: Int = 65_536) {
        self.maxEntries = maxEntries
        recentBytes = .allocate(capacity: recentCapacity)
        heads = .allocate(capacity: entryCapacity)
        tails = .allocate(capacity: entryCapacity)
        lengths = .allocate(capacity: entryCapacity)
        hashes = .allocate(capacity: entryCapacity)
        ids = .allocate(capacity: entryCapacity)
        offsets = .allocate(capacity: entryCapacity)
        arena = .allocate(capacity: arenaCapacity)
        slots = .allocate(capacity: slotMask + 1)
        slots.initialize(repeating: 0, count: slotMask + 1)
    }

    deinit {
        heads.deallocate(); tails.deallocate(); lengths.deallocate(); hashes.deallocate()
        ids.deallocate(); offsets.deallocate(); arena.deallocate(); slots.deallocate()
        recentBytes.deallocate()
    }

    /// The first and last 8 bytes of `p[0..<n]` as words; for n < 8 the bytes, zero-padded.
    /// Reads only inside the name.
    @inline(__always)
    static func words(_ p: UnsafeRawPointer, _ n: Int) -> (UInt64, UInt64) {
        if n >= 8 {
            return (p.loadUnaligned(as: UInt64.self), p.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self))
        }
        if n >= 4 {
            let lo = UInt64(p.loadUnaligned(as: UInt32.self))
            let hi = UInt64(p.loadUnaligned(fromByteOffset: n - 4, as: UInt32.self))
            return (lo | (hi << 32), 0)
        }
        if n == 0 { return (0, 0) }
        let a = UInt64(p.load(as: UInt8.self))
        let b = UInt64(p.load(fromByteOffset: n >> 1, as: UInt8.self))
        let c = UInt64(p.load(fromByteOffset: n - 1, as: UInt8.self))
        return (a | (b << 8) | (c << 16), 0)
    }

    @inline(__always)
    static func mix(_ a: UInt64, _ b: UInt64) -> UInt64 {
        let m = a.multipliedFullWidth(by: b)
        return m.high ^ m.low
    }

    @inline(__always)
    static func hash(_ p: UnsafeRawPointer, _ n: Int, _ head: UInt64, _ tail: UInt64) -> UInt64 {
        var h = mix(head ^ 0xa076_1d64_78bd_642f, tail ^ 0xe703_7ed1_a0b4_28db ^ UInt64(n))
        if n > 16 {
            var i = 8
            while i + 8 <= n - 8 {
                h = mix(h ^ p.loadUnaligned(fromByteOffset: i, as: UInt64.self), 0x8ebc_6af0_9c88_c6e3)
                i += 8
            }
            // The bytes between the last whole word and the tail (n − 16 is not a multiple of
            // 8): the word ending where the tail starts. Without it, names such as
            // "order-00" + 4 digits + "-2024-EU" all hashed alike, and a partition's case table
            // probed them in one chain.
            if i < n - 8 {
                h = mix(h ^ p.loadUnaligned(fromByteOffset: n - 16, as: UInt64.self), 0x9e37_79b9_7f4a_7c15)
            }
        }
        return mix(h, 0x5899_65cc_7537_4cc3)
    }

    /// The pool id of `bytes` if cached; else nil, and the caller asks the pool and calls
    /// `remember` (kept apart so no closure, and no retain of the table, is on the hot path).
    @inline(__always)
    mutating func cachedID(_ bytes: UnsafeRawBufferPointer) -> UInt32? {
        let n = bytes.count
        guard let p = bytes.baseAddress else { return nil }
        let (head, tail) = Self.words(p, n)
        if n == recentLength && head == recentHead && tail == recentTail
            && (n <= 16 || memcmp(recentBytes, p, n) == 0) {
            return recentID
        }
        if maxEntries == 0 { return nil }
        let h = Self.hash(p, n, head, tail)
        var i = Int(truncatingIfNeeded: h) & slotMask
        while true {
            let s = Int(slots[i])
            if s == 0 { return nil }
            let e = s - 1
            if hashes[e] == h && matches(e, p, n, head, tail) {
                setRecent(p, n, head, tail, ids[e])
                return ids[e]
            }
            i = (i + 1) & slotMask
        }
    }

    /// Records that `bytes` has pool id `id` (after `cachedID` returned nil).
    mutating func remember(_ bytes: UnsafeRawBufferPointer, id: UInt32) {
        let n = bytes.count
        guard let p = bytes.baseAddress else { return }
        let (head, tail) = Self.words(p, n)
        setRecent(p, n, head, tail, id)
        guard count < maxEntries else { return }
        let h = Self.hash(p, n, head, tail)
        var i = Int(truncatingIfNeeded: h) & slotMask
        while slots[i] != 0 { i = (i + 1) & slotMask }
        let e = insert(p, n, head, tail, h, id: id)
        slots[i] = Int32(e + 1)
        if count * 4 > (slotMask + 1) * 3 { rehash() }
    }

    @inline(__always)
    private mutating func setRecent(_ p: UnsafeRawPointer, _ n: Int, _ head: UInt64, _ tail: UInt64, _ id: UInt32) {
        recentHead = head; recentTail = tail; recentLength = n; recentID = id
        guard n > 16 else { return }
        if n > recentCapacity {
            recentBytes.deallocate()
            recentCapacity = n * 2
            recentBytes = .allocate(capacity: recentCapacity)
        }
        recentBytes.update(from: p.assumingMemoryBound(to: UInt8.self), count: n)
    }

    @inline(__always)
    private func matches(_ e: Int, _ p: UnsafeRawPointer, _ n: Int, _ head: UInt64, _ tail: UInt64) -> Bool {
        guard lengths[e] == n && heads[e] == head && tails[e] == tail else { return false }
        if n <= 16 { return true }
        return memcmp(arena + offsets[e], p, n) == 0
    }

    private mutating func insert(_ p: UnsafeRawPointer, _ n: Int, _ head: UInt64, _ tail: UInt64,
                                 _ h: UInt64, id: UInt32) -> Int {
        if count == entryCapacity { growEntries() }
        let e = count
        heads[e] = head; tails[e] = tail; lengths[e] = n; hashes[e] = h; ids[e] = id
        offsets[e] = 0
        if n > 16 {
            if arenaCount + n > arenaCapacity {
                while arenaCount + n > arenaCapacity { arenaCapacity *= 2 }
                let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: arenaCapacity)
                grown.update(from: arena, count: arenaCount)
                arena.deallocate()
                arena = grown
            }
            (arena + arenaCount).update(from: p.assumingMemoryBound(to: UInt8.self), count: n)
            offsets[e] = arenaCount
            arenaCount += n
        }
        count += 1
        return e
    }

    private mutating func growEntries() {
        let newCapacity = entryCapacity * 2
        func grow<T>(_ old: inout UnsafeMutablePointer<T>) {
            let new = UnsafeMutablePointer<T>.allocate(capacity: newCapacity)
            new.moveInitialize(from: old, count: count)
            old.deallocate()
            old = new
        }
        grow(&heads); grow(&tails); grow(&lengths); grow(&hashes); grow(&ids); grow(&offsets)
        entryCapacity = newCapacity
    }

    private mutating func rehash() {
        let size = (slotMask + 1) * 2
        slots.deallocate()
        slots = .allocate(capacity: size)
        slots.initialize(repeating: 0, count: size)
        slotMask = size - 1
        for e in 0..<count {
            var i = Int(truncatingIfNeeded: hashes[e]) & slotMask
            while slots[i] != 0 { i = (i + 1) & slotMask }
            slots[i] = Int32(e + 1)
        }
    }
}
