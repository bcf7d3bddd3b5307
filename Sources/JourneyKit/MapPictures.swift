import Foundation
import JourneyCore
import JourneyLayout
import JourneyScene

/// One call from a journey graph to a journey map (with a persona's lanes), for the CLI and
/// for other Swift packages: the map's facade, as `SankeyPictures.picture`,
/// `ComparisonPictures` and `PersonaPictures` are the other pictures'.
public enum MapPictures {
    /// A laid-out map and what it had to leave out.
    public struct Picture {
        public var scene: Scene
        /// The touchpoints and transitions drawn, and a note on those left out.
        public var selection: MapSelection
        /// What did not fit in the persona's lanes (empty without a persona).
        public var laneWarnings: [PersonaLayoutWarning]
        /// The language the labels are in (`--lang`, else the template's).
        public var language: String
    }

    /// The map of `graph` (`JourneyMapBuilder`, measured with the shared Pango measurer), with
    /// `persona`'s lanes below it when given.
    public static func picture(_ graph: JourneyGraph, options: MapOptions = MapOptions(), persona: Persona? = nil) throws -> Picture {
        let measurer = try PictureWriter.measurer()
        let builder = JourneyMapBuilder(graph: graph, options: options, measurer: measurer)
        var result = try builder.build()
        let lanes = persona.map {
            result.addPersonaLanes($0, theme: options.theme, language: builder.language, measurer: measurer)
        }
        return Picture(scene: result.scene, selection: result.selection, laneWarnings: lanes?.warnings ?? [],
                       language: builder.language)
    }
}
