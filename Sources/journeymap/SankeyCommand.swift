import ArgumentParser
import Foundation
import JourneyKit

struct SankeyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sankey",
        abstract: "Draw journey flows as a Sankey diagram, by step or by stage, to SVG, PNG or PDF.",
        discussion: """
        By step, column k holds the k-th event of each journey (from the start, after --from EVENT \
        or before --to EVENT); per column the --top touchpoints get their own node, the rest share \
        an "Other" node, and journeys that end flow into the next column's drop-off node (a column \
        holds the journeys still going and those that ended just before it). By stage, columns are the template's stages; stages a journey skipped are \
        drawn as "Skipped" and moves back to an earlier stage as dashed return arcs.
        """)

    enum By: String, ExpressibleByArgument, CaseIterable {
        case step, stage
        var mode: SankeyFlows.Mode { self == .step ? .steps : .stages }
    }

    @Argument(help: "Event logs (CSV, JSON Lines, XES, optionally gzipped).")
    var inputs: [String]
    @Option(name: .shortAndLong, help: "Output picture(s): .svg, .png, .pdf or .html (an interactive page) (repeatable).")
    var output: [String] = []
    @OptionGroup var picture: PictureFlags
    @Option(help: "Picture format of outputs named without .svg/.png/.pdf (-o - for standard output, a device, a FIFO): svg, png, pdf or html.")
    var format: OutputFormat?
    @Option(help: "Columns: step (the k-th event of each journey) or stage (the template's stages).")
    var by: By = .step
    @Option(help: "Step columns (2…50; --by step).")
    var steps: Int = 6
    @Option(name: .customLong("from"), help: "Start at the first occurrence of this touchpoint (--by step).")
    var fromEvent: String?
    @Option(name: .customLong("to"), help: "End at the first occurrence of this touchpoint (--by step).")
    var toEvent: String?
    @Option(help: "Touchpoints with their own node per column (1…50); the rest go to \"Other\".")
    var top: Int = 6
    @Flag(name: .customLong("collapse-repeats"), help: "Fold consecutive repeats of the same touchpoint into one step.")
    var collapseRepeats = false
    @Option(help: "What flows: journeys (default), events (every occurrence of the anchor starts a path; --by step) or people.")
    var count: SankeyOptions.CountBy = .journeys
    @Option(name: .customLong("percent-of"), help: "Label shares are of: start (all paths, default) or previous (the previous column).")
    var percentOf: SankeyOptions.PercentOf = .start
    @Option(name: .customLong("color-by"), help: "Colour nodes and ribbons by stage (default), channel or source (each touchpoint its own).")
    var colorBy: SankeyLayoutOptions.ColorBy = .stage
    @Option(help: "Height of the node area in points (it grows when columns need more room).")
    var height: Double = 420
    @OptionGroup var log: LogOptions
    @OptionGroup var mining: MiningFlags
    @OptionGroup var privacy: PrivacyFlags

    func validate() throws {
        if output.isEmpty { throw ValidationError("give at least one output with -o sankey.svg|png|pdf") }
        if fromEvent != nil && toEvent != nil { throw ValidationError("give --from or --to, not both") }
        if !(100...20_000).contains(height) { throw ValidationError("--height \(height): expected 100…20000 points") }
        if mining.keepPaths != nil || mining.minEdgeCount > 0 {
            throw ValidationError("--keep-paths and --min-edge-count simplify journey maps; a Sankey shows the top touchpoints per column (--top)")
        }
        if by == .step && !(2...50).contains(steps) { throw ValidationError("--steps \(steps): expected 2…50") }
        if privacy.minPeople != nil && percentOf == .previous {
            throw ValidationError("--min-people with --percent-of previous: a share of the previous column would reveal its withheld parts; use --percent-of start")
        }
    }

    func flowOptions() -> SankeyOptions {
        let anchor: SankeyOptions.Anchor? = fromEvent.map { .from($0) } ?? toEvent.map { .to($0) }
        return SankeyOptions(steps: steps, anchor: anchor, topK: top, collapseRepeats: collapseRepeats,
                             countBy: count, percentOf: percentOf, minPeople: privacy.minPeople)
    }

    func run() throws {
        if privacy.people && privacy.minPeople == nil {
            throw UsageError("--people writes people counts to journey files; a Sankey counts them itself with --min-people")
        }
        try picture.checkOutputs(output, inputs: inputs, format: format)
        let request = try journeyRequest(inputs: inputs, log: log, mining: mining, quiet: picture.quiet)
        let layout = SankeyLayoutOptions(colorBy: colorBy, title: picture.title, plotHeight: height,
                                         maxLabelCharacters: picture.maxLabel)
        let result = try SankeyPictures.picture(request, mode: by.mode, options: flowOptions(), layout: layout,
                                                language: picture.lang, theme: try picture.theme())
        let flows = result.flows
        try PictureWriter.write(result.scene, to: output, render: picture.renderOptions(), page: try picture.page(), format: format,
                                interactive: .sankey(flows, language: picture.lang ?? request.template.defaultLanguage))
        PhaseTiming.mark("sankey: written")
        if !picture.quiet {
            var note = "journeymap: sankey by \(by.rawValue): \(flows.columns.count) columns, \(flows.nodes.count) nodes, \(SankeyFormat.count(flows.total)) \(flows.options.countBy.rawValue) → \(OutputPaths.describe(output))"
            if flows.excluded > 0 { note += "\njourneymap: \(SankeyFormat.count(flows.excluded)) left out (see the footnote)" }
            Console.error(note + "\n")
        }
    }
}

extension SankeyOptions.CountBy: ExpressibleByArgument {}
extension SankeyOptions.PercentOf: ExpressibleByArgument {}
extension SankeyLayoutOptions.ColorBy: ExpressibleByArgument {}
