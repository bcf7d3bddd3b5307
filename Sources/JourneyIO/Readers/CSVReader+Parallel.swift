@_spi(JourneyIO) import JourneyCore
import Dispatch
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension CSVReader {
    /// Reads the CSV file at `path` with up to `threads` threads; the result is the same table
    /// as `read` gives (same events, same order, same ids).
    ///
    /// The rows after the header are cut into byte ranges, each starting just after a line
    /// break; each range is parsed into its own table, then the tables are appended in order
    /// (`EventTable.absorb`, names re-interned by bytes). This is speculative: a cut may fall
    /// inside a quoted field holding a line break. Then the previous range's last row ends
    /// elsewhere than where the next range began, and the file is read again sequentially, as
    /// it is when a later range has an error or a skipped row (so that line numbers and
    /// skip examples are exactly those of a sequential read). Each thread gets at least
    /// `minimumBytesPerThread` bytes.
    /// - Complexity: O(file size / threads) time per thread, plus O(events of later ranges)
    ///   to append their tables.
    public func readFile(path: String, into table: EventTable, options: ReadOptions, threads: Int,
                         progress: ReadProgress? = nil) throws -> ResolvedColumns {
        let size = try FileByteSource(path: path).size ?? 0
        let parts = max(1, min(threads, size / max(1, minimumBytesPerThread)))
        func sequential() throws -> ResolvedColumns {
            var source = CountingByteSource(try FileByteSource(path: path), progress: progress)
            return try read(&source, into: table, options: options, progress: progress)
        }
        guard parts > 1 else { return try sequential() }

        // The header, and the average row length from the first chunk (to reserve memory).
        var probeSource = try FileByteSource(path: path)
        var probe = ReadBuffer(chunkSize: chunkSize, maxRecordBytes: options.maxRecordBytes)
        let header = try readHeader(&probe, &probeSource, attributeNames: table.attributeNames, options: options)
        let dataStart = probe.absoluteOffset + header.dataStart
        var rows = 0
        for p in header.dataStart..<probe.end where probe.base[p] == 0x0a { rows += 1 }
        let rowBytes = rows > 0 ? Double(probe.end - header.dataStart) / Double(rows) : 64
        let estimatedEvents = Int(Double(size - dataStart) / rowBytes * 1.05) + 1024

        let starts = try Self.rangeStarts(dataStart: dataStart, size: size, parts: parts, path: path)
        let reader = self

        let results = PartResults(count: parts)
        let file = probeSource.name
        DispatchQueue.concurrentPerform(iterations: parts) { k in
            let part = EventTable(attributeNames: table.attributeNames)
            part.reserveCapacity(k == 0 ? estimatedEvents : Int(Double(starts[k + 1] - starts[k]) / rowBytes * 1.05) + 1024)
            results.tables[k] = part
            do {
                var source = CountingByteSource(try FileByteSource(path: path, offset: starts[k]), progress: progress)
                var buf = ReadBuffer(chunkSize: chunkSize, startOffset: starts[k], maxRecordBytes: options.maxRecordBytes)
                var sink = EventSink(table: part, options: options, columns: header.columns, file: file,
                                     epochUnit: header.epochUnit)
                let end = try reader.readRows(&buf, &source, from: 0, line: k == 0 ? header.dataLine : 1, layout: header,
                                       sink: &sink, limit: starts[k + 1], progress: progress)
                results.ends[k] = end.offset
            } catch {
                results.errors[k] = error
            }
        }
        // Part 0 counts lines from the file's start: its error is the one a sequential read gives.
        if let error = results.errors[0] { throw error }
        let consistent = (0..<parts).allSatisfy { k in
            results.errors[k] == nil && results.ends[k] == starts[k + 1] && (k == 0 || results.tables[k]!.skipped.count == 0)
        }
        guard consistent else {
            results.dropTables()
            return try sequential()
        }
        for k in 0..<parts {
            // The last part drops the case lookup table instead of growing it: `LogLoader`
            // compacts the cases next, and another file's read rebuilds it.
            table.absorb(results.tables[k]!, threads: parts, keepCaseLookup: k < parts - 1)
            results.tables[k] = nil
        }
        return header.columns
    }

    /// Range starts for ranges of about `lengths` bytes each (in order; they add up to the
    /// bytes after `dataStart`), each cut moved to the next row start, then `size`.
    static func rangeStarts(dataStart: Int, size: Int, lengths: [Int], path: String) throws -> [Int] {
        var cuts = [dataStart]
        var at = dataStart
        for n in lengths.dropLast() {
            at += n
            cuts.append(max(cuts[cuts.count - 1], try rowStart(after: at, path: path, size: size)))
        }
        cuts.append(size)
        return cuts
    }

    /// `parts` byte ranges of about equal size from `dataStart` to `size`, each starting at a
    /// row's start: their starts, then `size` (ranges may be empty when rows are long).
    static func rangeStarts(dataStart: Int, size: Int, parts: Int, path: String) throws -> [Int] {
        let bytes = size - dataStart
        // Lengths whose running sums are `bytes × k / parts`: the cuts of equal parts.
        let lengths = (0..<parts).map { bytes * ($0 + 1) / parts - bytes * $0 / parts }
        return try rangeStarts(dataStart: dataStart, size: size, lengths: lengths, path: path)
    }

    /// The offset just after the first line break at or after `offset - 1` (so `offset`
    /// itself when a line ends right before it); `size` when there is none.
    static func rowStart(after offset: Int, path: String, size: Int) throws -> Int {
        var source = try FileByteSource(path: path, offset: offset - 1)
        var block = [UInt8](repeating: 0, count: 1 << 16)
        var at = offset - 1
        while at < size {
            let n = try block.withUnsafeMutableBytes { try source.read(into: $0) }
            if n == 0 { break }
            if let i = block[..<n].firstIndex(of: 0x0a) { return at + i + 1 }
            at += n
        }
        return size
    }
}

/// Per-range results of a parallel read; slot `k` is written by thread `k` only (raw memory,
/// so that no array is mutated from two threads).
private final class PartResults: @unchecked Sendable {
    let tables: UnsafeMutablePointer<EventTable?>
    let ends: UnsafeMutablePointer<Int>
    let errors: UnsafeMutablePointer<(any Error)?>
    let count: Int
    init(count: Int) {
        self.count = count
        tables = .allocate(capacity: count); tables.initialize(repeating: nil, count: count)
        ends = .allocate(capacity: count); ends.initialize(repeating: -1, count: count)
        errors = .allocate(capacity: count); errors.initialize(repeating: nil, count: count)
    }
    /// Lets go of the tables (before a sequential re-read, to free their memory).
    func dropTables() { for k in 0..<count { tables[k] = nil } }
    deinit {
        tables.deinitialize(count: count); tables.deallocate()
        ends.deallocate()
        errors.deinitialize(count: count); errors.deallocate()
    }
}
