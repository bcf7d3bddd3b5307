@_spi(JourneyIO) import JourneyCore
import Synchronization
import CRowScan
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One byte range's events, cut into `count` partitions by a hash of the case name, as
/// *runs*: consecutive rows of one case. A log sorted by case is one run per case; a shuffled
/// log about one run per event. All runs of a case land in the same partition, so partitions
/// can be grouped and counted independently (`PartitionCounter`), each with a case table
/// small enough for the CPU caches.
///
/// Layout of a partition's bytes, run after run:
/// `[UInt16 events | compact flag][UInt8 name length][name bytes]` then per event either
/// `[Int64 µs][UInt16 pair]` or, in a *compact* run (the flag, bit 15, set), `[UInt32 whole
/// seconds since 1970][UInt16 pair]` (unaligned; `pair` is the range's (activity, channel)
/// id). A run is compact when its first event's time is a whole second between 1970 and
/// 2106, and stays so while its events are; an event that is not ends it, and the case goes
/// on in a run of full times. A log stamped to the second, sorted by case, costs 6 bytes per
/// event plus 3 and the name per case; shuffled, about 18 per event. Measured on the 10M-row
/// benchmark logs: the first stores into the runs' fresh pages were the read's main stall,
/// and their page faults most of the process's system time.
struct CaseRuns: ~Copyable {
    /// Bytes of an event with its full time, and in a compact run.
    static let eventBytes = 10
    static let compactEventBytes = 6
    static let maxNameBytes = 255
    /// Most events in one run (15 bits; the 16th of the count is the compact flag).
    static let maxRunEvents: UInt16 = 0x7FFF
    static let compactFlag: UInt16 = 0x8000

    let count: Int
    private let bases: UnsafeMutablePointer<UnsafeMutableRawPointer?>
    private let used: UnsafeMutablePointer<Int>
    private let capacities: UnsafeMutablePointer<Int>
    /// Partitions start as slices of one mapping (one `munmap` at the end: unmapping 2,048
    /// small mappings one by one measured ~40 ms of a 1M-row run); one that outgrows its
    /// slice moves to a mapping of its own.
    private let region: UnsafeMutableRawPointer
    private let regionBytes: Int
    /// Whether `region` is still this value's (a spilled range gives it to the next range).
    private var regionOwned = true
    /// Bytes of each partition's slice of `region` (`sliceBytes`).
    private let sliceBytes: Int
    /// Partitions released so far, and the first one not released (all below it are): the
    /// region's pages below that partition's slice are given back as it advances, which frees
    /// packed slices (several to a page) that `release` cannot free one by one.
    private let released: UnsafeMutablePointer<Bool>
    /// The first partition not released, and the address below which the region is given back.
    private let lowWater: Mutex<(low: Int, freedTo: Int)>
    private let ownMapping: UnsafeMutablePointer<Bool>
    /// With a spill file (large logs): where the region comes from and where the runs go once
    /// the range is read (`spillOut`); then each partition's offset in the file, and its bytes
    /// while read back (`bytes(_:)`, dropped by `evict`/`release`).
    private let spill: SpillFile?
    private var spilledAt: UnsafeMutablePointer<Int>?
    private let loaded: UnsafeMutablePointer<UnsafeMutableRawPointer?>?
    /// The open run: its partition and where its event count is.
    private var openPartition = -1
    private var openCountAt = 0
    private var openEvents: UInt16 = 0
    /// Whether the open run's events are stored compact (decided by its first event).
    private var openCompact = false
    /// Events added so far (the next event's ordinal in this range).
    private var eventsAdded = 0
    /// With `recordsOrder`: per partition, the ordinal (in this range) of each run's first
    /// event, so that cases can be put in the order they first appear (`DirectCSVMiner.sequences`).
    private let ordinals: UnsafeMutablePointer<RawColumn<UInt32>>?
    /// Bytes before a run's name. Two-byte counts: a case with more events in a row than
    /// `maxRunEvents` is cut into several runs (measured: with four-byte counts the shuffled
    /// 10M-row log peaked at 338 MB instead of 318 MB; first writes to fresh pages are the
    /// read's main stall).
    static let headerBytes = 3

