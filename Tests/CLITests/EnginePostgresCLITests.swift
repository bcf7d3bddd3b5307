import Foundation
import XCTest

/// `mine --engine postgresql://…` against the server `scripts/services/postgresql` starts
/// (JM_TEST_PG_URL): every log of ../shared/data (XES converted) loaded into a table with COPY
/// (all columns text, a `seq` identity column in file order), mined there and locally — the
/// journey files equal byte for byte apart from `source`, with the default template, a
/// template of globs, --session-gap, --since/--until and --where. Then the errors: wrong
/// port, wrong table, an SQL error, a password that is never echoed nor written.
final class EnginePostgresCLITests: XCTestCase {
    static let columns = ["--case", "case:concept:name", "--activity", "concept:name", "--timestamp", "time:timestamp"]

    /// Mines `log` locally and in PostgreSQL (`table`, ties by `seq`) with `flags`; compares.
    func assertSame(_ log: URL, table: String, url: String, _ flags: [String], label: String, in dir: URL,
                    file: StaticString = #filePath, line: UInt = #line) throws {
        let local = dir.appendingPathComponent("\(label)-local.json").path
        let remote = dir.appendingPathComponent("\(label)-pg.json").path
        let l = try EngineTestSupport.journeymap(["mine", log.path] + flags + ["-o", local, "--quiet"])
        XCTAssertEqual(l.status, 0, "\(label) local: \(l.stderr)", file: file, line: line)
        let r = try EngineTestSupport.journeymap(["mine", "--engine", url, "--table", table, "--tiebreak", "seq"] + flags + ["-o", remote, "--quiet"])
        XCTAssertEqual(r.status, 0, "\(label) postgresql: \(r.stderr)", file: file, line: line)
        guard l.status == 0, r.status == 0 else { return }
        let a = try String(contentsOfFile: local, encoding: .utf8), b = try String(contentsOfFile: remote, encoding: .utf8)
        XCTAssertEqual(EngineTestSupport.withoutSource(a), EngineTestSupport.withoutSource(b), "\(label): the journey files differ", file: file, line: line)
        XCTAssertTrue(b.contains("\"engine\" : \"\(url)\""), "\(label): source names the engine", file: file, line: line)
    }

    /// Every log of ../shared/data (XES ones converted to CSV: SharedEngineLog), loaded with
    /// COPY, with the default template, a template of globs, --session-gap, --since/--until
    /// and --where.
    func testEverySharedLogMinesTheSameInPostgreSQL() throws {
        let url = try EngineTestSupport.required("JM_TEST_PG_URL", for: "the PostgreSQL engine tests")
        let dir = try EngineTestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        guard let logs = try SharedEngineLog.all(convertingInto: dir) else { _ = try EngineTestSupport.sharedLog("README.md"); return }
        let template = dir.appendingPathComponent("globs.yaml")
        try EngineTestSupport.globTemplate.write(to: template, atomically: true, encoding: .utf8)
        for log in logs {
            let table = try PostgresLoader.load(log.csv, url: url)
            for (label, flags) in log.variants(globTemplate: template) {
                try assertSame(log.csv, table: table, url: url, log.columns + flags, label: "\(log.name) \(label)", in: dir)
            }
        }
    }

    /// Thai, Greek and Cyrillic names, timestamps with zones and fractions (EngineUnicodeLog).
    func testUnicodeNamesAndZonedTimesMineTheSameInPostgreSQL() throws {
        let url = try EngineTestSupport.required("JM_TEST_PG_URL", for: "the PostgreSQL engine tests")
        let dir = try EngineTestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let (log, template) = try EngineUnicodeLog.write(in: dir)
        let table = try PostgresLoader.load(log, url: url)
        for (label, flags) in EngineUnicodeLog.variants(template: template.path) {
            try assertSame(log, table: table, url: url, EngineUnicodeLog.columns + flags, label: label, in: dir)
        }
    }

