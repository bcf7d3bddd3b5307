import Foundation
import JourneyCore

/// Something that runs one SQL query where the data lives and writes its result table as CSV
/// (a header line, then one line per row; RFC 4180 quoting; NULL as an empty field) to `csv`.
///
/// `EngineMining` builds the query (`MiningQuery`) and reads the rows back
/// (`AggregateRows`); an engine only runs text. Implementations: `DuckDBEngine` (the DuckDB
/// CLI as a subprocess); the PostgreSQL client and the Spark runner live beside it.
public protocol SQLEngine {
    /// What the engine is called in messages ("duckdb", "postgresql://user@host:5432/db").
    /// Never holds a secret.
    var name: String { get }
    /// The dialect its queries are written in.
    var dialect: SQLDialect { get }
    /// Runs `query` and writes the result table to `csv`. `progress` receives short phase
    /// descriptions ("connecting", "running query", "reading rows") for the progress line.
    /// Throws an `EngineError` (engine name, what failed, the engine's own message); leaves no
    /// file at `csv` when it throws.
    func run(query: String, into csv: URL, progress: @escaping (String) -> Void) throws
    /// Stops a running query (Ctrl-C): kills the subprocess or cancels it on the server.
    /// Safe to call from a signal handler's queue, at any time, more than once.
    func cancel()
}

extension SQLEngine {
    public func cancel() {}
}

/// An engine failed: which engine, what it was doing, and what it said.
public struct EngineError: CategorizedError, Sendable, Equatable {
    public var engine: String
    public var message: String
    /// The engine's own message (stderr of the CLI, the server's error), if any.
    public var engineMessage: String?
    public var category: ErrorCategory

    public init(engine: String, _ message: String, engineMessage: String? = nil, category: ErrorCategory = .badInput) {
        self.engine = engine
        self.message = message
        self.engineMessage = engineMessage
        self.category = category
    }

    public var description: String {
        var s = "\(engine): \(message)"
        if let m = engineMessage?.trimmingCharacters(in: .whitespacesAndNewlines), !m.isEmpty { s += ": " + m }
        return s
    }
}