    /// `partitionBits`: 2^bits partitions. `expectedBytes`: the input's bytes (they set a first
    /// capacity for all of them). `runShare`: runs bytes per input byte seen in earlier parts
    /// of the same input (`sliceBytes`). `recordsOrder`: keep each run's first event ordinal
    /// (`ordinals(_:)`). `spill`: the file the runs go to once the range is read (`spillOut`),
    /// and whose kept regions are reused.
    init(partitionBits: Int, expectedBytes: Int, runShare: Double? = nil, recordsOrder: Bool = false, spill: SpillFile? = nil) {
        count = 1 << partitionBits
        bases = .allocate(capacity: count)
        used = .allocate(capacity: count)
        capacities = .allocate(capacity: count)
        ownMapping = .allocate(capacity: count)
        self.spill = spill
        if spill != nil {
            let l = UnsafeMutablePointer<UnsafeMutableRawPointer?>.allocate(capacity: count)
            l.initialize(repeating: nil, count: count)
            loaded = l
        } else {
            loaded = nil
        }
        // Mapped directly, generously: untouched capacity costs no memory (whatever malloc's
        // thresholds would make of these sizes), so growing is rare.
        let each = Self.sliceBytes(expectedBytes: expectedBytes, partitions: count, runShare: runShare)
        sliceBytes = each
        released = .allocate(capacity: count)
        released.initialize(repeating: false, count: count)
        if let kept = spill?.takeRegion(atLeast: each * count) {
            region = kept.address
            regionBytes = kept.bytes
        } else {
            regionBytes = each * count
            region = Self.map(regionBytes)
        }
        lowWater = Mutex((0, Int(bitPattern: region) & ~(Self.pageSize - 1)))
        for p in 0..<count {
            bases[p] = region + p * each
            used[p] = 0
            capacities[p] = each
            ownMapping[p] = false
        }
        if recordsOrder {
            let o = UnsafeMutablePointer<RawColumn<UInt32>>.allocate(capacity: count)
            for p in 0..<count { (o + p).initialize(to: RawColumn(capacity: 64)) }
            ordinals = o
        } else {
            ordinals = nil
        }
    }

    deinit {
        for p in 0..<count where ownMapping[p] { munmap(bases[p], capacities[p]) }
        if regionOwned { munmap(region, regionBytes) }
        if let loaded {
            for p in 0..<count { free(loaded[p]) }
            loaded.deallocate()
        }
        spilledAt?.deallocate()
        if let ordinals {
            for p in 0..<count { ordinals[p].free() }
            ordinals.deallocate()
        }
        bases.deallocate(); used.deallocate(); capacities.deallocate(); ownMapping.deallocate(); released.deallocate()
    }

    /// The kernel's page size (4 KiB on x86-64; 16 or 64 KiB on some arm64 kernels): what
    /// `mmap` offsets and `madvise` round to (here and in `MappedRange`).
    static let pageSize = Int(sysconf(Int32(_SC_PAGESIZE)))

    private static func pages(_ n: Int) -> Int { (n + pageSize - 1) & ~(pageSize - 1) }

    /// Bytes of each partition's first slice of the region. Large slices (64 KiB of input per
    /// partition or more) are whole pages, as many as the input's bytes per partition: runs
    /// take a quarter to a half of the CSV's bytes, so they rarely grow. Below that — the
    /// blocks of a decompressed stream — slices start at half the input's bytes, rounded to
    /// a cache line when under a page: as whole pages, each of a 4 MiB block's 1,024 slices
    /// had a page touched for ~1–2 KiB of runs, and `mine` of the 10M-row log gzipped peaked
    /// at 571 MB against 225 MB for the plain file. When earlier blocks of the stream needed more
    /// (`runShare`: a shuffled log's runs take about half of its bytes, a log of short rows
    /// more), packed slices take that share and half as much again, so that few partitions
    /// outgrow theirs: each that does moves to a mapping of its own, copied (measured: with
    /// slices at half, ~7 % of a shuffled log's partitions grew in each 4 MiB block, and
    /// `mine` of the 10M-row shuffled log as `.zst` took 1.205 s against 1.138 s at 75 %).
    static func sliceBytes(expectedBytes: Int, partitions: Int, runShare: Double? = nil) -> Int {
        let perPartition = max(1, expectedBytes / partitions)
        if perPartition >= 64 << 10 { return pages(perPartition) }
        let share = max(0.5, min(2, (runShare ?? 0) * 1.5))
        let bytes = max(64, Int(Double(perPartition) * share))
        // A page or more: whole pages, so that no page is shared by two slices and a slice's
        // untouched tail costs nothing (packed 11 KiB slices with ~7.5 KiB used touched every
        // page of the region: 410 MB against 333 MB as 12 KiB ones).
        return bytes >= pageSize ? pages(bytes) : (bytes + 63) & ~63
    }

    /// Bytes of runs written so far, all partitions.
    var bytesUsed: Int {
        var total = 0
        for p in 0..<count { total += used[p] }
        return total
    }

    private static func map(_ bytes: Int) -> UnsafeMutableRawPointer {
        let p = mmap(nil, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0)
        guard let p, p != MAP_FAILED else { fatalError("out of memory mapping \(bytes) bytes for case runs") }
        return p
    }

