import CPangoCairo

/// Owns one `cairo_surface_t`: an in-memory image, or an SVG or PDF document streamed
/// into a `ByteSink`.
///
/// Status is checked at creation (a failed surface is destroyed and thrown) and when the
/// document is finished; the surface is destroyed in `deinit`, after which the sink it
/// writes into is released.
final class CairoSurface {
    /// `cairo_surface_t *`; never escapes the Cairo wrappers.
    let pointer: OpaquePointer
    /// Where a stream surface writes; kept alive as long as the surface.
    private let sink: ByteSink?

    private init(_ pointer: OpaquePointer?, sink: ByteSink?, creating what: String) throws {
        guard let pointer else {
            throw RenderError.cairo(status: "no surface returned", during: "creating \(what)")
        }
        let status = cairo_surface_status(pointer)
        if status != CAIRO_STATUS_SUCCESS {
            cairo_surface_destroy(pointer)
            try checkCairo(status, during: "creating \(what)")
        }
        self.pointer = pointer
        self.sink = sink
    }

    deinit { cairo_surface_destroy(pointer) }

    /// An ARGB32 image of `width` × `height` pixels, initially transparent.
    /// The corresponding C function is `cairo_image_surface_create`.
    static func image(width: Int, height: Int) throws -> CairoSurface {
        try CairoSurface(cairo_image_surface_create(CAIRO_FORMAT_ARGB32, Int32(width), Int32(height)),
                         sink: nil, creating: "a \(width)×\(height) px image")
    }

    /// An SVG 1.1 document of `width` × `height` points, written to memory, with `pt` units.
    /// The corresponding C function is `cairo_svg_surface_create_for_stream`.
    static func svg(width: Double, height: Double) throws -> CairoSurface {
        let sink = ByteSink()
        let surface = try CairoSurface(
            cairo_svg_surface_create_for_stream(ByteSink.write, Unmanaged.passUnretained(sink).toOpaque(),
                                                width, height),
            sink: sink, creating: "the SVG document")
        cairo_svg_surface_restrict_to_version(surface.pointer, CAIRO_SVG_VERSION_1_1)
        cairo_svg_surface_set_document_unit(surface.pointer, CAIRO_SVG_UNIT_PT)
        return surface
    }

    /// A one-page PDF of `width` × `height` points, written to memory.
    /// The corresponding C function is `cairo_pdf_surface_create_for_stream`.
    static func pdf(width: Double, height: Double) throws -> CairoSurface {
        let sink = ByteSink()
        return try CairoSurface(
            cairo_pdf_surface_create_for_stream(ByteSink.write, Unmanaged.passUnretained(sink).toOpaque(),
                                                width, height),
            sink: sink, creating: "the PDF document")
    }

    /// Reads a PNG from memory into an ARGB32 image surface.
    /// The corresponding C function is `cairo_image_surface_create_from_png_stream`.
    static func decodingPNG(_ bytes: [UInt8]) throws -> CairoSurface {
        let source = ByteSource(bytes)
        let pointer = withExtendedLifetime(source) {
            cairo_image_surface_create_from_png_stream(ByteSource.read,
                                                       Unmanaged.passUnretained(source).toOpaque())
        }
        do {
            return try CairoSurface(pointer, sink: nil, creating: "an image from PNG data")
        } catch let RenderError.cairo(status, _) {
            throw RenderError.invalidPNG(reason: "\(status) (\(bytes.count) bytes)")
        }
    }

    /// Sets one PDF document-information entry (title, subject, dates, creator).
    /// The corresponding C function is `cairo_pdf_surface_set_metadata` (Cairo ≥ 1.16).
    func setPDFMetadata(_ key: PDFMetadataKey, _ value: String) {
        value.withCString { cairo_pdf_surface_set_metadata(pointer, key.cairoValue, $0) }
    }

    /// Finishes the document (flushing every byte into the sink) and returns the bytes.
    /// The corresponding C function is `cairo_surface_finish`.
    func finish(during what: String) throws -> [UInt8] {
        cairo_surface_finish(pointer)
        try checkCairo(cairo_surface_status(pointer), during: what)
        return sink?.bytes ?? []
    }

    /// The pixels of an ARGB32/RGB24 image surface as native-endian `0xAARRGGBB` words
    /// (premultiplied alpha), row by row without padding.
    func imagePixels() throws -> (width: Int, height: Int, pixels: [UInt32]) {
        cairo_surface_flush(pointer)
        let format = cairo_image_surface_get_format(pointer)
        guard format == CAIRO_FORMAT_ARGB32 || format == CAIRO_FORMAT_RGB24 else {
            throw RenderError.invalidPNG(reason: "unsupported pixel format \(format.rawValue)")
        }
        let width = Int(cairo_image_surface_get_width(pointer))
        let height = Int(cairo_image_surface_get_height(pointer))
        let stride = Int(cairo_image_surface_get_stride(pointer))
        guard let data = cairo_image_surface_get_data(pointer) else {
            throw RenderError.invalidPNG(reason: "image has no pixel data")
        }
        let opaque: UInt32 = format == CAIRO_FORMAT_RGB24 ? 0xFF00_0000 : 0
        var pixels = [UInt32](repeating: 0, count: width * height)
        for y in 0..<height {
            let row = UnsafeRawPointer(data + y * stride)
            for x in 0..<width {
                pixels[y * width + x] = row.loadUnaligned(fromByteOffset: x * 4, as: UInt32.self) | opaque
            }
        }
        return (width, height, pixels)
    }
}

/// The PDF document-information entries the renderer sets.
enum PDFMetadataKey {
    case title, subject, creator, createDate, modDate

    fileprivate var cairoValue: cairo_pdf_metadata_t {
        switch self {
        case .title: return CAIRO_PDF_METADATA_TITLE
        case .subject: return CAIRO_PDF_METADATA_SUBJECT
        case .creator: return CAIRO_PDF_METADATA_CREATOR
        case .createDate: return CAIRO_PDF_METADATA_CREATE_DATE
        case .modDate: return CAIRO_PDF_METADATA_MOD_DATE
        }
    }
}
