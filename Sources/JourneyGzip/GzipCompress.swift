import CZlib
import JourneyCore

/// Compresses `bytes` as one gzip member (for tests and for writing `.gz` files).
/// The corresponding C functions are `deflateInit2_`, `deflateBound`, `deflate`, `deflateEnd`.
public func gzipCompress(_ bytes: [UInt8], level: Int32 = 6) throws -> [UInt8] {
    let stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
    stream.initialize(to: z_stream())
    defer { stream.deinitialize(count: 1); stream.deallocate() }
    let rc = deflateInit2_(stream, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY,
                           zlibVersion(), Int32(MemoryLayout<z_stream>.size))
    guard rc == Z_OK else { throw GzipError(message: "cannot start gzip compression (zlib error \(rc))") }
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
    guard status == Z_STREAM_END else { throw GzipError(message: "gzip compression failed (zlib error \(status))") }
    out.removeSubrange(Int(stream.pointee.total_out)...)
    return out
}

/// A failure of zlib outside reading a log (compression).
public struct GzipError: Error, CustomStringConvertible, Sendable {
    public var message: String
    public var description: String { message }
}
