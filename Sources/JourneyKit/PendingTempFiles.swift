#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Synchronization

/// The temporary files being written, in a form a signal handler may read: a table of
/// fixed-size C strings allocated once, and one atomic word saying which slots hold a path.
/// Slots are filled and emptied only outside the handler (under a lock); the handler only
/// loads the word and calls `unlink`, both async-signal-safe (a Swift `Set` is not: iterating
/// it may retain, release or read a buffer being resized).
enum PendingTempFiles {
    /// Outputs written at the same time, at most (a run writes a handful).
    static let slots = 64
    /// Longest path kept, in bytes with its NUL (PATH_MAX).
    static let slotBytes = 4096

    nonisolated(unsafe) private static let table: UnsafeMutablePointer<CChar> = {
        let p = UnsafeMutablePointer<CChar>.allocate(capacity: slots * slotBytes)
        p.initialize(repeating: 0, count: slots * slotBytes)
        return p
    }()
    /// Bit i set: slot i holds a path (published after the path is written).
    private static let used = Atomic<UInt64>(0)
    private static let lock = Mutex(())

    /// Allocates the table: call before installing the handler, so the handler never runs
    /// a lazy initialiser.
    static func prepare() { _ = table }

    /// Records `path`; returns its slot for `remove`, or nil when the path is too long or
    /// every slot is taken (the file is then not removed on a signal, nothing else changes).
    static func add(_ path: String) -> Int? {
        let bytes = Array(path.utf8)
        guard bytes.count < slotBytes, !bytes.contains(0) else { return nil }
        return lock.withLock { _ -> Int? in
            let mask = used.load(ordering: .acquiring)
            guard mask != UInt64.max else { return nil }
            let slot = (~mask).trailingZeroBitCount
            let start = table + slot * slotBytes
            bytes.withUnsafeBufferPointer { b in
                b.baseAddress!.withMemoryRebound(to: CChar.self, capacity: b.count) { start.update(from: $0, count: b.count) }
            }
            start[bytes.count] = 0
            used.bitwiseOr(UInt64(1) << UInt64(slot), ordering: .releasing)
            return slot
        }
    }

    /// Forgets the path of `slot` (its bytes may then be reused).
    static func remove(_ slot: Int?) {
        guard let slot else { return }
        lock.withLock { _ in _ = used.bitwiseAnd(~(UInt64(1) << UInt64(slot)), ordering: .releasing) }
    }

    /// For the signal handler: unlinks every recorded path. Async-signal-safe.
    static func unlinkAll() {
        var mask = used.load(ordering: .acquiring)
        while mask != 0 {
            let slot = mask.trailingZeroBitCount
            unlink(table + slot * slotBytes)
            mask &= mask - 1
        }
    }

    /// The paths recorded now (for tests).
    static func paths() -> [String] {
        lock.withLock { _ in
            let mask = used.load(ordering: .acquiring)
            return (0..<slots).filter { mask & (UInt64(1) << UInt64($0)) != 0 }.map { String(cString: table + $0 * slotBytes) }
        }
    }
}
