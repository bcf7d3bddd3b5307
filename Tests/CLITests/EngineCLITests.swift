import Foundation
import Testing

/// `mine --engine duckdb|sql` and `mine --aggregates` through the real binary: the journey file
/// from the engine equals local mining's byte for byte apart from `source` (docs/engines.md).
@Suite(.serialized) struct EngineCLITests {
    static let sharedData = CLI.root.deletingLastPathComponent().appendingPathComponent("shared/data")

    /// Every log of ../shared/data (XES ones converted to CSV, the conversion checked by local
    /// mining), each with the default template, a template of globs, --session-gap,
    /// --since/--until and --where (`SharedEngineLog.variants`).
    @Test func sharedLogsMatchLocalMining() throws {
        guard EngineSupport.duckdb() != nil else { return EngineSupport.skip("no DuckDB CLI (scripts/install-test-tools)") }
        let dir = try EngineSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        guard let logs = try SharedEngineLog.all(convertingInto: dir) else {
            print("skipping: \(Self.sharedData.path) is absent"); return
        }
        let template = dir.appendingPathComponent("globs.yaml")
        try EngineTestSupport.globTemplate.write(to: template, atomically: true, encoding: .utf8)
        var compared = 0
        for log in logs {
            #expect(try log.conversionDifference(in: dir) == nil)
            for (label, flags) in log.variants(globTemplate: template) {
                let both = try EngineSupport.mineBoth(log.csv.path, log.columns + flags, in: dir, name: "\(log.name)-\(label)")
                #expect(!both.local.isEmpty)
                #expect(both.engine == both.local, "\(log.name) \(label)")
                compared += 1
            }
        }
        // More than the listed runs on the same logs: a longer session gap with template stages.
        if let road = logs.first(where: { $0.name == "roadtraffic100traces.csv" }) {
            let both = try EngineSupport.mineBoth(road.csv.path, road.columns + ["--session-gap", "30d", "--stages", "template"],
                                                  in: dir, name: "road-30d")
            #expect(both.engine == both.local)
        }
        #expect(compared >= 25)
    }

    /// Thai, Greek and Cyrillic names, timestamps with zones and fractions (EngineUnicodeLog).
    @Test func unicodeNamesAndZonedTimesMatchLocalMining() throws {
        guard EngineSupport.duckdb() != nil else { return EngineSupport.skip("no DuckDB CLI (scripts/install-test-tools)") }
        let dir = try EngineSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let (log, template) = try EngineUnicodeLog.write(in: dir)
        for (label, flags) in EngineUnicodeLog.variants(template: template.path) {
            let both = try EngineSupport.mineBoth(log.path, EngineUnicodeLog.columns + flags, in: dir, name: label)
            #expect(both.local.contains("\"edges\""))
            #expect(both.engine == both.local, "\(label)")
        }
    }

    @Test func tieHeavyLogMatchesLocalMining() throws {
        guard EngineSupport.duckdb() != nil else { return EngineSupport.skip("no DuckDB CLI (scripts/install-test-tools)") }
        let dir = try EngineSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let log = dir.appendingPathComponent("ties.csv").path
        try EngineSupport.tieHeavyLog().write(toFile: log, atomically: true, encoding: .utf8)
        let template = dir.appendingPathComponent("custom.yaml").path
        try EngineSupport.customTemplate.write(toFile: template, atomically: true, encoding: .utf8)
        let runs: [[String]] = [
            [], ["--stages", "template"], ["--template", template], ["--session-gap", "15m"],
            ["--since", "2024-01-20", "--until", "2024-02-10"], ["--where", "region=north,south"], ["--tiebreak", "seq"],
            ["--template", template, "--session-gap", "1h", "--tiebreak", "seq", "--where", "region=east", "--variants", "7"],
        ]
        for (i, flags) in runs.enumerated() {
            let both = try EngineSupport.mineBoth(log, flags, in: dir, name: "ties-\(i)")
            #expect(both.local.contains("\"edges\""))
            #expect(both.engine == both.local, "\(flags)")
        }
        // Parquet input (DuckDB reads it itself; its row order is the tie order as in the CSV).
        let parquet = dir.appendingPathComponent("ties.parquet").path
        let convert = Process()
        convert.executableURL = URL(fileURLWithPath: EngineSupport.duckdb()!)
        convert.arguments = [":memory:", "-c", "COPY (SELECT * FROM read_csv('\(log)', header = true, all_varchar = true)) TO '\(parquet)' (FORMAT parquet)"]
        try convert.run()
        convert.waitUntilExit()
        #expect(convert.terminationStatus == 0)
        let fromParquet = dir.appendingPathComponent("parquet.json").path
        let pq = try CLI.run(["mine", "--engine", "duckdb", parquet, "-o", fromParquet, "--quiet", "--template", template])
        #expect(pq.status == 0, "\(pq.stderr)")
        let csvLocal = try EngineSupport.mineBoth(log, ["--template", template], in: dir, name: "csv")
        #expect(EngineSupport.withoutSource((try? String(contentsOfFile: fromParquet, encoding: .utf8)) ?? "") == csvLocal.local)
        // The tie order matters on this log: --tiebreak changes the journey file.
        let plain = try EngineSupport.mineBoth(log, [], in: dir, name: "plain")
        let ordered = try EngineSupport.mineBoth(log, ["--tiebreak", "seq"], in: dir, name: "ordered")
        #expect(plain.local != ordered.local)
        // The engine says how it ordered ties.
        let source = try String(contentsOfFile: dir.appendingPathComponent("ordered-engine.json").path, encoding: .utf8)
        #expect(source.contains("\"tieOrder\" : \"events with equal timestamps ordered by --tiebreak seq, then the files' row order\""))
        #expect(source.contains("\"engine\" : \"duckdb\""))
    }

