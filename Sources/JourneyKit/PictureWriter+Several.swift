import Foundation
import JourneyCore
import JourneyScene
import JourneyRender

extension PictureWriter {
    /// Several scenes, each to its own paths: every output of every scene is rendered before
    /// any file is written, so a rendering error leaves all targets untouched.
    /// `interactive[i]`: the numbers of picture i's `.html` pages (missing or nil: none).
    public static func write(_ pictures: [(scene: Scene, paths: [String])], render options: RenderOptions = RenderOptions(),
                             page: Page? = nil, format fallback: OutputFormat? = nil, interactive: [InteractiveData?] = []) throws {
        var outputs: [(String, [UInt8])] = []
        for (i, (scene, paths)) in pictures.enumerated() where !paths.isEmpty {
            let s = page.map { scene.fitted(to: $0.points, margin: 28) } ?? scene
            let data = i < interactive.count ? interactive[i] : nil
            for (path, format) in zip(paths, try formats(paths, fallback: fallback)) {
                outputs.append((path, try render(s, format: format, options: options, interactive: data)))
            }
        }
        for (path, bytes) in outputs { try AtomicFile.write(bytes, to: path) }
        for (scene, paths) in pictures where !paths.isEmpty { MissingGlyphs.note(scene) }
    }
}
