import CGif
import JourneyScene

/// Writes an animated GIF frame by frame to a sink with giflib (Debian's libgif): LZW by
/// `EGifPutLine`, one global palette by giflib's median-cut `GifQuantizeBuffer` over the
/// static picture, with the replay's own colours (tokens, glow, progress) kept exact in
/// slots of their own. Each frame is only the rectangle that changed since the previous one
/// (disposal "leave in place"), its unchanged pixels transparent (the last palette slot), so
/// LZW packs them into long runs; a pixel equal to the static picture's takes its palette
/// entry, any other the nearest entry (remembered per colour). Loops forever (NETSCAPE2.0).
final class GIFStream {
    let width: Int
    let height: Int
    let fps: Int
    private let file: UnsafeMutablePointer<GifFileType>
    private let output: GIFOutput
    private let basePixels: [UInt32]
    private var baseIndices: [UInt8]
    private var palette: [(r: Int, g: Int, b: Int)]
    private var nearest: [UInt32: UInt8] = [:]
    private var previous: [UInt8] = []
    private var written = 0
    private var closed = false

    /// `base`: the static picture's pixels; `exact`: colours given slots of their own.
    init(width: Int, height: Int, fps: Int, base: [UInt32], exact: [Color], sink: @escaping ([UInt8]) throws -> Void) throws {
        self.width = width
        self.height = height
        self.fps = fps
        basePixels = base
        // Palette: the replay's own colours and the picture's 96 commonest (box fills, text,
        // background) exactly; the rest by median cut over the picture's other distinct colours
        // (each once, so anti-aliased edges of every hue get entries, not just the white).
        var counts: [UInt32: Int] = [:]
        for p in base { counts[p & 0xFF_FFFF, default: 0] += 1 }
        let overlay = Array(Set(exact.map { Self.rgb($0) })).sorted().prefix(32)
        let common = counts.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.map(\.key).filter { !overlay.contains($0) }.prefix(96)
        let fixed = Array(overlay) + Array(common)
        let rest = counts.keys.filter { !fixed.contains($0) }.sorted()
        var palette = fixed.map { (r: Int($0 >> 16), g: Int(($0 >> 8) & 0xFF), b: Int($0 & 0xFF)) }
        if !rest.isEmpty {
            var r = rest.map { UInt8(truncatingIfNeeded: $0 >> 16) }, g = rest.map { UInt8(truncatingIfNeeded: $0 >> 8) }
            var b = rest.map { UInt8(truncatingIfNeeded: $0) }
            var size = Int32(min(255 - fixed.count, max(1, rest.count)))
            var indices = [UInt8](repeating: 0, count: rest.count)
            var map = [GifColorType](repeating: GifColorType(), count: 256)
            guard GifQuantizeBuffer(UInt32(rest.count), 1, &size, &r, &g, &b, &indices, &map) == GIF_OK else {
                throw RenderError.cairo(status: "GifQuantizeBuffer failed", during: "choosing the GIF palette")
            }
            palette += (0..<Int(size)).map { (r: Int(map[$0].Red), g: Int(map[$0].Green), b: Int(map[$0].Blue)) }
        }
        self.palette = palette
        var cache: [UInt32: UInt8] = [:]
        baseIndices = base.map { Self.nearest($0 & 0xFF_FFFF, in: palette, cache: &cache) }
        nearest = cache
        while palette.count < 256 { palette.append((0, 0, 0)) }  // the last: transparent
        output = GIFOutput(sink)
        var error: Int32 = 0
        guard let file = EGifOpen(Unmanaged.passUnretained(output).toOpaque(), gifWrite, &error) else {
            throw RenderError.cairo(status: String(cString: GifErrorString(error)), during: "starting the GIF")
        }
        self.file = file
        EGifSetGifVersion(file, true)
        let colors = palette.map { GifColorType(Red: UInt8($0.r), Green: UInt8($0.g), Blue: UInt8($0.b)) }
        guard let object = colors.withUnsafeBufferPointer({ GifMakeMapObject(256, $0.baseAddress) }) else {
            throw RenderError.cairo(status: "no colour map", during: "starting the GIF")
        }
        defer { GifFreeMapObject(object) }
        try check(EGifPutScreenDesc(file, Int32(width), Int32(height), 8, 0, object), "writing the GIF header")
        var loop: [UInt8] = Array("NETSCAPE2.0".utf8)
        var times: [UInt8] = [1, 0, 0]
        try check(EGifPutExtensionLeader(file, APPLICATION_EXT_FUNC_CODE), "writing the GIF loop")
        try check(EGifPutExtensionBlock(file, 11, &loop), "writing the GIF loop")
        try check(EGifPutExtensionBlock(file, 3, &times), "writing the GIF loop")
        try check(EGifPutExtensionTrailer(file), "writing the GIF loop")
    }

    deinit { if !closed { var e: Int32 = 0; EGifCloseFile(file, &e) } }

