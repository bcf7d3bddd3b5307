import Testing
@testable import JourneyRender
import JourneyScene

@Suite struct PNGEncoderTests {
    @Test func opaqueImagesAreRGBAndRoundTrip() throws {
        let pixels: [UInt32] = [0xFF10_2030, 0xFFFF_FFFF, 0xFF00_0000, 0xFF80_4020]
        let png = try PNGEncoder.encode(width: 2, height: 2, pixels: pixels)
        #expect(png[25] == 2)  // colour type RGB
        let back = try decodePNG(png)
        #expect(back.width == 2 && back.height == 2)
        #expect(back.pixel(x: 0, y: 0)?.hex == Color(hex: "#102030")?.hex)
        #expect(back.pixel(x: 1, y: 1)?.hex == Color(hex: "#804020")?.hex)
    }

    @Test func translucentPixelsKeepTheirAlpha() throws {
        // 50% red, premultiplied as Cairo stores it: 0x80 alpha, 0x80 red.
        let png = try PNGEncoder.encode(width: 2, height: 1, pixels: [0x8080_0000, 0x0000_0000])
        #expect(png[25] == 6)  // colour type RGBA
        let back = try decodePNG(png)
        let p = try #require(back.pixel(x: 0, y: 0))
        #expect(abs(p.alpha - 128.0 / 255) < 0.01 && abs(p.red - 1) < 0.02 && p.green == 0)
        #expect(back.pixel(x: 1, y: 0)?.alpha == 0)
    }

    @Test func dpiIsRecordedForPrint() throws {
        let png = try PNGEncoder.encode(width: 1, height: 1, pixels: [0xFFFF_FFFF], dpi: 300)
        let phys = try #require(png.indices.first { png[$0..<min($0 + 4, png.count)].elementsEqual("pHYs".utf8) })
        let perMetre = png[(phys + 4)..<(phys + 8)].reduce(0) { $0 << 8 | Int($1) }
        #expect(perMetre == 11811)  // 300 dpi = 11 811 pixels per metre
        #expect(png[phys + 12] == 1)  // unit: metre
    }
}