    /// The partition of a case name's hash (`CaseTable.key`'s, made from the words the reader
    /// compares names by): bits 24 and up, which a partition's case table does not use (its
    /// slot comes from the low bits, its tag from bits 40–63).
    @inline(__always)
    func partition(hash h: UInt64) -> Int { Int(truncatingIfNeeded: h >> 24) & (count - 1) }

    @inline(__always)
    private func reserve(_ p: Int, _ n: Int) -> UnsafeMutableRawPointer {
        if used[p] + n > capacities[p] {
            var c = capacities[p] * 2
            while used[p] + n > c { c *= 2 }
            let grown = Self.map(c)
            grown.copyMemory(from: bases[p]!, byteCount: used[p])
            if ownMapping[p] { munmap(bases[p], capacities[p]) }
            ownMapping[p] = true
            bases[p] = grown
            capacities[p] = c
        }
        return bases[p]! + used[p]
    }

    /// Starts a run of case `name` (at most `maxNameBytes` bytes) in partition `p`.
    @inline(__always)
    mutating func openRun(partition p: Int, name: UnsafeRawBufferPointer) {
        closeRun()
        let n = name.count
        let at = reserve(p, Self.headerBytes + n)
        at.storeBytes(of: 0, as: UInt16.self)
        at.storeBytes(of: UInt8(n), toByteOffset: 2, as: UInt8.self)
        if n > 0 { (at + Self.headerBytes).copyMemory(from: name.baseAddress!, byteCount: n) }
        jm_prefetch_write_after(at, 64)
        openPartition = p
        openCountAt = used[p]
        if let ordinals { ordinals[p].append(UInt32(truncatingIfNeeded: eventsAdded)) }
        openEvents = 0
        used[p] += Self.headerBytes + n
    }

    /// Adds an event to the open run.
    @inline(__always)
    mutating func addEvent(time: Int64, pair: UInt16) {
        let (seconds, fraction) = time.quotientAndRemainder(dividingBy: 1_000_000)
        let fits = fraction == 0 && UInt64(bitPattern: seconds) <= UInt64(UInt32.max)
        if openEvents == 0 {
            openCompact = fits
        } else if openEvents == Self.maxRunEvents || (openCompact && !fits) {
            reopenRun()
            openCompact = fits
        }
        let p = openPartition
        if openCompact {
            let at = reserve(p, Self.compactEventBytes)
            at.storeBytes(of: UInt32(truncatingIfNeeded: seconds), as: UInt32.self)
            at.storeBytes(of: pair, toByteOffset: 4, as: UInt16.self)
            used[p] += Self.compactEventBytes
        } else {
            let at = reserve(p, Self.eventBytes)
            at.storeBytes(of: time, as: Int64.self)
            at.storeBytes(of: pair, toByteOffset: 8, as: UInt16.self)
            used[p] += Self.eventBytes
        }
        openEvents += 1
        eventsAdded += 1
    }

    /// Writes the open run's event count and compact flag (before the partitions are read).
    mutating func closeRun() {
        guard openPartition >= 0 else { return }
        (bases[openPartition]! + openCountAt).storeBytes(of: openEvents | (openCompact ? Self.compactFlag : 0), as: UInt16.self)
        openPartition = -1
    }

    /// The header of the run at offset `o` of a partition's bytes: its events, its name's
    /// length, and whether its events are compact.
    @inline(__always)
    static func header(_ bytes: UnsafeRawPointer, at o: Int) -> (events: Int, nameLength: Int, compact: Bool) {
        let word = bytes.loadUnaligned(fromByteOffset: o, as: UInt16.self)
        return (Int(word & maxRunEvents), Int(bytes.load(fromByteOffset: o + 2, as: UInt8.self)), word & compactFlag != 0)
    }

    /// Bytes of a run of `events` events with a `nameLength`-byte name.
    @inline(__always)
    static func runBytes(events: Int, nameLength: Int, compact: Bool) -> Int {
        headerBytes + nameLength + events * (compact ? compactEventBytes : eventBytes)
    }

    /// Closes the open run, full, and opens another of the same case.
    private mutating func reopenRun() {
        let p = openPartition
        let header = bases[p]! + openCountAt
        let n = Int(header.load(fromByteOffset: 2, as: UInt8.self))
        // The name is copied out first: opening may move the partition to a bigger mapping.
        withUnsafeTemporaryAllocation(byteCount: Self.maxNameBytes + 1, alignment: 1) { name in
            name.baseAddress!.copyMemory(from: header + Self.headerBytes, byteCount: n)
            openRun(partition: p, name: UnsafeRawBufferPointer(start: name.baseAddress!, count: n))
        }
    }

