import Foundation
import Testing
import JourneyKit
import JourneyTestSupport

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
        let dir = try TemporaryDirectory("rsvg")
        let input = try dir.write("in.svg", bytes: svg), output = dir.path("out.png")
        let dpi = String(72 * pixelsPerPoint)
        let r = try ProcessRunner.run("/usr/bin/env", ["rsvg-convert", "--dpi-x", dpi, "--dpi-y", dpi, "-o", output, input])
        #expect(r.status == 0, "rsvg-convert failed: \(r.stderr)")
        return Output(image: try decodePNG(Array(Data(contentsOf: URL(fileURLWithPath: output)))), messages: r.stderr)
    }
}
