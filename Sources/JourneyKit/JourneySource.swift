import Foundation
import JourneyCore
import JourneyGzip

/// Where a picture's journey graph comes from: a journey file, or logs mined now.
public struct JourneyRequest: Sendable {
    public var log: LogRequest
    public var template: JourneyTemplate
    public var mining: MiningOptions
    /// Graph-level simplification after mining (`--keep-paths`, `--min-edge-count`).
    public var keepPaths: Double?
    public var minEdgeCount: Int
    /// Where stages come from (`--stages`): by default the template's unless it places less
    /// than half of the events, then inferred from the log (`StageInference`).
    public var stages: StageMode = .fallback
    /// Mine one CSV file (plain, `.gz` or `.zst`) without building an event table (`DirectCSVMiner`),
    /// when the options allow; same graph, faster. The environment variable
    /// `JOURNEYMAP_DIRECT=0` turns it off (to compare the two paths).
    public var direct = ProcessInfo.processInfo.environment["JOURNEYMAP_DIRECT"] != "0"
    /// `--tiebreak COL`: events with equal timestamps in the order of this whole-number column
    /// (read as an attribute), then in input order (`EventTable.orderedForTies`).
    public var tiebreak: String?
    /// `--min-people k`: the graph with every number resting on fewer than `k` people withheld
    /// (`JourneyGraph.applyingMinPeople`; people counted while mining, see `MiningOptions.countsPeople`).
    public var minPeople: Int?

    public init(log: LogRequest, template: JourneyTemplate = .builtinDefault(), mining: MiningOptions = MiningOptions(),
                keepPaths: Double? = nil, minEdgeCount: Int = 0) {
        self.log = log
        self.template = template
        self.mining = mining
        self.keepPaths = keepPaths
        self.minEdgeCount = minEdgeCount
    }

    /// The graph: loaded when the single input is a journey file, else mined from the logs
    /// (with stages inferred when `stages` asks for it); with `minPeople`, what it may publish.
    public func graph() throws -> JourneyGraph {
        var request = self
        if minPeople != nil { request.mining.countsPeople = true }
        let g = try request.fullGraph()
        guard let k = minPeople else { return g }
        return try g.applyingMinPeople(k)
    }

    private func fullGraph() throws -> JourneyGraph {
        var g: JourneyGraph
        if log.paths.count == 1, LogLoader.isJourneyFile(log.paths[0]) {
            g = try LogLoader.loadJourneyFile(log.paths[0])
        } else if log.paths.allSatisfy(LogLoader.isJourneyFile) && !log.paths.isEmpty {
            g = try LogLoader.loadJourneyFile(log.paths[0])
            for p in log.paths.dropFirst() { g = try g.merged(with: LogLoader.loadJourneyFile(p)) }
        } else {
            var request = log
            request.threads = max(request.threads, mining.threads)
            // The direct path infers stages itself, from the same read (issue 17: reading and
            // mining a plain CSV a second time tripled the memory per event). It keeps the
            // file's row order for ties, so `--tiebreak` takes the general path.
            if tiebreak == nil, var mined = try mineDirectly(request) {
                mined.readingWarnings = PlaceholderActivities.warnings(mined)
                return simplified(mined)
            }
            var loaded = try LogLoader.load(request)
            if let tiebreak { loaded.table = try loaded.table.orderedForTies(by: tiebreak) }
            return try mined(loaded, request: request)
        }
        return simplified(g)
    }

    /// The graph of the logs already loaded as an event table (`LogLoader.load(log)`, in
    /// `--tiebreak` order), mined as `graph()` mines them on the general path, so a command
    /// that needs the events too (`replay`, `map --lanes`) reads the logs once.
    public func graph(loaded: LoadedLog) throws -> JourneyGraph {
        var request = self
        if minPeople != nil { request.mining.countsPeople = true }
        var readRequest = log
        readRequest.threads = max(readRequest.threads, mining.threads)
        let g = try request.mined(loaded, request: readRequest)
        guard let k = minPeople else { return g }
        return try g.applyingMinPeople(k)
    }

    private func mined(_ loaded: LoadedLog, request: LogRequest) throws -> JourneyGraph {
        guard loaded.table.count > 0 else {
            throw InputError(file: log.paths.joined(separator: ", "), message: loaded.table.skipped.noEventsMessage)
        }
        let miner = Miner(template: template, options: mining)
        try miner.checkFiltersMatch(loaded.table, files: log.paths.joined(separator: ", "))
        var g = try miner.mine(loaded.table, columns: loaded.columns)
        if StageInference.wanted(stages, placedShare: StageInference.placedShare(g)) {
            let inferred = try StageInference.resolve(template, mode: .auto, table: loaded.table, options: mining)
            g = try Miner(template: inferred, options: mining).mine(loaded.table, columns: loaded.columns)
        }
        g.readingWarnings = PlaceholderActivities.warnings(g)
        return simplified(g)
    }

