/// Interns byte strings into dense ids (0, 1, 2, … in first-seen order).
///
/// Readers hand raw UTF-8 bytes straight from their buffers, so a repeated case or activity
/// name costs one hash and one compare, never a `String` allocation.
/// - Complexity: amortized O(length) per `intern`.
public struct StringPool: Sendable {
    /// All interned bytes, back to back.
    private var storage: [UInt8] = []
    /// Start offset of each id's bytes in `storage`; `offsets[id+1]` is its end.
    private var offsets: [Int] = [0]
    /// Open-addressing table of id+1 (0 = empty slot), size a power of two.
    private var slots: [UInt32] = Array(repeating: 0, count: 64)
    private var hashes: [UInt64] = []

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
            let h = Self.hash(raw)
            let mask = slots.count - 1
            var i = Int(truncatingIfNeeded: h) & mask
            while true {
                let slot = slots[i]
                if slot == 0 { return nil }
                let id = Int(slot - 1)
                if hashes[id] == h && equals(id, raw) { return UInt32(id) }
                i = (i + 1) & mask
            }
        }
    }

    /// The string for `id`.
    public func string(_ id: UInt32) -> String {
        let start = offsets[Int(id)], end = offsets[Int(id) + 1]
        return storage.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[start..<end]), as: UTF8.self) }
    }

    /// All strings in id order.
    public var strings: [String] { (0..<count).map { string(UInt32($0)) } }

    /// The ids in this pool of every string of `other`, in `other`'s id order, adding the new
    /// ones. Works on the bytes and reuses `other`'s hashes: no `String` is made. Used to
    /// combine tables read in parallel.
    /// - Complexity: O(total bytes of `other`).
    public mutating func intern(contentsOf other: StringPool) -> [UInt32] {
        var map = [UInt32](repeating: 0, count: other.count)
        storage.reserveCapacity(storage.count + other.storage.count)
        offsets.reserveCapacity(offsets.count + other.count)
        hashes.reserveCapacity(hashes.count + other.count)
        other.storage.withUnsafeBytes { bytes in
            for id in 0..<other.count {
                let start = other.offsets[id], end = other.offsets[id + 1]
                map[id] = internBytes(UnsafeRawBufferPointer(rebasing: bytes[start..<end]), hash: other.hashes[id])
            }
        }
        return map
    }

    @usableFromInline
    mutating func internBytes(_ raw: UnsafeRawBufferPointer) -> UInt32 {
        internBytes(raw, hash: Self.hash(raw))
    }

    @usableFromInline
    mutating func internBytes(_ raw: UnsafeRawBufferPointer, hash h: UInt64) -> UInt32 {
        var mask = slots.count - 1
        var i = Int(truncatingIfNeeded: h) & mask
        while true {
            let slot = slots[i]
            if slot == 0 { break }
            let id = Int(slot - 1)
            if hashes[id] == h && equals(id, raw) { return UInt32(id) }
            i = (i + 1) & mask
        }
        let id = count
        storage.append(contentsOf: raw)
        offsets.append(storage.count)
        hashes.append(h)
        if (id + 1) * 4 > slots.count * 3 {
            grow()
            mask = slots.count - 1
            i = Int(truncatingIfNeeded: h) & mask
            while slots[i] != 0 { i = (i + 1) & mask }
        }
        slots[i] = UInt32(id + 1)
        return UInt32(id)
    }

    private mutating func grow() {
        var newSlots = [UInt32](repeating: 0, count: slots.count * 2)
        let mask = newSlots.count - 1
        for id in 0..<count {
            var i = Int(truncatingIfNeeded: hashes[id]) & mask
            while newSlots[i] != 0 { i = (i + 1) & mask }
            newSlots[i] = UInt32(id + 1)
        }
        slots = newSlots
    }

    @inline(__always)
    private func equals(_ id: Int, _ raw: UnsafeRawBufferPointer) -> Bool {
        let start = offsets[id], end = offsets[id + 1]
        guard end - start == raw.count else { return false }
        if raw.isEmpty { return true }
        return storage.withUnsafeBufferPointer { buf in
            memcmp(buf.baseAddress! + start, raw.baseAddress!, raw.count) == 0
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
