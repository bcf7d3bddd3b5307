import JourneyCore

/// Where the events are, as the engine sees them.
public enum EngineSource: Sendable, Equatable {
    /// A table (or view) name, written into the query as given (`schema.events`, `` `p.d.t` ``).
    case table(String)
    /// A query whose result is the events (`--query 'SELECT …'`), used as a subquery.
    case query(String)
    /// Files the engine reads itself (DuckDB: CSV, Parquet or JSON, by extension), in the
    /// given order; their row order is the tie order unless `tiebreak` is set.
    case files([String])
}

/// The columns of the events, as named in the source.
public struct EngineColumns: Sendable, Equatable {
    public var caseColumn: String
    public var activityColumn: String
    public var timestampColumn: String
    public var channelColumn: String?
    /// `--tiebreak COL`: orders events with equal timestamps (an event id or load sequence).
    public var tiebreak: String?

    public init(caseColumn: String, activityColumn: String, timestampColumn: String,
                channelColumn: String? = nil, tiebreak: String? = nil) {
        self.caseColumn = caseColumn
        self.activityColumn = activityColumn
        self.timestampColumn = timestampColumn
        self.channelColumn = channelColumn
        self.tiebreak = tiebreak
    }
}

/// What `EngineMining.mine` mines: the events' source and columns, the template and the
/// mining options (`--since/--until/--where/--session-gap/--variants`; `--keep-activities`,
/// `--include/--exclude` and journey windows are refused with a message).
public struct EngineMiningOptions: Sendable {
    public var source: EngineSource
    public var columns: EngineColumns
    public var template: JourneyTemplate
    public var mining: MiningOptions
    /// `--stages`: with `fallback`/`auto`, stages are inferred as local mining infers them
    /// (from per-touchpoint position histograms the query also returns; a second query).
    public var stages: StageMode
    /// Zone of timestamps written without one (`--timezone`; default UTC).
    public var timezone: String

    public init(source: EngineSource, columns: EngineColumns, template: JourneyTemplate = .builtinDefault(),
                mining: MiningOptions = MiningOptions(), stages: StageMode = .fallback, timezone: String = "UTC") {
        self.source = source
        self.columns = columns
        self.template = template
        self.mining = mining
        self.stages = stages
        self.timezone = timezone
    }
}
