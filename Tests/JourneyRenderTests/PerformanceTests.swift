import Foundation
import Testing
import JourneyRender
import JourneyScene

@Suite("Rendering speed")
struct PerformanceTests {
    /// A 40-label map (1220×470 pt) to SVG and PNG. The figures are printed; the assertion is
    /// loose (1 s) so a debug build on a busy machine does not fail. Most of the PNG time is
    /// libpng's compression inside `cairo_surface_write_to_png_stream` (≈ 85 ms for
    /// 2440×940 px, the same from C), not drawing (≈ 8 ms).
    @Test func fortyLabelsToSVGAndPNG() throws {
        let scene = SampleScenes.labels(40)
        _ = try render(scene, format: .png)  // warm fontconfig and Pango caches
        func best(_ body: () throws -> Void) throws -> Duration {
            var best = Duration.seconds(100)
            for _ in 0..<5 { best = min(best, try ContinuousClock().measure(body)) }
            return best
        }
        let svg = try best { _ = try render(scene, format: .svg) }
        let png2 = try best { _ = try render(scene, format: .png, options: RenderOptions(scale: 2)) }
        let png1 = try best { _ = try render(scene, format: .png, options: RenderOptions(scale: 1)) }
        let pdf = try best { _ = try render(scene, format: .pdf) }
        print("40 labels, best of 5: SVG \(svg), PNG@2x \(png2), PNG@1x \(png1), PDF \(pdf); SVG+PNG@2x \(svg + png2)")
        #expect(svg + png2 < .seconds(1))
    }
}
