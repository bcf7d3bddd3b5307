#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CSigbus
import Foundation
import Synchronization

/// One byte range of a plain file, mapped read-only, for `DirectCSVMiner.readRange`: its rows
/// are scanned in the page cache where they are (`bytesInMemory`), not copied by `read` into a
/// buffer first. Measured on the 10M-row benchmark log: the kernel's copy (`_copy_to_iter`)
/// was 3–9 % of `mine`.
///
/// The mapping runs from the range's start to `maxRecordBytes` past its limit (or the file's
/// end), so a row that starts in the range ends inside it; when it does not reach the file's
/// end, the bytes are not the input's end either (`isInputEnd`), and a row running past them
/// makes the reader give the file to the general reader. Pages already scanned are dropped from
/// the process every few MiB (`consumed(upTo:)`), so the mapping adds little to the resident
/// memory, and the bytes scanned are reported to the progress bar as `read` would.
///
/// A mapped file that shrinks while it is read (truncated or rotated in place) raises SIGBUS:
/// the process then names the file, says so and exits with 65 (`CSigbus`) instead of dying silently;
/// `JOURNEYMAP_MMAP=0` reads such files with `read` (what a shrinking file then gives is read
/// by the general reader).
struct MappedRange: ByteSource {
    let name: String
    private let mapping: Mapping
    /// Absolute offsets of the first byte given and of the byte after the last.
    private let start: Int
    let end: Int
    /// Whether `end` is the file's end.
    let isInputEnd: Bool
    private let progress: ReadProgress?
    private var given = 0
    /// Absolute offset below which pages were dropped, and bytes reported to `progress`.
    private var dropped: Int
    private var reported: Int
    /// Bytes scanned between two `consumed` drops.
    let dropStep: Int
    /// Ranges mapped by this process (tests check that ranges were).
    static let opened = Atomic<Int>(0)
    /// False with `JOURNEYMAP_MMAP=0`.
    static let enabled = ProcessInfo.processInfo.environment["JOURNEYMAP_MMAP"] != "0"

    /// Nil when the range cannot be mapped (not a regular file, a platform refusing): the caller
    /// reads it with `FileByteSource`.
    init?(path: String, start: Int, limit: Int, maxRecordBytes: Int, dropStep: Int = MappedRange.dropStep,
          progress: ReadProgress?) {
        guard Self.enabled else { return nil }
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG else { return nil }
        let size = Int(st.st_size)
        let from = start & ~(CaseRuns.pageSize - 1)
        let to = maxRecordBytes >= size - limit ? size : limit + maxRecordBytes + 1
        guard to > start else { return nil }
        let p = mmap(nil, to - from, PROT_READ, MAP_PRIVATE, fd, off_t(from))
        guard let p, p != MAP_FAILED else { return nil }
        madvise(p, to - from, MADV_SEQUENTIAL)
        Self.opened.add(1, ordering: .relaxed)
        self.dropStep = dropStep
        mapping = Mapping(base: p, offset: from, length: to - from, name: path)
        name = path
        self.start = start
        end = to
        isInputEnd = to == size
        self.progress = progress
        dropped = from
        reported = start
    }

    /// The bytes not yet given by `read` (all of them: readers scan them in place).
    var bytesInMemory: UnsafeRawBufferPointer? {
        UnsafeRawBufferPointer(start: mapping.base + (start - mapping.offset) + given, count: end - start - given)
    }

    mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        let n = min(buffer.count, end - start - given)
        if n > 0 { buffer.baseAddress!.copyMemory(from: mapping.base + (start - mapping.offset) + given, byteCount: n) }
        given += n
        progress?.add(bytes: n)
        return n
    }

    var bytesInMemoryReachEnd: Bool { isInputEnd }

    /// Every byte before absolute offset `offset` has been scanned: reported to the progress bar,
    /// and their whole pages leave the process (they stay in the page cache) once a few MiB
    /// have gathered.
    mutating func consumed(upTo offset: Int) {
        if offset > reported { progress?.add(bytes: offset - reported); reported = offset }
        guard offset - dropped >= dropStep else { return }
        let to = offset & ~(CaseRuns.pageSize - 1)
        madvise(mapping.base + (dropped - mapping.offset), to - dropped, MADV_DONTNEED)
        dropped = to
    }

    /// Bytes scanned between two drops, unless a test asks for fewer.
    static let dropStep = 4 << 20

    /// Watched for SIGBUS under the file's name while mapped (`CSigbus`); unmapped when the
    /// last copy of the range goes.
    private final class Mapping {
        let base: UnsafeMutableRawPointer
        let offset: Int
        let length: Int
        private let watch: Int32
        init(base: UnsafeMutableRawPointer, offset: Int, length: Int, name: String) {
            self.base = base
            self.offset = offset
            self.length = length
            watch = jm_sigbus_watch(base, length, name)
        }
        deinit {
            jm_sigbus_unwatch(watch)
            munmap(base, length)
        }
    }
}
