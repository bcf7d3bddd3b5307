import Foundation
import JourneyEngines
import JourneyErrors

/// A PostgreSQL engine failure: which server, what failed, and the server's (or libpq's) own
/// words, with what to change. Never carries a password: messages name the redacted URL and
/// libpq does not repeat passwords in its messages.
public struct PostgresError: CategorizedError, Equatable {
    public enum Phase: String, Sendable {
        case connect = "cannot connect"
        case password = "no password"
        case query = "query failed"
        case cancelled = "query cancelled"
        case output = "cannot write the result"
    }

    public var phase: Phase
    /// `host:port/database`.
    public var place: String
    /// libpq's or the server's message, trimmed.
    public var message: String
    /// The server's SQLSTATE code, when it sent one.
    public var sqlState: String?
    /// What to change.
    public var hint: String?

    public var description: String {
        var s = "postgresql engine (\(place)): \(phase.rawValue): \(message)"
        if let sqlState { s += " [SQLSTATE \(sqlState)]" }
        if let hint { s += "; \(hint)" }
        return s
    }

    public var category: ErrorCategory { phase == .output ? .cannotWrite : .badInput }

    /// The same words as the engines' common error: "postgresql engine (host:port/db):
    /// cannot connect: <libpq's message>; <hint>".
    var engineError: EngineError {
        var said = message
        if let sqlState { said += " [SQLSTATE \(sqlState)]" }
        if let hint { said += "; \(hint)" }
        return EngineError(engine: "postgresql engine (\(place))", phase.rawValue, engineMessage: said, category: category)
    }

    /// libpq messages end with a newline and may span lines ("connection to server … failed:
    /// Connection refused\n\tIs the server running …"): joined into one line.
    static func clean(_ text: String) -> String {
        text.split(whereSeparator: \.isNewline)
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
            .joined(separator: " ")
    }
}
