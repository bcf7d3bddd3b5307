import Foundation
import JourneyCore

/// Mines with an engine: builds the query, runs it, reads the rows back and assembles the
/// journey file. With `--stages fallback/auto` the first query also returns position
/// histograms; when stages are to be inferred, a second query mines with the inferred template
/// (as `JourneyRequest.graph` mines twice locally).
public enum EngineMining {
    public static func mine(_ options: EngineMiningOptions, engine: SQLEngine, files: [String]? = nil,
                            columns: ResolvedColumns? = nil, progress: @escaping (String) -> Void = { _ in }) throws -> JourneyGraph {
        var first = MiningQuery(options: options, dialect: engine.dialect, positions: options.stages != .template)
        let rows = try run(first, engine: engine, progress: progress)
        let assembler = assembler(for: first, engine: engine, files: files, columns: columns)
        if let inferred = try assembler.inferredTemplate(rows, mode: options.stages, file: engine.name) {
            first.options.template = inferred
            first.positions = false
            let again = try run(first, engine: engine, progress: { progress("inferred stages: " + $0) })
            return try self.assembler(for: first, engine: engine, files: files, columns: columns).graph(again, file: engine.name)
        }
        return try assembler.graph(rows, file: engine.name)
    }

    /// The rows of one query, through a temporary CSV file (removed afterwards).
    static func run(_ query: MiningQuery, engine: SQLEngine, progress: @escaping (String) -> Void) throws -> AggregateRows {
        let text = try query.text()
        // One file, no folder: a Ctrl-C or SIGTERM handler unlinks it (`ChildProcesses.stopAll`)
        // while the engine writes it and while its rows are read back; the handler exits
        // without coming back here.
        let csv = FileManager.default.temporaryDirectory
            .appendingPathComponent("journeymap-engine-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString).csv")
        let slot = ChildProcesses.add(writing: csv.path)
        defer {
            try? FileManager.default.removeItem(at: csv)
            ChildProcesses.remove(slot)
        }
        try engine.run(query: text, into: csv, progress: progress)
        progress("reading rows")
        return try AggregateRows(contentsOf: csv, name: "\(engine.name) result")
    }

    static func assembler(for query: MiningQuery, engine: SQLEngine, files: [String]?, columns: ResolvedColumns?) -> JourneyAssembler {
        let t = query.options.template
        var described: [String]
        switch query.options.source {
        case .files(let f): described = f
        case .table(let name): described = ["table \(name)"]
        case .query: described = ["query"]
        }
        if let files { described = files }
        let source = JourneyGraph.SourceInfo(files: described, columns: columns, template: t.id, templateNames: t.names,
                                             defaultLanguage: t.defaultLanguage, stagesInferred: t.stagesInferred ? true : nil,
                                             engine: engine.name, tieOrder: query.tieDescription)
        return JourneyAssembler(template: t, mining: query.options.mining, source: source)
    }
}
