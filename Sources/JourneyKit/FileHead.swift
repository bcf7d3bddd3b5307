import Foundation
import JourneyCore
import JourneyGzip
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// The first 64 KiB of an input (decompressed when gzip), read once per file and run: the
/// format sniffing (`LogLoader.readingPlan`, asked by several commands' options), the journey
/// file test (`isJourneyFile`) and the epoch check all look at the same bytes, and each used to
/// open and read the file again (a gzip file was inflated each time). Kept by path together
/// with the file's identity (device, inode, size, modification time), so a file changed or
/// replaced since is read afresh.
enum FileHead {
    static let bytes = max(LogSniffer.headBytes, 65_536)

    private struct Entry {
        var identity: [Int]
        var head: [UInt8]
        /// `LogSniffer.layout` of the head, once asked (a run asks it four or five times:
        /// measured ~3 ms each on a 64 KiB CSV head).
        var layout: LogSniffer.Layout??
    }
    private static let cache = Mutex<[String: Entry]>([:])
    /// Files remembered at most (a run names a few; tests run many in one process).
    private static let capacity = 64

    /// The head of `path`; empty when it cannot be opened or read.
    static func of(_ path: String) -> [UInt8] {
        let identity = Self.identity(path)
        if let identity, let hit = cache.withLock({ $0[path] }), hit.identity == identity { return hit.head }
        let head = read(path)
        if let identity {
            cache.withLock { entries in
                if entries.count >= capacity { entries.removeAll() }
                entries[path] = Entry(identity: identity, head: head)
            }
        }
        return head
    }

    /// `LogSniffer.layout` of the first `LogSniffer.headBytes` of `path`, judged once per file.
    static func layout(_ path: String) -> LogSniffer.Layout? {
        let identity = Self.identity(path)
        if let identity, let hit = cache.withLock({ $0[path] }), hit.identity == identity, let known = hit.layout {
            return known
        }
        let head = of(path)
        let layout = LogSniffer.layout(of: head.count > LogSniffer.headBytes ? Array(head[..<LogSniffer.headBytes]) : head)
        if let identity {
            cache.withLock { entries in
                if entries[path]?.identity == identity { entries[path]?.layout = .some(layout) }
            }
        }
        return layout
    }

    /// Device, inode, size and modification time of a regular file; nil for anything else
    /// (a FIFO or device is never read twice, so never cached).
    private static func identity(_ path: String) -> [Int]? {
        var st = stat()
        guard stat(path, &st) == 0, st.st_mode & S_IFMT == S_IFREG else { return nil }
        return [Int(st.st_dev), Int(st.st_ino), Int(st.st_size), Int(st.st_mtim.tv_sec), Int(st.st_mtim.tv_nsec)]
    }

    private static func read(_ path: String) -> [UInt8] {
        guard var source = try? openLogSource(path: path) else { return [] }
        var out = [UInt8](repeating: 0, count: bytes)
        var n = 0
        while n < out.count {
            guard let k = try? out.withUnsafeMutableBytes({ try source.read(into: UnsafeMutableRawBufferPointer(rebasing: $0[n...])) }),
                  k > 0 else { break }
            n += k
        }
        return Array(out[..<n])
    }
}
