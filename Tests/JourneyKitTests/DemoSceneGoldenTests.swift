import Foundation
import JourneyKit
import JourneyTestSupport
import Testing

/// The scenes of every demo picture, as rounded geometry (one line per drawn item: its kind,
/// bounds to 0.1 pt, and the text of texts), against `Tests/Golden/scenes/` (`JM_RECORD=1`
/// rewrites them). A change to layout or styling shows as a diff of the items that moved.
@Suite(.serialized) struct DemoSceneGoldenTests {
    nonisolated(unsafe) static let inputs = Result { try Demo.inputs(samples: Repository.path("samples")) }

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
                lines.append("path \(frame(bounds(p))) \(p.segments.count) segments\(p.stroke.map { " stroke \(r($0.width))" } ?? "")"
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

    /// Bounds of a path's points (control points included).
    static func bounds(_ p: PathItem) -> Rect {
        var xs: [Double] = [], ys: [Double] = []
        for s in p.segments {
            switch s {
            case .move(let a), .line(let a): xs.append(a.x); ys.append(a.y)
            case let .curve(c1, c2, to): xs += [c1.x, c2.x, to.x]; ys += [c1.y, c2.y, to.y]
            case .close: break
            }
        }
        let x0 = xs.min() ?? 0, y0 = ys.min() ?? 0
        return Rect(x: x0, y: y0, width: (xs.max() ?? 0) - x0, height: (ys.max() ?? 0) - y0)
    }
}
