import JourneyDeflate

/// Writes an animated PNG (APNG) frame by frame to a sink: the PNG signature and header, an
/// `acTL` chunk (frame count, looping forever), then per frame an `fcTL` chunk and its pixels
/// — the first as the PNG's `IDAT` (what viewers without APNG support show), the others as
/// `fdAT` — each only the rectangle that changed since the previous frame, drawn over it
/// (dispose none), its unchanged pixels transparent and blended over the previous frame, so
/// they compress to almost nothing. RGBA, 8 bits, filter None, zlib level 3, as `PNGEncoder`.
struct APNGStream {
    let width: Int
    let height: Int
    let frames: Int
    let fps: Int
    private let sink: ([UInt8]) throws -> Void
    private var previous: [UInt32] = []
    private var sequence: UInt32 = 0
    private(set) var written = 0

    init(width: Int, height: Int, frames: Int, fps: Int, sink: @escaping ([UInt8]) throws -> Void) throws {
        self.width = width
        self.height = height
        self.frames = frames
        self.fps = fps
        self.sink = sink
        var head: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        Self.chunk("IHDR", be(UInt32(width)) + be(UInt32(height)) + [8, 6, 0, 0, 0], into: &head)
        Self.chunk("acTL", be(UInt32(frames)) + be(0), into: &head)
        try sink(head)
    }

    mutating func add(_ pixels: [UInt32]) throws {
        precondition(written < frames, "more frames than announced")
        let rect = written == 0 ? FrameRect(x: 0, y: 0, width: width, height: height)
            : FrameRect.changed(pixels, previous, width: width, height: height)
        var out: [UInt8] = []
        var control = be(sequence) + be(UInt32(rect.width)) + be(UInt32(rect.height)) + be(UInt32(rect.x)) + be(UInt32(rect.y))
        control += be16(1) + be16(UInt16(fps)) + [0, written == 0 ? 0 : 1]  // delay 1/fps s; dispose none; blend source / over
        Self.chunk("fcTL", control, into: &out)
        sequence += 1
        let data: [UInt8]
        do { data = try Deflate.compress(Self.rows(pixels, previous, width: width, rect: rect), level: 3, format: .zlib) } catch {
            throw RenderError.cairo(status: "\(error)", during: "compressing APNG frame \(written + 1)")
        }
        if written == 0 {
            Self.chunk("IDAT", data, into: &out)
        } else {
            Self.chunk("fdAT", be(sequence) + data, into: &out)
            sequence += 1
        }
        written += 1
        if written == frames { Self.chunk("IEND", [], into: &out) }
        try sink(out)
        previous = pixels
    }

    /// Filter byte 0 then RGBA per pixel, for the rows and columns of `rect`; pixels equal to
    /// `previous`'s are transparent (all zero).
    static func rows(_ pixels: [UInt32], _ previous: [UInt32], width: Int, rect: FrameRect) -> [UInt8] {
        var raw = [UInt8](repeating: 0, count: rect.height * (1 + rect.width * 4))
        let compare = previous.count == pixels.count
        raw.withUnsafeMutableBufferPointer { out in
            pixels.withUnsafeBufferPointer { now in
                previous.withUnsafeBufferPointer { before in
                    var o = 0
                    for y in rect.y..<(rect.y + rect.height) {
                        out[o] = 0  // filter type None
                        o += 1
                        let row = y * width
                        for x in rect.x..<(rect.x + rect.width) {
                            let p = now[row + x]
                            if !compare || p != before[row + x] {
                                out[o] = UInt8(truncatingIfNeeded: p >> 16); out[o + 1] = UInt8(truncatingIfNeeded: p >> 8)
                                out[o + 2] = UInt8(truncatingIfNeeded: p); out[o + 3] = 255
                            }
                            o += 4
                        }
                    }
                }
            }
        }
        return raw
    }

    static func chunk(_ type: String, _ data: [UInt8], into png: inout [UInt8]) {
        let typeBytes = Array(type.utf8)
        png += be(UInt32(data.count)) + typeBytes + data
        png += be(Deflate.crc32(data, continuing: Deflate.crc32(typeBytes)))
    }
}

private func be(_ v: UInt32) -> [UInt8] { [UInt8(v >> 24), UInt8((v >> 16) & 0xFF), UInt8((v >> 8) & 0xFF), UInt8(v & 0xFF)] }
private func be16(_ v: UInt16) -> [UInt8] { [UInt8(v >> 8), UInt8(v & 0xFF)] }

/// The part of a frame that changed since the previous one (at least one pixel, so every
/// frame can be written).
struct FrameRect: Equatable {
    var x: Int, y: Int, width: Int, height: Int

    static func changed<T: Equatable>(_ now: [T], _ before: [T], width: Int, height: Int) -> FrameRect {
        guard before.count == now.count else { return FrameRect(x: 0, y: 0, width: width, height: height) }
        var minX = width, minY = height, maxX = -1, maxY = -1
        now.withUnsafeBufferPointer { a in
            before.withUnsafeBufferPointer { b in
                for y in 0..<height {
                    let row = y * width
                    var x = 0
                    while x < width && a[row + x] == b[row + x] { x += 1 }
                    guard x < width else { continue }
                    var r = width - 1
                    while a[row + r] == b[row + r] { r -= 1 }
                    minX = min(minX, x); maxX = max(maxX, r)
                    if minY == height { minY = y }
                    maxY = y
                }
            }
        }
        guard maxX >= 0 else { return FrameRect(x: 0, y: 0, width: 1, height: 1) }
        return FrameRect(x: minX, y: minY, width: maxX - minX + 1, height: maxY - minY + 1)
    }
}
