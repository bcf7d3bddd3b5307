import JourneyCore
import JourneyIO
import JourneyZstd

/// Opens an event log for reading, decompressing it when it is gzip or zstd: when the path
/// ends in `.gz` or `.zst`, or the file starts with gzip's magic bytes `1f 8b` or zstd's
/// `28 b5 2f fd`. `progress` counts the bytes of the file as stored (compressed). Text in
/// another encoding is converted to UTF-8 (`LogTextEncoding`): `encoding` when given, else
/// UTF-16 when an uncompressed file starts with its byte order mark.
/// `replacingInvalid`: a byte the encoding lacks is read as one that is not UTF-8
/// (`TranscodingByteSource.replacesInvalid`, for `--on-error skip`), else it stops the reading.
public func openLogSource(path: String, progress: ReadProgress? = nil, encoding: String? = nil,
                          replacingInvalid: Bool = false) throws -> any ByteSource {
    let (source, plainHead) = try openDecompressed(path: path, progress: progress)
    guard let from = LogTextEncoding.conversion(requested: encoding, plainHead: plainHead) else {
        return endsLinesWithCR(path: path) ? readingCRAsLF(source) : source
    }
    let converted = try transcoding(source, from: from, given: from == encoding, replacingInvalid: replacingInvalid)
    return !LogTextEncoding.isWide(from) && endsLinesWithCR(path: path) ? readingCRAsLF(converted) : converted
}

private func readingCRAsLF(_ source: some ByteSource) -> any ByteSource {
    CarriageReturnByteSource(wrapping: source)
}

/// Whether the text of the file at `path` (decompressed) ends its lines with CR alone: its first
/// bytes are read once more for this, so that a source read in place (`InPlaceDecoding`) stays
/// unwrapped for every other file. Single-byte encodings and UTF-8 hold CR as the byte 0D.
private func endsLinesWithCR(path: String) -> Bool {
    guard var (source, _) = try? openDecompressed(path: path, progress: nil),
          let head = try? source.readPrefix(CarriageReturnLineEnds.headBytes) else { return false }
    return head.withUnsafeBytes { CarriageReturnLineEnds.inText($0) }
}

private func transcoding(_ source: some ByteSource, from encoding: String, given: Bool, replacingInvalid: Bool) throws -> any ByteSource {
    try TranscodingByteSource(wrapping: source, encoding: encoding, given: given, replacesInvalid: replacingInvalid)
}

/// The file's bytes, decompressed; with the first bytes of a file that is not compressed.
private func openDecompressed(path: String, progress: ReadProgress?) throws -> (any ByteSource, plainHead: [UInt8]?) {
    let file = CountingByteSource(try FileByteSource(path: path), progress: progress)
    switch LogCompression(name: path) {
    case .gzip?: return (try GzipByteSource(wrapping: file), nil)
    case .zstd?: return (try ZstdByteSource(wrapping: file), nil)
    case .none?, nil: break
    }
    var sniffed = file
    let head = try LogCompression.head(&sniffed)
    let replayed = PrefixedByteSource(prefix: head, inner: sniffed)
    switch LogCompression(magic: head) {
    case .gzip: return (try GzipByteSource(wrapping: replayed), nil)
    case .zstd: return (try ZstdByteSource(wrapping: replayed), nil)
    case .none: return (replayed, head)
    }
}

/// True when the file at `path` is gzip: its name ends in `.gz` or it starts with `1f 8b`.
public func isGzipFile(path: String) -> Bool {
    LogCompression(path: path) == .gzip
}

/// True when the file at `path` is compressed (gzip or zstd), by its name or first bytes.
public func isCompressedFile(path: String) -> Bool {
    LogCompression(path: path) != .none
}

/// Yields `prefix` (bytes already taken from `inner` to sniff its format), then `inner`.
struct PrefixedByteSource<Inner: ByteSource>: ByteSource {
    private var prefix: [UInt8]
    private var inner: Inner
    var name: String { inner.name }

    init(prefix: [UInt8], inner: Inner) {
        self.prefix = prefix
        self.inner = inner
    }

    mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        guard prefix.isEmpty else {
            let n = min(prefix.count, buffer.count)
            prefix.withUnsafeBytes { buffer.baseAddress!.copyMemory(from: $0.baseAddress!, byteCount: n) }
            prefix.removeFirst(n)
            return n
        }
        return try inner.read(into: buffer)
    }
}
