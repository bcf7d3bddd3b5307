import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// `--engine spark`: runs the query with `spark-submit` on a local master (`local[2]`) or the
/// cluster `--spark-master` names (`spark://host:7077`, `yarn`, `k8s://…`), or as a Spark
/// Connect client of `--spark-master sc://host:15002` (no JVM started here: the fast way to
/// run many queries). Spark reads the input files itself (CSV, Parquet or JSON by extension,
/// `.gz` included; paths a cluster can read — `hdfs://`, `s3a://` — are passed as given) into
/// the view `jm_input`, whose `rowid` is the row's position in the files (the tie order of
/// local mining). The driver runs on this machine and streams the small result back as CSV.
public struct SparkEngine: SQLEngine, Sendable {
    public static let view = "jm_input"
    /// The column the driver adds: the row's position in the input files, the tie order.
    public static let sequenceColumn = "rowid"

    public let files: [String]
    public let master: String
    public let delimiter: String
    /// Extra `--conf key=value` settings for spark-submit (`--spark-conf`).
    public let settings: [String]

    public var name: String { "spark (\(master))" }
    public var dialect: SQLDialect { .spark }

    public init(files: [String], master: String? = nil, delimiter: String = ",", settings: [String] = []) {
        self.files = files
        self.master = master ?? "local[2]"
        self.delimiter = delimiter
        self.settings = settings
    }

    /// The format Spark reads a file in, by extension.
    static func format(of path: String) -> String {
        var name = path.lowercased()
        if name.hasSuffix(".gz") { name.removeLast(3) }
        if name.hasSuffix(".parquet") || name.hasSuffix(".pq") { return "parquet" }
        if name.hasSuffix(".json") || name.hasSuffix(".jsonl") || name.hasSuffix(".ndjson") { return "json" }
        return "csv"
    }

    public func cancel() { ProcessGroupRun.stop() }

    /// True for a Spark Connect server (`sc://…`).
    public var isConnect: Bool { master.hasPrefix("sc://") }

    public func run(query: String, into csv: URL, progress: @escaping (String) -> Void) throws {
        let spark = try SparkLocator.find(connect: isConnect)
        let formats = Set(files.map(Self.format(of:)))
        guard formats.count == 1, let format = formats.first else {
            throw EngineError(engine: name, "the input files mix formats (\(formats.sorted().joined(separator: ", ")))",
                              engineMessage: "give files of one kind (CSV, Parquet or JSON) per run", category: .usage)
        }
        for file in files where !file.contains("://") && !FileManager.default.isReadableFile(atPath: file) {
            throw EngineError(engine: name, "cannot read \(file)", engineMessage: "no such file, or not readable", category: .badInput)
        }
        let work = try Self.workFolder()
        defer { try? FileManager.default.removeItem(atPath: work) }
        let driver = work + "/driver.py", job = work + "/job.json", log = work + "/spark.log"
        try SparkDriver.source.write(toFile: driver, atomically: false, encoding: .utf8)
        let absolute = files.map { $0.contains("://") ? $0 : URL(fileURLWithPath: $0).standardizedFileURL.path }
        let jobObject: [String: Any] = [
            "files": absolute, "format": format, "delimiter": delimiter,
            "view": Self.view, "seq": Self.sequenceColumn,
            "statements": SQLStatements.split(query), "out": csv.path,
            "remote": isConnect ? master : NSNull(),
        ]
        try JSONSerialization.data(withJSONObject: jobObject).write(to: URL(fileURLWithPath: job))

        var environment = ProcessInfo.processInfo.environment
        // An empty SPARK_HOME is not a Spark home: pip's find_spark_home.py would return it as
        // is and spark-submit would look for /bin/spark-class.
        if environment["SPARK_HOME"]?.isEmpty == true { environment["SPARK_HOME"] = nil }
        if environment["PYSPARK_PYTHON"] == nil, let python = spark.python { environment["PYSPARK_PYTHON"] = python }
        if environment["PYSPARK_DRIVER_PYTHON"] == nil, let python = spark.python { environment["PYSPARK_DRIVER_PYTHON"] = python }
        // A local master binds to loopback, not to whatever the host name resolves to.
        if master.hasPrefix("local"), environment["SPARK_LOCAL_IP"] == nil { environment["SPARK_LOCAL_IP"] = "127.0.0.1" }
        var arguments: [String]
        if isConnect {
            arguments = [environment["PYSPARK_PYTHON"] ?? spark.python ?? "/usr/bin/python3", driver, job]
            progress("spark: connecting to \(master)")
        } else {
            arguments = [spark.sparkSubmit, "--master", master, "--name", "journeymap",
                         "--conf", "spark.ui.enabled=false", "--conf", "spark.ui.showConsoleProgress=false"]
            for setting in settings { arguments += ["--conf", setting] }
            arguments += [driver, job]
            progress("spark: starting spark-submit (\(master))")
        }
        var error: String?
        let outcome = try ProcessGroupRun.run(arguments, environment: environment, stderrPath: log, resultPath: csv.path) { line in
            if line.hasPrefix("JM-PHASE ") { progress("spark: " + line.dropFirst(9)) }
            else if line.hasPrefix("JM-ERROR ") { error = String(line.dropFirst(9)) }
        }
        guard outcome.status == 0, !outcome.interrupted else {
            unlink(csv.path)
            if outcome.interrupted {
                progress("spark: stopped (Ctrl-C)")
                raise(SIGINT)
                throw EngineError(engine: name, "stopped (Ctrl-C)")
            }
            throw EngineError(engine: name, error == nil ? "spark-submit failed (exit \(outcome.status))" : "query failed",
                              engineMessage: error ?? Self.lastError(inLog: log), category: .badInput)
        }
    }

    /// The last lines of Spark's log that say what went wrong (Java's "Exception"/"Error"
    /// lines), or its last lines.
    static func lastError(inLog path: String) -> String {
        let text = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
        let lines = text.split(separator: "\n").map(String.init)
        let telling = lines.filter { $0.contains("Exception") || $0.contains("Error") || $0.contains("error:") }
        return (telling.isEmpty ? Array(lines.suffix(5)) : Array(telling.prefix(3))).joined(separator: " | ")
    }

    static func workFolder() throws -> String {
        var template = Array((NSTemporaryDirectory() + "/journeymap-spark-XXXXXX").utf8CString)
        guard let made = mkdtemp(&template) else {
            throw EngineError(engine: "spark", "cannot make a temporary folder", engineMessage: String(cString: strerror(errno)), category: .cannotWrite)
        }
        return String(cString: made)
    }
}
