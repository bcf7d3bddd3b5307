@_spi(JourneyIO) import JourneyCore
import Dispatch
import Synchronization

extension DirectCSVMiner {
    /// Bytes of a decompressed stream's blocks (`LineBlockPipeline`): each is a range of its
    /// own (case runs in every partition, read back when counted). Measured on the 10M-row log,
    /// against 4 MiB: `.gz` sorted 0.762 → 0.731 s (max RSS 249 → 221 MB), shuffled 1.077 →
    /// 1.044 s, `.zst` sorted 0.868 → 0.836 s, shuffled 1.156 → 1.121 s; half as many ranges
    /// to count through, and half as many partly used pages. 16 MiB was no better; 2 MiB worse.
    public static let streamBlockBytes = 8 << 20

    /// The graph of a CSV file read as a stream (a decompressor: `.gz`, `.zst`), or nil when
    /// the general reader must read it.
    ///
    /// `options.threads` threads take turns filling blocks of whole lines from `source`, each
    /// then parsing the block it filled as `readRange` parses a byte range of a plain file
    /// (`LineBlockPipeline`: memory holds `threads + 2` blocks, not the file); the blocks' case
    /// runs are then counted as the ranges' are. The graph is the one `mine(path:)` gives for the same bytes
    /// uncompressed. Anything the direct path leaves to the general reader — a row it must
    /// judge, a line longer than a block, an error of the stream itself (a corrupt or
    /// truncated file) — returns nil, and the general reader reads the file again and reports
    /// exactly as it always does.
    /// - Parameter expectedBytes: a guess at the decompressed size (it sets the case partitions).
    /// - Parameter blockSize: bytes per block (`streamBlockBytes`).
    public func mine(stream source: some ByteSource, expectedBytes: Int, blockSize: Int = DirectCSVMiner.streamBlockBytes,
                     progress: ReadProgress? = nil) throws -> JourneyGraph? {
        guard var read = try readStream(source, expectedBytes: expectedBytes, blockSize: blockSize, progress: progress) else { return nil }
        let ranges = read.takeRanges()
        return try graph(of: consume ranges, columns: read.columns, sourceName: read.sourceName)
    }

    /// Phase 1 for a stream: its blocks decompressed and read on all threads; nil when
    /// the general reader must read it (as `mine(stream:)`).
    func readStream(_ source: some ByteSource, expectedBytes: Int, blockSize: Int, progress: ReadProgress?) throws -> FileRead? {
        guard applies else { return nil }
        PhaseTiming.mark("direct stream: start")
        let name = source.name
        let threads = max(1, options.threads)
        let pipeline = LineBlockPipeline(source: source, blockSize: blockSize, slotCount: threads + 2)
        defer { pipeline.stop() }

        // The header, from the first block.
        guard let first = pipeline.next() else { return nil }
        var probeSource = RawBufferByteSource(first.bytes, name: name)
        var probe = ReadBuffer(chunkSize: chunkSize, maxRecordBytes: maxRecordBytes)
        let header: CSVReader.Header
        do {
            header = try CSVReader(chunkSize: chunkSize).readHeader(&probe, &probeSource, attributeNames: [], options: read)
        } catch {
            return nil  // the general reader reports it (with the whole file, not one block)
        }
        guard header.keyed == nil else { return nil }
        guard header.fallbackIndex < 0 || !read.stitchIdentities else { return nil }  // see readFile
        var timestamps = read.timestamps
        if timestamps.epochUnit == nil, let unit = header.epochUnit { timestamps.epochUnit = unit }
        let parser = timestamps
        let dataStart = probe.absoluteOffset + header.dataStart
        let bits = partitionBits ?? Self.partitionBits(forBytes: expectedBytes)

        let results = BlockResults()
        let shares = RunShares()
        let miner = self
        /// Parses one block (the first from after its header) and gives its memory back.
        let parse: @Sendable (LineBlockPipeline.Block, Int) -> Void = { block, from in
            defer { pipeline.release(block) }
            do {
                var source = RawBufferByteSource(UnsafeRawBufferPointer(rebasing: block.bytes[from...]), name: name)
                let bytes = block.bytes.count - from
                let read = try miner.readRange(&source, header: header, parser: parser, start: 0, limit: bytes,
                                               partitionBits: bits, runShare: shares.largest, progress: progress)
                shares.add(runs: read.runs.bytesUsed, input: bytes)
                let complete = read.gaveUp == nil && read.end == bytes
                results.add(index: block.index, read: read, complete: complete)
                if !complete { pipeline.stop() }  // the general reader takes over: no more blocks
            } catch {
                results.add(index: block.index, read: nil, complete: false)
                pipeline.stop()
            }
        }
        // The first block is parsed beside the others, so that another thread fills meanwhile.
        let firstFrom = min(dataStart, first.bytes.count)
        DispatchQueue.concurrentPerform(iterations: threads) { worker in
            if worker == 0 { parse(first, firstFrom) }
            while !results.gaveUp, let block = pipeline.next() { parse(block, 0) }
        }
        pipeline.stop()
        guard pipeline.failure == nil, !results.gaveUp else { return nil }
        PhaseTiming.mark("direct stream: read")
        return FileRead(ranges: results.takeInOrder(), columns: header.columns, sourceName: name)
    }
}

/// The largest share of runs bytes per input byte among the blocks read so far (the next
/// blocks' slices are sized from it: `CaseRuns.sliceBytes`).
private final class RunShares: Sendable {
    private let state = Mutex<Double?>(nil)

    var largest: Double? { state.withLock { $0 } }

    func add(runs: Int, input: Int) {
        guard input > 0 else { return }
        let share = Double(runs) / Double(input)
        state.withLock { s in s = max(s ?? 0, share) }
    }
}

/// Each block's read, by block index, added from the parsing threads.
private final class BlockResults: Sendable {
    private let state = Mutex<(reads: [(Int, RangeRead)], gaveUp: Bool)>(([], false))

    var gaveUp: Bool { state.withLock { $0.gaveUp } }

    func add(index: Int, read: RangeRead?, complete: Bool) {
        state.withLock { s in
            if let read, complete { s.reads.append((index, read)) } else { s.gaveUp = true }
        }
    }

    /// The reads in stream order (they are no longer held here).
    func takeInOrder() -> [RangeRead] {
        state.withLock { s in
            let out = s.reads.sorted { $0.0 < $1.0 }.map(\.1)
            s.reads = []
            return out
        }
    }
}
