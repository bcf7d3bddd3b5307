import ArgumentParser
import Foundation
import JourneyKit

struct CompareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Compare the journey before and after: which changes are real (tests with Benjamini–Hochberg), as a report and a diff map.",
        discussion: """
        Inputs: two logs or two journey files (before, after); or one log with --before/--after \
        time windows (2024-04-18..2024-05-18; dates are whole days) or --split-by ATTR=BEFORE,AFTER. \
        Outputs by extension: .md (Markdown report), .json (report for machines, docs/comparison-format.md), \
        .svg/.png/.pdf (diff map); --side-by-side FILE draws the before and after maps next to each other; \
        --diff-sankey FILE draws the flows of both sides as one Sankey, ribbons coloured by the tested change \
        of the share of journeys taking them (needs event logs: journey files hold no paths). \
        All pictures share one layout of both sides' journeys, so boxes sit in the same place in each. \
        Standard output gets the report in --format when no -o is given.
        """)

    @Argument(help: "Two logs or journey files (before, after), or one log split with --before/--after or --split-by.")
    var inputs: [String]
    @Option(help: "Time window of the before side, START..END (dates or date-times).")
    var before: String?
    @Option(help: "Time window of the after side, START..END.")
    var after: String?
    @Option(name: .customLong("split-by"), help: "Split one log by an attribute: ATTR=BEFORE_VALUE,AFTER_VALUE.")
    var splitBy: String?
    @Option(help: "Significance level for the adjusted p-values (q).")
    var alpha: Double = 0.05
    @Option(name: .customLong("assign-by"), help: "With --before/--after: each journey counts once, in the window where it starts (start, default) or ends (end).")
    var assignBy: JourneyWindow.AssignBy = .start
    @Option(name: .customLong("min-effect"), help: "Smallest change of a share, in percentage points, that is called significant (with q ≤ --alpha).")
    var minEffect: Double = 1
    @Option(name: .customLong("min-count"), help: "Below this many occurrences (both sides together) nothing is called significant.")
    var minCount: Int = 20
    @Option(help: "Format of standard output and of outputs named without an extension (-o -, a device, a FIFO): markdown or json (the report), svg, png or pdf (the diff map).")
    var format: ReportFormat = .markdown
    @Option(name: .shortAndLong, help: "Outputs: report.md, report.json, diff.svg|png|pdf (repeatable).")
    var output: [String] = []
    @Option(name: .customLong("side-by-side"), help: "Before | after maps on the diff map's layout and one value scale: .svg, .png or .pdf (repeatable).")
    var sideBySide: [String] = []
    @Option(name: .customLong("diff-sankey"), help: "Diff Sankey: both sides' flows on one layout, ribbons coloured by the change of their share: .svg, .png or .pdf (repeatable; event logs only).")
    var diffSankey: [String] = []
    /// `--sankey` (the other commands' word): the parser suggested `--lanes` for it.
    @Flag(name: .customLong("sankey"), help: .hidden)
    var sankeyWord = false
    @Option(name: .customLong("diff-sankey-by"), help: "Columns of the diff Sankey: stage (the template's stages) or step (the k-th event).")
    var diffSankeyBy: SankeyCommand.By = .stage
    @Option(name: .customLong("max-touchpoints"), help: "Most touchpoints drawn (the least visited are hidden into the note).")
    var maxTouchpoints: Int = 40
    @Option(name: .customLong("max-edges"), help: "Most transitions drawn besides the significant ones (default: 1.5 × touchpoints, at least 12).")
    var maxEdges: Int?
    @Flag(help: "Add the before/after change of each state's Markov removal effect (journeymap attribution) to the Markdown report, and write it to -o NAME.csv; needs --conversion or --conversion-stage and event logs.")
    var attribution = false
    @Option(help: "With --attribution: the touchpoint that is the conversion.")
    var conversion: String?
    @Option(name: .customLong("conversion-stage"), help: "With --attribution: the stage that is the conversion (its first step, or a later stage's).")
    var conversionStage: String?
    @Option(name: .customLong("attribution-by"), help: "With --attribution: states are touchpoint (default) or channel.")
    var attributionBy: AttributionOptions.Unit = .touchpoint
    @Option(help: "Pictures with channel swimlanes: each touchpoint in the lane of its channel, split into one box per channel as map splits them (over both sides; journey files: none split).")
    var lanes: String?
    @Option(name: .customLong("lanes-split"), help: "With --lanes: split a touchpoint into one box per channel when no channel has this share of its events over both sides (0…1).")
    var lanesSplit: Double = 0.8
    @OptionGroup var picture: PictureFlags
    @OptionGroup var log: LogOptions
    @OptionGroup var mining: MiningFlags
    @OptionGroup var privacy: PrivacyFlags

    enum ReportFormat: String, ExpressibleByArgument {
        case markdown, json, svg, png, pdf
        /// The picture format, when this is one.
        var picture: OutputFormat? { OutputFormat(rawValue: rawValue) }
    }

    func validate() throws {
        if sankeyWord {
            throw ValidationError("--sankey: compare draws both sides' flows with --diff-sankey FILE (e.g. --diff-sankey flows.png; --diff-sankey-by stage or step)")
        }
        let split = before != nil || after != nil || splitBy != nil
        if split && inputs.count != 1 { throw ValidationError("--before/--after/--split-by split one log; give exactly one input") }
        if split, let journey = inputs.first, LogLoader.isJourneyFile(journey) {
            throw ValidationError("\(journey) is a journey file from `journeymap mine`: it holds counts, not the journeys --before/--after/--split-by divide; give the event log instead")
        }
        if !split && inputs.count != 2 { throw ValidationError("give two inputs (before and after), or one log with --before/--after or --split-by") }
        if !(lanesSplit > 0 && lanesSplit <= 1) { throw ValidationError("--lanes-split \(lanesSplit): expected a share in (0, 1], e.g. 0.8") }
        if (before == nil) != (after == nil) { throw ValidationError("--before and --after go together") }
        if splitBy != nil && before != nil { throw ValidationError("use either time windows or --split-by, not both") }
        if !(alpha > 0 && alpha < 1) { throw ValidationError("--alpha \(alpha): expected a number between 0 and 1") }
        if !(minEffect >= 0 && minEffect < 100) { throw ValidationError("--min-effect \(minEffect): expected percentage points from 0 up to 100") }
        if minCount < 0 { throw ValidationError("--min-count \(minCount): expected 0 or more") }
        if maxTouchpoints < 1 { throw ValidationError("--max-touchpoints \(maxTouchpoints): expected 1 or more") }
        try LayoutBounds.check(maxTouchpoints: maxTouchpoints, maxEdges: maxEdges, allowSlow: false, slowFlag: nil)
        if attribution && (conversion == nil) == (conversionStage == nil) {
            throw ValidationError("--attribution needs --conversion EVENT or --conversion-stage STAGE (one of them)")
        }
        if !attribution && (conversion != nil || conversionStage != nil) {
            throw ValidationError("--conversion and --conversion-stage go with --attribution")
        }
        if !attribution, let csv = output.first(where: { $0.hasSuffix(".csv") }) {
            throw ValidationError("\(csv): compare writes CSV only with --attribution (the change of each state's removal effect)")
        }
    }

    func run() throws {
        if privacy.people && privacy.minPeople == nil {
            throw UsageError("--people writes people counts to journey files; give compare --min-people to publish a comparison")
        }
        // With a picture --format and no output, the diff map goes to standard output.
        let output = self.output.isEmpty && sideBySide.isEmpty && diffSankey.isEmpty && format.picture != nil ? ["-"] : self.output
        try OutputPaths.checkOneStandardOutput(output + sideBySide + diffSankey)
        for o in output { try AtomicFile.checkNotInput(output: o, inputs: inputs) }
        try picture.checkOutputs(sideBySide + diffSankey, inputs: inputs, format: format.picture)
        // Named outputs get their format from the extension; unnamed ones (-o -) from --format.
        let bare = { (path: String) in OutputPaths.hasNoExtension(path) }
        let pictures = output.filter { OutputFormat.from(path: $0) != nil || (bare($0) && format.picture != nil) }
        let reports = output.filter { !pictures.contains($0) }
        for r in reports where !(r.hasSuffix(".md") || r.hasSuffix(".json") || r.hasSuffix(".markdown") || r.hasSuffix(".csv") || bare(r)) {
            throw UsageError("\(r): unknown output type; use .md, .json, .csv (with --attribution), .svg, .png, .pdf or .layout.json")
        }
        // Picture flags are checked before the logs are read.
        let render = try picture.renderOptions()
        let page = try picture.page()
        let theme = try picture.theme()
        if attribution, let path = inputs.first(where: LogLoader.isJourneyFile) {
            throw InputError(file: path, message: "this is a journey file from `journeymap mine`; it holds transition counts, not the journeys --attribution needs: give the event logs instead")
        }
        // Channel lanes split boxes from the journeys, as map does (journey files: none split).
        // With --min-people and a report written beside them none is split either: the report's
        // touchpoints would be sums of the pictures' boxes and give a withheld box back.
        let splitLanes = lanes != nil && !inputs.contains(where: LogLoader.isJourneyFile) && (!pictures.isEmpty || !sideBySide.isEmpty)
            && !(privacy.minPeople != nil && !reports.isEmpty)
        let (pair, sequences) = try comparisonRequest().inputs(paths: !diffSankey.isEmpty || attribution || splitLanes)
        let options = ComparisonOptions(alpha: alpha, minCount: minCount, minEffect: minEffect / 100, minPeople: privacy.minPeople)
        let comparison = try pair.compare(options: options)
        let language = picture.lang ?? pair.after.source.defaultLanguage
        // The diff Sankey's scene is made before any file is written: its errors leave them all untouched.
        var extra: [(scene: Scene, paths: [String])] = []
        var attributionChange: AttributionChange?
        if attribution, let sequences {
            let options = AttributionOptions(conversion: conversion.map { .event($0) } ?? .stage(conversionStage!), by: attributionBy)
            attributionChange = try ComparisonPictures.attributionChange(sequences, options: options, minPeople: privacy.minPeople)
        }
        if let sequences, !diffSankey.isEmpty {
            var layout = SankeyLayoutOptions(language: language, title: picture.title)
            layout.maxLabelCharacters = picture.maxLabel
            layout.source = ComparisonPictures.diffSankeyNotes(pair: pair, sequences: sequences, language: language,
                                                                   minPeople: privacy.minPeople)
            extra.append((try ComparisonPictures.diffSankey(sequences, mode: diffSankeyBy.mode, comparison: options,
                                                            layout: layout, theme: theme,
                                                            graphs: privacy.minPeople == nil ? nil : (pair.before, pair.after)),
                          diffSankey))
        }
        let markdown = ComparisonReport(comparison: comparison, language: language).markdown() + (attributionChange?.markdown() ?? "")
        for r in reports {
            if r.hasSuffix(".csv"), let attributionChange {
                try AtomicFile.write(attributionChange.csv(), to: r)
                continue
            }
            let json = r.hasSuffix(".json") || (bare(r) && format == .json)
            try AtomicFile.write(json ? try comparison.jsonData() : Data(markdown.utf8), to: r)
        }
        if !pictures.isEmpty || !sideBySide.isEmpty || !extra.isEmpty {
            var mapOptions = MapOptions(language: picture.lang, theme: theme, title: picture.title,
                                        maxTouchpoints: maxTouchpoints, maxEdges: maxEdges)
            mapOptions.maxLabelCharacters = picture.maxLabel
            mapOptions.compactBoxes = page != nil
            mapOptions.page = page.map { $0.points }
            var picturePair = pair, pictureComparison = comparison
            if let lanes {
                guard lanes == "channel" else { throw UsageError("--lanes \(lanes): compare draws channel lanes only (--lanes channel)") }
                mapOptions.swimlanes = Swimlanes(attribute: "channel", splitThreshold: lanesSplit, boxes: [:])
                if splitLanes, let sequences {
                    // The pictures compare the split boxes; the report keeps the touchpoints.
                    let split = sequences.channelLanes(pair, threshold: lanesSplit)
                    picturePair = split.pair
                    pictureComparison = try split.pair.compare(options: options)
                    mapOptions.swimlanes = split.lanes
                }
            }
            if let k = privacy.minPeople {
                // --min-people: the maps are drawn from each side's published graph.
                // With split lanes, each side's split graph (its boxes counted with their people).
                picturePair = try PublishedPair(before: picturePair.before, after: picturePair.after, minPeople: k).pair(picturePair)
            }
            try ComparisonPictures.write(pair: picturePair, comparison: pictureComparison, diff: pictures, sideBySide: sideBySide,
                                         extra: extra, options: mapOptions, render: render, page: page, format: format.picture)
        }
        let written = output + sideBySide + diffSankey
        if written.isEmpty {
            try AtomicFile.write(format == .json ? try comparison.jsonData() : Data(markdown.utf8), to: "-")
        } else if !picture.quiet {
            var lines = ["\(comparison.significantCount) of \(comparison.testedCount) tested changes significant at q ≤ \(alpha) and at least \(ProportionChange.number(minEffect)) pp (--min-effect) → \(OutputPaths.describe(written))"]
            if let w = comparison.windows { lines.append(w.sentence(thai: false)) }
            lines += comparison.warningSentences(thai: false).map { "warning: \($0)" }
            Console.notes(lines)
        }
    }

    /// Where the sides come from, as flags say: two inputs, or one log split by time windows
    /// (dates are whole days whatever the log's --timestamp-format or unit; only the zone
    /// applies) or by an attribute (read as well).
    private func comparisonRequest() throws -> ComparisonRequest {
        // --min-people needs the people behind every number (counted while mining).
        func journeyRequest(inputs: [String], log: LogOptions, mining: MiningFlags, extraAttributes: [String] = []) throws -> JourneyRequest {
            var request = try journeymap.journeyRequest(inputs: inputs, log: log, mining: mining, extraAttributes: extraAttributes,
                                                          quiet: picture.quiet)
            if privacy.minPeople != nil { request.mining.countsPeople = true }
            return request
        }
        if inputs.count == 2 {
            return .twoLogs(before: try journeyRequest(inputs: [inputs[0]], log: log, mining: mining),
                            after: try journeyRequest(inputs: [inputs[1]], log: log, mining: mining))
        }
        var parser = try log.readOptions().timestamps
        parser.format = nil
        parser.yearOffset = 0  // windows are common-era dates, as --since and every output
        parser.epochUnit = nil
        if let b = before, let a = after {
            let split = ComparisonSplit.windows(before: try TimeWindow(parsing: b, flag: "--before", parser: parser),
                                                after: try TimeWindow(parsing: a, flag: "--after", parser: parser))
            return .split(try journeyRequest(inputs: inputs, log: log, mining: mining), by: split, assignBy: assignBy)
        }
        let s = try AttributeSplit(parsing: splitBy!)
        return .split(try journeyRequest(inputs: inputs, log: log, mining: mining, extraAttributes: [s.attribute]),
                      by: .attribute(s), assignBy: assignBy)
    }
}

extension JourneyWindow.AssignBy: ExpressibleByArgument {}
