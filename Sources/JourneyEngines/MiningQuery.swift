import JourneyCore

/// The mining rules as one SQL query whose result is the aggregates table (`AggregateRows`).
///
/// It follows `Miner` (JourneyCore/Mining) step by step; docs/engines.md shows the query:
/// - `assignTouchpoints`: the template's rules (`TemplateSQL`) on each distinct (activity,
///   channel), touchpoint ids by name;
/// - `eventFilter`: `--since` (at or after), `--until` (before), `--where ATTR=V1,V2`;
/// - `forEachJourney`: events of a case in time order, ties by `--tiebreak`, then by the file's
///   row order (`rowid`) or, for a table, the activity name; a new journey where two
///   consecutive events are more than `--session-gap` apart (gap flags and their running sum);
/// - `JourneyAccumulator.addJourney`: events and distinct journeys per touchpoint, starts and
///   ends, edges with distinct journeys, duration sums and `DurationHistogram.bucket` counts,
///   stages and stage edges with distinct journeys, and the journey's path for variants;
/// - `JourneyGraphBuilder.topVariants`: every variant tied with the `--variants`-th most
///   frequent (`RANK() <= K`), so the assembler breaks ties by path exactly as local mining.
public struct MiningQuery {
    public var options: EngineMiningOptions
    public var dialect: SQLDialect
    /// Also return each touchpoint's 64-bin histogram of positions in its journeys
    /// (`StageInference`'s input), for inferred stages.
    public var positions: Bool

    public init(options: EngineMiningOptions, dialect: SQLDialect, positions: Bool = false) {
        self.options = options
        self.dialect = dialect
        self.positions = positions
    }

    private var syntax: SQLSyntax { SQLSyntax(dialect: dialect) }

    /// The statements: session setup (time zone), the source table for files, then the query.
    public func statements() throws -> [String] {
        try checkSupported()
        var out = syntax.sessionSetup(zone: options.timezone)
        if case .files(let files) = options.source {
            switch dialect {
            case .duckdb: out.append("CREATE TEMP TABLE jm_input AS SELECT * FROM \(try duckDBReader(files))")
            case .spark: break  // SparkEngine registers the files as the view jm_input, rowid in file row order
            default: throw EngineQueryError("reading files is for --engine duckdb or spark; for \(dialect.rawValue) load them into a table and give --table")
            }
        }
        out.append(try query())
        return out
    }

    /// The whole text, statements ending in `;`, runnable as-is in the dialect.
    public func text() throws -> String {
        try statements().map { $0 + ";\n" }.joined()
    }

    /// Options the query cannot express are refused, naming the flag.
    func checkSupported() throws {
        let m = options.mining
        if m.keepActivities != nil { throw EngineQueryError("--keep-activities is not available with --engine (mine locally, or simplify the map with --keep-paths)") }
        if !m.activityFilter.isEmpty { throw EngineQueryError("--include/--exclude are not available with --engine (filter with --where)") }
        if m.journeyWindow != nil { throw EngineQueryError("journey windows are not available with --engine") }
        if m.sessionGapMicros.map({ $0 <= 0 }) == true { throw EngineQueryError("--session-gap must be positive") }
    }

    func duckDBReader(_ files: [String]) throws -> String {
        guard let first = files.first else { throw EngineQueryError("no input file") }
        let list = "[" + files.map(syntax.literal).joined(separator: ", ") + "]"
        let lower = first.lowercased()
        if lower.hasSuffix(".parquet") { return "read_parquet(\(list))" }
        if lower.hasSuffix(".json") || lower.hasSuffix(".jsonl") || lower.hasSuffix(".ndjson")
            || lower.hasSuffix(".json.gz") || lower.hasSuffix(".jsonl.gz") || lower.hasSuffix(".ndjson.gz") {
            return "read_json_auto(\(list))"
        }
        return "read_csv(\(list), header = true, all_varchar = true)"
    }

