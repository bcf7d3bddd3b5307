import JourneyDeflate

/// Writes PNG files from Cairo's pixels, replacing `cairo_surface_write_to_png_stream`.
///
/// Why by hand: libpng's adaptive row filtering made the PNG step most of a journey map's
/// drawing time. Measured on the 2360 × 1314 px benchmark map (scripts/bench-map): Cairo's
/// writer 449 KB; filter "none" + zlib level 3 (what this does) 416 KB in 20 ms of deflate
/// (level 6: 377 KB in 45 ms). Maps are flat colours and text, where unfiltered rows compress best.
///
/// Opaque images (every picture we draw: the scene background is painted first) are written
/// as 8-bit RGB; others as RGBA with the premultiplied alpha undone. With `dpi` a `pHYs` chunk
/// records the resolution, so print tools size the picture as asked.
enum PNGEncoder {
    static func encode(width: Int, height: Int, pixels: [UInt32], dpi: Double? = nil) throws -> [UInt8] {
        let opaque = pixels.allSatisfy { $0 >> 24 == 0xFF }
        let channels = opaque ? 3 : 4
        var raw = [UInt8](repeating: 0, count: height * (1 + width * channels))
        raw.withUnsafeMutableBufferPointer { out in
            pixels.withUnsafeBufferPointer { pixels in
            var o = 0
            for y in 0..<height {
                out[o] = 0  // filter type None
                o += 1
                let row = y * width
                if opaque {
                    for x in 0..<width {
                        let p = pixels[row + x]
                        out[o] = UInt8(truncatingIfNeeded: p >> 16)
                        out[o + 1] = UInt8(truncatingIfNeeded: p >> 8)
                        out[o + 2] = UInt8(truncatingIfNeeded: p)
                        o += 3
                    }
                    continue
                }
                for x in 0..<width {
                    let p = pixels[row + x]
                    let a = p >> 24
                    var r = (p >> 16) & 0xFF, g = (p >> 8) & 0xFF, b = p & 0xFF
                    if !opaque && a != 0 && a != 0xFF {
                        r = (r * 255 + a / 2) / a; g = (g * 255 + a / 2) / a; b = (b * 255 + a / 2) / a
                    }
                    out[o] = UInt8(r); out[o + 1] = UInt8(g); out[o + 2] = UInt8(b)
                    if !opaque { out[o + 3] = UInt8(a) }
                    o += channels
                }
            }
            }
        }
        var png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        var header = bigEndian(UInt32(width)) + bigEndian(UInt32(height))
        header += [8, opaque ? 2 : 6, 0, 0, 0]  // bit depth, colour type, compression, filter, interlace
        chunk("IHDR", header, into: &png)
        if let dpi, dpi > 0 {
            let perMetre = UInt32((dpi / 0.0254).rounded())
            chunk("pHYs", bigEndian(perMetre) + bigEndian(perMetre) + [1], into: &png)
        }
        do {
            chunk("IDAT", try Deflate.compress(raw, level: 3, format: .zlib), into: &png)
        } catch {
            throw RenderError.cairo(status: "\(error)", during: "compressing the PNG")
        }
        chunk("IEND", [], into: &png)
        return png
    }

    private static func bigEndian(_ v: UInt32) -> [UInt8] {
        [UInt8(v >> 24), UInt8((v >> 16) & 0xFF), UInt8((v >> 8) & 0xFF), UInt8(v & 0xFF)]
    }

    private static func chunk(_ type: String, _ data: [UInt8], into png: inout [UInt8]) {
        let typeBytes = Array(type.utf8)
        png += bigEndian(UInt32(data.count))
        png += typeBytes
        png += data
        png += bigEndian(Deflate.crc32(data, continuing: Deflate.crc32(typeBytes)))
    }
}
