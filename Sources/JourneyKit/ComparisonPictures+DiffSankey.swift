import JourneyCore
import JourneyLayout

extension ComparisonPictures {
    /// The diff Sankey of two sides' journeys: flows by `mode` laid out once over both sides,
    /// ribbons coloured by the tested change of their share (see `SankeyDiff` and
    /// `DiffSankeySceneBuilder`), measured with the shared Pango measurer.
    /// - Throws: `ComparisonError`, `SankeyError` (see `SankeyDiff.init`).
    public static func diffSankey(_ sequences: ComparisonSequences, mode: SankeyFlows.Mode = .stages,
                                  flows: SankeyOptions = SankeyOptions(), comparison: ComparisonOptions = ComparisonOptions(),
                                  layout: SankeyLayoutOptions = SankeyLayoutOptions(), theme: Theme = .light) throws -> Scene {
        let diff = try SankeyDiff(before: sequences.before, after: sequences.after, mode: mode, sankey: flows, options: comparison)
        return DiffSankeySceneBuilder(diff: diff, beforeLabel: sequences.beforeLabel, afterLabel: sequences.afterLabel,
                                      options: layout, theme: theme, measurer: try PictureWriter.measurer()).build().scene
    }
}
