#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import Synchronization

/// An unlinked temporary file that holds the byte ranges' case runs of a large log, so that the
/// runs of a 100M-event file (about 10–22 bytes per event) need not stay in the process's memory
/// until every range is read (docs/benchmarks.md, "Growth").
///
/// A range's runs are built in anonymous memory as for any file (`CaseRuns`); once the range is
/// read, each partition's bytes are written to this file with `pwrite` and the memory is kept
/// for the next range (`takeRegion`/`giveBack`: its pages stay mapped, so the next range does
/// not fault and zero them again). Counting a partition reads its bytes back with `pread`
/// (from the kernel's page cache, or the disk when memory was short) into a buffer of its own.
///
/// Written with `pwrite`, not through a shared mapping of the file (the first design): every page
/// of a mapping faulted once written and again read, and on the shuffled 100M-event log the
/// kernel time was 14.4 s spilled against 4.9 s in memory. A write the disk has no room for
/// fails (no SIGBUS as with a mapping): that range then keeps its runs in memory (correct, only
/// not spilled). The file is unlinked at once and goes with the last descriptor, whatever way
/// the process ends.
final class SpillFile: @unchecked Sendable {
    private let descriptor: Int32
    /// Bytes reserved so far, and the regions given back by ranges that were read.
    private let state = Mutex<(end: Int, regions: [(address: UInt, bytes: Int)])>((0, []))
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

    deinit {
        freeRegions()
        close(descriptor)
    }

    /// The offset of `bytes` fresh bytes of the file, for one writer (ranges write at once).
    func reserve(_ bytes: Int) -> Int {
        state.withLock { s in
            defer { s.end += bytes }
            return s.end
        }
    }

    /// Writes `count` bytes at `offset`; false when the file cannot take them (a full disk).
    func write(_ bytes: UnsafeRawPointer, count: Int, at offset: Int) -> Bool {
        var done = 0
        while done < count {
            let n = pwrite(descriptor, bytes + done, count - done, off_t(offset + done))
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { return false }
            done += n
        }
        return true
    }

    /// Reads `count` bytes written at `offset` back into `buffer`. A spill file that cannot be
    /// read back (an I/O error of the temporary disk) stops the process: the runs are gone.
    func read(into buffer: UnsafeMutableRawPointer, count: Int, at offset: Int) {
        var done = 0
        while done < count {
            let n = pread(descriptor, buffer + done, count - done, off_t(offset + done))
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else {
                fatalError("cannot read back the case runs spilled to a temporary file: "
                           + (n < 0 ? String(cString: strerror(errno)) : "it is shorter than written"))
            }
            done += n
        }
    }

    /// A region of at least `bytes` given back by a range already written out (its pages still
    /// mapped), or nil: then the caller maps a fresh one.
    func takeRegion(atLeast bytes: Int) -> (address: UnsafeMutableRawPointer, bytes: Int)? {
        state.withLock { s in
            guard let k = s.regions.firstIndex(where: { $0.bytes >= bytes }) else { return nil }
            let r = s.regions.remove(at: k)
            return (UnsafeMutableRawPointer(bitPattern: r.address)!, r.bytes)
        }
    }

    /// Keeps a range's region for the next range (`takeRegion`); unmapped by `freeRegions`.
    func giveBack(region: UnsafeMutableRawPointer, bytes: Int) {
        state.withLock { $0.regions.append((UInt(bitPattern: region), bytes)) }
    }

    /// Unmaps the regions kept for ranges (once every range is read).
    func freeRegions() {
        let regions = state.withLock { s in
            defer { s.regions = [] }
            return s.regions
        }
        for r in regions { munmap(UnsafeMutableRawPointer(bitPattern: r.address), r.bytes) }
    }

    /// The input size above which case runs are spilled (bytes of CSV after the header). From
    /// `JOURNEYMAP_SPILL_ABOVE` (bytes; 0 spills every file) or 2 GiB of CSV — about 40M
    /// events, 400 MB of runs.
    static var threshold: Int {
        if let text = ProcessInfo.processInfo.environment["JOURNEYMAP_SPILL_ABOVE"], let n = Int(text), n >= 0 { return n }
        return 2 << 30
    }
}