    /// The order of events within a case (after the timestamp `t`).
    var tieOrder: [String] {
        var keys = ["t"]
        if options.columns.tiebreak != nil { keys.append("tb") }
        if case .files = options.source { keys.append("rn") } else { keys.append("a") }
        return keys
    }

    /// How ties are ordered, for the journey file's notes.
    public var tieDescription: String {
        var parts: [String] = []
        if let tb = options.columns.tiebreak { parts.append("--tiebreak \(tb)") }
        if case .files = options.source { parts.append("the files' row order") } else { parts.append("activity name") }
        return "events with equal timestamps ordered by " + parts.joined(separator: ", then ")
    }

    private var channelSensitive: Bool { options.template.rules.contains { $0.channel != nil } }

    func query() throws -> String {
        let s = syntax
        let c = options.columns
        let from: String
        switch options.source {
        case .table(let name): from = name
        case .query(let q): from = "(\(q)) jm_query"
        case .files: from = "jm_input"
        }
        let channel = try c.channelColumn.map(s.identifier)
        var srcColumns = [
            "\(s.castSourceText(try s.identifier(c.caseColumn))) AS c",
            "\(s.castSourceText(try s.identifier(c.activityColumn))) AS a",
            "\(s.epochMicros(try s.identifier(c.timestampColumn), zone: options.timezone)) AS t",
            channel.map { "COALESCE(\(s.castSourceText($0)), '') AS ch" } ?? "\(s.castText("''")) AS ch",
        ]
        if let tb = c.tiebreak { srcColumns.append("\(s.castBigint(try s.identifier(tb))) AS tb") }
        if case .files = options.source { srcColumns.append("rowid AS rn") }
        for (i, clause) in options.mining.whereClauses.enumerated() {
            srcColumns.append("COALESCE(\(s.castSourceText(try s.identifier(clause.attribute))), '') AS w\(i)")
        }
        var filters = ["x.c IS NOT NULL", "x.a IS NOT NULL", "x.t IS NOT NULL"]
        if let since = options.mining.since { filters.append("x.t >= \(since)") }
        if let until = options.mining.until { filters.append("x.t < \(until)") }
        for (i, clause) in options.mining.whereClauses.enumerated() {
            filters.append("x.w\(i) IN (" + clause.values.map(s.literal).joined(separator: ", ") + ")")
        }
        let rules = TemplateSQL(template: options.template, syntax: s)
        let order = tieOrder.joined(separator: ", ")
        let caseWindow = "PARTITION BY c ORDER BY \(order)"
        let whole = dialect == .clickhouse ? " ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING" : ""
        func lag(_ x: String) -> String {
            dialect == .clickhouse ? "lagInFrame(toNullable(\(x))) OVER (\(caseWindow)\(whole))" : "LAG(\(x)) OVER (\(caseWindow))"
        }
        func lead(_ x: String) -> String {
            dialect == .clickhouse ? "leadInFrame(toNullable(\(x))) OVER (\(caseWindow)\(whole))" : "LEAD(\(x)) OVER (\(caseWindow))"
        }
        let gap = options.mining.sessionGapMicros
        let newJourney = gap.map { "CASE WHEN pt IS NULL OR t - pt > \($0) THEN 1 ELSE 0 END" } ?? "CASE WHEN pt IS NULL THEN 1 ELSE 0 END"
        let journeyEnd = gap.map { "CASE WHEN nt IS NULL OR nt - t > \($0) THEN 1 ELSE 0 END" } ?? "CASE WHEN nt IS NULL THEN 1 ELSE 0 END"
        let session = gap == nil ? "1" : "SUM(nj) OVER (PARTITION BY c ORDER BY r ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)"
        let pairColumns = channelSensitive ? "a, ch" : "a, \(s.castText("''")) AS ch"
        let mapJoin = channelSensitive ? "x.a = m.a AND x.ch = m.ch" : "x.a = m.a"
        let p2 = { (e: String) in s.powerOfTwo(e) }

        var ctes: [(String, String)] = []
        // Miner.assignTouchpoints: rules on each distinct (activity, channel).
        ctes.append(("jm_src", "SELECT " + srcColumns.joined(separator: ", ") + "\n    FROM \(from)"))
        ctes.append(("jm_pairs", "SELECT DISTINCT \(pairColumns) FROM jm_src WHERE a IS NOT NULL"))
        ctes.append(("jm_named", "SELECT a, ch, \(rules.normalizedExpression("a")) AS n FROM jm_pairs"))
        ctes.append(("jm_rules", "SELECT a, ch,\n    \(try rules.touchpointCase()) AS tp,\n    \(try rules.stageCase()) AS st\n    FROM jm_named"))
        ctes.append(("jm_tp", "SELECT tp, MIN(st) AS st, ROW_NUMBER() OVER (ORDER BY tp) - 1 AS id FROM jm_rules GROUP BY tp"))
        ctes.append(("jm_map", "SELECT r.a AS a, r.ch AS ch, p.id AS id, p.st AS st FROM jm_rules r JOIN jm_tp p ON r.tp = p.tp"))
        // Miner.eventFilter: --since/--until/--where.
        // Qualified columns are aliased: ClickHouse would otherwise name them `x.c`, `m.id`.
        let keep = ["c", "a", "t", "ch"] + (c.tiebreak != nil ? ["tb"] : []) + (tieOrder.contains("rn") ? ["rn"] : [])
        ctes.append(("jm_ev", "SELECT " + keep.map { "x.\($0) AS \($0)" }.joined(separator: ", ") + ", m.id AS id, m.st AS st\n    FROM jm_src x JOIN jm_map m ON \(mapJoin)\n    WHERE " + filters.joined(separator: " AND ")))
        // Miner.forEachJourney: time order, ties, session gaps.
        ctes.append(("jm_seq", """
            SELECT c, t, ch, id, st, ROW_NUMBER() OVER (\(caseWindow)) AS r,
                \(lag("t")) AS pt, \(lag("id")) AS pid, \(lag("st")) AS pst, \(lead("t")) AS nt
                FROM jm_ev
            """))
        ctes.append(("jm_flags", "SELECT c, t, ch, id, st, r, pt, pid, pst, \(newJourney) AS nj, \(journeyEnd) AS ne FROM jm_seq"))
        ctes.append(("jm_j", "SELECT c, t, ch, id, st, r, pt, pid, pst, nj, ne, \(session) AS s FROM jm_flags"))
        // JourneyAccumulator.addJourney: transitions and DurationHistogram.bucket.
        ctes.append(("jm_d", "SELECT c, s, pid, id, pst, st, t - pt AS d,\n    \(s.log2Estimate("GREATEST(t - pt, 1)")) AS e0\n    FROM jm_j WHERE nj = 0"))
        ctes.append(("jm_e", "SELECT c, s, pid, id, pst, st, d,\n    CASE WHEN d < 64 THEN 0 WHEN \(p2("e0")) > d THEN e0 - 1 WHEN \(p2("LEAST(e0 + 1, 62)")) <= d THEN e0 + 1 ELSE e0 END AS e\n    FROM jm_d"))
        ctes.append(("jm_b", "SELECT c, s, pid, id, pst, st, d,\n    CASE WHEN d < 64 THEN d ELSE (e - 6) * 64 + \(s.intDiv("d", p2("GREATEST(e - 6, 0)"))) END AS b\n    FROM jm_e"))
        ctes.append(("jm_nodej", "SELECT id, c, s, COUNT(*) AS n FROM jm_j GROUP BY id, c, s"))
        ctes.append(("jm_edgej", "SELECT pid, id, c, s, COUNT(*) AS n, SUM(d) AS sd FROM jm_d GROUP BY pid, id, c, s"))
        ctes.append(("jm_stagej", "SELECT st, c, s, COUNT(*) AS n FROM jm_j GROUP BY st, c, s"))
        ctes.append(("jm_stageedgej", "SELECT pst, st, c, s, COUNT(*) AS n FROM jm_d GROUP BY pst, st, c, s"))
        ctes.append(("jm_paths", "SELECT c, s, \(s.orderedPath(id: "id", order: "r")) AS p FROM jm_j GROUP BY c, s"))
        ctes.append(("jm_var", "SELECT p, COUNT(*) AS n FROM jm_paths GROUP BY p"))
        ctes.append(("jm_top", "SELECT p, n, RANK() OVER (ORDER BY n DESC) AS k FROM jm_var"))
        if positions {
            ctes.append(("jm_posk", "SELECT id, r - MIN(r) OVER (PARTITION BY c, s) AS k, COUNT(*) OVER (PARTITION BY c, s) AS len FROM jm_j"))
            ctes.append(("jm_pos", "SELECT id, CASE WHEN len = 1 THEN 0 ELSE LEAST(63, \(s.intDiv("64 * k", "len - 1"))) END AS bin FROM jm_posk"))
        }

        let zero = s.castBigint("0"), empty = s.castText("''")
        func row(_ kind: String, _ k1: String, _ k2: String, _ n1: String, _ n2: String, _ n3: String, _ rest: String) -> String {
            "SELECT \(s.literal(kind)) AS kind, \(k1 == "''" ? empty : s.castText(k1)) AS key1, \(k2 == "''" ? empty : s.castText(k2)) AS key2, "
                + "\(n1 == "0" ? zero : s.castBigint(n1)) AS n1, \(n2 == "0" ? zero : s.castBigint(n2)) AS n2, \(n3 == "0" ? zero : s.castBigint(n3)) AS n3 \(rest)"
        }
        var rows = [
            row("read", "''", "''", "COUNT(*)", "0", "0", "FROM jm_src"),
            row("events", "''", "''", "COUNT(*)", "COALESCE(MIN(t), 0)", "COALESCE(MAX(t), 0)", "FROM jm_j"),
            row("journeys", "''", "''", "COUNT(*)", "0", "0", "FROM jm_paths"),
            row("touchpoint", "id", "tp", "st", "0", "0", "FROM jm_tp"),
            row("node", "id", "''", "SUM(n)", "COUNT(*)", "0", "FROM jm_nodej GROUP BY id"),
            row("start", "id", "''", "COUNT(*)", "0", "0", "FROM jm_j WHERE nj = 1 GROUP BY id"),
            row("end", "id", "''", "COUNT(*)", "0", "0", "FROM jm_j WHERE ne = 1 GROUP BY id"),
            row("channel", "id", "ch", "COUNT(*)", "0", "0", "FROM jm_j WHERE ch <> '' GROUP BY id, ch"),
            row("edge", "pid", "id", "SUM(n)", "COUNT(*)", "SUM(sd)", "FROM jm_edgej GROUP BY pid, id"),
            row("bucket", "pid", "id", "b", "COUNT(*)", "0", "FROM jm_b GROUP BY pid, id, b"),
            row("stage", "st", "''", "SUM(n)", "COUNT(*)", "0", "FROM jm_stagej GROUP BY st"),
            row("stage_edge", "pst", "st", "SUM(n)", "COUNT(*)", "0", "FROM jm_stageedgej GROUP BY pst, st"),
            row("variants", "''", "''", "COUNT(*)", "0", "0", "FROM jm_var"),
        ]
        let k = max(0, options.mining.maxVariants)
        if k > 0 { rows.append(row("variant", "p", "''", "n", "0", "0", "FROM jm_top WHERE k <= \(k)")) }
        if positions { rows.append(row("position", "id", "''", "bin", "COUNT(*)", "0", "FROM jm_pos GROUP BY id, bin")) }

        var sql = "WITH\n" + ctes.map { "\($0.0) AS (\n    \($0.1.replacingOccurrences(of: "\n", with: "\n    ").replacingOccurrences(of: "\n        ", with: "\n    "))\n)" }
            .joined(separator: ",\n")
        sql += "\nSELECT kind, key1, key2, n1, n2, n3 FROM (\n  " + rows.joined(separator: "\n  UNION ALL ") + "\n) jm_rows\nORDER BY kind, key1, key2, n1"
        return sql
    }
}