    /// With `recordsOrder`: the ordinal in this range of the first event of each run of
    /// partition `p`, in run order.
    func ordinals(_ p: Int) -> UnsafeBufferPointer<UInt32> {
        guard let ordinals else { return UnsafeBufferPointer(start: nil, count: 0) }
        return UnsafeBufferPointer(start: ordinals[p].base, count: ordinals[p].count)
    }

    /// Gives partition `p`'s memory back (its bytes are read no more): called from one thread
    /// per partition, so partitions are freed as they are turned into journeys. `unmappedSoon`:
    /// the caller drops the runs (unmapping the region) as soon as every partition is released,
    /// so the region's last step is not given back first: on the shuffled 10M-row log that
    /// `madvise`, one per range after the last partition, was ~4 ms of `mine`'s serial tail.
    func release(_ p: Int, unmappedSoon: Bool = false) {
        evict(p)
        if ownMapping[p] {
            munmap(bases[p], capacities[p])
            ownMapping[p] = false
            bases[p] = nil
            capacities[p] = 0
        }
        used[p] = 0
        if let ordinals {
            ordinals[p].free()
            ordinals[p] = RawColumn(capacity: 1)
        }
        guard regionOwned else { return }
        // The region is given back from its start up to the first partition not yet released,
        // a few MiB at a time: partitions are taken in order, so this follows the counting
        // closely, and one `madvise` per slice (each a TLB shoot-down on the other threads)
        // measured 2–6 % of a 10M-row `mine`.
        lowWater.withLock { w in
            released[p] = true
            while w.low < count && released[w.low] { w.low += 1 }
            let to = w.low == count ? Int(bitPattern: region) + Self.pages(regionBytes)
                : (Int(bitPattern: region) + w.low * sliceBytes) & ~(Self.pageSize - 1)
            guard to - w.freedTo >= Self.releaseStep || (w.low == count && to > w.freedTo && !unmappedSoon) else { return }
            madvise(UnsafeMutableRawPointer(bitPattern: w.freedTo), to - w.freedTo, MADV_DONTNEED)
            w.freedTo = to
        }
    }

    /// Bytes of the region given back at once by `release` (the last step may be smaller).
    static let releaseStep = 4 << 20

    /// Whether the runs go to a spill file once the range is read.
    var spills: Bool { spill != nil }

    /// Frees partition `p`'s bytes read back from the spill file (after it has been counted;
    /// `bytes(p)` reads them again if asked). Does nothing to runs in memory.
    func evict(_ p: Int) {
        guard let loaded, let buffer = loaded[p] else { return }
        free(buffer)
        loaded[p] = nil
    }

    /// With a spill file, once the range is read: every partition's runs written to the file
    /// (one `pwrite` each, at offsets reserved together), then their memory given up — the
    /// region to the spill file for the next range (`SpillFile.takeRegion`), grown partitions'
    /// mappings unmapped. When the file cannot take them the runs stay in memory.
    mutating func spillOut() {
        guard let spill, spilledAt == nil else { return }
        closeRun()
        let offsets = UnsafeMutablePointer<Int>.allocate(capacity: count)
        var at = spill.reserve(bytesUsed)
        for p in 0..<count {
            offsets[p] = at
            guard used[p] == 0 || spill.write(bases[p]!, count: used[p], at: at) else {
                offsets.deallocate()
                return
            }
            at += used[p]
        }
        spilledAt = offsets
        for p in 0..<count {
            if ownMapping[p] { munmap(bases[p], capacities[p]) }
            ownMapping[p] = false
            bases[p] = nil
            capacities[p] = 0
        }
        spill.giveBack(region: region, bytes: regionBytes)
        regionOwned = false
    }

    /// The bytes of partition `p` (valid until this value changes or goes).
    /// Spilled runs are read back from the file into memory of their own (freed by `evict`,
    /// `release`): call for a partition from one thread at a time.
    func bytes(_ p: Int) -> UnsafeRawBufferPointer {
        guard let spilledAt, let loaded, let spill else { return UnsafeRawBufferPointer(start: bases[p], count: used[p]) }
        guard used[p] > 0 else { return UnsafeRawBufferPointer(start: nil, count: 0) }
        if loaded[p] == nil {
            guard let buffer = malloc(used[p]) else { fatalError("out of memory reading back \(used[p]) bytes of case runs") }
            spill.read(into: buffer, count: used[p], at: spilledAt[p])
            loaded[p] = buffer
        }
        return UnsafeRawBufferPointer(start: loaded[p], count: used[p])
    }
}
