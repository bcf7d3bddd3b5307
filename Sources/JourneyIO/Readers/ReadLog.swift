@_spi(JourneyIO) import JourneyCore
/// Reads every event of `source` in `format` into `table`; returns the columns used.
///
/// The same as calling `CSVReader`, `JSONLinesReader` or `XESReader` with `chunkSize` (tests
/// and the fuzzers pass tiny chunks, which cut rows anywhere).
public func readLog<S: ByteSource>(_ source: inout S, format: LogFormat, into table: EventTable,
                                   options: ReadOptions, chunkSize: Int = 1 << 20) throws -> ResolvedColumns {
    switch format {
    case .csv where options.delimiter == ReadOptions.whitespaceDelimiter:
        return try WhitespaceTableReader(chunkSize: chunkSize).read(&source, into: table, options: options)
    case .csv: return try CSVReader(chunkSize: chunkSize).read(&source, into: table, options: options)
    case .jsonl: return try JSONLinesReader(chunkSize: chunkSize).read(&source, into: table, options: options)
    case .xes: return try XESReader(chunkSize: chunkSize).read(&source, into: table, options: options)
    case .accessLog: return try AccessLogReader(chunkSize: chunkSize).read(&source, into: table, options: options)
    }
}
