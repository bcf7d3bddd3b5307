import Foundation
import JourneyCore
import JourneyGzip

/// How to read event logs: the format (nil guesses from the extension) and reader options.
public struct LogRequest: Sendable {
    public var paths: [String]
    public var format: LogFormat?
    public var read: ReadOptions
    /// Threads for reading (CSV files that are not compressed are cut into ranges).
    public var threads: Int
    /// Where reading has come, for a progress bar (nil: not tracked).
    public var progress: ReadProgress?
    /// A CSV file gets one reading thread per this many bytes at most.
    public var minimumBytesPerThread = 8 << 20
    /// Drop exact duplicate events after reading (`--dedupe`, `EventTable.deduplicated()`).
    public var dedupe = false

    public init(paths: [String], format: LogFormat? = nil, read: ReadOptions = ReadOptions(), threads: Int = 1,
                progress: ReadProgress? = nil) {
        self.paths = paths
        self.format = format
        self.read = read
        self.threads = threads
        self.progress = progress
    }
}

/// What was read: the events and the columns each reader settled on.
public struct LoadedLog {
    public var table: EventTable
    public var columns: ResolvedColumns?
}

public enum LogLoader {
    /// Reads every file of `request` into one table (files in the given order).
    /// Gzip files (`.gz` or gzip magic bytes) are decompressed while reading.
    public static func load(_ request: LogRequest) throws -> LoadedLog {
        let table = EventTable(attributeNames: request.read.columns.attributes)
        var columns: ResolvedColumns?
        if let progress = request.progress {
            for path in request.paths { progress.add(total: (try? FileByteSource(path: path).size) ?? 0) }
        }
        for path in request.paths {
            guard let format = request.format ?? LogFormat.guess(path: path) else {
                throw InputError(file: path, message: "cannot tell the format from the file name; expected .csv, .tsv, .jsonl, .ndjson or .xes (optionally .gz), or give --input-format")
            }
            let used: ResolvedColumns
            if let milestones = request.read.milestones {
                guard format == .csv else {
                    throw InputError(file: path, message: "--milestones reads a CSV table (one row per case, a date column per milestone); this file is \(format.rawValue)")
                }
                var source = try openLogSource(path: path, progress: request.progress)
                used = try MilestoneReader(spec: milestones).read(&source, into: table, options: request.read)
            } else if format == .csv && request.threads > 1 && !isGzipFile(path: path) {
                used = try CSVReader(minimumBytesPerThread: request.minimumBytesPerThread).readFile(path: path, into: table, options: request.read, threads: request.threads,
                                                progress: request.progress)
            } else {
                var source = try openLogSource(path: path, progress: request.progress)
                if format == .csv {
                    used = try CSVReader().read(&source, into: table, options: request.read, progress: request.progress)
                } else {
                    used = try readLog(&source, format: format, into: table, options: request.read)
                }
            }
            columns = columns ?? used
        }
        let spec = request.read.columns
        let combined = table.combiningNames(activityDetail: spec.activityDetailColumn, caseParts: spec.casePartColumns)
        if var c = columns {
            if !spec.casePartColumns.isEmpty { c.caseColumn = ([c.caseColumn] + spec.casePartColumns).joined(separator: "+") }
            if let d = spec.activityDetailColumn { c.activityColumn += "+" + d }
            columns = c
        }
        let result = request.dedupe ? combined.deduplicated() : combined
        result.compactCases()
        return LoadedLog(table: result, columns: columns)
    }

    /// True when `path` looks like a journey file (`journeymap mine` output) rather than a log.
    /// A `.json` file that `journeymap mine` wrote: it names the journey format near its start
    /// (compact files) or its first line is a lone `{` (pretty-printed files, whose sorted keys
    /// put long edge lists before `format`) — which a JSON Lines log, one whole object per
    /// line, never has.
    public static func isJourneyFile(_ path: String) -> Bool {
        guard path.lowercased().hasSuffix(".json"), let handle = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? handle.close() }
        let head = String(decoding: handle.readData(ofLength: 4096), as: UTF8.self)
        if head.contains("\"\(JourneyGraph.formatName)\"") { return true }
        let firstLine = head.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
        return firstLine.trimmingCharacters(in: .whitespaces) == "{"
    }
}