    /// `--engine sql` prints a query; DuckDB runs it on a table; `--aggregates` reads the rows.
    @Test func aggregatesRoundTrip() throws {
        guard let duckdb = EngineSupport.duckdb() else { return EngineSupport.skip("no DuckDB CLI (scripts/install-test-tools)") }
        let dir = try EngineSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let log = dir.appendingPathComponent("ties.csv").path
        try EngineSupport.tieHeavyLog().write(toFile: log, atomically: true, encoding: .utf8)
        let template = dir.appendingPathComponent("custom.yaml").path
        try EngineSupport.customTemplate.write(toFile: template, atomically: true, encoding: .utf8)
        let flags = ["--template", template, "--stages", "template", "--tiebreak", "seq", "--session-gap", "1h"]
        let sql = try CLI.run(["mine", "--engine", "sql", "--dialect", "duckdb", "--table", "ev", "--case", "user",
                               "--activity", "event", "--timestamp", "ts", "--channel", "channel"] + flags)
        #expect(sql.status == 0, "\(sql.stderr)")
        #expect(sql.stdout.contains("WITH\njm_src AS ("))
        let script = "CREATE TABLE ev AS SELECT * FROM read_csv('\(log)', header = true, all_varchar = true);\n" + sql.stdout
        let rows = dir.appendingPathComponent("rows.csv")
        let p = Process()
        p.executableURL = URL(fileURLWithPath: duckdb)
        p.arguments = ["-batch", "-bail", "-csv", "-header", ":memory:"]
        let input = Pipe()
        p.standardInput = input
        FileManager.default.createFile(atPath: rows.path, contents: nil)
        p.standardOutput = try FileHandle(forWritingTo: rows)
        try p.run()
        input.fileHandleForWriting.write(Data(script.utf8))
        try input.fileHandleForWriting.close()
        p.waitUntilExit()
        #expect(p.terminationStatus == 0)
        let fromRows = dir.appendingPathComponent("from-rows.json").path
        let a = try CLI.run(["mine", "--aggregates", rows.path, "-o", fromRows, "--quiet"] + flags.filter { $0 != "seq" && $0 != "--tiebreak" })
        #expect(a.status == 0, "\(a.stderr)")
        let local = dir.appendingPathComponent("local.json").path
        let b = try CLI.run(["mine", log, "-o", local, "--quiet", "--channel", "channel"] + flags)
        #expect(b.status == 0, "\(b.stderr)")
        let x = EngineSupport.withoutSource(try String(contentsOfFile: fromRows, encoding: .utf8))
        let y = EngineSupport.withoutSource(try String(contentsOfFile: local, encoding: .utf8))
        #expect(x.contains("\"edges\""))
        #expect(x == y)
        // Downstream commands take it like any journey file.
        let map = try CLI.run(["map", fromRows, "-o", dir.appendingPathComponent("map.svg").path])
        #expect(map.status == 0, "\(map.stderr)")
    }

    @Test func badAggregatesNameFileLineAndExpectation() throws {
        let dir = try EngineSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let rows = dir.appendingPathComponent("rows.csv").path
        try "kind,key1,key2,n1,n2,n3\nnode,0,,3,1,0\nedge,0,1,2,many,0\n".write(toFile: rows, atomically: true, encoding: .utf8)
        let out = dir.appendingPathComponent("out.json").path
        let r = try CLI.run(["mine", "--aggregates", rows, "-o", out])
        #expect(r.status != 0)
        #expect(r.stderr.contains("\(rows):3: n2 \"many\": expected a whole number"))
        #expect(!FileManager.default.fileExists(atPath: out))
        try "from,to\n".write(toFile: rows, atomically: true, encoding: .utf8)
        let h = try CLI.run(["mine", "--aggregates", rows, "-o", out])
        #expect(h.stderr.contains("\(rows):1: header \"from,to\": expected kind,key1,key2,n1,n2,n3"))
    }

