import ArgumentParser
import Foundation
import JourneyKit

/// `mine --engine …`: mining where the data lives (docs/engines.md).
struct EngineFlags: ParsableArguments {
    @Option(help: "Mine with an engine: duckdb (the DuckDB CLI reads the files: CSV, Parquet, JSON), spark (Spark reads the files), postgresql://user@host:port/database (with --table or --query; password from PGPASSWORD, ~/.pgpass or a prompt), or sql (print the query for --dialect, with --table).")
    var engine: String?
    @Option(help: "With --engine sql: the dialect to write, one of \(SQLDialect.allCases.map(\.rawValue).joined(separator: ", ")).")
    var dialect: SQLDialect?
    @Option(help: "With --engine: the table (or view) holding the events, written into the query as given.")
    var table: String?
    @Option(help: "With --engine: a query whose result is the events (used as a subquery).")
    var query: String?
    @Option(help: "Build the journey file from the rows the query printed by --engine sql returned (CSV with header, as engines export it).")
    var aggregates: String?
    @Option(help: "A whole-number column (event id, load sequence) ordering events with equal timestamps, for local mining and every engine alike.")
    var tiebreak: String?

    @Option(help: "With --engine spark: the master (default local[2]; spark://host:7077, yarn, k8s://…) or a Spark Connect server (sc://host:15002).")
    var sparkMaster: String?
    @Option(help: "With --engine spark: a spark-submit setting KEY=VALUE (repeatable).")
    var sparkConf: [String] = []

    var wanted: Bool { engine != nil || aggregates != nil }
}

extension SQLDialect: ExpressibleByArgument {}
