/// Reads every event of `source` in `format` into `table`; returns the columns used.
///
/// The same as calling `CSVReader`, `JSONLinesReader` or `XESReader` with default chunking.
public func readLog<S: ByteSource>(_ source: inout S, format: LogFormat, into table: EventTable,
                                   options: ReadOptions) throws -> ResolvedColumns {
    switch format {
    case .csv: return try CSVReader().read(&source, into: table, options: options)
    case .jsonl: return try JSONLinesReader().read(&source, into: table, options: options)
    case .xes: return try XESReader().read(&source, into: table, options: options)
    }
}
