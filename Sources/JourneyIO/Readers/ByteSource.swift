@_spi(JourneyIO) import JourneyCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A stream of bytes a reader pulls from: a file, a decompressor, memory.
public protocol ByteSource {
    /// Fills the start of `buffer`; returns the number of bytes written, 0 at the end.
    mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int
    /// Name shown in error messages (usually the path).
    var name: String { get }
    /// All the bytes still to be read when they are in memory already (a decompressed block),
    /// so that a reader may scan them in place; nil (the default) for sources that read.
    var bytesInMemory: UnsafeRawBufferPointer? { get }
    /// Whether `bytesInMemory` run to the input's end (else a row running past them cannot be
    /// read in place). True by default.
    var bytesInMemoryReachEnd: Bool { get }
    /// Tells a source whose bytes are scanned in place that every byte before absolute offset
    /// `offset` has been scanned (a mapping drops those pages). Does nothing by default.
    mutating func consumed(upTo offset: Int)
}

extension ByteSource {
    /// Up to the first `count` bytes still to be read (fewer when the source ends first).
    public mutating func readPrefix(_ count: Int) throws -> [UInt8] {
        var head = [UInt8](repeating: 0, count: count)
        var n = 0
        while n < head.count {
            let k = try head.withUnsafeMutableBytes { try read(into: UnsafeMutableRawBufferPointer(rebasing: $0[n...])) }
            if k == 0 { break }
            n += k
        }
        head.removeSubrange(n...)
        return head
    }

    public var bytesInMemory: UnsafeRawBufferPointer? { nil }
    public var bytesInMemoryReachEnd: Bool { true }
    public mutating func consumed(upTo offset: Int) {}
}

/// Reads a file with POSIX `read`, no Foundation in the hot path.
public struct FileByteSource: ByteSource {
    public let name: String
    private let fd: Int32
    private let closer: FileCloser

    /// Opens `path` for reading; throws an `InputError` naming it when it cannot be opened.
    public init(path: String) throws {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else {
            throw InputError(file: path, message: "cannot open: \(String(cString: strerror(errno)))")
        }
        var st = stat()
        if fstat(fd, &st) == 0 && (st.st_mode & S_IFMT) == S_IFDIR {
            close(fd)
            throw InputError(file: path, message: "is a directory, expected an event log file")
        }
        self.fd = fd
        self.name = path
        self.closer = FileCloser(fd: fd)
    }

    /// Opens `path` for reading from byte `offset` on.
    public init(path: String, offset: Int) throws {
        try self.init(path: path)
        guard lseek(fd, off_t(offset), SEEK_SET) >= 0 else {
            throw InputError(file: path, message: "cannot seek to byte \(offset): \(String(cString: strerror(errno)))")
        }
    }

    public mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        while true {
            let n = Glibc.read(fd, buffer.baseAddress, buffer.count)
            if n >= 0 { return n }
            if errno == EINTR { continue }
            throw InputError(file: name, message: "read failed: \(String(cString: strerror(errno)))")
        }
    }

    /// Size in bytes, when the file is a regular file.
    public var size: Int? {
        var st = stat()
        guard fstat(fd, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG else { return nil }
        return Int(st.st_size)
    }
}

/// Closes a descriptor exactly once, when the last copy of the source goes away.
final class FileCloser {
    let fd: Int32
    init(fd: Int32) { self.fd = fd }
    deinit { close(fd) }
}

/// Bytes already in memory (tests, stdin slurped, fuzzers).
public struct MemoryByteSource: ByteSource {
    public let name: String
    private let bytes: [UInt8]
    private var position = 0

    public init(_ bytes: [UInt8], name: String = "<memory>") {
        self.bytes = bytes
        self.name = name
    }

    public init(_ string: String, name: String = "<memory>") {
        self.init(Array(string.utf8), name: name)
    }

    public mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        let n = min(buffer.count, bytes.count - position)
        if n > 0 {
            bytes.withUnsafeBytes { src in
                buffer.baseAddress!.copyMemory(from: src.baseAddress! + position, byteCount: n)
            }
        }
        position += n
        return n
    }
}
