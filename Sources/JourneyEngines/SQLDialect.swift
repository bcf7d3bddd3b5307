/// The SQL dialects `MiningQuery` writes (`--dialect`). See docs/engines.md for what differs.
public enum SQLDialect: String, Sendable, CaseIterable {
    case duckdb, postgresql, spark, bigquery, snowflake, trino, clickhouse
}