    /// Warnings about how the logs' timestamps were read, as "PATH: what": numbers read as epoch
    /// times before 1990 or after 2100 (`EpochRangeCheck`), dates without a time of day whose
    /// ties keep the file's order (`DateOnlyCheck`), many events of a case at one time
    /// (`TiedTimestampsCheck`), and a `--timestamp-format` without a year; and XES events with
    /// several lifecycle transitions (`LifecycleCheck`).
    /// The CLI prints them for every command that reads logs (they read only each file's first rows).
    public var timestampWarnings: [String] {
        let logs = log.paths.filter { !LogLoader.isJourneyFile($0) }
        let pattern = logs.isEmpty ? nil : log.read.timestamps.format?.missingDateWarning
        return (pattern.map { [$0] } ?? []) + logs.flatMap { path in
            let epoch = EpochRangeCheck.warning(path: path, request: log)
            // An XES file's first traces, read once for the lifecycle and the ties checks.
            let xes = LifecycleCheck.head(path: path, request: log)
            let ties = xes.map { tieWarnings(table: $0.table, columns: $0.columns, rows: "events") } ?? tieWarnings(path: path)
            // Epoch numbers of the years 2400–2700 are no Buddhist-era dates (--buddhist-era leaves numbers alone).
            return ([epoch] + ties + [epoch == nil ? BuddhistEraCheck.warning(path: path, request: log) : nil,
                                      xes.flatMap { LifecycleCheck.warning(head: $0.table, request: log, whereClauses: mining.whereClauses) }])
                .compactMap { $0.map { "\(path): \($0)" } }
        }
    }

    /// Ties in a file's first rows, read once: dates without a time of day (`DateOnlyCheck`),
    /// or else many events of a case at one time (`TiedTimestampsCheck`); none with `--tiebreak`.
    private func tieWarnings(path: String) -> [String?] {
        guard tiebreak == nil, let (table, columns) = HeadRows.read(path: path, request: log, formats: [.csv, .jsonl]) else { return [] }
        return tieWarnings(table: table, columns: columns)
    }

    /// `tieWarnings(path:)` for rows read already (an XES file's first traces).
    private func tieWarnings(table: EventTable, columns: ResolvedColumns, rows: String = "rows") -> [String?] {
        guard tiebreak == nil else { return [] }
        if let dateOnly = DateOnlyCheck.warning(table: table, columns: columns) { return [dateOnly] }
        return [TiedTimestampsCheck.warning(table: table, columns: columns, rows: rows)]
    }

    private func simplified(_ g: JourneyGraph) -> JourneyGraph {
        keepPaths != nil || minEdgeCount > 0 ? g.simplified(keepPaths: keepPaths, minEdgeCount: minEdgeCount) : g
    }

    /// `DirectCSVMiner` for `request` when it may read it: one CSV file (plain, `.gz` or
    /// `.zst`), no deduplication, not turned off (`direct`); nil otherwise.
    func directMiner(_ request: LogRequest) throws -> DirectCSVMiner? {
        guard direct, request.paths.count == 1, !request.dedupe else { return nil }
        let path = request.paths[0]
        guard (request.format ?? LogFormat.guess(path: path)) == .csv else { return nil }
        let (format, read) = try LogLoader.readingPlan(path: path, request: request)
        guard format == .csv, read.delimiter != ReadOptions.whitespaceDelimiter, read.pathTable == nil else { return nil }
        // Text converted from another encoding is read by the general reader.
        guard !LogTextEncoding.convertsFile(path: path, requested: read.encoding) else { return nil }
        var options = mining
        options.threads = request.threads
        var miner = DirectCSVMiner(template: template, options: options, read: read)
        miner.minimumBytesPerThread = request.minimumBytesPerThread
        miner.stageMode = stages
        return miner
    }

    /// The graph by `DirectCSVMiner`, or nil when it does not apply or gave the file back.
    private func mineDirectly(_ request: LogRequest) throws -> JourneyGraph? {
        try directly(request, file: { miner, path, progress in try miner.mine(path: path, progress: progress) },
                     stream: { miner, source, bytes, progress in
                         try miner.mine(stream: source, expectedBytes: bytes, progress: progress)
                     })
    }

    /// `DirectCSVMiner` run on `request`'s one file: `file` for a plain CSV, `stream` for a
    /// `.gz`/`.zst` one (decompressed a block at a time by the parsing threads, `LineBlockPipeline`;
    /// CSV compresses about 8:1, which sets the case partitions: the expected bytes). Nil when
    /// the direct path does not apply or gave the file back; the progress then starts over,
    /// as the general reader reads from the beginning.
    func directly<T>(_ request: LogRequest,
                     file: (DirectCSVMiner, String, ReadProgress?) throws -> T?,
                     stream: (DirectCSVMiner, any ByteSource, Int, ReadProgress?) throws -> T?) throws -> T? {
        guard let miner = try directMiner(request) else { return nil }
        let path = request.paths[0]
        let storedSize = (try? FileByteSource(path: path).size) ?? 0
        if let progress = request.progress { progress.add(total: storedSize) }
        let result = isCompressedFile(path: path)
            ? try stream(miner, openLogSource(path: path, progress: request.progress), storedSize * 8, request.progress)
            : try file(miner, path, request.progress)
        if result == nil { request.progress?.reset() }
        return result
    }
}
