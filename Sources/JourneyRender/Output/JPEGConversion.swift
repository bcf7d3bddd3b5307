import CTurboJPEG

/// A JPEG turned into PNG bytes, for pictures that embed photos (a persona's `photo:`): Cairo
/// reads PNG only, so a JPEG is decoded with libjpeg-turbo's TurboJPEG API (error codes, no
/// setjmp) and written again with our `PNGEncoder`.
///
/// Decoding scales down by libjpeg's own factors (1/2 … 1/8, nearly free: fewer DCT
/// coefficients) to the smallest size whose sides are still at least `minimumSide` pixels, so
/// a 12-megapixel camera photo for a 64 pt avatar does not become a 30 MB PNG inside an SVG.
/// - Throws: `RenderError.invalidJPEG` for bytes libjpeg-turbo cannot read, and for pictures
///   over `maxPixels` before scaling.
public func pngFromJPEG(_ jpeg: [UInt8], minimumSide: Int = 256, maxPixels: Int = 100_000_000) throws -> (png: [UInt8], width: Int, height: Int) {
    guard let handle = tjInitDecompress() else { throw RenderError.invalidJPEG(reason: "libjpeg-turbo did not start") }
    defer { tjDestroy(handle) }
    func failure() -> RenderError { RenderError.invalidJPEG(reason: String(cString: tjGetErrorStr2(handle))) }

    var width: Int32 = 0, height: Int32 = 0, subsampling: Int32 = 0, colorspace: Int32 = 0
    let header = jpeg.withUnsafeBufferPointer {
        tjDecompressHeader3(handle, $0.baseAddress, UInt(jpeg.count), &width, &height, &subsampling, &colorspace)
    }
    guard header == 0, width > 0, height > 0 else { throw failure() }
    guard Int(width) * Int(height) <= maxPixels else {
        throw RenderError.invalidJPEG(reason: "\(width) × \(height) px is over the limit of \(maxPixels) pixels")
    }

    // The smallest scaled size with both sides ≥ minimumSide (or the original when smaller).
    var count: Int32 = 0
    var (w, h) = (Int(width), Int(height))
    if let factors = tjGetScalingFactors(&count) {
        for k in 0..<Int(count) {
            let f = factors[k]
            let sw = (Int(width) * Int(f.num) + Int(f.denom) - 1) / Int(f.denom)
            let sh = (Int(height) * Int(f.num) + Int(f.denom) - 1) / Int(f.denom)
            guard sw <= Int(width), min(sw, sh) >= min(minimumSide, Int(width), Int(height)), sw * sh < w * h else { continue }
            (w, h) = (sw, sh)
        }
    }

    // BGRA in memory is Cairo's little-endian 0xAARRGGBB, what `PNGEncoder` takes; TurboJPEG
    // sets A to 0xFF when decompressing.
    var pixels = [UInt32](repeating: 0, count: w * h)
    let status = jpeg.withUnsafeBufferPointer { src in
        pixels.withUnsafeMutableBytes { dst in
            tjDecompress2(handle, src.baseAddress, UInt(jpeg.count), dst.baseAddress!.assumingMemoryBound(to: UInt8.self),
                          Int32(w), Int32(w * 4), Int32(h), Int32(TJPF_BGRA.rawValue), 0)
        }
    }
    // A warning (for example a truncated file) still gives an image; an error does not.
    guard status == 0 || tjGetErrorCode(handle) == Int32(TJERR_WARNING.rawValue) else { throw failure() }
    return (try PNGEncoder.encode(width: w, height: h, pixels: pixels), w, h)
}
