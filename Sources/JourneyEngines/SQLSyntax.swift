import JourneyCore

/// How each dialect spells what the mining query needs (docs/engines.md, "Dialects").
struct SQLSyntax {
    let dialect: SQLDialect

    /// Dialects whose string literals treat a backslash as an escape character.
    private var backslashEscapes: Bool {
        switch dialect {
        case .bigquery, .spark, .snowflake, .clickhouse: return true
        case .duckdb, .postgresql, .trino: return false
        }
    }

    /// `text` as a string literal.
    func literal(_ text: String) -> String {
        guard backslashEscapes else { return "'" + text.replacingOccurrences(of: "'", with: "''") + "'" }
        var out = "'"
        for ch in text {
            switch ch {
            case "\\": out += "\\\\"
            case "'": out += "\\'"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            default: out.append(ch)
            }
        }
        return out + "'"
    }

    /// A column or table name, quoted; a dotted table name (`schema.table`) is quoted part by part
    /// by `tableName`.
    func identifier(_ name: String) throws -> String {
        switch dialect {
        case .bigquery, .spark, .clickhouse:
            guard !name.contains("`") else { throw EngineQueryError("column \"\(name)\": a name with a backquote cannot be quoted in \(dialect.rawValue)") }
            return "`" + name + "`"
        case .duckdb, .postgresql, .snowflake, .trino:
            return "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
    }

    var text: String {
        switch dialect {
        case .bigquery, .spark: return "STRING"
        case .clickhouse: return "String"
        case .duckdb, .postgresql, .snowflake, .trino: return "VARCHAR"
        }
    }

    var bigint: String {
        switch dialect {
        case .bigquery: return "INT64"
        case .clickhouse: return "Int64"
        default: return "BIGINT"
        }
    }

    func castText(_ e: String) -> String { "CAST(\(e) AS \(text))" }
    /// A source column as text that may be NULL (ClickHouse refuses to cast NULL to `String`).
    func castSourceText(_ e: String) -> String { dialect == .clickhouse ? "CAST(\(e) AS Nullable(String))" : castText(e) }
    /// Lower case beyond ASCII (ClickHouse's `lower` is ASCII only).
    func lower(_ e: String) -> String { dialect == .clickhouse ? "lowerUTF8(\(e))" : "lower(\(e))" }
    func castBigint(_ e: String) -> String { "CAST(\(e) AS \(bigint))" }

    /// `a` divided by `b`, both non-negative integers, rounded down.
    func intDiv(_ a: String, _ b: String) -> String {
        switch dialect {
        case .duckdb: return "((\(a)) // (\(b)))"
        case .postgresql, .trino: return "((\(a)) / (\(b)))"
        case .bigquery: return "DIV(\(a), \(b))"
        case .snowflake: return castBigint("FLOOR((\(a)) / (\(b)))")
        case .spark: return "((\(a)) DIV (\(b)))"
        case .clickhouse: return "intDiv(\(a), \(b))"
        }
    }

    /// 2^e as a 64-bit integer (0 ≤ e ≤ 62: exact in a double).
    func powerOfTwo(_ e: String) -> String {
        switch dialect {
        case .clickhouse: return "toInt64(pow(2, \(e)))"
        case .bigquery: return "CAST(POW(2, \(e)) AS INT64)"
        default: return castBigint("POWER(2, \(e))")
        }
    }

    /// floor(ln(d) / ln 2) as an integer: an estimate, corrected by ±1 with integer comparisons.
    func log2Estimate(_ d: String) -> String {
        switch dialect {
        case .clickhouse: return "toInt64(floor(log(\(d)) / log(2)))"
        default: return castBigint("FLOOR(LN(\(d)) / LN(2))")
        }
    }

    /// Whether `value` matches the regular expression `pattern` as a whole.
    func regexFullMatch(_ value: String, _ pattern: String) -> String {
        let anchored = "^(?:" + pattern + ")$"
        switch dialect {
        case .duckdb: return "regexp_full_match(\(value), \(literal(pattern)))"
        case .postgresql: return "(\(value) ~ \(literal(anchored)))"
        case .bigquery: return "REGEXP_CONTAINS(\(value), \(literal(anchored)))"
        case .snowflake: return "REGEXP_LIKE(\(value), \(literal(pattern)))"
        case .trino: return "regexp_like(\(value), \(literal(anchored)))"
        case .spark: return "(\(value) RLIKE \(literal(anchored)))"
        case .clickhouse: return "match(\(value), \(literal(anchored)))"
        }
    }

    /// Replaces every match of `pattern` in `value`; `replacement` written with `\1` for groups.
    func regexReplaceAll(_ value: String, _ pattern: String, _ replacement: String) -> String {
        let javaStyle = replacement.replacingOccurrences(of: "\\1", with: "$1").replacingOccurrences(of: "\\2", with: "$2")
        switch dialect {
        case .duckdb, .postgresql: return "regexp_replace(\(value), \(literal(pattern)), \(literal(replacement)), 'g')"
        case .bigquery: return "REGEXP_REPLACE(\(value), \(literal(pattern)), \(literal(replacement)))"
        case .snowflake: return "REGEXP_REPLACE(\(value), \(literal(pattern)), \(literal(replacement)))"
        case .trino, .spark: return "regexp_replace(\(value), \(literal(pattern)), \(literal(javaStyle)))"
        case .clickhouse: return "replaceRegexpAll(\(value), \(literal(pattern)), \(literal(replacement)))"
        }
    }

    /// `value LIKE pattern` with `\` escaping `%`, `_` and itself in `pattern`.
    func like(_ value: String, _ pattern: String) -> String {
        switch dialect {
        case .bigquery, .clickhouse: return "(\(value) LIKE \(literal(pattern)))"  // `\` is their LIKE escape
        default: return "(\(value) LIKE \(literal(pattern)) ESCAPE \(literal("\\")))"
        }
    }

    /// Character classes of `ActivityName.normalized`'s camelCase split: a lower-case letter or
    /// digit, then an upper-case letter.
    var camelCasePattern: String {
        switch dialect {
        case .duckdb, .bigquery, .clickhouse, .trino, .spark: return "([\\p{Ll}\\p{N}])(\\p{Lu})"
        case .postgresql: return "([[:lower:][:digit:]])([[:upper:]])"
        case .snowflake: return "([a-z0-9])([A-Z])"
        }
    }

    /// Event time in µs since the epoch from a column holding a timestamp or its text
    /// (text without a zone read in `zone`).
    func epochMicros(_ column: String, zone: String) -> String {
        switch dialect {
        case .duckdb: return "epoch_us(CAST(\(column) AS TIMESTAMPTZ))"
        case .postgresql:
            // PostgreSQL rounds a 7th fraction digit; journeymap (and DuckDB, Spark, ClickHouse) cut it off.
            let cut = "regexp_replace(CAST(\(column) AS TEXT), '(\\.[0-9]{6})[0-9]+', '\\1')"
            return castBigint("EXTRACT(EPOCH FROM CAST(\(cut) AS TIMESTAMPTZ)) * 1000000")
        case .spark: return "unix_micros(CAST(\(column) AS TIMESTAMP))"
        case .bigquery:
            return zone == "UTC" ? "UNIX_MICROS(CAST(\(column) AS TIMESTAMP))"
                : "UNIX_MICROS(TIMESTAMP(CAST(\(column) AS STRING), \(literal(zone))))"
        case .snowflake: return "DATE_PART(EPOCH_MICROSECOND, TO_TIMESTAMP_TZ(\(column)))"
        case .trino: return castBigint("round(to_unixtime(CAST(\(column) AS TIMESTAMP(6) WITH TIME ZONE)) * 1e6)")
        case .clickhouse: return "toUnixTimestamp64Micro(parseDateTime64BestEffort(toString(\(column)), 6, \(literal(zone))))"
        }
    }

    /// Statements run before the query so text without a zone is read in `zone`.
    func sessionSetup(zone: String) -> [String] {
        switch dialect {
        case .duckdb: return ["SET TimeZone = \(literal(zone))"]
        case .postgresql: return ["SET TIME ZONE \(literal(zone))"]
        case .spark: return ["SET spark.sql.session.timeZone = \(zone)"]
        case .snowflake: return ["ALTER SESSION SET TIMEZONE = \(literal(zone))"]
        case .bigquery, .clickhouse: return []  // the zone is in the expression
        case .trino: return []  // the client's session zone (`--timezone` on the Trino CLI)
        }
    }

    /// The journey's touchpoint ids in order of `order`, joined by spaces.
    func orderedPath(id: String, order: String) -> String {
        switch dialect {
        case .duckdb, .postgresql: return "string_agg(\(castText(id)), ' ' ORDER BY \(order))"
        case .bigquery: return "STRING_AGG(\(castText(id)), ' ' ORDER BY \(order))"
        case .snowflake: return "LISTAGG(\(castText(id)), ' ') WITHIN GROUP (ORDER BY \(order))"
        case .trino: return "array_join(array_agg(\(id) ORDER BY \(order)), ' ')"
        case .spark: return "concat_ws(' ', transform(array_sort(collect_list(struct(\(order) AS o, \(id) AS i))), x -> CAST(x.i AS STRING)))"
        case .clickhouse: return "arrayStringConcat(arrayMap(x -> toString(x.2), arraySort(groupArray((\(order), \(id))))), ' ')"
        }
    }
}

/// The query cannot be written for these options or this dialect.
public struct EngineQueryError: CategorizedError, Sendable, Equatable {
    public var message: String
    public var category: ErrorCategory { .usage }
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
