import Foundation
import Testing
@testable import JourneyPostgres

/// `--engine postgresql://…`: what is shown and written (never the password), and what
/// libpq is given.
@Suite struct PostgresTargetTests {
    @Test func passwordIsStrippedFromWhatIsShown() throws {
        let t = try PostgresTarget(url: "postgresql://ana:s3cr%40t@db.example.com:6432/shop?sslmode=require")
        #expect(t.redacted == "postgresql://ana@db.example.com:6432/shop?sslmode=require")
        #expect(t.hadPassword)
        #expect(t.place == "db.example.com:6432/shop")
        #expect(t.user == "ana")
        #expect(!t.redacted.contains("s3cr"))
    }

    @Test func urlWithoutPasswordIsKept() throws {
        let t = try PostgresTarget(url: "postgres://ana@127.0.0.1/shop")
        #expect(t.redacted == "postgres://ana@127.0.0.1/shop")
        #expect(!t.hadPassword)
        #expect(t.port == (ProcessInfo.processInfo.environment["PGPORT"] ?? "5432"))
    }

    @Test func redactionWorksOnTextThatIsNoURL() {
        #expect(PostgresTarget.stripPassword("postgresql://u:p@ss:w@h/d") == "postgresql://u@h/d")
        #expect(PostgresTarget.stripPassword("postgresql://h:5432/d") == "postgresql://h:5432/d")
    }

    @Test func otherSchemesAreRefused() {
        #expect(throws: PostgresTarget.Invalid.self) { try PostgresTarget(url: "mysql://u@h/d") }
    }

    @Test func errorsReadAsOneLineWithTheServersWords() {
        let e = PostgresError(phase: .query, place: "h:5432/d", message: "relation \"nope\" does not exist",
                              sqlState: "42P01", hint: "check --table")
        #expect(e.description == "postgresql engine (h:5432/d): query failed: relation \"nope\" does not exist [SQLSTATE 42P01]; check --table")
        #expect(e.engineError.description == e.description)
        #expect(PostgresError.clean("connection to server failed: refused\n\tIs the server running?\n") == "connection to server failed: refused Is the server running?")
    }
}
