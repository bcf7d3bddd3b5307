import JourneyCore
import JourneyIO
import JourneyZstd

/// How a log file is compressed, by its name, else by its first bytes.
public enum LogCompression: Sendable, Equatable {
    case none
    /// `.gz`, or starting with `1f 8b`.
    case gzip
    /// `.zst`, or starting with a zstd frame's magic number `28 b5 2f fd`.
    case zstd

    /// The compression of the file at `path`: by its name (`.gz`, `.zst`), else by its first
    /// four bytes; `.none` when it cannot be read (the reader says why).
    public init(path: String) {
        if let byName = Self(name: path) { self = byName; return }
        guard var file = try? FileByteSource(path: path), let head = try? Self.head(&file) else { self = .none; return }
        self = Self(magic: head)
    }

    /// By the name alone: nil when it ends in neither `.gz` nor `.zst`.
    init?(name: String) {
        let lower = name.lowercased()
        if lower.hasSuffix(".gz") { self = .gzip } else if lower.hasSuffix(".zst") { self = .zstd } else { return nil }
    }

    init(magic head: [UInt8]) {
        if head.count >= 2 && head[0] == 0x1f && head[1] == 0x8b { self = .gzip }
        else if head.count >= 4 && head[0] == 0x28 && head[1] == 0xb5 && head[2] == 0x2f && head[3] == 0xfd { self = .zstd }
        else { self = .none }
    }

    /// Up to the first four bytes of `file`.
    static func head(_ file: inout some ByteSource) throws -> [UInt8] {
        var head = [UInt8](repeating: 0, count: 4)
        var n = 0
        while n < head.count {
            let k = try head.withUnsafeMutableBytes { try file.read(into: UnsafeMutableRawBufferPointer(rebasing: $0[n...])) }
            if k == 0 { break }
            n += k
        }
        return Array(head[..<n])
    }
}

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
