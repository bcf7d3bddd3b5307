import CPangoCairo

/// Collects the bytes a Cairo stream surface or PNG writer produces.
///
/// Cairo gets an unretained pointer to this object as its `closure`; whoever passes it
/// (a `CairoSurface`, or `CairoSurface.writePNG`) keeps the sink alive for as long as
/// Cairo may call back, and reads `bytes` after finishing.
final class ByteSink {
    var bytes: [UInt8] = []

    /// The `cairo_write_func_t` given to Cairo along with `Unmanaged.passUnretained(sink)`.
    static let write: cairo_write_func_t = { closure, data, length in
        guard let closure else { return CAIRO_STATUS_WRITE_ERROR }
        let sink = Unmanaged<ByteSink>.fromOpaque(closure).takeUnretainedValue()
        if let data, length > 0 {
            sink.bytes.append(contentsOf: UnsafeBufferPointer(start: data, count: Int(length)))
        }
        return CAIRO_STATUS_SUCCESS
    }
}

/// Feeds bytes from memory to a Cairo reader (`cairo_image_surface_create_from_png_stream`).
final class ByteSource {
    let bytes: [UInt8]
    var offset = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    /// The `cairo_read_func_t`; fails (as Cairo expects) when asked for more than is left.
    static let read: cairo_read_func_t = { closure, data, length in
        guard let closure, let data else { return CAIRO_STATUS_READ_ERROR }
        let source = Unmanaged<ByteSource>.fromOpaque(closure).takeUnretainedValue()
        let count = Int(length)
        guard source.bytes.count - source.offset >= count else { return CAIRO_STATUS_READ_ERROR }
        source.bytes.withUnsafeBufferPointer { buffer in
            if let base = buffer.baseAddress, count > 0 {
                data.update(from: base + source.offset, count: count)
            }
        }
        source.offset += count
        return CAIRO_STATUS_SUCCESS
    }
}
