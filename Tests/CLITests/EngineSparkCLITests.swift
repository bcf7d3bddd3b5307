import Foundation
import XCTest

/// `mine --engine spark` against the Spark Connect server `scripts/services/spark` starts
/// (JM_TEST_SPARK_REMOTE), and once through spark-submit on a local master (JM_TEST_SPARK_BIN
/// on PATH): the journey files equal local mining's byte for byte apart from `source`.
final class EngineSparkCLITests: XCTestCase {
    static let processColumns = ["--case", "case:concept:name", "--activity", "concept:name", "--timestamp", "time:timestamp"]

    /// PATH with the service's pyspark environment first (its python has pyspark), as a user's
    /// activated virtual environment would have it.
    static var withSparkOnPath: [String: String] {
        guard let bin = EngineTestSupport.environment["JM_TEST_SPARK_BIN"] else { return [:] }
        return ["PATH": bin + ":" + (EngineTestSupport.environment["PATH"] ?? "/usr/bin:/bin")]
    }

    /// Mines `log` locally and with Spark (`master`) with `flags`; compares.
    func assertSame(_ log: String, _ flags: [String], master: String, label: String,
                    environment: [String: String] = [:], file: StaticString = #filePath, line: UInt = #line) throws {
        let dir = try EngineTestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let local = dir.appendingPathComponent("local.json").path, spark = dir.appendingPathComponent("spark.json").path
        let l = try EngineTestSupport.journeymap(["mine", log] + flags + ["-o", local, "--quiet"])
        XCTAssertEqual(l.status, 0, "\(label) local: \(l.stderr)", file: file, line: line)
        let s = try EngineTestSupport.journeymap(["mine", "--engine", "spark", "--spark-master", master, log] + flags + ["-o", spark, "--quiet"],
                                                 environment: Self.withSparkOnPath.merging(environment) { $1 })
        XCTAssertEqual(s.status, 0, "\(label) spark: \(s.stderr)", file: file, line: line)
        guard l.status == 0, s.status == 0 else { return }
        let a = try String(contentsOfFile: local, encoding: .utf8), b = try String(contentsOfFile: spark, encoding: .utf8)
        XCTAssertEqual(EngineTestSupport.withoutSource(a), EngineTestSupport.withoutSource(b), "\(label): the journey files differ", file: file, line: line)
        XCTAssertTrue(b.contains("\"engine\" : \"spark (\(master))\""), "\(label): source names the engine", file: file, line: line)
    }

    /// Every log of ../shared/data (XES ones converted to CSV: SharedEngineLog) with the default
    /// template (stages inferred: two queries) and with the template of globs, --session-gap,
    /// --since/--until and --where together; the running example with each of them apart.
    /// Each query costs seconds on an idle machine (minutes under load): the matrix is cut to that.
    func testEverySharedLogMinesTheSameInSpark() throws {
        let remote = try EngineTestSupport.required("JM_TEST_SPARK_REMOTE", for: "the Spark engine tests")
        let dir = try EngineTestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        guard let logs = try SharedEngineLog.all(convertingInto: dir) else { _ = try EngineTestSupport.sharedLog("README.md"); return }
        let template = dir.appendingPathComponent("globs.yaml")
        try EngineTestSupport.globTemplate.write(to: template, atomically: true, encoding: .utf8)
        for log in logs {
            let variants = log.variants(globTemplate: template)
            let runs = log.name == "running-example.csv" ? variants
                : [variants[0], ("all together", variants.dropFirst().flatMap { $0.1 })]
            for (label, flags) in runs {
                try assertSame(log.csv.path, log.columns + flags, master: remote, label: "\(log.name) \(label)")
            }
        }
    }

    /// Thai, Greek and Cyrillic names, timestamps with zones and fractions (EngineUnicodeLog).
    func testUnicodeNamesAndZonedTimesMineTheSameInSpark() throws {
        let remote = try EngineTestSupport.required("JM_TEST_SPARK_REMOTE", for: "the Spark engine tests")
        let dir = try EngineTestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let (log, template) = try EngineUnicodeLog.write(in: dir)
        for (label, flags) in EngineUnicodeLog.variants(template: template.path).dropFirst(2) {
            try assertSame(log.path, EngineUnicodeLog.columns + flags, master: remote, label: label)
        }
    }

    func testBundledSampleMinesTheSameInSpark() throws {
        let remote = try EngineTestSupport.required("JM_TEST_SPARK_REMOTE", for: "the Spark engine tests")
        let log = CLI.root.appendingPathComponent("samples/shop-journeys.csv").path
        try assertSame(log, [], master: remote, label: "shop default (columns found by name)")
        try assertSame(log, ["--session-gap", "30m", "--where", "channel=web,email"], master: remote, label: "shop session gap + where")
    }

    func testSparkSubmitOnALocalMaster() throws {
        let bin = try EngineTestSupport.required("JM_TEST_SPARK_BIN", for: "the spark-submit test")
        let log = try EngineTestSupport.sharedLog("running-example.csv").path
        let path = bin + ":" + (EngineTestSupport.environment["PATH"] ?? "/usr/bin:/bin")
        try assertSame(log, Self.processColumns + ["--stages", "template"], master: "local[2]", label: "spark-submit local[2]",
                       environment: ["PATH": path, "SPARK_HOME": ""])
    }

    func testAMissingColumnCarriesSparksMessageAndLeavesNoOutput() throws {
        let remote = try EngineTestSupport.required("JM_TEST_SPARK_REMOTE", for: "the Spark engine tests")
        let log = try EngineTestSupport.sharedLog("running-example.csv").path
        let dir = try EngineTestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("j.json").path
        let r = try EngineTestSupport.journeymap(["mine", "--engine", "spark", "--spark-master", remote, log,
                                                  "--case", "case:concept:name", "--activity", "concept:name", "--timestamp", "no_such_column",
                                                  "--stages", "template", "-o", out], environment: Self.withSparkOnPath)
        XCTAssertEqual(r.status, 65, r.stderr)
        XCTAssertTrue(r.stderr.contains("spark (\(remote)): query failed"), r.stderr)
        XCTAssertTrue(r.stderr.contains("no_such_column"), r.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: out))
    }

    func testNoSparkFoundSaysWhereToGetIt() throws {
        let dir = try EngineTestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("j.json").path
        let r = try EngineTestSupport.journeymap(["mine", "--engine", "spark", "samples/shop-journeys.csv", "-o", out],
                                                 environment: ["PATH": "/usr/bin:/bin", "SPARK_HOME": ""])
        XCTAssertEqual(r.status, 64, r.stderr)
        XCTAssertTrue(r.stderr.contains("no Spark found"), r.stderr)
        XCTAssertTrue(r.stderr.contains("pip install pyspark"), r.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: out))
    }
}
