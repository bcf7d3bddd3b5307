import Foundation
import Testing
import JourneyKit

/// A persona's `photo:` (issue 6): a PNG is drawn in the avatar circle, in PNG and SVG output;
/// a missing file or a JPEG leaves the initials and says why.
@Suite struct PersonaPhotoTests {
    let dir: URL

    init() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("persona-photo-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
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

    @Test(arguments: [("missing.png", "no such file"), ("face.jpg", "only PNG")])
    func unreadablePhotoKeepsInitialsAndSaysWhy(file: String, reason: String) throws {
        defer { try? FileManager.default.removeItem(at: dir) }
        try Data([0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10]).write(to: dir.appendingPathComponent("face.jpg"))
        let picture = try PersonaPictures.cards(yamlPaths: [persona(photo: file)])
        #expect(!picture.scene.items.contains { if case .image = $0 { return true } else { return false } })
        #expect(picture.warnings.contains { $0.message.contains(file) && $0.message.contains(reason) }, "\(picture.warnings)")
        #expect(picture.scene.items.contains { if case .text(let t) = $0 { return t.text == "PS" } else { return false } })
    }
}
