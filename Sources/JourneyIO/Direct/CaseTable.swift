@_spi(JourneyIO) import JourneyCore
import CRowScan
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The case names of one partition as dense ids (0, 1, 2, … in first-seen order), for
/// `CaseGrouper`: one table used for every partition a thread groups, emptied in place.
///
/// Names are not copied: they stay in the case runs, which outlive the partition's grouping.
/// A slot holds a 24-bit hash tag, the length and the first and last 8 bytes of its name (for
/// names of up to 16 bytes, the name itself), so a probe is one cache line and a hit on a short
/// name reads nothing else. Written for this loop rather than using `StringPool`, which copies
/// every name into arrays of its own and is called across modules: measured on the shuffled
/// 10M-row log (one run per event, ten million look-ups), `StringPool.intern` and its table
/// warm-up were ~8.5 % of `mine`.
struct CaseTable: ~Copyable {
    private struct Slot {
        /// 0 = empty; else hash tag (bits 40–63), length (bits 32–39), id + 1.
        var meta: UInt64
        var head: UInt64
        var tail: UInt64
    }

    private var slots: UnsafeMutablePointer<Slot>
    private var mask: Int
    /// Where each id's name is (in the runs), and its length.
    private var names = RawColumn<UnsafeRawPointer>(capacity: 1024)
    private var lengths = RawColumn<UInt8>(capacity: 1024)

    init() {
        mask = 63
        slots = .allocate(capacity: mask + 1)
        slots.initialize(repeating: Slot(meta: 0, head: 0, tail: 0), count: mask + 1)
    }

    deinit {
        slots.deallocate(); names.free(); lengths.free()
    }

    /// Distinct names so far.
    var count: Int { names.count }

    /// The name of id `c` (valid while the runs it points into are).
    func name(_ c: Int) -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(start: names[c], count: Int(lengths[c]))
    }

    /// Forgets every name, keeping the memory.
    mutating func removeAll() {
        UnsafeMutableRawPointer(slots).initializeMemory(as: UInt8.self, repeating: 0, count: (mask + 1) * MemoryLayout<Slot>.stride)
        names.removeAll(); lengths.removeAll()
    }

    /// Makes room for `n` names without growing on the way.
    mutating func reserveCapacity(_ n: Int) {
        var size = mask + 1
        while n * 4 > size * 3 { size *= 2 }
        if size > mask + 1 { rehash(size: size) }
    }

    /// The first and last words of a name and its hash (`ByteInterner`'s).
    @inline(__always)
    static func key(_ p: UnsafeRawPointer, _ n: Int) -> (head: UInt64, tail: UInt64, hash: UInt64) {
        let (head, tail) = ByteInterner.words(p, n)
        return (head, tail, ByteInterner.hash(p, n, head, tail))
    }

    /// Asks for the slot where a name of hash `h` starts its probe, to bring it into the cache
    /// ahead of `intern`.
    @inline(__always)
    func prefetch(hash h: UInt64) {
        jm_prefetch_read(slots + (Int(truncatingIfNeeded: h) & mask))
    }

    /// The id of the `n` bytes at `p` (at most 255), whose `key` is `head`, `tail`, `h`: new
    /// names get the next id.
    @inline(__always)
    mutating func intern(_ p: UnsafeRawPointer, _ n: Int, head: UInt64, tail: UInt64, hash h: UInt64) -> UInt32 {
        let key = (h & 0xffff_ff00_0000_0000) | UInt64(n) << 32
        var i = Int(truncatingIfNeeded: h) & mask
        while true {
            let s = slots[i]
            if s.meta == 0 { break }
            if s.meta & 0xffff_ffff_0000_0000 == key && s.head == head && s.tail == tail {
                let id = Int(truncatingIfNeeded: s.meta & 0xffff_ffff) - 1
                if n <= 16 || memcmp(names[id], p, n) == 0 { return UInt32(truncatingIfNeeded: id) }
            }
            i = (i + 1) & mask
        }
        let id = names.count
        names.append(p)
        lengths.append(UInt8(truncatingIfNeeded: n))
        slots[i] = Slot(meta: key | UInt64(id + 1), head: head, tail: tail)
        if (id + 1) * 4 > (mask + 1) * 3 { rehash(size: (mask + 1) * 2) }
        return UInt32(truncatingIfNeeded: id)
    }

    private mutating func rehash(size: Int) {
        let bigger = UnsafeMutablePointer<Slot>.allocate(capacity: size)
        bigger.initialize(repeating: Slot(meta: 0, head: 0, tail: 0), count: size)
        let m = size - 1
        for i in 0...mask where slots[i].meta != 0 {
            let s = slots[i]
            let id = Int(truncatingIfNeeded: s.meta & 0xffff_ffff) - 1
            let h = ByteInterner.hash(names[id], Int(lengths[id]), s.head, s.tail)
            var j = Int(truncatingIfNeeded: h) & m
            while bigger[j].meta != 0 { j = (j + 1) & m }
            bigger[j] = s
        }
        slots.deallocate()
        slots = bigger
        mask = m
    }
}
