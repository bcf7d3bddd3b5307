import JourneyCore
import JourneyScene

/// Where a persona's lanes went on a journey map, and what did not fit.
public struct PersonaLanesOnMap: Sendable {
    /// The block: persona heading, emotion lane and text lanes.
    public var frame: Rect
    public var warnings: [PersonaLayoutWarning]
}

extension JourneyMapBuilder.Result {
    /// Puts `persona`'s lanes (`journeymap map LOG --persona p.yaml`) under the stage columns:
    /// a heading with the persona's name and role, the emotion curve, then notes, pain points
    /// and opportunities, each lane cell aligned with its stage column. The legend and
    /// footnote move down by the height of the block and the scene grows by as much.
    ///
    /// Items below the graph (those starting at least 1.5 gaps under `contentBottom`: legend
    /// and footnote) are moved; the graph, its edge labels and column backgrounds stay.
    /// - Complexity: O(items + lane texts × fitting measurements).
    public mutating func addPersonaLanes(_ persona: Persona, theme: Theme, language: String,
                                         measurer: any TextMeasurer) -> PersonaLanesOnMap {
        let style = PersonaStyle(theme: theme)
        let gap = MapStyle(theme: theme).gap
        let columns = stageColumns.map { PersonaLanes.Column(stage: $0.stage, minX: $0.minX, maxX: $0.maxX) }
        guard let first = columns.first, let last = columns.last else {
            return PersonaLanesOnMap(frame: Rect(x: 0, y: contentBottom, width: 0, height: 0), warnings: [
                PersonaLayoutWarning(persona: persona.name.text(language), element: "lanes",
                                     message: "the map has no stage columns; no lanes drawn"),
            ])
        }
        let top = contentBottom + 2 * gap
        let width = last.maxX - first.minX
        let fitter = PersonaTextFitter(measurer: measurer, minimumScale: style.minimumScale)
        var heading = PersonaCanvas(fitter: fitter, persona: persona.name.text(language))
        let labels = PersonaLabels(language: language)
        var y = top
        y += heading.text(labels.personaHeading(persona.name.text(language)), x: first.minX, y: y, width: width,
                          font: style.font(style.nameSize * 0.8, bold: true), color: theme.text, maxLines: 1,
                          element: "lanes.heading")
        if let role = persona.role?.text(language), !role.isEmpty {
            y += 2 + heading.text(role, x: first.minX, y: y + 2, width: width, font: style.font(style.bodySize),
                                  color: theme.mutedText, maxLines: 2, element: "lanes.role")
        }
        y += 8
        let lanes = PersonaLanes(style: style, measurer: measurer, language: language)
            .layout(persona, stageColumns: columns, top: y)
        let bottom = y + lanes.height
        let delta = bottom - contentBottom

        let threshold = contentBottom + 1.5 * gap
        var items = scene.items.map { item in
            Self.minY(item) >= threshold ? Self.moved(item, by: delta) : item
        }
        items += (heading.items + lanes.items).tagged(.lane, "persona")
        scene.items = items
        scene.height = (scene.height + delta).rounded(.up)
        return PersonaLanesOnMap(frame: Rect(x: first.minX, y: top, width: width, height: bottom - top),
                                 warnings: heading.warnings + lanes.warnings)
    }

    static func minY(_ item: SceneItem) -> Double {
        switch item {
        case .rect(let r): return r.frame.minY
        case .text(let t): return t.frame.minY
        case .image(let i): return i.frame.minY
        case .path(let p):
            return p.segments.map { s -> Double in
                switch s {
                case .move(let a), .line(let a): return a.y
                case let .curve(c1, c2, to): return min(c1.y, c2.y, to.y)
                case .close: return .infinity
                }
            }.min() ?? .infinity
        }
    }

    static func moved(_ item: SceneItem, by dy: Double) -> SceneItem {
        func p(_ q: Point) -> Point { Point(q.x, q.y + dy) }
        switch item {
        case .rect(var r): r.frame.y += dy; return .rect(r)
        case .text(var t): t.frame.y += dy; return .text(t)
        case .image(var i): i.frame.y += dy; return .image(i)
        case .path(var x):
            x.segments = x.segments.map { s in
                switch s {
                case .move(let a): return .move(p(a))
                case .line(let a): return .line(p(a))
                case let .curve(c1, c2, to): return .curve(c1: p(c1), c2: p(c2), to: p(to))
                case .close: return .close
                }
            }
            return .path(x)
        }
    }
}
