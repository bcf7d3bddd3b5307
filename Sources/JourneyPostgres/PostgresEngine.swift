import CLibPQ
import Foundation
import JourneyEngines

/// `--engine postgresql://…`: runs one query on a PostgreSQL server (or anything that speaks
/// its protocol: Citus, Greenplum, Redshift, YugabyteDB…) and streams the result table to a
/// CSV file with a header, one row at a time (libpq's single-row mode), so memory stays
/// bounded whatever the result's size. Ctrl-C cancels the query on the server. On any
/// failure the CSV file is removed: nothing half-written is left for a reader.
public struct PostgresEngine: SQLEngine, Sendable {
    public let target: PostgresTarget

    public init(url: String) throws {
        do { target = try PostgresTarget(url: url) } catch let e as PostgresTarget.Invalid {
            throw PostgresError(phase: .connect, place: PostgresTarget.stripPassword(url), message: e.description,
                                hint: "give --engine postgresql://user@host:port/database")
        }
    }

    /// The URL without its password.
    public var name: String { target.redacted }
    public var dialect: SQLDialect { .postgresql }

    /// Cancels the running query on the server (as Ctrl-C does); does nothing between queries.
    public func cancel() { QueryCancel.request() }

    /// The warning to print when the URL carried a password (nil otherwise).
    public var passwordWarning: String? {
        target.hadPassword
            ? "the password in --engine is visible to other users of this machine (ps, shell history); it is not written anywhere by journeymap — use PGPASSWORD, ~/.pgpass or the prompt instead"
            : nil
    }

    /// Runs `query` and writes its result as CSV (header, then rows) to `csv`. `progress`
    /// hears the phases: connecting, running, rows streamed.
    public func run(query: String, into csv: URL, progress: @escaping (String) -> Void) throws {
        do { try runOrFail(query: query, into: csv, progress: progress) } catch let e as PostgresError {
            throw e.engineError
        }
    }

    func runOrFail(query: String, into csv: URL, progress: (String) -> Void) throws {
        progress("postgresql: connecting to \(target.place)")
        let connection = try PostgresConnection.open(target)
        progress("postgresql: running the query on \(target.place) (PostgreSQL \(connection.serverVersion))")
        do {
            try QueryCancel.around(connection.handle) {
                try stream(query, on: connection, to: csv.path, progress: progress)
            }
        } catch {
            unlink(csv.path)
            if let e = error as? PostgresError, e.phase == .cancelled {
                progress("postgresql: query cancelled on the server")
                QueryCancel.deliverInterrupt()
            }
            throw error
        }
    }

    private func stream(_ query: String, on connection: PostgresConnection, to path: String, progress: (String) -> Void) throws {
        let conn = connection.handle
        // Settings first (`SET TIME ZONE …`), one statement each; the last one is the SELECT.
        var statements = SQLStatements.split(query)
        guard let select = statements.popLast() else {
            throw PostgresError(phase: .query, place: target.place, message: "empty query")
        }
        for statement in statements {
            guard let result = jm_PQexecParams(conn, statement, 0, nil, nil, nil, nil, 0) else { throw failure(conn, nil) }
            defer { jm_PQclear(result) }
            guard jm_PQresultStatus(result) == JM_PGRES_COMMAND_OK || jm_PQresultStatus(result) == JM_PGRES_TUPLES_OK else {
                throw failure(conn, result)
            }
        }
        // PQsendQueryParams takes exactly one statement: a query cannot smuggle a second one.
        guard jm_PQsendQueryParams(conn, select, 0, nil, nil, nil, nil, 0) == 1 else {
            throw failure(conn, nil)
        }
        guard jm_PQsetSingleRowMode(conn) == 1 else {
            throw PostgresError(phase: .query, place: target.place, message: "libpq refused single-row mode")
        }
        let writer = try CSVRowWriter(path: path)
        var wroteHeader = false
        var rows = 0
        var failureSeen: PostgresError?
        var fields: [UnsafePointer<CChar>?] = []
        // Every result must be read (to nil) before the connection can be reused or closed cleanly.
        while let result = jm_PQgetResult(conn) {
            defer { jm_PQclear(result) }
            if failureSeen != nil { continue }
            switch jm_PQresultStatus(result) {
            case JM_PGRES_SINGLE_TUPLE, JM_PGRES_TUPLES_OK:
                let columns = jm_PQnfields(result)
                if !wroteHeader {
                    try writer.row((0..<columns).map { String(cString: jm_PQfname(result, $0)) })
                    wroteHeader = true
                }
                for r in 0..<jm_PQntuples(result) {
                    fields.removeAll(keepingCapacity: true)
                    for c in 0..<columns {
                        fields.append(jm_PQgetisnull(result, r, c) == 1 ? nil : UnsafePointer(jm_PQgetvalue(result, r, c)))
                    }
                    try writer.row(fields)
                    rows += 1
                    if rows % 100_000 == 0 { progress("postgresql: \(rows) rows received") }
                }
            case JM_PGRES_COMMAND_OK:
                failureSeen = PostgresError(phase: .query, place: target.place, message: "the statement returned no rows (not a SELECT)",
                                            hint: "--query takes one SELECT")
            default:
                failureSeen = failure(conn, result)
            }
        }
        if let failureSeen { throw failureSeen }
        try writer.flush()
        progress("postgresql: \(rows) rows received")
    }

    /// The server's message (primary text and detail) and SQLSTATE, else libpq's.
    private func failure(_ conn: OpaquePointer, _ result: OpaquePointer?) -> PostgresError {
        func field(_ code: Int32) -> String? {
            guard let result, let p = jm_PQresultErrorField(result, code) else { return nil }
            return String(cString: p)
        }
        let state = field(Int32(UInt8(ascii: "C")))
        var message = field(Int32(UInt8(ascii: "M"))) ?? PostgresError.clean(String(cString: jm_PQerrorMessage(conn)))
        if let detail = field(Int32(UInt8(ascii: "D"))) { message += " (\(detail))" }
        if state == "57014" && QueryCancel.requested != 0 {
            return PostgresError(phase: .cancelled, place: target.place, message: "cancelled on the server (Ctrl-C)", sqlState: state)
        }
        let hint: String? = switch state {
        case "42P01": "check --table (schema.table; names are case-sensitive when quoted)"
        case "42703": "check the column flags (--case, --activity, --timestamp…) against the table"
        case "42601", "42883", "42804": "check --query, --where and the column flags; `--engine sql --dialect postgresql` prints the query journeymap sends"
        case "42501": "the user lacks SELECT on the table"
        default: nil
        }
        return PostgresError(phase: .query, place: target.place, message: message, sqlState: state, hint: hint)
    }
}
