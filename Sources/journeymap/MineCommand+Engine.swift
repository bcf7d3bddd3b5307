import Foundation
import JourneyKit

/// `mine --engine …` and `mine --aggregates …`.
extension MineCommand {
    /// The journey graph from an engine, or nil when `--engine sql` printed the query instead.
    func engineGraph(bar: ProgressBar?) throws -> JourneyGraph? {
        let template = try mining.journeyTemplate()
        let options = try mining.miningOptions()
        let stages = mining.stages ?? .fallback
        if let rows = engines.aggregates {
            guard engines.engine == nil else { throw UsageError("--aggregates reads rows an engine already returned; leave out --engine") }
            guard inputs.isEmpty else { throw UsageError("--aggregates \(rows) builds the journey file from the rows alone; leave out the input files (\(inputs.joined(separator: " ")))") }
            let table = try AggregateRows(contentsOf: URL(fileURLWithPath: rows), name: rows)
            let t = template
            let assembler = JourneyAssembler(template: t, mining: options, source: JourneyGraph.SourceInfo(
                files: [rows], columns: nil, template: t.id, templateNames: t.names, defaultLanguage: t.defaultLanguage,
                stagesInferred: t.stagesInferred ? true : nil, engine: "aggregates"))
            if try assembler.inferredTemplate(table, mode: stages, file: rows) != nil {
                throw UsageError("--aggregates \(rows): template \(t.id) places less than half of the events, so stages would be inferred from the data, which needs a second query; mine with --stages template, or with a template that fits the log (journeymap template suggest)")
            }
            return try assembler.graph(table, file: rows)
        }
        guard let name = engines.engine else { return nil }
        var timezone = "UTC"
        if let tz = log.timezone { timezone = tz }
        try refuseLocalOnlyReadFlags(name)
        switch name {
        case "sql":
            guard let dialect = engines.dialect else {
                throw UsageError("--engine sql prints the query for a dialect: add --dialect \(SQLDialect.allCases.map(\.rawValue).joined(separator: "|"))")
            }
            guard inputs.isEmpty else {
                throw UsageError("--engine sql prints a query over --table or --query; the files \(inputs.joined(separator: " ")) are read by --engine duckdb")
            }
            let source = try tableSource()
            let query = MiningQuery(options: EngineMiningOptions(source: source, columns: try givenColumns(), template: template,
                                                                 mining: options, stages: stages, timezone: timezone),
                                    dialect: dialect, positions: stages != .template)
            let text = try query.text()
            if let output { try AtomicFile.write(text, to: output) } else { try AtomicFile.write(text, to: "-") }
            return nil
        case "duckdb":
            let engine = try DuckDBEngine.locate()
            let source: EngineSource
            var columns: EngineColumns
            var resolved: ResolvedColumns?
            if engines.table != nil || engines.query != nil {
                guard inputs.isEmpty else { throw UsageError("--engine duckdb reads either files or --table/--query, not both") }
                source = try tableSource()
                columns = try givenColumns()
            } else {
                guard !inputs.isEmpty else { throw UsageError("--engine duckdb: give the event files (CSV, Parquet or JSON) to read") }
                for f in inputs where !FileManager.default.isReadableFile(atPath: f) {
                    throw InputError(file: f, message: "cannot be read (no such file, or no permission)")
                }
                source = .files(inputs.map { URL(fileURLWithPath: $0).path })
                bar?.phase = "duckdb: reading the column names"
                let names = try engine.columnNames(files: inputs.map { URL(fileURLWithPath: $0).path })
                let read = try log.readOptions(extraAttributes: mining.attributesNeeded + (engines.tiebreak.map { [$0] } ?? []))
                let resolution = try ColumnResolver(available: names, source: .header, file: inputs.joined(separator: ", ")).resolve(read.columns)
                resolved = resolution.columns
                columns = EngineColumns(caseColumn: resolution.columns.caseColumn, activityColumn: resolution.columns.activityColumn,
                                        timestampColumn: resolution.columns.timestampColumn, channelColumn: resolution.columns.channelColumn)
                for clause in options.whereClauses where !names.contains(clause.attribute) {
                    throw MiningError("--where \(clause.description): the log has no attribute \"\(clause.attribute)\" (or it was not read)")
                }
            }
            columns.tiebreak = engines.tiebreak
            let mineOptions = EngineMiningOptions(source: source, columns: columns, template: template, mining: options,
                                                  stages: stages, timezone: timezone)
            return try EngineMining.mine(mineOptions, engine: engine, files: inputs.isEmpty ? nil : inputs, columns: resolved) { phase in
                bar?.phase = phase
            }
        case "spark":
            return try sparkGraph(template: template, options: options, stages: stages, timezone: timezone, bar: bar)
        case _ where name.hasPrefix("postgresql://") || name.hasPrefix("postgres://"):
            return try postgresGraph(name, template: template, options: options, stages: stages, timezone: timezone, bar: bar)
        default:
            throw UsageError("--engine \(name): expected duckdb, spark, postgresql://user@host:port/database or sql (with --dialect); see docs/engines.md")
        }
    }

    func tableSource() throws -> EngineSource {
        switch (engines.table, engines.query) {
        case (let t?, nil): return .table(t)
        case (nil, let q?): return .query(q)
        case (.some, .some): throw UsageError("give --table or --query, not both")
        case (nil, nil): throw UsageError("--engine \(engines.engine ?? "sql") needs the events: --table NAME or --query 'SELECT …'")
        }
    }

    /// Columns named on the command line (a table's columns cannot be guessed from here).
    func givenColumns() throws -> EngineColumns {
        guard let c = log.caseColumn, let a = log.activityColumn, let t = log.timestampColumn else {
            throw UsageError("--table/--query: name the columns with --case, --activity and --timestamp (and --channel if any)")
        }
        return EngineColumns(caseColumn: c, activityColumn: a, timestampColumn: t, channelColumn: log.channelColumn,
                             tiebreak: engines.tiebreak)
    }

    /// Reading flags that only the local readers know.
    private func refuseLocalOnlyReadFlags(_ engine: String) throws {
        let refused: [(Bool, String)] = [
            (log.milestones != nil, "--milestones"), (log.activityDetail != nil, "--activity-detail"),
            (log.caseColumn?.contains("+") == true, "--case A+B"), (log.dedupe, "--dedupe"),
            (log.timestampFormat != nil, "--timestamp-format"), (log.timestampUnit != nil, "--timestamp-unit"),
            (log.buddhistEra, "--buddhist-era"), (log.caseColumn == "", "--case \"\""),
            (log.inputFormat != nil, "--input-format"), (log.delimiter != nil, "--delimiter"),
            (log.preset != nil, "--preset"), (format != .json, "--format edges-csv"),
            (log.encoding.map { !LogTextEncoding.namesUTF8($0) } ?? false, "--encoding"), ((log.skipLines ?? 0) > 0, "--skip-lines"),
        ]
        for (given, flag) in refused where given {
            throw UsageError("\(flag) is read by journeymap's own readers, not by --engine \(engine); mine locally, or give the engine a table or view that already has the columns")
        }
    }
}

