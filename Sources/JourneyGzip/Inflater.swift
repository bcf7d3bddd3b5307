import CZlib
import JourneyCore

/// Owns one zlib inflate stream at a fixed address (zlib keeps a pointer back to it).
///
/// `windowBits` 15 + 32 makes zlib detect a gzip or zlib header by itself.
/// The corresponding C functions are `inflateInit2_`, `inflate`, `inflateReset` and `inflateEnd`.
final class Inflater {
    let stream: UnsafeMutablePointer<z_stream>

    init(file: String) throws {
        stream = .allocate(capacity: 1)
        stream.initialize(to: z_stream())
        let rc = inflateInit2_(stream, 15 + 32, zlibVersion(), Int32(MemoryLayout<z_stream>.size))
        guard rc == Z_OK else {
            stream.deinitialize(count: 1)
            stream.deallocate()
            throw InputError(file: file, message: "cannot start gzip decompression (zlib error \(rc))")
        }
    }

    deinit {
        inflateEnd(stream)
        stream.deinitialize(count: 1)
        stream.deallocate()
    }

    /// zlib's description of the last error, if it gave one.
    var message: String? {
        stream.pointee.msg.map { String(cString: $0) }
    }
}
