import ArgumentParser
import Foundation
import JourneyKit

struct MapCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "map",
        abstract: "Draw a journey map (stages as columns, touchpoints, flows) to SVG, PNG or PDF.")

    @Argument(help: "Event logs, or a journey file from `journeymap mine`.")
    var inputs: [String]
    @Option(name: .shortAndLong, help: "Output picture(s): .svg, .png, .pdf or .html (an interactive page) (repeatable).")
    var output: [String] = []
    @OptionGroup var picture: PictureFlags
    @Option(help: "Picture format of outputs named without .svg/.png/.pdf (-o - for standard output, a device, a FIFO): svg, png, pdf or html.")
    var format: OutputFormat?
    @Option(help: "What edge labels show: count, share (of moves leaving the touchpoint) or time (median).")
    var metric: MapOptions.Metric = .count
    @Option(name: .customLong("max-touchpoints"), help: "Most touchpoints drawn (the least visited are hidden into the note).")
    var maxTouchpoints: Int = 40
    @Option(name: .customLong("max-edges"), help: "Most transitions drawn, a true maximum (default: the 1.5 × touchpoints strongest, at least 12, plus each box's strongest way in and out).")
    var maxEdges: Int?
    @Option(help: "Graphviz edge routing: spline (default), polyline, line, ortho (slow on big graphs: needs --allow-slow-layout).")
    var splines: String = "spline"
    @Option(help: "Persona YAML file: draw its emotion curve, pain points and opportunities as lanes under the stage columns.")
    var persona: String?
    @Flag(name: .customLong("allow-slow-layout"), help: "Allow layout settings that can take minutes on large graphs.")
    var allowSlowLayout = false
    @Option(help: "Swimlanes: stage columns × lanes of this attribute (channel, or a column such as device or region); each touchpoint in the lane of its value. With --page A3 (no -landscape/-portrait): the way up that prints larger.")
    var lanes: String?
    @Option(name: .customLong("lanes-split"), help: "With --lanes: split a touchpoint into one box per lane when no value has this share of its events (0…1).")
    var lanesSplit: Double = 0.8
    @OptionGroup var log: LogOptions
    @OptionGroup var mining: MiningFlags
    @OptionGroup var privacy: PrivacyFlags

    func validate() throws {
        if output.isEmpty { throw ValidationError("give at least one output with -o map.svg|png|pdf") }
        try LayoutBounds.check(maxTouchpoints: maxTouchpoints, maxEdges: maxEdges, allowSlow: allowSlowLayout)
        if !(lanesSplit > 0 && lanesSplit <= 1) { throw ValidationError("--lanes-split \(lanesSplit): expected a share in (0, 1], e.g. 0.8") }
        if let lanes, lanes.trimmingCharacters(in: .whitespaces).isEmpty { throw ValidationError("--lanes: expected an attribute, e.g. --lanes channel") }
    }

    func run() throws {
        var timer = PhaseTimer()
        try picture.checkOutputs(output, inputs: inputs, format: format)
        var log = self.log
        if let lanes, lanes != "channel", !log.attributes.contains(lanes) { log.attributes.append(lanes) }
        var request = try journeyRequest(inputs: inputs, log: log, mining: mining, quiet: picture.quiet)
        privacy.apply(to: &request)
        timer.mark("request")
        var swimlanes: Swimlanes?
        var graph: JourneyGraph
        if let lanes {
            // --min-people: the lane boxes and their moves are counted with their people from the
            // full graph, then the graph rules apply to the boxes as to any touchpoint.
            var full = request
            full.minPeople = nil
            (graph, swimlanes) = try MapPictures.laneGraph(full, attribute: lanes, threshold: lanesSplit)
            if let k = privacy.minPeople {
                // A file from `mine --lanes --min-people` holds its published boxes with their people.
                if inputs.contains(where: LogLoader.isJourneyFile) && graph.filters.sessionGapSeconds != nil && graph.privacy == nil {
                    throw UsageError("--lanes with --min-people and a journey file mined with --session-gap: its lane boxes hold no people counts; give the event log(s)")
                }
                // Already published at k or above: as it is (applying the rules again to the boxes
                // left would withhold more, the withheld ones being unknown parts of every sum).
                if (graph.privacy?.minPeople ?? 0) < k { graph = try graph.applyingMinPeople(k) }
            }
            timer.mark("lanes")
        } else {
            graph = try request.graph()
        }
        timer.mark("graph")
        if metric == .time && graph.source.untimed == true {
            throw UsageError("--metric time: \(graph.source.files.joined(separator: ", ")) holds paths without times (a path table), so there are no durations to label; use --metric count or share")
        }
        var options = MapOptions(language: picture.lang, metric: metric, theme: try picture.theme(), title: picture.title,
                                 maxTouchpoints: maxTouchpoints, maxEdges: maxEdges, splines: splines,
                                 allowSlowLayout: allowSlowLayout)
        options.maxLabelCharacters = picture.maxLabel
        options.compactBoxes = picture.pageName != nil
        var page = try picture.page()
        options.page = page.map { $0.points }
        options.swimlanes = swimlanes
        timer.mark("theme")
        let lanePersona = try persona.map { try loadLanePersona($0) }
        var result = try MapPictures.picture(graph, options: options, persona: lanePersona)
        if var turned = page, picture.pageOrientationGiven == false {
            // No way up given: print the map the way up it prints larger — a lane map's shape
            // follows its lanes and stages, and a map of few tall columns filled a quarter of an
            // A3 landscape page at 11.6 pt against 15.2 pt portrait. Others stay landscape unless
            // portrait prints them a tenth larger (lane maps: any larger).
            turned.landscape.toggle()
            options.page = turned.points
            let other = try MapPictures.picture(graph, options: options, persona: lanePersona)
            let gain = swimlanes != nil ? 1.0 : 1.1
            if other.scene.fitScale(to: options.page!, margin: 28)
                > gain * result.scene.fitScale(to: page!.points, margin: 28) {
                result = other
                page = turned
            }
        }
        timer.mark("layout")
        try PictureWriter.write(result.scene, to: output, render: picture.renderOptions(), page: page, format: format,
                                interactive: .journeyMap(graph: graph, selection: result.selection, language: result.language))
        timer.mark("render+write")
        if !picture.quiet {
            var note = "journeymap: \(CountFormat.grouped(result.selection.touchpoints.count)) touchpoints, \(CountFormat.grouped(result.selection.edges.count)) transitions drawn → \(OutputPaths.describe(output))"
            if let hidden = result.selection.note() { note += "\njourneymap: \(hidden)" }
            for w in result.laneWarnings { note += "\njourneymap: warning: \(w)" }
            Console.error(note + "\n")
            RunNotes.print(RunNotes.lines(for: graph, template: mining.template,
                                          readLogs: !inputs.allSatisfy(LogLoader.isJourneyFile)))
        }
    }
}

