import Foundation
import JourneyCore
import JourneyLayout
import JourneyScene

extension SankeyPictures {
    /// A laid-out Sankey and the flows it draws.
    public struct Picture {
        public var scene: Scene
        public var flows: SankeyFlows
    }

    /// One call from logs to a Sankey picture, for the CLI and other packages: the journeys of
    /// `request` (`JourneyRequest.sequences`), their flows by `mode`, laid out with `layout`
    /// (its `source` line and language filled in here when nil: the files' names, the number
    /// of events and the template, or that the stages were inferred) and styled by `theme`.
    public static func picture(_ request: JourneyRequest, mode: SankeyFlows.Mode, options: SankeyOptions = SankeyOptions(),
                               layout: SankeyLayoutOptions = SankeyLayoutOptions(), language: String? = nil,
                               theme: Theme = .light) throws -> Picture {
        var options = options
        if options.minPeople != nil && options.graphBeside == nil {
            // Suppressed beside the graph `map --min-people k` publishes of the same journeys, so
            // the two can be published together (docs/privacy.md, "Outputs of the same data").
            // Mined first: its read's memory is gone before the sequences are built.
            var full = request
            full.minPeople = nil
            full.mining.countsPeople = true
            options.graphBeside = try full.graph()
        }
        let sequences = try request.sequences()
        let flows = try flows(sequences, mode: mode, options: options)
        var layout = layout
        layout.language = language ?? request.template.defaultLanguage
        if layout.source == nil {
            // In the picture's language, as the map's footnote words are (`FootnoteWords.source`).
            let thai = layout.language.hasPrefix("th")
            layout.source = FileNames.shown(request.log.paths)
                + " · \(SankeyFormat.count(sequences.steps.count)) " + (thai ? "เหตุการณ์" : "events")
                + (sequences.stagesInferred ? StageWords.inferredNote(thai: thai)
                    : (thai ? " · เทมเพลต " : " · template ") + request.template.id)
        }
        let result = SankeySceneBuilder(flows: flows, options: layout, style: SankeyStyle(theme: theme),
                                        measurer: try PictureWriter.measurer()).build()
        PhaseTiming.mark("sankey: scene")
        return Picture(scene: result.scene, flows: flows)
    }
}
