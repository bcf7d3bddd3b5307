import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Writes CSV rows (RFC 4180, `\n` line ends) to a new file through a 64 KiB buffer, so a
/// streamed result never sits whole in memory. NULL is an empty field and an empty string
/// `""`, as DuckDB's CSV export writes them; a field is quoted when it holds a comma, a
/// quote, a line break or leading/trailing spaces.
final class CSVRowWriter {
    private let fd: Int32
    private var buffer: [UInt8] = []
    let path: String

    init(path: String) throws {
        self.path = path
        fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw CSVRowWriter.failure(path) }
        buffer.reserveCapacity(1 << 16)
    }

    deinit { if fd >= 0 { close(fd) } }

    /// One row; nil fields are NULLs.
    func row(_ fields: [UnsafePointer<CChar>?]) throws {
        for (i, field) in fields.enumerated() {
            if i > 0 { buffer.append(UInt8(ascii: ",")) }
            guard let field else { continue }
            append(UnsafeBufferPointer(start: UnsafeRawPointer(field).assumingMemoryBound(to: UInt8.self), count: strlen(field)))
        }
        buffer.append(UInt8(ascii: "\n"))
        if buffer.count >= 1 << 16 { try flush() }
    }

    func row(_ fields: [String]) throws {
        let copies = fields.map { strdup($0) }
        defer { copies.forEach { free($0) } }
        try row(copies.map { UnsafePointer($0) })
    }

    private func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        let needsQuotes = bytes.isEmpty || bytes.first == 0x20 || bytes.last == 0x20
            || bytes.contains { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }
        guard needsQuotes else { buffer.append(contentsOf: bytes); return }
        buffer.append(0x22)
        for b in bytes {
            if b == 0x22 { buffer.append(0x22) }
            buffer.append(b)
        }
        buffer.append(0x22)
    }

    func flush() throws {
        var offset = 0
        while offset < buffer.count {
            let n = buffer.withUnsafeBytes { write(fd, $0.baseAddress! + offset, $0.count - offset) }
            if n < 0 {
                if errno == EINTR { continue }
                throw Self.failure(path)
            }
            offset += n
        }
        buffer.removeAll(keepingCapacity: true)
    }

    static func failure(_ path: String) -> PostgresError {
        PostgresError(phase: .output, place: path, message: String(cString: strerror(errno)))
    }
}
