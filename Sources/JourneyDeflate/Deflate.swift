import JourneyErrors
import CZlib

/// zlib's compressor and checksum, for writing gzip files (JourneyGzip) and PNG data
/// (JourneyRender). The only module besides JourneyGzip's reader that imports zlib; it knows
/// nothing of logs or scenes.
public enum Deflate {
    public enum Format: Sendable {
        /// RFC 1950 (a zlib stream, as PNG's IDAT holds).
        case zlib
        /// RFC 1952 (one gzip member).
        case gzip
    }

    /// Compresses `bytes` in one call.
    /// The corresponding C functions are `deflateInit2_`, `deflateBound`, `deflate`, `deflateEnd`.
    public static func compress(_ bytes: [UInt8], level: Int32 = 6, format: Format) throws -> [UInt8] {
        let windowBits: Int32 = format == .gzip ? 15 + 16 : 15
        let stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
        stream.initialize(to: z_stream())
        defer { stream.deinitialize(count: 1); stream.deallocate() }
        let rc = deflateInit2_(stream, level, Z_DEFLATED, windowBits, 8, Z_DEFAULT_STRATEGY,
                               zlibVersion(), Int32(MemoryLayout<z_stream>.size))
        guard rc == Z_OK else { throw DeflateError(message: "cannot start compression (zlib error \(rc))") }
        defer { deflateEnd(stream) }
        var out = [UInt8](repeating: 0, count: Int(deflateBound(stream, uLong(bytes.count))) + 32)
        var input = bytes
        let status = input.withUnsafeMutableBufferPointer { inBuf in
            out.withUnsafeMutableBufferPointer { outBuf in
                stream.pointee.next_in = inBuf.baseAddress
                stream.pointee.avail_in = uInt(inBuf.count)
                stream.pointee.next_out = outBuf.baseAddress
                stream.pointee.avail_out = uInt(outBuf.count)
                return deflate(stream, Z_FINISH)
            }
        }
        guard status == Z_STREAM_END else { throw DeflateError(message: "compression failed (zlib error \(status))") }
        out.removeSubrange(Int(stream.pointee.total_out)...)
        return out
    }

    /// CRC-32 (ISO 3309, as gzip and PNG use) of `bytes`, continuing from `crc`.
    /// The corresponding C function is `crc32`.
    public static func crc32(_ bytes: [UInt8], continuing crc: UInt32 = 0) -> UInt32 {
        bytes.withUnsafeBufferPointer { UInt32(CZlib.crc32(uLong(crc), $0.baseAddress, uInt($0.count))) }
    }
}

/// zlib refused to compress (out of memory).
public struct DeflateError: CategorizedError, Sendable {
    /// zlib failing to compress what it was given is a library failure.
    public var category: ErrorCategory { .internal }
    public var message: String
    public var description: String { message }
}
