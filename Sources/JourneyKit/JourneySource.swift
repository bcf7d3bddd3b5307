import Foundation
import JourneyCore

/// Where a picture's journey graph comes from: a journey file, or logs mined now.
public struct JourneyRequest: Sendable {
    public var log: LogRequest
    public var template: JourneyTemplate
    public var mining: MiningOptions
    /// Graph-level simplification after mining (`--keep-paths`, `--min-edge-count`).
    public var keepPaths: Double?
    public var minEdgeCount: Int

    public init(log: LogRequest, template: JourneyTemplate = .builtinDefault(), mining: MiningOptions = MiningOptions(),
                keepPaths: Double? = nil, minEdgeCount: Int = 0) {
        self.log = log
        self.template = template
        self.mining = mining
        self.keepPaths = keepPaths
        self.minEdgeCount = minEdgeCount
    }

    /// The graph: loaded when the single input is a journey file, else mined from the logs.
    public func graph() throws -> JourneyGraph {
        var g: JourneyGraph
        if log.paths.count == 1, LogLoader.isJourneyFile(log.paths[0]) {
            g = try JourneyGraph.load(path: log.paths[0])
        } else if log.paths.allSatisfy(LogLoader.isJourneyFile) && !log.paths.isEmpty {
            g = try JourneyGraph.load(path: log.paths[0])
            for p in log.paths.dropFirst() { g = try g.merged(with: JourneyGraph.load(path: p)) }
        } else {
            var request = log
            request.threads = max(request.threads, mining.threads)
            let loaded = try LogLoader.load(request)
            guard loaded.table.count > 0 else {
                throw InputError(file: log.paths.joined(separator: ", "), message: "no events: the log has a header but no rows")
            }
            g = try Miner(template: template, options: mining).mine(loaded.table, columns: loaded.columns)
        }
        if keepPaths != nil || minEdgeCount > 0 { g = g.simplified(keepPaths: keepPaths, minEdgeCount: minEdgeCount) }
        return g
    }
}
