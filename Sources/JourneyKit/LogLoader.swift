import Foundation
import JourneyCore
import JourneyGzip
import Synchronization

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
    /// Gzip and zstd files (`.gz`, `.zst` or their magic bytes) are decompressed while reading.
    public static func load(_ request: LogRequest) throws -> LoadedLog {
        let table = EventTable(attributeNames: request.read.columns.attributes)
        var columns: ResolvedColumns?
        if let progress = request.progress {
            for path in request.paths { progress.add(total: (try? FileByteSource(path: path).size) ?? 0) }
        }
        for path in request.paths {
            let (format, read) = try readingPlan(path: path, request: request)
            let used: ResolvedColumns
            do {
                if let paths = read.pathTable {
                    var source = try openLogSource(path: path, progress: request.progress, encoding: read.encoding,
                                                     replacingInvalid: read.onError == .skip)
                    used = try PathTableReader(spec: paths).read(&source, into: table, options: read)
                } else if let milestones = request.read.milestones {
                    guard format == .csv else {
                        throw InputError(file: path, message: "--milestones reads a CSV table (one row per case, a date column per milestone); this file is \(format.rawValue)")
                    }
                    var source = try openLogSource(path: path, progress: request.progress, encoding: read.encoding,
                                                     replacingInvalid: read.onError == .skip)
                    used = try MilestoneReader(spec: milestones).read(&source, into: table, options: read)
                } else if format == .csv && read.delimiter != ReadOptions.whitespaceDelimiter && request.threads > 1 && !isCompressedFile(path: path)
                            && !LogTextEncoding.convertsFile(path: path, requested: read.encoding) {
                    used = try CSVReader(minimumBytesPerThread: request.minimumBytesPerThread).readFile(path: path, into: table, options: read, threads: request.threads,
                                                    progress: request.progress)
                } else {
                    var source = try openLogSource(path: path, progress: request.progress, encoding: read.encoding,
                                                     replacingInvalid: read.onError == .skip)
                    if format == .csv && read.delimiter != ReadOptions.whitespaceDelimiter {
                        used = try CSVReader().read(&source, into: table, options: read, progress: request.progress)
                    } else {
                        used = try readLog(&source, format: format, into: table, options: read)
                    }
                }
            } catch let error as InputError {
                throw TimestampFormatChoice.settle(CompressedDamage.explain(error, path: path), path: path, format: format, read: read)
            }
            columns = columns ?? used
        }
        let spec = request.read.columns
        // Anonymous ids joined to their user (Segment's anonymousId → userId), before case parts
        // are joined and duplicates dropped: both should see the person's one case.
        if request.read.stitchIdentities && spec.casePartColumns.isEmpty {
            let joined = table.stitchIdentities()
            if joined > 0 { columns?.stitchedIDs = joined }
        }
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

    /// How `path` is read: the format given, else by extension, else (`.txt`, `.log`, no
    /// extension) from its first bytes (`LogSniffer`; a W3C extended log under any name); a CSV file without `--delimiter` whose
    /// lines are whitespace-aligned is read with `--delimiter whitespace`.
    public static func readingPlan(path: String, request: LogRequest) throws -> (LogFormat, ReadOptions) {
        if path == "-" && !FileManager.default.fileExists(atPath: path) {
            // Logs are read more than once (sniffed, then read by ranges or again by the general
            // reader), which a pipe does not allow.
            throw InputError(file: path, message: "journeymap reads log files, not standard input; save it to a file first "
                + "(e.g. … > events.csv) and give that file's name")
        }
        var read = request.read
        let byName = LogFormat.guess(path: path)
        var format = request.format ?? byName
        let lower = path.lowercased().replacingOccurrences(of: ".gz", with: "").replacingOccurrences(of: ".zst", with: "")
        let extensionSaysCSV = lower.hasSuffix(".csv") || lower.hasSuffix(".tsv")
        // The layout of the first lines, judged once (both questions below ask it).
        var sniffed: LogSniffer.Layout??
        func layout() -> LogSniffer.Layout? {
            if let known = sniffed { return known }
            let l = FileHead.layout(path)
            sniffed = .some(l)
            return l
        }
        if request.format == nil && format != .jsonl && format != .xes {
            switch layout() {
            case .w3cExtended?: format = .accessLog
            case .accessLog? where format == nil || !extensionSaysCSV: format = .accessLog
            case .whitespaceTable? where format == nil || !extensionSaysCSV: format = .csv
            default: break
            }
        }
        if request.format == .csv && layout() == .w3cExtended {
            throw InputError(file: path, line: 1, message: "this is a W3C extended log (IIS, CloudFront: # directives and a #Fields: line naming the columns), which journeymap reads as a web server access log; drop --input-format csv (or give --input-format access-log)")
        }
        guard let format else {
            throw InputError(file: path, message: "cannot tell the format from the file name or its first lines; expected .csv, .tsv, .jsonl, .ndjson or .xes (optionally .gz or .zst), or an access log, or give --input-format")
        }
        if format == .csv && read.delimiter == nil && layout() == .whitespaceTable {
            read.delimiter = ReadOptions.whitespaceDelimiter
        }
        // A table of paths with counts (ChannelAttribution, Google Analytics' conversion paths),
        // when no column of an event log is named.
        let named = read.columns
        if format == .csv && read.delimiter != ReadOptions.whitespaceDelimiter && read.milestones == nil && read.pathTable == nil
            && named.caseColumn == nil && named.activityColumn == nil && named.timestampColumn == nil && named.preset == nil {
            read.pathTable = PathTableReader.detect(head: HeadRows.bytes(of: path, encoding: read.encoding), name: path, options: read)
        }
        if read.skipLines > 0 && (format != .csv || read.delimiter == ReadOptions.whitespaceDelimiter) {
            throw InputError(file: path, message: "--skip-lines passes over lines above a CSV file's header; this file is read as "
                + (format == .csv ? "whitespace-aligned text" : format.rawValue) + ", which it does not apply to")
        }
        return (format, read)
    }

    /// The first `LogSniffer.headBytes` of `path`, decompressed when gzip; empty when unreadable
    /// (read once per file: `FileHead`).
    static func head(of path: String) -> [UInt8] {
        let head = FileHead.of(path)
        return head.count > LogSniffer.headBytes ? Array(head[..<LogSniffer.headBytes]) : head
    }

    /// True when `path` holds a journey file (`journeymap mine` output) rather than a log,
    /// judged by its content (gzip or not, any name): a JSON object that names the journey
    /// format near its start, or whose first key is one of the journey file's lists
    /// (`journeyFileKeys`: pretty-printed files, whose sorted keys put long edge lists before
    /// `format`; the same file on one line, keys in any order). Not any object whose first line
    /// is a lone `{`: a pretty-printed JSON event log (OCEL 2.0) is one too.
    /// A JSON Lines log (one whole event object per line) has none of these.
    public static func isJourneyFile(_ path: String) -> Bool {
        let head = FileHead.of(path)
        let text = String(decoding: head.prefix(65_536), as: UTF8.self)
        // ("\r\n" is one Character: a file from Windows.)
        func space(_ c: Character) -> Bool { c == " " || c == "\t" || c == "\r" || c == "\n" || c == "\r\n" }
        let trimmed = text.drop { space($0) || $0 == "\u{FEFF}" }
        guard trimmed.first == "{" else { return false }
        if text.contains("\"\(JourneyGraph.formatName)\"") { return true }
        let afterBrace = trimmed.dropFirst().drop(while: space)
        guard afterBrace.first == "\"", let close = afterBrace.dropFirst().firstIndex(of: "\"") else { return false }
        if journeyFileKeys.contains(String(afterBrace[afterBrace.index(after: afterBrace.startIndex)..<close])) { return true }
        // Pretty-printed (a lone "{" on the first line) with its keys reordered: `format` may be
        // past the head; looked for further in.
        if let next = trimmed.dropFirst().drop(while: { $0 == " " || $0 == "\t" }).first,
           next == "\n" || next == "\r\n" || next == "\r" {
            return prettyDocumentNamesFormat(path)
        }
        return firstLineIsJourneyObject(path)
    }

    /// Whether a pretty-printed JSON document names the journey format in its first 64 MiB
    /// (read once per path and run: `isJourneyFile` is asked for each input many times).
    static func prettyDocumentNamesFormat(_ path: String) -> Bool {
        if let known = prettyChecked.withLock({ $0[path] }) { return known }
        var found = false
        if var source = try? openLogSource(path: path) {
            let needle = Array("\"\(JourneyGraph.formatName)\"".utf8)
            var window = [UInt8]()
            var chunk = [UInt8](repeating: 0, count: 1 << 20)
            var read = 0
            while !found && read < 64 << 20 {
                guard let k = try? chunk.withUnsafeMutableBytes({ try source.read(into: $0) }), k > 0 else { break }
                read += k
                // The needle may straddle two chunks: keep its length less one byte of the last.
                window = Array(window.suffix(needle.count - 1)) + chunk[..<k]
                found = Data(window).range(of: Data(needle)) != nil
            }
        }
        prettyChecked.withLock { $0[path] = found }
        return found
    }

    private static let prettyChecked = Mutex<[String: Bool]>([:])

    /// A one-line JSON object whose keys came in any order (a script's `json.dump`,
    /// JSONSerialization) may start with any key and hold its `format` past the head: the first
    /// line is read whole (a JSON Lines log's is one event) and parsed.
    static func firstLineIsJourneyObject(_ path: String) -> Bool {
        guard var source = try? openLogSource(path: path) else { return false }
        var line = Data()
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while line.count < 1 << 30 {
            guard let k = try? chunk.withUnsafeMutableBytes({ try source.read(into: $0) }), k > 0 else { break }
            if let newline = chunk[..<k].firstIndex(of: 0x0a) {
                line.append(contentsOf: chunk[..<newline])
                break
            }
            line.append(contentsOf: chunk[..<k])
        }
        guard let object = try? JSONSerialization.jsonObject(with: line) as? [String: Any] else { return false }
        return object["format"] as? String == JourneyGraph.formatName
    }

    /// Top-level keys of a journey file that name lists no event carries: a JSON object that
    /// starts with one of them is a journey file written with its keys in any order (`jq -c`
    /// sorts them: `edges` first; a script's `json.dump` of a parsed file keeps no order).
    static let journeyFileKeys: Set<String> = ["edges", "stages", "stageEdges", "touchpoints", "funnel", "variants"]

    /// Reads a journey file, gzipped or not; errors name the file and the path inside it.
    public static func loadJourneyFile(_ path: String) throws -> JourneyGraph {
        var source = try openLogSource(path: path)
        var data = Data()
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let k = try chunk.withUnsafeMutableBytes { try source.read(into: $0) }
            if k == 0 { break }
            data.append(contentsOf: chunk[..<k])
        }
        return try JourneyGraph.decode(data, file: path)
    }
}
