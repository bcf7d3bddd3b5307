import ArgumentParser
import Foundation
import JourneyKit

struct MineCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mine",
        abstract: "Mine event logs into a journey file (JSON) or a transitions CSV.",
        discussion: "The journey file is documented in docs/journey-format.md; draw it with `journeymap map journey.json`.")

    @Argument(help: "Event logs (CSV, JSON Lines, XES; .gz read transparently), or journey files to merge.")
    var inputs: [String] = []
    @Option(name: .shortAndLong, help: "Output file (default, or -: standard output).")
    var output: String?
    @Option(help: "json (journey file) or edges-csv (from,to,count,cases,… one row per transition).")
    var format: OutputKind = .json
    @OptionGroup var log: LogOptions
    @OptionGroup var mining: MiningFlags
    @OptionGroup var engines: EngineFlags
    @OptionGroup var privacy: PrivacyFlags
    @Flag(help: "Print nothing but errors (no progress bar, no summary).")
    var quiet = false
    @Option(help: "Add a `lanes` object for `map --lanes ATTR`: touchpoints with no value of ATTR (channel, or a column) at --lanes-split of their events, split per value, and their moves.")
    var lanes: String?
    @Option(name: .customLong("lanes-split"), help: "With --lanes: the share a value needs so the touchpoint is not split (0…1).")
    var lanesSplit: Double = 0.8

    enum OutputKind: String, ExpressibleByArgument { case json, edgesCSV = "edges-csv" }

    func run() throws {
        if let output { try AtomicFile.checkNotInput(output: output, inputs: inputs) }
        if !(lanesSplit > 0 && lanesSplit <= 1) { throw UsageError("--lanes-split \(lanesSplit): expected a share in (0, 1], e.g. 0.8") }
        var graph: JourneyGraph
        if engines.wanted {
            // Refused before the engine runs (it may be absent or remote): see engineGraphWithPrivacy.
            if mining.sessionGap != nil && (privacy.minPeople != nil || privacy.people) {
                throw UsageError("--min-people and --people with --session-gap need the people behind each count, which the SQL engines (--engine, --aggregates) do not compute; mine locally (without --engine) for them")
            }
            if lanes != nil { throw UsageError("--lanes: needs the journeys themselves, so local mining; drop --engine or --lanes") }
            // Mining where the data lives (MineCommand+Engine.swift); --engine sql prints the query.
            let bar = ProgressBar.start(quiet: quiet)
            defer { bar?.finish() }
            guard let mined = try engineGraph(bar: bar) else { return }
            graph = try engineGraphWithPrivacy(mined)
        } else {
        guard !inputs.isEmpty else { throw UsageError("Missing expected argument '<inputs> ...': the event logs to mine (or --engine, --aggregates)") }
        var request = try journeyRequest(inputs: inputs, log: log, mining: mining, tiebreak: engines.tiebreak, quiet: quiet)
        if let lanes {
            if inputs.contains(where: LogLoader.isJourneyFile) { throw UsageError("--lanes: give event logs, not journey files (they hold counts, not journeys)") }
            if lanes != "channel", !request.log.read.columns.attributes.contains(lanes) { request.log.read.columns.attributes.append(lanes) }
        }
        privacy.apply(to: &request)
        if let tiebreak = engines.tiebreak {
            if !request.log.read.columns.attributes.contains(tiebreak) { request.log.read.columns.attributes.append(tiebreak) }
            request.tiebreak = tiebreak
        }
        let bar = ProgressBar.start(quiet: quiet)
        request.log.progress = bar?.progress
        do {
            if let lanes, let k = privacy.minPeople {
                // The split lane boxes and their moves are counted with their people (as for
                // `map --lanes`), then the graph rules apply; the file holds that graph only.
                var full = request
                full.minPeople = nil
                let split = try MapPictures.laneGraph(full, attribute: lanes, threshold: lanesSplit)
                graph = try split.graph.applyingMinPeople(k)
                graph.lanes = LaneSection(published: graph, lanes: split.lanes)
            } else if let lanes {
                graph = try request.graph()
                let split = try MapPictures.swimlanes(request, graph: graph, attribute: lanes, threshold: lanesSplit)
                graph.lanes = LaneSection(laneGraph: split.graph, lanes: split.lanes)
            } else {
                graph = try request.graph()
            }
            bar?.finish()
        } catch {
            bar?.finish()
            throw error
        }
        }
        var timer = PhaseTimer()
        let data: Data = format == .json ? try graph.jsonData(threads: mining.threadCount) : Data(graph.edgesCSV().utf8)
        timer.mark("encode \(format)")
        defer { timer.mark("write") }
        if let output {
            try AtomicFile.write(data, to: output)
            if !quiet {
                Console.error(summary(graph, output: output))
            }
        } else {
            try AtomicFile.write(data, to: "-")
        }
    }

    /// The SQL engines count journeys, not people: without --session-gap every journey is a
    /// person and `--min-people` applies to their graph as it is; with it they are refused.
    private func engineGraphWithPrivacy(_ g: JourneyGraph) throws -> JourneyGraph {
        guard privacy.minPeople != nil || privacy.people else { return g }
        guard g.filters.sessionGapSeconds == nil else {
            throw UsageError("--min-people and --people with --session-gap need the people behind each count, which the SQL engines (--engine, --aggregates) do not compute; mine locally (without --engine) for them")
        }
        return try privacy.minPeople.map { try g.applyingMinPeople($0) } ?? g
    }

    private func summary(_ g: JourneyGraph, output: String) -> String {
        var s = "journeymap: \(CountFormat.counted(g.events, "event")), \(CountFormat.counted(g.journeys, "journey")), \(CountFormat.counted(g.touchpoints.count, "touchpoint")), \(CountFormat.counted(g.edges.count, "transition")) → \(OutputPaths.describe([output]))\n"
        s += RunNotes.lines(for: g, template: mining.template, readLogs: !inputs.allSatisfy(LogLoader.isJourneyFile)).map { "journeymap: \($0)\n" }.joined()
        return s
    }
}
