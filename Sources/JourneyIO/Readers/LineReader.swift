@_spi(JourneyIO) import JourneyCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Hands out the lines of a byte source one at a time as offsets into a `ReadBuffer`
/// (for JSON Lines); a UTF-8 byte order mark at the start is skipped.
struct LineReader: ~Copyable {
    private(set) var buffer: ReadBuffer
    private var pos = 0
    private var lastStart = 0
    private var started = false
    /// 1-based number of the line last returned.
    private(set) var line = 0

    init(chunkSize: Int, maxRecordBytes: Int = ReadOptions.defaultMaxRecordBytes) {
        buffer = ReadBuffer(chunkSize: chunkSize, maxRecordBytes: maxRecordBytes)
    }

    /// The next line as `buffer.base[start..<end]` (LF excluded, a CR before it kept), or nil
    /// at the end. The slice stays valid until the next call.
    /// - Complexity: O(line length) (`memchr`), plus rescans when a line spans chunks.
    mutating func next<S: ByteSource>(_ source: inout S) throws -> (start: Int, end: Int)? {
        if !started {
            started = true
            while buffer.end < 3, try buffer.refill(&source, keepingFrom: 0) {}
            let b = buffer.base
            if buffer.end >= 3 && b[0] == 0xef && b[1] == 0xbb && b[2] == 0xbf { pos = 3 }
        }
        while true {
            if pos >= buffer.end {
                guard try buffer.refill(&source, keepingFrom: pos) else { return nil }
                pos = 0
            }
            let base = buffer.base
            if let nl = memchr(base + pos, 0x0a, buffer.end - pos) {
                let end = nl.assumingMemoryBound(to: UInt8.self) - base
                lastStart = pos
                pos = end + 1
                line += 1
                return (lastStart, end)
            }
            if !buffer.atEOF {
                _ = try buffer.refill(&source, keepingFrom: pos, line: line + 1)
                pos = 0
                continue
            }
            lastStart = pos
            pos = buffer.end
            line += 1
            return (lastStart, buffer.end)
        }
    }

    /// Makes the line last returned come again from `next`.
    mutating func unread() {
        pos = lastStart
        line -= 1
    }

    /// Offset in the whole input of `offset` in the buffer.
    func absolute(_ offset: Int) -> Int { buffer.absoluteOffset + offset }
}
