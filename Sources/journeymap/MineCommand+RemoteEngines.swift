import Foundation
import JourneyKit

/// `mine --engine postgresql://…` and `mine --engine spark`: the engines that run where the
/// data lives (a PostgreSQL-protocol server; a Spark master or Spark Connect server).
extension MineCommand {
    func postgresGraph(_ url: String, template: JourneyTemplate, options: MiningOptions, stages: StageMode,
                       timezone: String, bar: ProgressBar?) throws -> JourneyGraph {
        guard inputs.isEmpty else {
            throw UsageError("--engine postgresql reads the events from --table or --query; the files \(inputs.joined(separator: " ")) are read by local mining, --engine duckdb or --engine spark")
        }
        let engine = try PostgresEngine(url: url)
        if let warning = engine.passwordWarning, !quiet { Console.error("journeymap: warning: \(warning)\n") }
        let mineOptions = EngineMiningOptions(source: try tableSource(), columns: try givenColumns(), template: template,
                                              mining: options, stages: stages, timezone: timezone)
        return try EngineMining.mine(mineOptions, engine: engine) { phase in bar?.phase = phase }
    }

    func sparkGraph(template: JourneyTemplate, options: MiningOptions, stages: StageMode,
                    timezone: String, bar: ProgressBar?) throws -> JourneyGraph {
        guard !inputs.isEmpty else { throw UsageError("--engine spark: give the event files (CSV, Parquet or JSON) for Spark to read") }
        guard engines.table == nil, engines.query == nil else {
            throw UsageError("--engine spark reads files; for a table in a warehouse print its query with --engine sql --dialect spark")
        }
        let engine = SparkEngine(files: inputs, master: engines.sparkMaster, settings: engines.sparkConf)
        var columns: EngineColumns
        var resolved: ResolvedColumns?
        if let c = log.caseColumn, let a = log.activityColumn, let t = log.timestampColumn {
            columns = EngineColumns(caseColumn: c, activityColumn: a, timestampColumn: t, channelColumn: log.channelColumn)
        } else {
            // Columns found by name, as local mining finds them, from the first CSV header.
            let names = try SparkHeader.names(of: inputs[0])
            let read = try log.readOptions(extraAttributes: mining.attributesNeeded + (engines.tiebreak.map { [$0] } ?? []))
            let resolution = try ColumnResolver(available: names, source: .header, file: inputs[0]).resolve(read.columns)
            resolved = resolution.columns
            columns = EngineColumns(caseColumn: resolution.columns.caseColumn, activityColumn: resolution.columns.activityColumn,
                                    timestampColumn: resolution.columns.timestampColumn, channelColumn: resolution.columns.channelColumn)
        }
        columns.tiebreak = engines.tiebreak
        let mineOptions = EngineMiningOptions(source: .files(inputs), columns: columns, template: template, mining: options,
                                              stages: stages, timezone: timezone)
        return try EngineMining.mine(mineOptions, engine: engine, files: inputs, columns: resolved) { phase in bar?.phase = phase }
    }
}

/// The column names of a CSV file's header line, read here (not by Spark: starting it only
/// to learn the names would cost a JVM start). Other formats need the column flags.
enum SparkHeader {
    static func names(of path: String) throws -> [String] {
        let lower = path.lowercased()
        guard lower.hasSuffix(".csv") || lower.hasSuffix(".tsv") || lower.hasSuffix(".txt") else {
            throw UsageError("--engine spark: name the columns of \(path) with --case, --activity and --timestamp (they are found by name in CSV headers only)")
        }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw InputError(file: path, message: "cannot be read (no such file, or no permission)")
        }
        defer { try? handle.close() }
        let head = (try? handle.read(upToCount: 1 << 20)) ?? Data()
        var line = head.split(separator: UInt8(ascii: "\n"), maxSplits: 1, omittingEmptySubsequences: false).first ?? Data()
        if line.last == UInt8(ascii: "\r") { line = line.dropLast() }
        if line.starts(with: [0xEF, 0xBB, 0xBF]) { line = line.dropFirst(3) }
        var names: [String] = [], field: [UInt8] = [], quoted = false
        var bytes = Array(line)[...]
        while let b = bytes.popFirst() {
            if quoted {
                if b == UInt8(ascii: "\"") {
                    if bytes.first == UInt8(ascii: "\"") { field.append(b); bytes = bytes.dropFirst() } else { quoted = false }
                } else { field.append(b) }
            } else if b == UInt8(ascii: "\"") { quoted = true }
            else if b == UInt8(ascii: ",") { names.append(String(decoding: field, as: UTF8.self)); field = [] }
            else { field.append(b) }
        }
        names.append(String(decoding: field, as: UTF8.self))
        return names
    }
}