    func testAQueryAsTheSourceGivesTheSameFile() throws {
        let url = try EngineTestSupport.required("JM_TEST_PG_URL", for: "the PostgreSQL engine tests")
        let log = try EngineTestSupport.sharedLog("running-example.csv")
        let table = try PostgresLoader.load(log, url: url)
        let dir = try EngineTestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let a = dir.appendingPathComponent("t.json").path, b = dir.appendingPathComponent("q.json").path
        let t = try EngineTestSupport.journeymap(["mine", "--engine", url, "--table", table, "--tiebreak", "seq"] + Self.columns + ["-o", a, "--quiet"])
        let q = try EngineTestSupport.journeymap(["mine", "--engine", url, "--query", "SELECT * FROM \(table) WHERE seq > 0", "--tiebreak", "seq"]
                                                 + Self.columns + ["-o", b, "--quiet"])
        XCTAssertEqual(t.status, 0, t.stderr)
        XCTAssertEqual(q.status, 0, q.stderr)
        XCTAssertEqual(EngineTestSupport.withoutSource(try String(contentsOfFile: a, encoding: .utf8)),
                       EngineTestSupport.withoutSource(try String(contentsOfFile: b, encoding: .utf8)))
    }

    /// Ctrl-C and SIGTERM cancel the query on the server (PQcancel): it leaves
    /// pg_stat_activity at once, not when it would have finished (42 rows × pg_sleep(1)),
    /// and no output is written, nor any result file left in the temporary folder.
    func testCtrlCAndSIGTERMCancelTheQueryOnTheServer() throws {
        let url = try EngineTestSupport.required("JM_TEST_PG_URL", for: "the PostgreSQL engine tests")
        let table = try PostgresLoader.load(try EngineTestSupport.sharedLog("running-example.csv"), url: url)
        let dir = try EngineTestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        for (signal, status) in [(SIGINT, Int32(130)), (SIGTERM, Int32(143))] {
            let marker = "jm_cancel_\(signal)"
            let out = dir.appendingPathComponent("\(marker).json").path
            let p = Process()
            p.executableURL = URL(fileURLWithPath: CLI.binary)
            p.arguments = ["mine", "--engine", url, "--query", "SELECT *, pg_sleep(1) AS \(marker) FROM \(table)", "--tiebreak", "seq",
                           "--stages", "template"] + Self.columns + ["-o", out]
            let scratch = dir.appendingPathComponent("tmp-\(signal)")
            try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
            p.environment = ProcessInfo.processInfo.environment.merging(["TMPDIR": scratch.path]) { $1 }
            let err = Pipe()
            p.standardOutput = Pipe()
            p.standardError = err
            try p.run()
            var running = false
            for _ in 0..<120 where !running {
                running = try PostgresLoader.activeQueries(containing: marker, url: url) > 0
                if !running { Thread.sleep(forTimeInterval: 0.5) }
            }
            XCTAssertTrue(running, "signal \(signal): the query never showed in pg_stat_activity")
            kill(p.processIdentifier, signal)
            p.waitUntilExit()
            let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            XCTAssertEqual(p.terminationStatus, status, "signal \(signal): \(stderr)")
            var left = 1
            for _ in 0..<20 where left > 0 {
                left = try PostgresLoader.activeQueries(containing: marker, url: url)
                if left > 0 { Thread.sleep(forTimeInterval: 0.25) }
            }
            XCTAssertEqual(left, 0, "signal \(signal): the query still runs on the server")
            XCTAssertFalse(FileManager.default.fileExists(atPath: out))
            XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: scratch.path), [],
                           "signal \(signal): the engine's result file was left behind")
        }
    }

    func testWrongPortSaysWhichServerAndLeavesNoOutput() throws {
        let url = try EngineTestSupport.required("JM_TEST_PG_URL", for: "the PostgreSQL engine tests")
        let dir = try EngineTestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("j.json").path
        let closed = URLComponents(string: url).map { c -> String in var c = c; c.port = 1; return c.string! }!
        let r = try EngineTestSupport.journeymap(["mine", "--engine", closed, "--table", "t"] + Self.columns + ["-o", out])
        XCTAssertEqual(r.status, 65, r.stderr)
        XCTAssertTrue(r.stderr.contains("postgresql engine (127.0.0.1:1/"), r.stderr)
        XCTAssertTrue(r.stderr.contains("cannot connect"), r.stderr)
        XCTAssertTrue(r.stderr.contains("Connection refused"), r.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: out))
    }

    func testWrongTableAndSQLErrorsCarryTheServersMessage() throws {
        let url = try EngineTestSupport.required("JM_TEST_PG_URL", for: "the PostgreSQL engine tests")
        let dir = try EngineTestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("j.json").path
        let table = try EngineTestSupport.journeymap(["mine", "--engine", url, "--table", "no_such_table"] + Self.columns + ["-o", out])
        XCTAssertEqual(table.status, 65, table.stderr)
        XCTAssertTrue(table.stderr.contains("query failed: relation \"no_such_table\" does not exist [SQLSTATE 42P01]; check --table"), table.stderr)
        let query = try EngineTestSupport.journeymap(["mine", "--engine", url, "--query", "SELEC nonsense"] + Self.columns + ["-o", out])
        XCTAssertEqual(query.status, 65, query.stderr)
        XCTAssertTrue(query.stderr.contains("syntax error"), query.stderr)
        XCTAssertTrue(query.stderr.contains("SQLSTATE 42601"), query.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: out))
    }

    func testPasswordIsNeverEchoedNorWritten() throws {
        let url = try EngineTestSupport.required("JM_TEST_PG_PASSWORD_URL", for: "the PostgreSQL password tests")
        let password = try EngineTestSupport.required("JM_TEST_PG_PASSWORD", for: "the PostgreSQL password tests")
        let plain = try EngineTestSupport.required("JM_TEST_PG_URL", for: "the PostgreSQL engine tests")
        let log = try EngineTestSupport.sharedLog("running-example.csv")
        let table = try PostgresLoader.load(log, url: plain, grantTo: "jm_pw")
        let dir = try EngineTestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("j.json").path
        let base = ["mine", "--table", table, "--tiebreak", "seq"] + Self.columns + ["-o", out]
        // No password anywhere, no terminal: a clear error naming where a password can come from.
        let none = try EngineTestSupport.journeymap(["mine", "--engine", url] + base.dropFirst(),
                                                    environment: ["PGPASSFILE": "/nonexistent"], removing: ["PGPASSWORD"])
        XCTAssertEqual(none.status, 65, none.stderr)
        XCTAssertTrue(none.stderr.contains("PGPASSWORD"), none.stderr)
        // PGPASSWORD works and is printed nowhere.
        let env = try EngineTestSupport.journeymap(["mine", "--engine", url] + base.dropFirst(), environment: ["PGPASSWORD": password])
        XCTAssertEqual(env.status, 0, env.stderr)
        XCTAssertFalse((env.stdout + env.stderr + (try String(contentsOfFile: out, encoding: .utf8))).contains(password))
        // A wrong one: the server's refusal, not the password.
        let wrong = try EngineTestSupport.journeymap(["mine", "--engine", url] + base.dropFirst(), environment: ["PGPASSWORD": "wrong-Secret-123"])
        XCTAssertEqual(wrong.status, 65)
        XCTAssertTrue(wrong.stderr.contains("password authentication failed"), wrong.stderr)
        XCTAssertFalse(wrong.stderr.contains("wrong-Secret-123"), wrong.stderr)
        // In the URL: used, warned about, and stripped from the journey file and messages.
        let inURL = url.replacingOccurrences(of: "jm_pw@", with: "jm_pw:\(password)@")
        let given = try EngineTestSupport.journeymap(["mine", "--engine", inURL] + base.dropFirst(), removing: ["PGPASSWORD"])
        XCTAssertEqual(given.status, 0, given.stderr)
        XCTAssertTrue(given.stderr.contains("warning: the password in --engine is visible"), given.stderr)
        let written = try String(contentsOfFile: out, encoding: .utf8)
        XCTAssertFalse((given.stdout + given.stderr + written).contains(password))
        XCTAssertTrue(written.contains("\"engine\" : \"\(url)\""), written)
    }

    func testPasswordPromptDoesNotEchoOnATerminal() throws {
        let url = try EngineTestSupport.required("JM_TEST_PG_PASSWORD_URL", for: "the PostgreSQL password tests")
        let password = try EngineTestSupport.required("JM_TEST_PG_PASSWORD", for: "the PostgreSQL password tests")
        let plain = try EngineTestSupport.required("JM_TEST_PG_URL", for: "the PostgreSQL engine tests")
        let table = try PostgresLoader.load(try EngineTestSupport.sharedLog("running-example.csv"), url: plain, grantTo: "jm_pw")
        let dir = try EngineTestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("j.json").path
        // python3's pty gives the binary a terminal, types the password at the prompt and
        // returns everything the terminal showed.
        let script = """
            import os, pty, signal, sys, time
            signal.alarm(300)  # a second prompt nobody answers must fail the test, not hang CI
            pid, fd = pty.fork()
            if pid == 0:
                os.execv(sys.argv[1], sys.argv[1:])
            seen = b""
            typed = False
            while True:
                try:
                    chunk = os.read(fd, 4096)
                except OSError:
                    break
                if not chunk:
                    break
                seen += chunk
                if not typed and b"Password for" in seen:
                    time.sleep(0.3)
                    os.write(fd, os.environ["JM_TYPED"].encode() + b"\\n")
                    typed = True
            _, status = os.waitpid(pid, 0)
            sys.stdout.write(seen.decode(errors="replace"))
            sys.exit(os.waitstatus_to_exitcode(status))
            """
        let r = try EngineTestSupport.run("/usr/bin/python3", ["-c", script, CLI.binary, "mine", "--engine", url, "--table", table,
                                                               "--tiebreak", "seq"] + Self.columns + ["-o", out, "--quiet"],
                                          environment: ["JM_TYPED": password, "PGPASSFILE": "/nonexistent"], removing: ["PGPASSWORD"])
        XCTAssertEqual(r.status, 0, r.stdout + r.stderr)
        XCTAssertTrue(r.stdout.contains("Password for jm_pw@127.0.0.1:"), r.stdout)
        XCTAssertEqual(r.stdout.components(separatedBy: "Password for").count - 1, 1, "asked more than once: \(r.stdout)")
        XCTAssertFalse(r.stdout.contains(password), "the typed password was echoed: \(r.stdout)")
        XCTAssertTrue(FileManager.default.fileExists(atPath: out))
    }
}

