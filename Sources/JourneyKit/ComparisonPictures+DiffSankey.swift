import JourneyCore
import JourneyLayout

extension ComparisonPictures {
    /// The diff Sankey of two sides' journeys: flows by `mode` laid out once over both sides,
    /// ribbons coloured by the tested change of their share (see `SankeyDiff` and
    /// `DiffSankeySceneBuilder`), measured with the shared Pango measurer. With `--min-people`,
    /// `graphs` (the sides' full graphs) has each side suppressed beside its published graph.
    /// - Throws: `ComparisonError`, `SankeyError` (see `SankeyDiff.init`).
    public static func diffSankey(_ sequences: ComparisonSequences, mode: SankeyFlows.Mode = .stages,
                                  flows: SankeyOptions = SankeyOptions(), comparison: ComparisonOptions = ComparisonOptions(),
                                  layout: SankeyLayoutOptions = SankeyLayoutOptions(), theme: Theme = .light,
                                  graphs: (before: JourneyGraph, after: JourneyGraph)? = nil) throws -> Scene {
        let diff = try SankeyDiff(before: sequences.before, after: sequences.after, mode: mode, sankey: flows, options: comparison,
                                  graphs: graphs)
        return DiffSankeySceneBuilder(diff: diff, beforeLabel: sequences.beforeLabel, afterLabel: sequences.afterLabel,
                                      options: layout, theme: theme, measurer: try PictureWriter.measurer()).build().scene
    }
}

extension ComparisonPictures {
    /// The diff Sankey's footnote in `language`: how journeys were given to time windows
    /// (`pair.windows`; with `minPeople` the rule without its counts, which rest on people not
    /// counted), and that stages were inferred when they were; nil when neither.
    public static func diffSankeyNotes(pair: ComparisonPair, sequences: ComparisonSequences, language: String,
                                       minPeople: Int? = nil) -> String? {
        let thai = language.hasPrefix("th")
        let notes = (pair.windows.map { [minPeople == nil ? $0.sentence(thai: thai) : $0.rule(thai: thai)] } ?? [])
            + (sequences.before.stagesInferred ? [StageWords.inferredSentence(thai: thai)] : [])
        return notes.isEmpty ? nil : notes.joined(separator: "\n")
    }

    /// The before/after change of each state's Markov removal effect (`compare --attribution`).
    public static func attributionChange(_ sequences: ComparisonSequences, options: AttributionOptions,
                                         minPeople: Int? = nil) throws -> AttributionChange {
        let before = try AttributionPictures.attribution(sequences.before, options: options)
        let after = try AttributionPictures.attribution(sequences.after, options: options)
        guard let k = minPeople else { return AttributionChange(before: before, after: after) }
        return AttributionChange(before: before, after: after, minPeople: k)
    }
}
