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
        .svg/.png/.pdf (diff map); --side-by-side FILE draws the before and after maps next to each other. \
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
    @Option(name: .customLong("min-count"), help: "Below this many occurrences (both sides together) nothing is called significant.")
    var minCount: Int = 20
    @Option(help: "Report format on standard output: markdown or json.")
    var format: ReportFormat = .markdown
    @Option(name: .shortAndLong, help: "Outputs: report.md, report.json, diff.svg|png|pdf (repeatable).")
    var output: [String] = []
    @Option(name: .customLong("side-by-side"), help: "Before | after maps on the diff map's layout and one value scale: .svg, .png or .pdf (repeatable).")
    var sideBySide: [String] = []
    @Option(name: .customLong("max-touchpoints"), help: "Most touchpoints drawn (the least visited are hidden into the note).")
    var maxTouchpoints: Int = 40
    @Option(name: .customLong("max-edges"), help: "Most transitions drawn besides the significant ones (default: 1.5 × touchpoints, at least 12).")
    var maxEdges: Int?
    @OptionGroup var picture: PictureFlags
    @OptionGroup var log: LogOptions
    @OptionGroup var mining: MiningFlags

    enum ReportFormat: String, ExpressibleByArgument { case markdown, json }

    func validate() throws {
        let split = before != nil || after != nil || splitBy != nil
        if split && inputs.count != 1 { throw ValidationError("--before/--after/--split-by split one log; give exactly one input") }
        if !split && inputs.count != 2 { throw ValidationError("give two inputs (before and after), or one log with --before/--after or --split-by") }
        if (before == nil) != (after == nil) { throw ValidationError("--before and --after go together") }
        if splitBy != nil && before != nil { throw ValidationError("use either time windows or --split-by, not both") }
        if !(alpha > 0 && alpha < 1) { throw ValidationError("--alpha \(alpha): expected a number between 0 and 1") }
        if minCount < 0 { throw ValidationError("--min-count \(minCount): expected 0 or more") }
        if maxTouchpoints < 1 { throw ValidationError("--max-touchpoints \(maxTouchpoints): expected 1 or more") }
        try LayoutBounds.check(maxTouchpoints: maxTouchpoints, maxEdges: maxEdges, allowSlow: false, slowFlag: nil)
    }

    func run() throws {
        for o in output { try AtomicFile.checkNotInput(output: o, inputs: inputs) }
        try picture.checkOutputs(sideBySide, inputs: inputs)
        let pictures = output.filter { OutputFormat.from(path: $0) != nil }
        let reports = output.filter { OutputFormat.from(path: $0) == nil }
        for r in reports where !(r.hasSuffix(".md") || r.hasSuffix(".json") || r.hasSuffix(".markdown")) {
            throw UsageError("\(r): unknown output type; use .md, .json, .svg, .png or .pdf")
        }
        // Picture flags are checked before the logs are read.
        let render = try picture.renderOptions()
        let page = try picture.page()
        let theme = try picture.theme()
        let pair = try comparisonPair()
        let comparison = try pair.compare(options: ComparisonOptions(alpha: alpha, minCount: minCount))
        let language = picture.lang ?? pair.after.source.defaultLanguage
        let markdown = ComparisonReport(comparison: comparison, language: language).markdown()
        for r in reports {
            try AtomicFile.write(r.hasSuffix(".json") ? try comparison.jsonData() : Data(markdown.utf8), to: r)
        }
        if !pictures.isEmpty || !sideBySide.isEmpty {
            var options = MapOptions(language: picture.lang, theme: theme, title: picture.title,
                                     maxTouchpoints: maxTouchpoints, maxEdges: maxEdges)
            options.maxLabelCharacters = picture.maxLabel
            try ComparisonPictures.write(pair: pair, comparison: comparison, diff: pictures, sideBySide: sideBySide,
                                         options: options, render: render, page: page)
        }
        let written = output + sideBySide
        if written.isEmpty {
            FileHandle.standardOutput.write(format == .json ? try comparison.jsonData() : Data(markdown.utf8))
        } else if !picture.quiet {
            FileHandle.standardError.write(Data("journeymap: \(comparison.significantCount) of \(comparison.testedCount) tested changes significant at q ≤ \(alpha) → \(written.joined(separator: ", "))\n".utf8))
        }
    }

    private func comparisonPair() throws -> ComparisonPair {
        if inputs.count == 2 {
            let a = try journeyRequest(inputs: [inputs[0]], log: log, mining: mining).graph()
            let b = try journeyRequest(inputs: [inputs[1]], log: log, mining: mining).graph()
            return ComparisonPair(before: a, after: b, beforeLabel: (inputs[0] as NSString).lastPathComponent,
                                  afterLabel: (inputs[1] as NSString).lastPathComponent)
        }
        var split: ComparisonSplit
        var extra: [String] = []
        let parser = try log.readOptions().timestamps
        if let b = before, let a = after {
            split = .windows(before: try TimeWindow(parsing: b, flag: "--before", parser: parser),
                             after: try TimeWindow(parsing: a, flag: "--after", parser: parser))
        } else {
            let s = try AttributeSplit(parsing: splitBy!)
            split = .attribute(s)
            extra = [s.attribute]
        }
        let read = try log.readOptions(extraAttributes: mining.attributesNeeded + extra)
        var request = LogRequest(paths: inputs, format: log.inputFormat, read: read)
        request.dedupe = log.dedupe
        let loaded = try LogLoader.load(request)
        return try ComparisonInputs.split(table: loaded.table, template: try mining.journeyTemplate(),
                                          options: try mining.miningOptions(), by: split)
    }
}