/// Loads a CSV log into a PostgreSQL table with psql's `\copy`: every column text, named as
/// in the header (an empty name becomes `_`), and `seq`, an identity column that numbers the
/// rows in file order (the tie order local mining uses).
enum PostgresLoader {
    static func load(_ log: URL, url: String, grantTo: String? = nil) throws -> String {
        let header = try String(contentsOf: log, encoding: .utf8).prefix { $0 != "\n" && $0 != "\r\n" }
        let names = header.split(separator: ",", omittingEmptySubsequences: false).map { $0.isEmpty ? "_" : String($0) }
        let table = "jm_" + log.deletingPathExtension().lastPathComponent.lowercased().map { $0.isLetter || $0.isNumber ? $0 : "_" }
        let quoted = names.map { "\"\($0)\"" }.joined(separator: ", ")
        var sql = "DROP TABLE IF EXISTS \(table);\n"
        sql += "CREATE TABLE \(table) (\(names.map { "\"\($0)\" text" }.joined(separator: ", ")), seq bigint GENERATED ALWAYS AS IDENTITY);\n"
        sql += "\\copy \(table) (\(quoted)) FROM '\(log.path)' WITH (FORMAT csv, HEADER true)\n"
        if let grantTo { sql += "GRANT SELECT ON \(table) TO \(grantTo);\n" }
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("jm-load-\(UUID().uuidString).sql")
        try sql.write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let r = try EngineTestSupport.run(psql, ["-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", url, "-f", file.path])
        guard r.status == 0 else { throw LoadError(message: "psql could not load \(log.lastPathComponent): \(r.stderr)") }
        return table
    }

    /// How many queries other than this one run on the server with `text` in them.
    static func activeQueries(containing text: String, url: String) throws -> Int {
        let sql = "SELECT count(*) FROM pg_stat_activity WHERE state = 'active' AND pid <> pg_backend_pid() AND query LIKE '%\(text)%'"
        let r = try EngineTestSupport.run(psql, ["-X", "-q", "-t", "-A", "-d", url, "-c", sql])
        guard r.status == 0, let n = Int(r.stdout.trimmingCharacters(in: .whitespacesAndNewlines)) else {
            throw LoadError(message: "psql: \(r.stderr)")
        }
        return n
    }

    static let psql = ["/usr/bin/psql", "/usr/lib/postgresql/15/bin/psql"].first { FileManager.default.isExecutableFile(atPath: $0) } ?? "/usr/bin/psql"

    struct LoadError: Error, CustomStringConvertible { var message: String; var description: String { message } }
}
