@_spi(JourneyIO) import JourneyCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What was read from one byte range of the file (phase 1 of `DirectCSVMiner`).
final class RangeRead: @unchecked Sendable {
    var runs: CaseRuns
    var pairs: PairIDs
    /// Events per pair id.
    var pairEvents: [Int] = []
    var events = 0
    var firstTime = Int64.max
    var lastTime = Int64.min
    /// Absolute offset where reading stopped: the next range's start when all went well.
    var end = -1
    /// Why this range cannot be read directly (then the general reader reads the file).
    var gaveUp: String?

    init(runs: consuming CaseRuns, pairs: consuming PairIDs) {
        self.runs = runs
        self.pairs = pairs
    }
}

extension DirectCSVMiner {
    /// Reads the rows starting in `start..<limit` into `out`: CSV rows split by
    /// `PlainRowSplitter` (or `CSVRowScanner` for any row it leaves), timestamps by the
    /// header's `TimestampParser`, events appended as case runs. Any row the general reader would reject or skip, or any quoted field with a
    /// doubled quote or a line break, makes it give up (`out.gaveUp`): the general reader
    /// then reads the file and reports with exact line numbers.
    /// (The runs and pair ids are locals while reading: as properties of the class, every
    /// row paid Swift's dynamic exclusivity checks, measured ~9 % of a 10M-row read.)
    func readRange(path: String, header h: CSVReader.Header, parser: TimestampParser, start: Int, limit: Int,
                   partitionBits: Int, spill: SpillFile? = nil, progress: ReadProgress?) throws -> RangeRead {
        if scansInPlace,
           var mapped = MappedRange(path: path, start: start, limit: limit, maxRecordBytes: maxRecordBytes,
                                    dropStep: mappedDropStep, progress: progress) {
            return try readRange(&mapped, header: h, parser: parser, start: start, limit: limit, partitionBits: partitionBits,
                                 spill: spill, progress: progress)
        }
        var source = CountingByteSource(try FileByteSource(path: path, offset: start), progress: progress)
        return try readRange(&source, header: h, parser: parser, start: start, limit: limit, partitionBits: partitionBits,
                             spill: spill, progress: progress)
    }

