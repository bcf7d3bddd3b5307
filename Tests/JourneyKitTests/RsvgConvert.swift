import Foundation
import Testing
import JourneyKit

/// SVG drawn by an independent renderer (librsvg's `rsvg-convert`, Debian's librsvg2-bin), for
/// checking that our SVG means what our PNG shows.
enum RsvgConvert {
    struct Output {
        var image: DecodedImage
        /// What rsvg-convert printed (warnings); empty for a clean document.
        var messages: String
    }

    /// Renders `svg` at `pixelsPerPoint` (1 = 72 dpi, the size of our PNG at `--scale 1`).
    static func render(_ svg: [UInt8], pixelsPerPoint: Double = 1) throws -> Output {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("rsvg-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let input = dir.appendingPathComponent("in.svg"), output = dir.appendingPathComponent("out.png")
        try Data(svg).write(to: input)
        let dpi = String(72 * pixelsPerPoint)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["rsvg-convert", "--dpi-x", dpi, "--dpi-y", dpi, "-o", output.path, input.path]
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        let messages = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "rsvg-convert failed: \(messages)")
        return Output(image: try decodePNG(Array(Data(contentsOf: output))), messages: messages)
    }
}