/// Options every picture command shares: the look (`LookFlags`, which `replay` takes too)
/// and how still pictures are written (page, scale, resolution, SVG text).
struct PictureFlags: ParsableArguments {
    @OptionGroup var look: LookFlags
    var lang: String? { look.lang }
    var themeName: String { look.themeName }
    var title: String? { look.title }
    @Option(name: .customLong("page"), help: "Fit on a print page: A4, A3, A2, A1, A0, with -landscape or -portrait, e.g. A3 or A1-portrait (without: landscape; `map` turns a journey map portrait when that prints it a tenth larger).")
    var pageName: String?
    @Option(help: "PNG pixels per point (default 2).")
    var scale: Double?
    @Option(help: "PNG resolution in dots per inch (instead of --scale).")
    var dpi: Double?
    @Option(name: .customLong("max-label"), help: "Longest label in characters before an ellipsis.")
    var maxLabel: Int = 48
    @Option(name: .customLong("max-pixels"), help: "Refuse PNGs larger than this many pixels.")
    var maxPixels: Int = 100_000_000
    @Option(name: .customLong("svg-text"), help: "SVG text: text (real <text>, fonts embedded; default) or outlines (every letter a path, for viewers without web fonts).")
    var svgText: SVGTextMode = .text
    @Flag(help: "Print nothing but errors.")
    var quiet = false

    func theme() throws -> Theme { try look.theme() }

    /// False for `--page A3` (no -landscape or -portrait): maps then take the way up that prints larger.
    var pageOrientationGiven: Bool? { pageName.map { $0.contains("-") } }

    func page() throws -> PictureWriter.Page? {
        guard let page = pageName else { return nil }
        guard let p = PictureWriter.Page(parsing: page) else { throw UsageError("--page \(page): expected A4, A3, A2, A1 or A0, optionally -landscape or -portrait") }
        return p
    }

    func renderOptions() throws -> RenderOptions {
        var o = RenderOptions(maxPixels: maxPixels)
        o.svgText = svgText
        if let scale {
            guard scale > 0 && scale <= 20 else { throw UsageError("--scale \(scale): expected a number in (0, 20]") }
            o.scale = scale
        }
        if let dpi {
            guard dpi >= 18 && dpi <= 1440 else { throw UsageError("--dpi \(dpi): expected 18…1440") }
            o.dpi = dpi
        }
        return o
    }

    func checkOutputs(_ outputs: [String], inputs: [String], format: OutputFormat? = nil) throws {
        try OutputPaths.checkOneStandardOutput(outputs)
        _ = try PictureWriter.formats(outputs, fallback: format)
        for o in outputs { try AtomicFile.checkNotInput(output: o, inputs: inputs) }
    }
}

extension MapOptions.Metric: ExpressibleByArgument {}
extension SVGTextMode: ExpressibleByArgument {}
