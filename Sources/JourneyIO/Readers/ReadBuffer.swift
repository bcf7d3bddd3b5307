@_spi(JourneyIO) import JourneyCore
/// A growable window over a `ByteSource` that readers scan in place.
///
/// Readers look at `bytes[start..<end]`; when a row (or token) runs past `end` they call
/// `refill(keepingFrom:)`, which moves the unfinished tail to the front and reads one more
/// chunk behind it. Pointers into the window are invalid after a refill: keep offsets.
/// Rows longer than 64 KiB make the read size grow with them, so rescanning a row from its
/// start after each refill stays linear overall. A row longer than `maxRecordBytes` is
/// refused, so memory stays bounded (about twice the limit) whatever the input.
struct ReadBuffer: ~Copyable {
    /// Start of the window's memory.
    private(set) var base: UnsafeMutablePointer<UInt8>
    private(set) var capacity: Int
    /// Bytes `0..<end` hold data.
    private(set) var end = 0
    /// Offset in the whole (decompressed) input of `base[0]`.
    private(set) var absoluteOffset = 0
    /// True once the source has reported its end.
    private(set) var atEOF = false
    /// Bytes asked for per `read` call (injectable so tests can split rows anywhere).
    let chunkSize: Int
    /// Most bytes one row (line, tag) may keep across refills (`ReadOptions.maxRecordBytes`).
    let maxRecordBytes: Int

    /// `startOffset`: where in the whole input the first byte read will be.
    init(chunkSize: Int, startOffset: Int = 0, maxRecordBytes: Int = ReadOptions.defaultMaxRecordBytes) {
        precondition(chunkSize > 0, "chunk size must be positive")
        self.absoluteOffset = startOffset
        self.chunkSize = chunkSize
        self.maxRecordBytes = maxRecordBytes
        self.capacity = max(chunkSize, 64)
        self.base = .allocate(capacity: capacity)
        self.borrowed = false
    }

    /// Over bytes already in memory (`init(borrowing:)`): nothing allocated, copied or freed.
    private let borrowed: Bool
    /// The window of a borrowed empty buffer.
    nonisolated(unsafe) private static let noBytes = UnsafeMutablePointer<UInt8>.allocate(capacity: 1)

    /// A window over `bytes` whole (a decompressed block of whole lines): readers scan them
    /// where they are instead of copying them chunk by chunk (measured: the copy was ~5 % of
    /// `mine` of a gzipped log), or a file's range mapped in memory (`MappedRange`). `bytes` must
    /// outlive this value, and are not written to. `isInputEnd`: whether they end the input (else
    /// `atEOF` stays false, and a refill gives nothing: a row running past them is not read).
    init(borrowing bytes: UnsafeRawBufferPointer, startOffset: Int = 0, isInputEnd: Bool = true,
         maxRecordBytes: Int = ReadOptions.defaultMaxRecordBytes) {
        self.absoluteOffset = startOffset
        self.chunkSize = max(1, bytes.count)
        self.maxRecordBytes = maxRecordBytes
        self.capacity = bytes.count
        // Never written through (refill only moves `base` forward in this mode); no bytes at
        // all are a window over a byte of its own, never read.
        self.base = UnsafeMutablePointer(mutating: bytes.baseAddress?.assumingMemoryBound(to: UInt8.self)
                                         ?? UnsafePointer(Self.noBytes))
        self.end = bytes.count
        self.atEOF = isInputEnd
        self.borrowed = true
    }

    deinit { if !borrowed { base.deallocate() } }

    /// Drops bytes before `keep`, then reads one chunk (or more for very long rows) behind
    /// what is left. Returns false when the source had nothing more. Throws an `InputError`
    /// (with the row's byte offset, and `line` when given) when what is kept exceeds `maxRecordBytes`.
    /// - Complexity: O(end - keep) for the move, plus the read.
    mutating func refill<S: ByteSource>(_ source: inout S, keepingFrom keep: Int, line: Int? = nil) throws -> Bool {
        let kept = end - keep
        if borrowed {
            // All bytes are here already: dropping the front moves the window, copies nothing.
            if keep > 0 { base += keep; capacity -= keep; absoluteOffset += keep; end = kept }
            return false
        }
        if keep > 0 {
            if kept > 0 { base.update(from: base + keep, count: kept) }
            absoluteOffset += keep
            end = kept
        }
        if atEOF { return false }
        if kept > maxRecordBytes { throw recordTooLong(file: source.name, line: line) }
        // Never read past one byte beyond the limit, so the limit is exact and memory bounded.
        let want = min(kept > 65_536 ? max(chunkSize, kept) : chunkSize, maxRecordBytes + 1 - kept)
        if capacity - end < want {
            var newCapacity = capacity
            while newCapacity - end < want { newCapacity *= 2 }
            let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
            grown.update(from: base, count: end)
            base.deallocate()
            base = grown
            capacity = newCapacity
        }
        let n = try source.read(into: UnsafeMutableRawBufferPointer(start: base + end, count: want))
        if n == 0 { atEOF = true; return false }
        end += n
        return true
    }

    /// The error for a row longer than `maxRecordBytes` starting at `base[0]`.
    private func recordTooLong(file: String, line: Int?) -> InputError {
        InputError(file: file, line: line, byteOffset: absoluteOffset, message:
            "a row (line or XML tag) starting here is longer than \(maxRecordBytes) bytes without ending: "
            + "is the file truncated, binary or in another format? Raise the limit with --max-line-bytes if the row is real")
    }
}
