#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Logs whose lines end with CR alone (classic Mac OS line ends; Fluxicon Disco's CSV exports
/// and Excel's "CSV (Macintosh)" still write them): read as if each CR were LF.
public enum CarriageReturnLineEnds {
    /// How many bytes of a file's (decompressed) text are looked at.
    public static let headBytes = 64 << 10

    /// Whether `head`, the first bytes of a text, ends its lines with CR alone: its first line
    /// break outside double quotes is a CR followed by something other than LF. A CRLF or LF
    /// file, or one whose first line does not end within `head`, is not.
    public static func inText(_ head: UnsafeRawBufferPointer) -> Bool {
        var inQuotes = false
        var p = 0
        while p < head.count {
            let c = head[p]
            if c == 0x22 {
                inQuotes.toggle()
            } else if !inQuotes {
                if c == 0x0a { return false }
                // UTF-16 text has a NUL after (or before) its CR: not ours to read as bytes.
                if c == 0x0d { return p + 1 < head.count && head[p + 1] != 0x0a && head[p + 1] != 0 }
            }
            p += 1
        }
        return false
    }

    /// Whether the uncompressed file at `path` ends its lines with CR alone (false when it
    /// cannot be read: the reader then says why).
    public static func plainFile(path: String) -> Bool {
        guard LogCompression(name: path) == nil, var file = try? FileByteSource(path: path),
              let head = try? file.readPrefix(headBytes), LogCompression(magic: Array(head.prefix(4))) == .none else { return false }
        return head.withUnsafeBytes { inText($0) }
    }
}

/// `inner` with every CR that is not followed by LF read as LF (and CRLF left as it is, or read
/// as one LF when a read of `inner` ends between the two), so a file with CR line ends is read
/// line by line; line numbers and the bytes of each line stay the same.
public struct CarriageReturnByteSource<Inner: ByteSource>: ByteSource {
    private var inner: Inner
    /// The last byte handed out was a CR turned into LF: an LF right after it (a CRLF cut
    /// between two reads) is dropped.
    private var afterTurnedCR = false
    public var name: String { inner.name }

    public init(wrapping inner: Inner) {
        self.inner = inner
    }

    public mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        guard let base = buffer.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return 0 }
        var n = 0
        while n == 0 {
            n = try inner.read(into: buffer)
            guard n > 0 else { return 0 }
            if afterTurnedCR && base[0] == 0x0a {
                n -= 1
                if n > 0 { memmove(base, base + 1, n) }
            }
            afterTurnedCR = false
        }
        var p = 0
        while p < n, let found = memchr(base + p, 0x0d, n - p) {
            p = UnsafeMutableRawPointer(found).assumingMemoryBound(to: UInt8.self) - base
            if p + 1 == n {
                // The last byte: a CR whose LF, if any, comes with the next read.
                base[p] = 0x0a
                afterTurnedCR = true
            } else if base[p + 1] != 0x0a {
                base[p] = 0x0a
            }
            p += 1
        }
        return n
    }
}