    @Test func engineErrorsNameTheEngineAndLeaveNoOutput() throws {
        guard EngineSupport.duckdb() != nil else { return EngineSupport.skip("no DuckDB CLI (scripts/install-test-tools)") }
        let dir = try EngineSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let log = dir.appendingPathComponent("ties.csv").path
        try EngineSupport.tieHeavyLog(cases: 20).write(toFile: log, atomically: true, encoding: .utf8)
        let out = dir.appendingPathComponent("out.json").path
        // The event name is not a time: DuckDB's own message comes through.
        // TMPDIR of its own: the engine's result file must be gone afterwards (/tmp is shared).
        let tmpdir = dir.appendingPathComponent("tmp")
        try FileManager.default.createDirectory(at: tmpdir, withIntermediateDirectories: true)
        let r = try CLI.run(["TMPDIR=\(tmpdir.path)", CLI.binary, "mine", "--engine", "duckdb", log, "--case", "user", "--activity", "event",
                             "--timestamp", "channel", "-o", out], executable: "/usr/bin/env")
        #expect(r.status != 0)
        #expect(r.stderr.contains("duckdb: the query failed"))
        #expect(r.stderr.contains("Conversion Error") || r.stderr.contains("Error"))
        #expect(!FileManager.default.fileExists(atPath: out))
        let tmp = (try? FileManager.default.contentsOfDirectory(atPath: tmpdir.path)) ?? ["unreadable"]
        #expect(tmp.isEmpty, "left in TMPDIR: \(tmp)")
        // A column the files do not have: named, as local reading names it.
        let c = try CLI.run(["mine", "--engine", "duckdb", log, "--activity", "nosuch", "-o", out])
        #expect(c.status != 0)
        #expect(c.stderr.contains("nosuch"))
        // Flags the engines cannot honour say so.
        let k = try CLI.run(["mine", "--engine", "duckdb", log, "--keep-activities", "90", "-o", out])
        #expect(k.stderr.contains("--keep-activities is not available with --engine"))
        let s = try CLI.run(["mine", "--engine", "sql", "--table", "t", "--case", "a", "--activity", "b", "--timestamp", "c"])
        #expect(s.stderr.contains("add --dialect"))
    }

    /// The query for the engines not run here parses with an independent parser (sqlglot).
    @Test func dialectQueriesParseWithSqlglot() throws {
        guard let python = EngineSupport.python() else { return EngineSupport.skip("no .venv with sqlglot (scripts/install-test-tools)") }
        let dir = try EngineSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let template = dir.appendingPathComponent("custom.yaml").path
        try EngineSupport.customTemplate.write(toFile: template, atomically: true, encoding: .utf8)
        let names = ["bigquery": "bigquery", "snowflake": "snowflake", "trino": "trino", "clickhouse": "clickhouse",
                     "spark": "spark", "postgresql": "postgres", "duckdb": "duckdb"]
        for (dialect, sqlglot) in names.sorted(by: { $0.key < $1.key }) {
            for extra in [["--template", template, "--session-gap", "30m", "--tiebreak", "seq", "--where", "region=north,south",
                           "--since", "2024-01-01", "--until", "2024-02-01"], ["--stages", "auto"]] {
                let q = try CLI.run(["mine", "--engine", "sql", "--dialect", dialect, "--table", "analytics.events",
                                     "--case", "user", "--activity", "event", "--timestamp", "ts", "--channel", "ch"] + extra)
                #expect(q.status == 0, "\(dialect): \(q.stderr)")
                let file = dir.appendingPathComponent("\(dialect).sql").path
                try q.stdout.write(toFile: file, atomically: true, encoding: .utf8)
                let check = """
                    import sqlglot, sys
                    statements = sqlglot.parse(open(sys.argv[1]).read(), read=sys.argv[2], error_level=sqlglot.ErrorLevel.RAISE)
                    select = statements[-1]
                    assert select.find(sqlglot.exp.Window) is not None, "no window function"
                    print(len(statements))
                    """
                let r = try CLI.run(["-c", check, file, sqlglot], executable: python)
                #expect(r.status == 0, "\(dialect) \(extra): \(r.stderr)")
            }
        }
    }
}
