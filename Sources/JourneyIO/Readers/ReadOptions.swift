@_spi(JourneyIO) import JourneyCore
/// The file formats the readers understand.
public enum LogFormat: String, Sendable, CaseIterable, Codable {
    case csv, jsonl, xes
    /// Web server access logs (Common and Combined Log Format); see `AccessLogReader`.
    case accessLog = "access-log"

    /// Guesses from a path's extension, looking through a trailing `.gz` or `.zst`:
    /// `.csv .tsv .txt` → csv, `.jsonl .ndjson .json` → jsonl, `.xes` → xes.
    public static func guess(path: String) -> LogFormat? {
        var p = path.lowercased()
        if p.hasSuffix(".gz") { p.removeLast(3) } else if p.hasSuffix(".zst") { p.removeLast(4) }
        if p.hasSuffix(".csv") || p.hasSuffix(".tsv") || p.hasSuffix(".txt") { return .csv }
        if p.hasSuffix(".jsonl") || p.hasSuffix(".ndjson") || p.hasSuffix(".json") { return .jsonl }
        if p.hasSuffix(".xes") { return .xes }
        return nil
    }
}

/// Which columns (CSV header names, or dotted JSON paths) hold what.
/// nil fields are chosen by the reader: from the preset, else by likely names (and reported).
public struct ColumnSpec: Sendable, Equatable, Codable {
    public var caseColumn: String?
    /// Used when the case column is empty in a row (Segment's `anonymousId`, Amplitude's `device_id`).
    public var caseFallbackColumn: String?
    public var activityColumn: String?
    public var timestampColumn: String?
    public var channelColumn: String?
    /// Extra attributes to keep, by name (`--where`, `--split-by`, persona features).
    public var attributes: [String]
    public var preset: ColumnPreset?
    /// `--activity-detail`: a second column joined to the activity (`view · phones`); the
    /// loader reads it as an attribute and combines (`EventTable.combiningNames`).
    public var activityDetailColumn: String?
    /// `--case a+b`: columns after the first, joined to the case (`user · session`); read as
    /// attributes and combined like `activityDetailColumn`.
    public var casePartColumns: [String] = []

    public init(caseColumn: String? = nil, caseFallbackColumn: String? = nil, activityColumn: String? = nil,
                timestampColumn: String? = nil, channelColumn: String? = nil,
                attributes: [String] = [], preset: ColumnPreset? = nil) {
        self.caseColumn = caseColumn
        self.caseFallbackColumn = caseFallbackColumn
        self.activityColumn = activityColumn
        self.timestampColumn = timestampColumn
        self.channelColumn = channelColumn
        self.attributes = attributes
        self.preset = preset
    }
}

/// Everything a reader needs to know besides the bytes.
public struct ReadOptions: Sendable {
    public var columns: ColumnSpec
    public var timestamps: TimestampParser
    /// CSV delimiter; nil detects among `,` `;` tab `|` from the header line.
    public var delimiter: UInt8?
    public var onError: OnError
    /// Longest row, line or XML tag a reader holds in memory (`--max-line-bytes`); a longer
    /// one is an `InputError` (always fatal: its end cannot be found without reading it).
    public var maxRecordBytes: Int = ReadOptions.defaultMaxRecordBytes
    /// Access logs: keep requests for static files (`--keep-static`) / by bots (`--keep-bots`).
    public var keepStatic = false
    /// With a case fallback column (Segment's `userId` else `anonymousId`): give the events of
    /// an anonymous id the user id seen with it on some row (`IdentityLinks`); `--no-stitch-ids`.
    public var stitchIdentities = true
    public var keepBots = false
    /// `delimiter` value meaning runs of spaces or tabs (`--delimiter whitespace`), for
    /// whitespace-aligned text; leading spaces are ignored.
    public static let whitespaceDelimiter: UInt8 = 0x20
    /// 16 MiB: far above any real event, small enough that a broken file cannot exhaust memory.
    public static let defaultMaxRecordBytes = 16 << 20
    /// `--milestones`: a wide table, one row per case and a date column per milestone, read by
    /// `MilestoneReader` instead of one event per row (CSV only).
    public var milestones: MilestoneSpec?
    /// A table of paths with counts (ChannelAttribution, Google Analytics' conversion paths)
    /// instead of events: read by `PathTableReader` (set by the loader when the file is one).
    public var pathTable: PathTableSpec?
    /// The logs' text encoding when it is not UTF-8 (`--encoding`: any name iconv knows, e.g.
    /// windows-874 for Thai); read through `TranscodingByteSource`. Nil or a name of UTF-8
    /// reads UTF-8 (and UTF-16 with a byte order mark, `LogTextEncoding`).
    public var encoding: String?
    /// Lines before a CSV file's header to pass over (`--skip-lines`): the account summary a
    /// bank's or shop's export puts above its table.
    public var skipLines = 0

    public init(columns: ColumnSpec = ColumnSpec(), timestamps: TimestampParser = TimestampParser(),
                delimiter: UInt8? = nil, onError: OnError = .fail) {
        self.columns = columns
        self.timestamps = timestamps
        self.delimiter = delimiter
        self.onError = onError
    }
}

/// A reader of one log format: pulls bytes from a source, appends events to a table.
public protocol EventLogReader {
    /// Reads every event of `source` into `table` (in input order).
    /// Throws `InputError` on the first bad row unless `options.onError == .skip`, in which
    /// case bad rows are counted in `table.skipped`. Returns the columns used.
    func read<S: ByteSource>(_ source: inout S, into table: EventTable, options: ReadOptions) throws -> ResolvedColumns
}
