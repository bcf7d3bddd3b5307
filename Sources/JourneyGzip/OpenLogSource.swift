import JourneyCore

/// Opens an event log for reading, decompressing it when it is gzip: when the path ends in
/// `.gz` or the file starts with the gzip magic bytes `1f 8b`.
/// `progress` counts the bytes of the file as stored (compressed).
public func openLogSource(path: String, progress: ReadProgress? = nil) throws -> any ByteSource {
    var file = CountingByteSource(try FileByteSource(path: path), progress: progress)
    if path.lowercased().hasSuffix(".gz") { return try GzipByteSource(wrapping: file) }
    var head = [UInt8](repeating: 0, count: 2)
    var n = 0
    while n < 2 {
        let k = try head.withUnsafeMutableBytes { try file.read(into: UnsafeMutableRawBufferPointer(rebasing: $0[n...])) }
        if k == 0 { break }
        n += k
    }
    let replayed = PrefixedByteSource(prefix: Array(head[..<n]), inner: file)
    if n == 2 && head[0] == 0x1f && head[1] == 0x8b { return try GzipByteSource(wrapping: replayed) }
    return replayed
}

/// True when the file at `path` is gzip: its name ends in `.gz` or it starts with `1f 8b`.
public func isGzipFile(path: String) -> Bool {
    if path.lowercased().hasSuffix(".gz") { return true }
    guard var file = try? FileByteSource(path: path) else { return false }
    var head = [UInt8](repeating: 0, count: 2)
    var n = 0
    while n < 2 {
        guard let k = try? head.withUnsafeMutableBytes({ try file.read(into: UnsafeMutableRawBufferPointer(rebasing: $0[n...])) }),
              k > 0 else { break }
        n += k
    }
    return n == 2 && head[0] == 0x1f && head[1] == 0x8b
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
