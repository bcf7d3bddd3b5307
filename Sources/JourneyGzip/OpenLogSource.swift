import JourneyCore
import JourneyIO
import JourneyZstd

/// Opens an event log for reading, decompressing it when it is gzip or zstd: when the path
/// ends in `.gz` or `.zst`, or the file starts with gzip's magic bytes `1f 8b` or zstd's
/// `28 b5 2f fd`. `progress` counts the bytes of the file as stored (compressed).
public func openLogSource(path: String, progress: ReadProgress? = nil) throws -> any ByteSource {
    let file = CountingByteSource(try FileByteSource(path: path), progress: progress)
    switch LogCompression(name: path) {
    case .gzip?: return try GzipByteSource(wrapping: file)
    case .zstd?: return try ZstdByteSource(wrapping: file)
    case .none?, nil: break
    }
    var sniffed = file
    let head = try LogCompression.head(&sniffed)
    let replayed = PrefixedByteSource(prefix: head, inner: sniffed)
    switch LogCompression(magic: head) {
    case .gzip: return try GzipByteSource(wrapping: replayed)
    case .zstd: return try ZstdByteSource(wrapping: replayed)
    case .none: return replayed
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
