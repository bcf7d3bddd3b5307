import Foundation
import XCTest

/// The ClickHouse dialect run on a real ClickHouse: chDB (PyPI `chdb-core`, the ClickHouse
/// engine as a Python module, in .venv by scripts/install-test-tools). `mine --engine sql
/// --dialect clickhouse --table ev --tiebreak seq` prints the query, Tests/Scripts/chdb_mine.py
/// loads the log into `ev` (text columns, `seq` in file order) and runs it, and `mine
/// --aggregates` builds the journey file from the rows: it equals local mining's byte for byte
/// apart from `source`. Stages come from the template (`--stages template`): inferring them
/// takes a second query, which `--aggregates` does not run. Skips when chdb is absent, unless
/// JM_CI=1.
final class EngineClickHouseCLITests: XCTestCase {
    static let script = CLI.root.appendingPathComponent("Tests/Scripts/chdb_mine.py").path

    /// The venv's python, which has chdb; skips (fails under JM_CI=1) otherwise.
    static func python() throws -> String {
        let python = CLI.root.appendingPathComponent(".venv/bin/python").path
        if FileManager.default.isExecutableFile(atPath: python),
           let r = try? EngineTestSupport.run(python, ["-c", "import chdb"]), r.status == 0 {
            return python
        }
        if EngineTestSupport.environment["JM_CI"] == "1" { XCTFail("JM_CI=1 but chdb is not in .venv (scripts/install-test-tools)") }
        throw XCTSkip("chdb is not in .venv: the ClickHouse tests skipped (scripts/install-test-tools installs chdb-core)")
    }

    /// Mines `log` locally and in ClickHouse with each of `runs` (label, mining flags); the
    /// queries of one log run in one chDB process. Compares each pair.
    func assertSame(_ log: URL, columns: [String], _ runs: [(String, [String])], in dir: URL,
                    file: StaticString = #filePath, line: UInt = #line) throws {
        let python = try Self.python()
        var jobs: [String] = []
        for (i, (label, flags)) in runs.enumerated() {
            let q = try EngineTestSupport.journeymap(["mine", "--engine", "sql", "--dialect", "clickhouse", "--table", "ev", "--tiebreak", "seq"]
                                                     + columns + flags)
            XCTAssertEqual(q.status, 0, "\(label) query: \(q.stderr)", file: file, line: line)
            let sql = dir.appendingPathComponent("q\(i).sql")
            try q.stdout.write(to: sql, atomically: true, encoding: .utf8)
            jobs += [sql.path, dir.appendingPathComponent("rows\(i).csv").path]
        }
        let ch = try EngineTestSupport.run(python, [Self.script, log.path] + jobs)
        XCTAssertEqual(ch.status, 0, "\(log.lastPathComponent): chDB: \(ch.stderr)", file: file, line: line)
        guard ch.status == 0 else { return }
        for (i, (label, flags)) in runs.enumerated() {
            let local = dir.appendingPathComponent("l\(i).json").path, remote = dir.appendingPathComponent("c\(i).json").path
            let l = try EngineTestSupport.journeymap(["mine", log.path] + columns + flags + ["-o", local, "--quiet"])
            XCTAssertEqual(l.status, 0, "\(label) local: \(l.stderr)", file: file, line: line)
            let a = try EngineTestSupport.journeymap(["mine", "--aggregates", dir.appendingPathComponent("rows\(i).csv").path] + flags
                                                     + ["-o", remote, "--quiet"])
            XCTAssertEqual(a.status, 0, "\(label) --aggregates: \(a.stderr)", file: file, line: line)
            guard l.status == 0, a.status == 0 else { continue }
            XCTAssertEqual(EngineTestSupport.withoutSource(try String(contentsOfFile: local, encoding: .utf8)),
                           EngineTestSupport.withoutSource(try String(contentsOfFile: remote, encoding: .utf8)),
                           "\(log.lastPathComponent) \(label): the journey files differ", file: file, line: line)
        }
    }

    /// Every log of ../shared/data (XES converted) with a template of globs, --session-gap,
    /// --since/--until and --where; the default template (a long CASE: slow to plan in
    /// ClickHouse, so once) on the running example.
    func testEverySharedLogMinesTheSameInClickHouse() throws {
        _ = try Self.python()
        let dir = try EngineTestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        guard let logs = try SharedEngineLog.all(convertingInto: dir) else { _ = try EngineTestSupport.sharedLog("README.md"); return }
        let template = dir.appendingPathComponent("globs.yaml")
        try EngineTestSupport.globTemplate.write(to: template, atomically: true, encoding: .utf8)
        for log in logs {
            let sub = dir.appendingPathComponent(log.name)
            try FileManager.default.createDirectory(at: sub, withIntermediateDirectories: true)
            var runs = log.variants(globTemplate: template).filter { $0.0 != "default" }.map { (label, flags) in
                (label, flags.contains("--template") ? flags : flags + ["--template", template.path])
            }
            if log.name == "running-example.csv" { runs.append(("default template", [])) }
            try assertSame(log.csv, columns: log.columns, runs.map { ($0.0, $0.1 + ["--stages", "template"]) }, in: sub)
        }
    }

    /// Thai, Greek and Cyrillic names, timestamps with zones and fractions (EngineUnicodeLog).
    func testUnicodeNamesAndZonedTimesMineTheSameInClickHouse() throws {
        _ = try Self.python()
        let dir = try EngineTestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let (log, template) = try EngineUnicodeLog.write(in: dir)
        let runs = EngineUnicodeLog.variants(template: template.path).filter { $0.1.contains("--template") }
        try assertSame(log, columns: EngineUnicodeLog.columns, runs.map { ($0.0, $0.1 + ["--stages", "template"]) }, in: dir)
    }
}