    /// Reads the rows of `source` (positioned at absolute offset `start`) up to `limit`, as above.
    /// `spill`: the runs go to this temporary file (`SpillFile`) and leave memory once read.
    /// `runShare`: runs bytes per input byte of the parts read before (streams' blocks).
    func readRange<S: ByteSource>(_ source: inout S, header h: CSVReader.Header, parser: TimestampParser, start: Int, limit: Int,
                                  partitionBits: Int, runShare: Double? = nil, spill: SpillFile? = nil,
                                  progress: ReadProgress?) throws -> RangeRead {
        // A shuffled log takes about half its CSV bytes as runs; capacity never touched costs nothing.
        var runs = CaseRuns(partitionBits: partitionBits, expectedBytes: limit - start, runShare: runShare,
                            recordsOrder: recordsCaseOrder,
                            spill: spill)
        var pairs = PairIDs()
        var gaveUp: String?
        // Bytes in memory (a decompressed block, a mapped range) are scanned where they are.
        let inMemory = scansInPlace ? source.bytesInMemory : nil
        let reachEnd = source.bytesInMemoryReachEnd
        var buf = inMemory.map { ReadBuffer(borrowing: $0, startOffset: start, isInputEnd: reachEnd, maxRecordBytes: maxRecordBytes) }
            ?? ReadBuffer(chunkSize: chunkSize, startOffset: start, maxRecordBytes: maxRecordBytes)
        // Where to tell a source scanned in place what has been scanned (`consumed(upTo:)`).
        var consumedCheck = inMemory == nil ? Int.max : start + mappedDropStep
        let rowLimit = inMemory == nil ? Int.max : maxRecordBytes
        var scanner = CSVRowScanner(delimiter: h.delimiter, maxFields: h.fieldCount + 1)
        var splitter = PlainRowSplitter(delimiter: h.delimiter, fieldCount: h.fieldCount)
        let fieldCount = h.fieldCount
        let caseIndex = h.caseIndex, fallbackIndex = h.fallbackIndex, activityIndex = h.activityIndex
        let timestampIndex = h.timestampIndex, channelIndex = h.channelIndex
        var pos = 0
        var events = 0, reported = 0
        var firstTime = Int64.max, lastTime = Int64.min
        var pairEvents = RawColumn<Int>(repeating: 0, count: 256)
        defer { pairEvents.free() }
        // The open run's case name (copied: the buffer moves on refills).
        var current = RawColumn<UInt8>(capacity: CaseRuns.maxNameBytes)
        defer { current.free() }
        var currentHead: UInt64 = 0, currentTail: UInt64 = 0, currentLength = -1
        let empty = UnsafeRawBufferPointer(start: nil, count: 0)
        var stamps = UTCStampCache(parser: parser)

        reading: while true {
            if buf.absoluteOffset + pos >= limit { break }
            if buf.absoluteOffset + pos >= consumedCheck {
                source.consumed(upTo: buf.absoluteOffset + pos)
                consumedCheck = buf.absoluteOffset + pos + mappedDropStep
                progress?.add(events: events - reported); reported = events
            }
            if pos >= buf.end {
                progress?.add(events: events - reported); reported = events
                guard try buf.refill(&source, keepingFrom: pos) else { break }
                splitter.reset()
                pos = 0
            }
            let base = buf.base
            let next: Int
            let caseField, fallbackField, activity, stamp, channel: UnsafeRawBufferPointer
            if let n = splitter.split(base, start: pos, end: buf.end) {
                next = n
                let ends = splitter.ends, rowStart = pos
                @inline(__always) func field(_ i: Int) -> UnsafeRawBufferPointer {
                    let s = i == 0 ? rowStart : ends[i - 1] + 1
                    return UnsafeRawBufferPointer(start: base + s, count: ends[i] - s)
                }
                caseField = field(caseIndex)
                fallbackField = fallbackIndex >= 0 ? field(fallbackIndex) : empty
                activity = field(activityIndex)
                stamp = field(timestampIndex)
                channel = channelIndex >= 0 ? field(channelIndex) : empty
            } else {
                switch scanner.scan(base, start: pos, end: buf.end, eof: buf.atEOF, line: 0) {
                case .needMore:
                    progress?.add(events: events - reported); reported = events
                    // In-place bytes that are not the input's end: the row runs past them.
                    guard try buf.refill(&source, keepingFrom: pos) || buf.atEOF else {
                        gaveUp = "a row longer than the bytes mapped for its range"
                        break reading
                    }
                    splitter.reset()
                    pos = 0
                    continue reading
                case .unbalancedQuote:
                    gaveUp = "unbalanced quote"
                    break reading
                case .row(let n):
                    let count = scanner.fieldCount
                    if count == 1 && scanner.ends[0] == scanner.starts[0] && n - pos <= 2 { pos = n; continue reading }  // blank line
                    guard count == fieldCount, scanner.problem == .none, !scanner.anyEscaped, scanner.newlines == 0 else {
                        gaveUp = "a row the general reader must judge"
                        break reading
                    }
                    @inline(__always) func field(_ i: Int) -> UnsafeRawBufferPointer {
                        UnsafeRawBufferPointer(start: base + scanner.starts[i], count: scanner.ends[i] - scanner.starts[i])
                    }
                    next = n
                    caseField = field(caseIndex)
                    fallbackField = fallbackIndex >= 0 ? field(fallbackIndex) : empty
                    activity = field(activityIndex)
                    stamp = field(timestampIndex)
                    channel = channelIndex >= 0 ? field(channelIndex) : empty
                }
            }
            // Chunked reads refuse a row over the limit in `refill`; rows scanned in place are
            // measured here (a row the general reader would refuse is its to report).
            if next - pos > rowLimit {
                gaveUp = "a row longer than --max-line-bytes"
                break reading
            }
            var caseName = caseField
            if caseName.isEmpty && fallbackIndex >= 0 { caseName = fallbackField }
            guard !caseName.isEmpty, !activity.isEmpty, !stamp.isEmpty, caseName.count <= CaseRuns.maxNameBytes,
                  let time = stamps.parse(stamp),
                  let pair = pairs.id(activity: activity, channel: channel)
            else {
                gaveUp = "a row the general reader must judge"
                break reading
            }

            let (head, tail) = ByteInterner.words(caseName.baseAddress!, caseName.count)
            if caseName.count != currentLength || head != currentHead || tail != currentTail
                || (currentLength > 16 && memcmp(current.base, caseName.baseAddress!, currentLength) != 0) {
                let hash = ByteInterner.hash(caseName.baseAddress!, caseName.count, head, tail)
                runs.openRun(partition: runs.partition(hash: hash), name: caseName)
                if caseName.count > 16 {  // shorter names are their two words
                    current.removeAll()
                    current.append(UnsafeBufferPointer(start: caseName.baseAddress!.assumingMemoryBound(to: UInt8.self),
                                                       count: caseName.count))
                }
                currentHead = head; currentTail = tail; currentLength = caseName.count
            }
            runs.addEvent(time: time, pair: pair)
            if Int(pair) >= pairEvents.count { pairEvents.append(repeating: 0, count: Int(pair) + 1 - pairEvents.count) }
            pairEvents[Int(pair)] += 1
            events += 1
            if time < firstTime { firstTime = time }
            if time > lastTime { lastTime = time }
            pos = next
        }
        runs.closeRun()
        runs.spillOut()
        if inMemory != nil { source.consumed(upTo: buf.absoluteOffset + pos) }
        progress?.add(events: events - reported)
        let counts = Array(UnsafeBufferPointer(start: pairEvents.base, count: pairs.pairCount))
        let out = RangeRead(runs: runs, pairs: pairs)
        out.gaveUp = gaveUp
        out.end = buf.absoluteOffset + pos
        out.events = events
        out.firstTime = firstTime
        out.lastTime = lastTime
        out.pairEvents = counts
        return out
    }
}
