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
    /// Open-addressing table, a power of two long; 0 = empty, else the high 32 bits of the
    /// name's hash (a tag) over id+1. The tag settles almost every non-matching probe without
    /// touching the bytes (one cache miss per probe instead of three on large pools).
    private var slots: [UInt64] = Array(repeating: 0, count: 64)

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
            let (found, _) = find(raw, hash: Self.hash(raw))
            return found
        }
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

    /// Sets the table size for `n` strings in all (one allocation instead of repeated growth).
    public mutating func reserveCapacity(_ n: Int) {
        var size = slots.count
        while n * 4 > size * 3 { size *= 2 }
        if size > slots.count { rehash(size: size) }
        offsets.reserveCapacity(n + 1)
    }

    @usableFromInline
    mutating func internBytes(_ raw: UnsafeRawBufferPointer) -> UInt32 {
        let h = Self.hash(raw)
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
        slots[i] = Self.slot(hash: h, id: id)
        return UInt32(id)
    }

    @inline(__always)
    private static func slot(hash h: UInt64, id: Int) -> UInt64 {
        (h & 0xffff_ffff_0000_0000) | UInt64(id + 1)
    }

    /// The id of `raw` if present, else nil and the empty slot where it goes.
    @inline(__always)
    private func find(_ raw: UnsafeRawBufferPointer, hash h: UInt64) -> (UInt32?, free: Int) {
        slots.withUnsafeBufferPointer { sl in
            let mask = sl.count - 1
            let tag = h & 0xffff_ffff_0000_0000
            var i = Int(truncatingIfNeeded: h) & mask
            while true {
                let s = sl[i]
                if s == 0 { return (nil, i) }
                if s & 0xffff_ffff_0000_0000 == tag {
                    let id = Int(s & 0xffff_ffff) - 1
                    if equals(id, raw) { return (UInt32(id), i) }
                }
                i = (i + 1) & mask
            }
        }
    }

    /// Rebuilds the table at `size` slots (hashes are recomputed from the bytes).
    private mutating func rehash(size: Int) {
        var newSlots = [UInt64](repeating: 0, count: size)
        let mask = size - 1
        storage.withUnsafeBytes { bytes in
            offsets.withUnsafeBufferPointer { o in
                newSlots.withUnsafeMutableBufferPointer { ns in
                    for id in 0..<(o.count - 1) {
                        let h = Self.hash(UnsafeRawBufferPointer(rebasing: bytes[Int(o[id])..<Int(o[id + 1])]))
                        var i = Int(truncatingIfNeeded: h) & mask
                        while ns[i] != 0 { i = (i + 1) & mask }
                        ns[i] = Self.slot(hash: h, id: id)
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
    @inline(__always)
    static func hash(_ raw: UnsafeRawBufferPointer) -> UInt64 {
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

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
