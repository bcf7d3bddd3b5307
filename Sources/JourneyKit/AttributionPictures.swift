import Foundation
import JourneyCore
import JourneyLayout

/// One call from logs to an attribution and its picture, for the CLI and for other packages.
public enum AttributionPictures {
    /// The attribution of the request's journeys (read, filtered and split by `--session-gap`
    /// as `mine` does). Journey files hold counts, not paths: refused with a way out.
    public static func attribution(_ request: JourneyRequest, options: AttributionOptions) throws -> Attribution {
        if let path = request.log.paths.first(where: LogLoader.isJourneyFile) {
            throw InputError(file: path, message: "this is a journey file from `journeymap mine`; it holds transition counts, not the journeys cut at their first conversion that attribution needs: give the event log(s) instead")
        }
        return try attribution(try request.sequences(), options: options)
    }

    /// The attribution of `sequences`.
    public static func attribution(_ sequences: JourneySequences, options: AttributionOptions) throws -> Attribution {
        try Attribution(AttributionPaths(sequences, options: options), options: options)
    }

    /// The bar picture of `attribution` in `theme` (stage colours, words in `language`).
    public static func scene(_ attribution: Attribution, theme: Theme = .light, language: String = "en", title: String? = nil,
                             source: String? = nil, maxLabelCharacters: Int = 48, measurer: any TextMeasurer) -> Scene {
        AttributionSceneBuilder(attribution: attribution, style: SankeyStyle(theme: theme), language: language, title: title,
                                source: source, maxLabelCharacters: maxLabelCharacters, measurer: measurer).build()
    }
}
