import CTurboJPEG
import Foundation
import Testing
import JourneyTestSupport
import JourneyKit

/// A persona's `photo:` (issue 6): a PNG or a JPEG is drawn in the avatar circle, in PNG and SVG
/// output; a missing, broken or other file leaves the initials and says why.
@Suite struct PersonaPhotoTests {
    /// This test's folder, removed with it.
    let folder: TemporaryDirectory
    var dir: URL { folder.url }

    init() throws {
        folder = try TemporaryDirectory("persona-photo")
    }

    /// A 40 × 60 pt picture, all one colour, as PNG bytes.
    func photo(_ color: Color) throws -> [UInt8] {
        try render(Scene(width: 40, height: 60, background: color, title: "", summary: "", items: []), format: .png,
                   options: RenderOptions(scale: 1))
    }

    func persona(photo: String) throws -> String {
        let yaml = dir.appendingPathComponent("p-\(UUID().uuidString).yaml")
        try Data("name: Ploy Srisuk\nrole: Student\nphoto: \(photo)\ngoals: [Cheap shipping]\n".utf8).write(to: yaml)
        return yaml.path
    }

    @Test func pngPhotoFillsTheAvatarCircle() throws {
        defer { try? FileManager.default.removeItem(at: dir) }
        let red = Color(red: 200 / 255, green: 30 / 255, blue: 30 / 255)
        try Data(photo(red)).write(to: dir.appendingPathComponent("face.png"))
        let picture = try PersonaPictures.cards(yamlPaths: [persona(photo: "face.png")])
        #expect(picture.warnings.isEmpty, "\(picture.warnings)")
        let images = picture.scene.items.compactMap { if case .image(let i) = $0 { return i } else { return nil } }
        let avatar = try #require(images.first)
        #expect(images.count == 1 && avatar.circular)
        for format in [OutputFormat.png, .svg] {
            let png = try render(picture.scene, format: .png, options: RenderOptions(scale: 1))
            let image = format == .svg ? try RsvgConvert.render(render(picture.scene, format: .svg)).image : try decodePNG(png)
            let centre = try #require(image.pixel(x: Int(avatar.frame.center.x), y: Int(avatar.frame.center.y)))
            #expect(centre.hex == red.hex, "\(format): avatar centre is \(centre.hex)")
            // Outside the circle (the frame's corner) is the card, not the photo.
            let corner = try #require(image.pixel(x: Int(avatar.frame.minX) + 1, y: Int(avatar.frame.minY) + 1))
            #expect(corner.hex != red.hex, "\(format): the photo is not clipped to the circle")
        }
    }

    /// A `width` × `height` JPEG (quality 90), left half `left`, right half `right` (0xRRGGBB).
    static func jpeg(width: Int, height: Int, left: UInt32, right: UInt32) throws -> [UInt8] {
        var rgb = [UInt8]()
        for _ in 0..<height {
            for x in 0..<width {
                let c = x < width / 2 ? left : right
                rgb += [UInt8(c >> 16 & 0xFF), UInt8(c >> 8 & 0xFF), UInt8(c & 0xFF)]
            }
        }
        let handle = try #require(tjInitCompress())
        defer { tjDestroy(handle) }
        var out: UnsafeMutablePointer<UInt8>?
        var size: UInt = 0
        let status = tjCompress2(handle, rgb, Int32(width), 0, Int32(height), Int32(TJPF_RGB.rawValue), &out, &size,
                                 Int32(TJSAMP_444.rawValue), 90, 0)
        #expect(status == 0)
        defer { tjFree(out) }
        return Array(UnsafeBufferPointer(start: try #require(out), count: Int(size)))
    }

    /// A camera-sized JPEG is scaled down by libjpeg while decoding, to sides of at least 256 px.
    @Test func jpegBecomesASmallerPNGWithTheSameColours() throws {
        let jpeg = try Self.jpeg(width: 1600, height: 1200, left: 0xC81E1E, right: 0x1E3CC8)
        let converted = try pngFromJPEG(jpeg)
        #expect(converted.width < 1600 && min(converted.width, converted.height) >= 256, "\(converted.width) × \(converted.height)")
        #expect(converted.width * 3 == converted.height * 4, "aspect ratio kept")
        let image = try decodePNG(converted.png)
        #expect(image.width == converted.width && image.height == converted.height)
        func close(_ c: Color?, _ hex: UInt32) -> Bool {
            guard let c else { return false }
            let want = [Double(hex >> 16 & 0xFF), Double(hex >> 8 & 0xFF), Double(hex & 0xFF)].map { $0 / 255 }
            return zip([c.red, c.green, c.blue], want).allSatisfy { abs($0 - $1) < 0.04 }
        }
        #expect(close(image.pixel(x: converted.width / 4, y: converted.height / 2), 0xC81E1E))
        #expect(close(image.pixel(x: converted.width * 3 / 4, y: converted.height / 2), 0x1E3CC8))
        // A small JPEG keeps its size.
        #expect(try pngFromJPEG(Self.jpeg(width: 120, height: 90, left: 0, right: 0xFFFFFF)).width == 120)
        #expect(throws: RenderError.self) { try pngFromJPEG([0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10, 1, 2, 3]) }
        #expect(throws: RenderError.self) { try pngFromJPEG(jpeg, maxPixels: 1_000_000) }
    }

    @Test func jpegPhotoFillsTheAvatarCircle() throws {
        defer { try? FileManager.default.removeItem(at: dir) }
        try Data(Self.jpeg(width: 300, height: 300, left: 0x1E8C3C, right: 0x1E8C3C)).write(to: dir.appendingPathComponent("face.jpeg"))
        let picture = try PersonaPictures.cards(yamlPaths: [persona(photo: "face.jpeg")])
        #expect(picture.warnings.isEmpty, "\(picture.warnings)")
        let avatar = try #require(picture.scene.items.compactMap { if case .image(let i) = $0 { return i } else { return nil } }.first)
        let image = try decodePNG(render(picture.scene, format: .png, options: RenderOptions(scale: 1)))
        let centre = try #require(image.pixel(x: Int(avatar.frame.center.x), y: Int(avatar.frame.center.y)))
        #expect(abs(centre.green - 0x8C / 255.0) < 0.04 && centre.red < 0.2, "avatar centre is \(centre.hex)")
    }

    @Test(arguments: [("missing.png", "no such file"), ("face.jpg", "cannot read JPEG"), ("face.gif", "only PNG and JPEG")])
    func unreadablePhotoKeepsInitialsAndSaysWhy(file: String, reason: String) throws {
        defer { try? FileManager.default.removeItem(at: dir) }
        try Data([0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10]).write(to: dir.appendingPathComponent("face.jpg"))
        try Data("GIF89a".utf8).write(to: dir.appendingPathComponent("face.gif"))
        let picture = try PersonaPictures.cards(yamlPaths: [persona(photo: file)])
        #expect(!picture.scene.items.contains { if case .image = $0 { return true } else { return false } })
        #expect(picture.warnings.contains { $0.message.contains(file) && $0.message.contains(reason) }, "\(picture.warnings)")
        #expect(picture.scene.items.contains { if case .text(let t) = $0 { return t.text == "PS" } else { return false } })
    }
}
