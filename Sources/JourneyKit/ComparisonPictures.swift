import Foundation
import JourneyCore
import JourneyScene
import JourneyLayout
import JourneyRender

/// The before/after pictures of a comparison, from a pair of journey graphs to files.
public enum ComparisonPictures {
    /// The diff map, the before and after maps and the side-by-side picture, all on one layout
    /// of the union graph (see `ComparisonMapBuilder`), measured with the shared Pango measurer.
    public static func scenes(pair: ComparisonPair, comparison: JourneyComparison,
                              options: MapOptions = MapOptions()) throws -> ComparisonMapBuilder.Result {
        try ComparisonMapBuilder(pair: pair, comparison: comparison, options: options, measurer: PictureWriter.measurer()).build()
    }

    /// Writes the diff map to every path in `diff` and the before | after picture to every
    /// path in `sideBySide` (format from each extension: .svg, .png, .pdf), and each scene of
    /// `extra` (the diff Sankey) to its paths. Everything is rendered before anything is written.
    public static func write(pair: ComparisonPair, comparison: JourneyComparison, diff: [String], sideBySide: [String] = [],
                             extra: [(scene: Scene, paths: [String])] = [],
                             options: MapOptions = MapOptions(), render: RenderOptions = RenderOptions(),
                             page: PictureWriter.Page? = nil, format fallback: OutputFormat? = nil) throws {
        _ = try PictureWriter.formats(diff + sideBySide + extra.flatMap(\.paths), fallback: fallback)
        var pictures = extra
        var data: [InteractiveData?] = []
        if !diff.isEmpty || !sideBySide.isEmpty {
            let result = try scenes(pair: pair, comparison: comparison, options: options)
            pictures = [(result.diff, diff), (result.sideBySide, sideBySide)] + extra
            // The diff map's and the before | after page's numbers: every tested change.
            let numbers = InteractiveData.comparison(comparison, language: options.language ?? pair.before.source.defaultLanguage)
            data = [numbers, numbers]
        }
        try PictureWriter.write(pictures, render: render, page: page, format: fallback, interactive: data)
    }
}
