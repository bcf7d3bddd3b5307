import Foundation
import JourneyKit
import JourneyTestSupport
import Testing

/// The scenes of every demo picture, as rounded geometry (one line per drawn item: its kind,
/// bounds to 0.1 pt, and the text of texts), against `Tests/Golden/scenes/` (`JM_RECORD=1`
/// rewrites them). A change to layout or styling shows as a diff of the items that moved.
@Suite(.serialized) struct DemoSceneGoldenTests {
    /// The samples as the demo names them, relative to the repository (swift test runs in the
    /// package root): footnotes are laid out with the names in them, so an absolute path made
    /// the geometry depend on where the clone is (CI's /tmp/tmp.XXXXXXXXXX/journeymap wrapped
    /// a footnote line that /work/main did not).
    nonisolated(unsafe) static let inputs = Result {
        try Demo.inputs(samples: FileManager.default.currentDirectoryPath == Repository.root.path ? "samples" : Repository.path("samples"))
    }

    @Test(arguments: Demo.pictures.map(\.file))
    func sceneGeometry(_ file: String) throws {
        let inputs = try Self.inputs.get()
        let picture = try #require(Demo.pictures.first { $0.file == file })
        let scene = try picture.make(inputs)
        // Footnotes name the sample files: as the demo names them, relative to the repository.
        let text = SceneGeometry.text(scene).replacingOccurrences(of: Repository.root.path + "/", with: "")
        if let diff = Golden.check(text, against: "scenes/\(file).txt") { Issue.record(Comment(rawValue: diff)) }
    }
}

/// A scene as text: what the golden files hold.
enum SceneGeometry {
    static func text(_ scene: Scene) -> String {
        var lines = ["scene \(r(scene.width)) x \(r(scene.height)) \(quoted(scene.title))"]
        for item in scene.items {
            switch item {
            case .rect(let x):
                lines.append("rect \(frame(x.frame))\(x.stroke.map { " stroke \(r($0.width))" } ?? "")\(tag(x.tag))")
            case .path(let p):
                lines.append("path \(frame(PersonaFixture.bounds(p))) \(p.segments.count) segments\(p.stroke.map { " stroke \(r($0.width))" } ?? "")"
                    + "\(p.arrowAtEnd == nil ? "" : " arrow")\(tag(p.tag))")
            case .text(let t):
                lines.append("text \(frame(t.frame)) \(r(t.font.size))pt \(quoted(t.text))\(tag(t.tag))")
            case .image(let i):
                lines.append("image \(frame(i.frame))\(tag(i.tag))")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func r(_ x: Double) -> String {
        let s = String(format: "%.1f", x)
        return s == "-0.0" ? "0.0" : s
    }

    static func frame(_ f: Rect) -> String { "\(r(f.x)) \(r(f.y)) \(r(f.width))x\(r(f.height))" }

    static func quoted(_ s: String) -> String {
        "\"" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            .replacingOccurrences(of: "\n", with: "\\n") + "\""
    }

    static func tag(_ t: SceneTag?) -> String { t.map { " [\($0.role.rawValue) \($0.id)]" } ?? "" }
}
