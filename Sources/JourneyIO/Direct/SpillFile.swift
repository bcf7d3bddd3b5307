#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import Synchronization

/// An unlinked temporary file that backs a byte range's case runs on a large log, so that the
/// runs of a 100M-event file (about 10 bytes per event) need not stay in the process's memory
/// until every range is read (docs/benchmarks.md, "Growth").
///
/// The runs are written through a shared mapping of the file: pages a range has finished with
/// are dropped from the process (`madvise(MADV_DONTNEED)` keeps a shared file mapping's data),
/// the kernel keeps them in its page cache and writes them to the file only when memory is
/// short, and counting a partition maps its pages back. Space is reserved with
/// `posix_fallocate` before a mapping is used: writing to a mapped page the disk has no room
/// for would kill the process with SIGBUS, so when the space cannot be had the caller maps
/// anonymous memory instead (correct, only not spilled). The file is unlinked at once and
/// goes with the last descriptor, whatever way the process ends.
final class SpillFile: @unchecked Sendable {
    private let descriptor: Int32
    /// Bytes reserved so far (page-aligned: each mapping starts at a page).
    private var end = 0
    /// Spill files opened by this process (tests check that a file was spilled).
    static let opened = Atomic<Int>(0)

    /// Where spill files go: `TMPDIR`, else /var/tmp (on disk by convention; /tmp may be
    /// memory), else /tmp. Nil when none can take a file.
    init?() {
        let candidates = [ProcessInfo.processInfo.environment["TMPDIR"], "/var/tmp", "/tmp"].compactMap { $0 }
        for dir in candidates where !dir.isEmpty {
            var template = Array("\(dir)/journeymap-runs-XXXXXX".utf8CString)
            let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
            guard fd >= 0 else { continue }
            template.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) }
            descriptor = fd
            Self.opened.add(1, ordering: .relaxed)
            return
        }
        return nil
    }

    deinit { close(descriptor) }

    /// A shared, writable mapping of `bytes` fresh bytes of the file, or nil when the disk has
    /// no room for them (or the file cannot be mapped).
    func map(_ bytes: Int) -> UnsafeMutableRawPointer? {
        let offset = end
        let length = (bytes + 4095) & ~4095
        guard posix_fallocate(descriptor, off_t(offset), off_t(length)) == 0 else { return nil }
        let p = mmap(nil, length, PROT_READ | PROT_WRITE, MAP_SHARED, descriptor, off_t(offset))
        guard let p, p != MAP_FAILED else { return nil }
        // No read-ahead: a fault on a fresh page would zero the pages after it too, capacity
        // the runs mostly never reach (measured on 100M events: 10 % of the time in memset).
        madvise(p, length, MADV_RANDOM)
        end = offset + length
        return p
    }

    /// The input size above which case runs are spilled (bytes of CSV after the header). From
    /// `JOURNEYMAP_SPILL_ABOVE` (bytes; 0 spills every file) or 2 GiB of CSV — about 40M
    /// events, 400 MB of runs.
    static var threshold: Int {
        if let text = ProcessInfo.processInfo.environment["JOURNEYMAP_SPILL_ABOVE"], let n = Int(text), n >= 0 { return n }
        return 2 << 30
    }
}
