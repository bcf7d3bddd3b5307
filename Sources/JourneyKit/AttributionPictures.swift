import Foundation
import JourneyCore
import JourneyLayout

/// One call from logs to an attribution and its picture, for the CLI and for other packages.
public enum AttributionPictures {
    /// The attribution of the request's journeys (read, filtered and split by `--session-gap`
    /// as `mine` does). Journey files hold counts, not paths: refused with a way out.
    public static func attribution(_ request: JourneyRequest, options: AttributionOptions) throws -> Attribution {
        try Attribution(try paths(request, options: options), options: options)
    }

    /// The journeys of `request` cut at their first conversion, as the chain's states see them.
    public static func paths(_ request: JourneyRequest, options: AttributionOptions) throws -> AttributionPaths {
        if let path = request.log.paths.first(where: LogLoader.isJourneyFile) {
            throw InputError(file: path, message: "this is a journey file from `journeymap mine`; it holds transition counts, not the journeys cut at their first conversion that attribution needs: give the event log(s) instead")
        }
        return try AttributionPaths(try request.sequences(), options: options)
    }

    /// More states than this may take minutes even solved all at once.
    public static let slowDenseStates = 1_500

    /// The warning for `paths` whose removal effects will be slow, or nil: more units than
    /// `options.eachRemovedAtOnceFrom` in a chain of more states than `denseLimit`
    /// (`AbsorbingChain.denseStateLimit`; with `--order 2` a state is a pair of units), so each
    /// unit's effect solves the chain again without it, and a chain of many states fills in (UCI
    /// Online Retail's 1,290 products had taken 368 s on one core that way, with no word).
    public static func sizeWarning(_ paths: AttributionPaths, options: AttributionOptions,
                                   denseLimit: Int = AbsorbingChain.denseStateLimit) -> String? {
        guard paths.names.count > options.eachRemovedAtOnceFrom else { return nil }
        // The units on some path (the names also hold those `--include` left out), and the states.
        var onPath = [Bool](repeating: false, count: paths.names.count)
        var pairs = Set<Int64>()
        for j in 0..<paths.count {
            var previous: Int32 = -1
            for u in paths.path(j) {
                onPath[Int(u)] = true
                if options.order == 2 { pairs.insert(Int64(previous) << 32 | Int64(u)) }
                previous = u
            }
        }
        let units = onPath.lazy.filter { $0 }.count
        let states = 1 + (options.order == 2 ? pairs.count : units)
        // All at once, the dense chains cost about states³ when they fill in (2,000 units with
        // random moves took 197 s; UCI Online Retail's 2,126 products, sparser, 10 s).
        guard units > options.eachRemovedAtOnceFrom, states > min(denseLimit, Self.slowDenseStates) else { return nil }
        let what = options.by == .channel ? "channels" : "touchpoints"
        return "\(CountFormat.grouped(units)) \(what) in \(CountFormat.grouped(states)) states: the Markov removal effects solve the chain once without each, "
            + "which can take minutes at this size; fewer states with --by channel, --keep-activities 0.9, or --include/--exclude"
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
