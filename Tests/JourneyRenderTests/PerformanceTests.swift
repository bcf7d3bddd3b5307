import Foundation
import Testing
import JourneyRender
import JourneyScene

@Suite("Rendering speed")
struct PerformanceTests {
    /// A 40-label map to SVG and PNG (scale 2). Budget 100 ms in release; the assertion is
    /// loose (1 s) so a debug build on a busy machine does not fail, the figure is printed.
    @Test func fortyLabelsToSVGAndPNG() throws {
        let scene = SampleScenes.labels(40)
        _ = try render(scene, format: .png)  // warm fontconfig and Pango caches
        let clock = ContinuousClock()
        var best = Duration.seconds(100)
        for _ in 0..<5 {
            let elapsed = try clock.measure {
                _ = try render(scene, format: .svg)
                _ = try render(scene, format: .png)
            }
            best = min(best, elapsed)
        }
        print("40 labels → SVG + PNG@2x: best of 5 = \(best)")
        #expect(best < .seconds(1))
    }
}
