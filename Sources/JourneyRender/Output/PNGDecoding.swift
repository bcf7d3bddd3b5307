import JourneyScene

/// A decoded PNG: size and straight-alpha pixels.
///
/// Used by the tests (and handy for tools) to check rendered pictures without another image
/// library: `try decodePNG(render(scene, format: .png)).pixel(x: 10, y: 10)`.
public struct DecodedImage: Sendable, Equatable {
    public let width: Int
    public let height: Int
    /// Premultiplied `0xAARRGGBB`, row by row.
    let pixels: [UInt32]

    /// The colour at pixel (`x`, `y`), origin top-left, with alpha un-premultiplied;
    /// components are multiples of 1/255. nil outside the image.
    public func pixel(x: Int, y: Int) -> Color? {
        guard x >= 0, y >= 0, x < width, y < height else { return nil }
        let v = pixels[y * width + x]
        let a = Double(v >> 24) / 255
        func component(_ shift: UInt32) -> Double {
            let c = Double((v >> shift) & 0xff) / 255
            return a > 0 ? min(1, ((c / a) * 255).rounded() / 255) : 0
        }
        return Color(red: component(16), green: component(8), blue: component(0), alpha: a)
    }
}

/// Decodes PNG bytes with Cairo's PNG reader.
///
/// Throws `RenderError.invalidPNG` when the bytes are not a PNG.
public func decodePNG(_ bytes: [UInt8]) throws -> DecodedImage {
    let surface = try CairoSurface.decodingPNG(bytes)
    let image = try surface.imagePixels()
    return DecodedImage(width: image.width, height: image.height, pixels: image.pixels)
}
