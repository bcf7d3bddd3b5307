import Foundation
import Testing
@testable import JourneyEngines

/// The Spark runner's parts that need no Spark: splitting a query into statements, the input
/// format by extension, and finding spark-submit.
@Suite struct SparkRunnerTests {
    @Test func splitsAtTopLevelSemicolonsOnly() {
        let text = """
        -- journeymap; mining query
        SET spark.sql.session.timeZone = UTC;
        SELECT 'a;b' AS x, "c;d", `e;f` /* g; h */ FROM t;
        -- trailing; comment only
        """
        let parts = SQLStatements.split(text)
        #expect(parts == ["-- journeymap; mining query\nSET spark.sql.session.timeZone = UTC",
                          "SELECT 'a;b' AS x, \"c;d\", `e;f` /* g; h */ FROM t"])
        #expect(SQLStatements.split("SELECT 1") == ["SELECT 1"])
        #expect(SQLStatements.split(" ; ;") == [])
    }

    @Test func formatFollowsTheExtension() {
        #expect(SparkEngine.format(of: "a.csv") == "csv")
        #expect(SparkEngine.format(of: "a.CSV.gz") == "csv")
        #expect(SparkEngine.format(of: "a.parquet") == "parquet")
        #expect(SparkEngine.format(of: "a.jsonl.gz") == "json")
        #expect(SparkEngine.format(of: "a.tsv") == "csv")
    }

    @Test func findsSparkThroughSparkHomeOrPath() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("jm-spark-\(UUID().uuidString)")
        let bin = dir.appendingPathComponent("bin")
        try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        for name in ["spark-submit", "spark-sql", "python3"] {
            let p = bin.appendingPathComponent(name).path
            _ = FileManager.default.createFile(atPath: p, contents: Data("#!/bin/sh\n".utf8), attributes: [.posixPermissions: 0o755])
        }
        let viaHome = try SparkLocator.find(environment: ["SPARK_HOME": dir.path, "PATH": "/nonexistent"])
        #expect(viaHome.sparkSubmit == bin.appendingPathComponent("spark-submit").path)
        #expect(viaHome.python == bin.appendingPathComponent("python3").path)
        let viaPath = try SparkLocator.find(environment: ["PATH": "/nonexistent:\(bin.path)"])
        #expect(viaPath.sparkSubmit == bin.appendingPathComponent("spark-submit").path)
        #expect(throws: EngineError.self) { try SparkLocator.find(environment: ["PATH": "/nonexistent"]) }
        let wrongHome = #expect(throws: EngineError.self) { try SparkLocator.find(environment: ["SPARK_HOME": "/nonexistent"]) }
        #expect(wrongHome?.description.contains("SPARK_HOME is /nonexistent") == true)
    }
}