    /// Adds the next frame (`0xAARRGGBB` words, opaque).
    func add(_ pixels: [UInt32]) throws {
        var indices = [UInt8](repeating: 0, count: pixels.count)
        var cache = nearest
        let palette = self.palette
        indices.withUnsafeMutableBufferPointer { out in
            pixels.withUnsafeBufferPointer { now in
                basePixels.withUnsafeBufferPointer { base in
                    baseIndices.withUnsafeBufferPointer { baseIndex in
                        for i in 0..<now.count {
                            out[i] = now[i] == base[i] ? baseIndex[i] : Self.nearest(now[i] & 0xFF_FFFF, in: palette, cache: &cache)
                        }
                    }
                }
            }
        }
        nearest = cache
        let rect = written == 0 ? FrameRect(x: 0, y: 0, width: width, height: height)
            : FrameRect.changed(indices, previous, width: width, height: height)
        // Delays in hundredths of a second, rounded so that they add up to frames / fps.
        let delay = Int((Double(written + 1) * 100 / Double(fps)).rounded()) - Int((Double(written) * 100 / Double(fps)).rounded())
        // Leave in place; from the second frame on, index 255 is transparent.
        var control: [UInt8] = [written == 0 ? 0x04 : 0x05, UInt8(delay & 0xFF), UInt8(delay >> 8), 255]
        try check(EGifPutExtension(file, GRAPHICS_EXT_FUNC_CODE, 4, &control), "writing GIF frame \(written + 1)")
        try check(EGifPutImageDesc(file, Int32(rect.x), Int32(rect.y), Int32(rect.width), Int32(rect.height), false, nil),
                  "writing GIF frame \(written + 1)")
        var line = [UInt8](repeating: 0, count: rect.width)
        let transparent = written > 0
        for y in rect.y..<(rect.y + rect.height) {
            line.withUnsafeMutableBufferPointer { out in
                indices.withUnsafeBufferPointer { now in
                    previous.withUnsafeBufferPointer { before in
                        let row = y * width + rect.x
                        for x in 0..<rect.width {
                            out[x] = transparent && now[row + x] == before[row + x] ? 255 : now[row + x]
                        }
                    }
                }
            }
            try check(EGifPutLine(file, &line, Int32(rect.width)), "writing GIF frame \(written + 1)")
        }
        previous = indices
        written += 1
    }

    /// Writes the trailer and closes the file.
    func finish() throws {
        closed = true
        var error: Int32 = 0
        if EGifCloseFile(file, &error) != GIF_OK {
            if let e = output.error { throw e }
            throw RenderError.cairo(status: String(cString: GifErrorString(error)), during: "finishing the GIF")
        }
        if let e = output.error { throw e }
    }

    private func index(of rgb: UInt32) -> UInt8 { Self.nearest(rgb, in: palette, cache: &nearest) }

    /// The palette entry nearest `rgb` (weighted 3:4:2), remembered in `cache`.
    static func nearest(_ rgb: UInt32, in palette: [(r: Int, g: Int, b: Int)], cache: inout [UInt32: UInt8]) -> UInt8 {
        if let i = cache[rgb] { return i }
        let r = Int(rgb >> 16), g = Int((rgb >> 8) & 0xFF), b = Int(rgb & 0xFF)
        var best = 0, bestDistance = Int.max
        for (i, c) in palette.enumerated() {
            let d = (c.r - r) * (c.r - r) * 3 + (c.g - g) * (c.g - g) * 4 + (c.b - b) * (c.b - b) * 2
            if d < bestDistance { best = i; bestDistance = d }
        }
        cache[rgb] = UInt8(best)
        return UInt8(best)
    }

    private func check(_ status: Int32, _ what: String) throws {
        guard status == GIF_OK else {
            if let e = output.error { throw e }
            throw RenderError.cairo(status: String(cString: GifErrorString(file.pointee.Error)), during: what)
        }
    }

    static func rgb(_ c: Color) -> UInt32 {
        func byte(_ v: Double) -> UInt32 { UInt32((max(0, min(1, v)) * 255).rounded()) }
        return byte(c.red) << 16 | byte(c.green) << 8 | byte(c.blue)
    }
}

/// Where giflib's bytes go; keeps the sink's first error (giflib only sees a short write).
private final class GIFOutput {
    let sink: ([UInt8]) throws -> Void
    var error: (any Error)?
    init(_ sink: @escaping ([UInt8]) throws -> Void) { self.sink = sink }
}

private func gifWrite(_ file: UnsafeMutablePointer<GifFileType>?, _ bytes: UnsafePointer<GifByteType>?, _ count: Int32) -> Int32 {
    guard let file, let user = file.pointee.UserData, let bytes, count > 0 else { return 0 }
    let output = Unmanaged<GIFOutput>.fromOpaque(user).takeUnretainedValue()
    guard output.error == nil else { return 0 }
    do { try output.sink(Array(UnsafeBufferPointer(start: bytes, count: Int(count)))) } catch {
        output.error = error
        return 0
    }
    return count
}
