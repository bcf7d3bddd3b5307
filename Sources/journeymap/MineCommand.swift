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
    @Flag(help: "Print nothing but errors (no progress bar, no summary).")
    var quiet = false

    enum OutputKind: String, ExpressibleByArgument { case json, edgesCSV = "edges-csv" }

    func run() throws {
        if let output { try AtomicFile.checkNotInput(output: output, inputs: inputs) }
        let graph: JourneyGraph
        if engines.wanted {
            // Mining where the data lives (MineCommand+Engine.swift); --engine sql prints the query.
            let bar = ProgressBar.start(quiet: quiet)
            defer { bar?.finish() }
            guard let mined = try engineGraph(bar: bar) else { return }
            graph = mined
        } else {
        guard !inputs.isEmpty else { throw UsageError("Missing expected argument '<inputs> ...': the event logs to mine (or --engine, --aggregates)") }
        var request = try journeyRequest(inputs: inputs, log: log, mining: mining)
        if let tiebreak = engines.tiebreak {
            if !request.log.read.columns.attributes.contains(tiebreak) { request.log.read.columns.attributes.append(tiebreak) }
            request.tiebreak = tiebreak
        }
        let bar = ProgressBar.start(quiet: quiet)
        request.log.progress = bar?.progress
        do {
            graph = try request.graph()
            bar?.finish()
        } catch {
            bar?.finish()
            throw error
        }
        }
        var timer = PhaseTimer()
        let data: Data = format == .json ? try graph.jsonData() : Data(graph.edgesCSV().utf8)
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

    private func summary(_ g: JourneyGraph, output: String) -> String {
        var s = "journeymap: \(CountFormat.grouped(g.events)) events, \(CountFormat.grouped(g.journeys)) journeys, \(CountFormat.grouped(g.touchpoints.count)) touchpoints, \(CountFormat.grouped(g.edges.count)) transitions → \(OutputPaths.describe([output]))\n"
        s += RunNotes.lines(for: g).map { "journeymap: \($0)\n" }.joined()
        return s
    }
}
