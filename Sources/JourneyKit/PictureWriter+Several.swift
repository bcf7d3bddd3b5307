import Foundation
import JourneyCore
import JourneyScene
import JourneyRender

extension PictureWriter {
    /// Several scenes, each to its own paths: every output of every scene is rendered before
    /// any file is written, so a rendering error leaves all targets untouched.
    public static func write(_ pictures: [(scene: Scene, paths: [String])], render options: RenderOptions = RenderOptions(),
                             page: Page? = nil, format fallback: OutputFormat? = nil) throws {
        var outputs: [(String, [UInt8])] = []
        for (scene, paths) in pictures where !paths.isEmpty {
            let s = page.map { scene.fitted(to: $0.landscape ? $0.size.landscape : $0.size.portrait, margin: 28) } ?? scene
            for (path, format) in zip(paths, try formats(paths, fallback: fallback)) { outputs.append((path, try render(s, format: format, options: options))) }
        }
        for (path, bytes) in outputs { try AtomicFile.write(bytes, to: path) }
    }
}
