import JourneyCore

/// One call from journey sequences to a Sankey picture, for the CLI and for demos.
public enum SankeyPictures {
    /// The flows of `mode`, refused when nothing would be drawn.
    public static func flows(_ sequences: JourneySequences, mode: SankeyFlows.Mode,
                             options: SankeyOptions = SankeyOptions()) throws -> SankeyFlows {
        let flows = mode == .steps ? try SankeyFlows.bySteps(sequences, options: options)
            : try SankeyFlows.byStages(sequences, options: options)
        guard flows.total > 0, !flows.columns.isEmpty else {
            if let anchor = options.anchor {
                throw SankeyError("no journey has “\(anchor.touchpoint)”, so there is nothing to draw")
            }
            throw SankeyError(mode == .stages ? "no journey has an event in a template stage, so there is nothing to draw (check --template)"
                                              : "no journeys to draw")
        }
        return flows
    }

    /// The Sankey picture of `sequences`: flows by step or by stage, laid out and styled by `theme`.
    public static func scene(_ sequences: JourneySequences, mode: SankeyFlows.Mode = .steps,
                             options: SankeyOptions = SankeyOptions(),
                             layout: SankeyLayoutOptions = SankeyLayoutOptions(),
                             theme: Theme = .light, measurer: any TextMeasurer) throws -> Scene {
        let flows = try flows(sequences, mode: mode, options: options)
        return SankeySceneBuilder(flows: flows, options: layout, style: SankeyStyle(theme: theme), measurer: measurer).build().scene
    }
}
