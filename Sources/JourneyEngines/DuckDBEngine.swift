import Foundation

/// The DuckDB CLI as a subprocess: the query on its standard input, its CSV output
/// (`-csv`, header on) into the result file, its standard error into the message on failure.
/// Found as `$JOURNEYMAP_DUCKDB`, then `duckdb` on `PATH`, then `.venv/bin/duckdb` (PyPI
/// `duckdb-cli`) in the working directory.
public final class DuckDBEngine: SQLEngine, @unchecked Sendable {
    public let executable: String
    public var name: String { "duckdb" }
    public var dialect: SQLDialect { .duckdb }
    private let lock = NSLock()
    private var running: Process?
    private var cancelled = false

    public init(executable: String) {
        self.executable = executable
    }

    /// The CLI, or an error saying how to install it.
    public static func locate(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> DuckDBEngine {
        if let given = environment["JOURNEYMAP_DUCKDB"], !given.isEmpty {
            guard FileManager.default.isExecutableFile(atPath: given) else {
                throw EngineError(engine: "duckdb", "JOURNEYMAP_DUCKDB=\(given) is not an executable file", category: .usage)
            }
            return DuckDBEngine(executable: given)
        }
        for dir in (environment["PATH"] ?? "").split(separator: ":") {
            let path = String(dir) + "/duckdb"
            if FileManager.default.isExecutableFile(atPath: path) { return DuckDBEngine(executable: path) }
        }
        let venv = FileManager.default.currentDirectoryPath + "/.venv/bin/duckdb"
        if FileManager.default.isExecutableFile(atPath: venv) { return DuckDBEngine(executable: venv) }
        throw EngineError(engine: "duckdb", "the DuckDB CLI was not found (looked for $JOURNEYMAP_DUCKDB, duckdb on PATH and .venv/bin/duckdb); install it with `pip install duckdb-cli` or from duckdb.org", category: .usage)
    }

    public func run(query: String, into csv: URL, progress: @escaping (String) -> Void) throws {
        progress("duckdb: starting")
        let fm = FileManager.default
        guard fm.createFile(atPath: csv.path, contents: nil) else {
            throw EngineError(engine: name, "cannot create the result file \(csv.path)", category: .cannotWrite)
        }
        var succeeded = false
        defer { if !succeeded { try? fm.removeItem(at: csv) } }
        let out = try FileHandle(forWritingTo: csv)
        defer { try? out.close() }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = ["-batch", "-bail", "-csv", "-header", ":memory:"]
        let input = Pipe(), errors = Pipe()
        process.standardInput = input
        process.standardOutput = out
        process.standardError = errors
        lock.withLock { running = process }
        defer { lock.withLock { running = nil } }
        do { try process.run() } catch {
            throw EngineError(engine: name, "cannot start \(executable)", engineMessage: "\(error)", category: .usage)
        }
        let slot = ChildProcesses.add(pid: process.processIdentifier, writing: csv.path)
        defer { ChildProcesses.remove(slot) }
        if lock.withLock({ cancelled }) { process.terminate() }
        progress("duckdb: running query")
        // Standard error is read on another thread so a talkative engine cannot block on a full pipe.
        let collected = ErrorCollector()
        let reader = Thread { collected.set(errors.fileHandleForReading.readDataToEndOfFile()) }
        reader.start()
        do {
            try input.fileHandleForWriting.write(contentsOf: Data(query.utf8))
        } catch {
            // The engine stopped reading (it failed early): its own message says why.
        }
        try? input.fileHandleForWriting.close()
        process.waitUntilExit()
        let message = collected.wait()
        if lock.withLock({ cancelled }) { throw EngineError(engine: name, "query cancelled") }
        guard process.terminationReason == .exit, process.terminationStatus == 0, message.isEmpty || !message.contains("Error") else {
            let how = process.terminationReason == .uncaughtSignal ? "was killed by signal \(process.terminationStatus)"
                : "failed (exit \(process.terminationStatus))"
            throw EngineError(engine: name, "the query \(how)", engineMessage: message)
        }
        succeeded = true
    }

    public func cancel() {
        lock.withLock {
            cancelled = true
            running?.terminate()
        }
    }
}

/// Standard error of a subprocess, read on another thread.
final class ErrorCollector: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private var text = ""
    func set(_ data: Data) { text = String(decoding: data, as: UTF8.self); done.signal() }
    func wait() -> String { done.wait(); return text.trimmingCharacters(in: .whitespacesAndNewlines) }
}

extension DuckDBEngine {
    /// The column names DuckDB sees in `files` (to resolve --case/--activity/--timestamp as the
    /// local readers do).
    public func columnNames(files: [String]) throws -> [String] {
        let reader = try MiningQuery(options: EngineMiningOptions(source: .files(files), columns: EngineColumns(caseColumn: "", activityColumn: "", timestampColumn: "")),
                                     dialect: .duckdb).duckDBReader(files)
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("journeymap-columns-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let csv = dir.appendingPathComponent("columns.csv")
        try run(query: "SELECT column_name FROM (DESCRIBE SELECT * FROM \(reader));\n", into: csv, progress: { _ in })
        return try AggregateRowsCSV.records(of: csv).dropFirst().compactMap(\.first)
    }
}
