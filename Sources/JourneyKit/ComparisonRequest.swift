import Foundation
import JourneyCore

/// Where the two sides of a comparison come from: two logs or journey files (`before`,
/// `after`), or one log split by time windows or an attribute value. `inputs()` reads and
/// mines them, and with `paths` also gives each side's journeys as paths (the diff Sankey,
/// the attribution change).
///
/// ```swift
/// let sides = ComparisonRequest.twoLogs(before: JourneyRequest(log: LogRequest(paths: ["april.csv"])),
///                                       after: JourneyRequest(log: LogRequest(paths: ["may.csv"])))
/// let comparison = try sides.inputs().pair.compare()
/// ```
public enum ComparisonRequest: Sendable {
    /// Two logs or journey files; labelled by their file names.
    case twoLogs(before: JourneyRequest, after: JourneyRequest)
    /// One log split into two sides. Only the request's log, template, mining options and
    /// stage mode apply (a split log is not simplified with `keepPaths`/`minEdgeCount`).
    case split(JourneyRequest, by: ComparisonSplit, assignBy: JourneyWindow.AssignBy = .start)

    /// The pair of graphs, and with `paths` each side's journeys as paths. Two logs share one
    /// set of stages (inferred from both together when inferred, `JourneyRequest.sharingStages`).
    /// - Throws: the readers', miners' and `ComparisonError`s (see `ComparisonInputs.split`).
    public func inputs(paths: Bool = false) throws -> (pair: ComparisonPair, sequences: ComparisonSequences?) {
        switch self {
        case let .twoLogs(before, after):
            let sides = try JourneyRequest.sharingStages([before, after])
            var labels = (Self.label(before), Self.label(after))
            // Two files of one name (d1/log.csv, d2/log.csv): their paths as given tell them apart.
            if labels.0 == labels.1 { labels = (before.log.paths.joined(separator: ", "), after.log.paths.joined(separator: ", ")) }
            let pair = ComparisonPair(before: try sides[0].graph(), after: try sides[1].graph(),
                                      beforeLabel: labels.0, afterLabel: labels.1)
            // Journey files keep the stages they were mined with: before anything is written.
            try pair.checkStagesAgree()
            guard paths else { return (pair, nil) }
            return (pair, ComparisonSequences(before: try sides[0].sequences(), after: try sides[1].sequences(),
                                              beforeLabel: labels.0, afterLabel: labels.1))
        case let .split(request, split, assignBy):
            if let sides = try Self.windowsDirectly(request, split: split, assignBy: assignBy, paths: paths) { return sides }
            let loaded = try LogLoader.load(request.log)
            let template = try StageInference.resolve(request.template, mode: request.stages, table: loaded.table,
                                                      options: request.mining)
            let pair = try ComparisonInputs.split(table: loaded.table, template: template, options: request.mining, by: split,
                                                  assignBy: assignBy)
            guard paths else { return (pair, nil) }
            return (pair, try ComparisonInputs.splitSequences(table: loaded.table, template: template, options: request.mining,
                                                              by: split, assignBy: assignBy))
        }
    }

    /// Time windows of one CSV file by `DirectCSVMiner.mineWindows` (read once, each journey
    /// counted on its side; the pair `ComparisonInputs.split` gives), and with `paths` the
    /// file's journeys by `DirectCSVMiner.sequences` (a second read) split by window
    /// (`JourneySequences.taking`, as `ComparisonInputs.splitSequences`). Nil when the direct
    /// path does not apply, gave the file back, or a side is empty (the general path then
    /// says so, with the log's span).
    private static func windowsDirectly(_ request: JourneyRequest, split: ComparisonSplit, assignBy: JourneyWindow.AssignBy,
                                        paths: Bool) throws -> (pair: ComparisonPair, sequences: ComparisonSequences?)? {
        guard case let .windows(b, a) = split, request.tiebreak == nil, !b.overlaps(a) else { return nil }
        let before = JourneyWindow(start: b.start, end: b.end, assignBy: assignBy)
        let after = JourneyWindow(start: a.start, end: a.end, assignBy: assignBy)
        var log = request.log
        log.threads = max(log.threads, request.mining.threads)
        guard let sides = try request.directly(log, file: { miner, path, progress in
            try miner.mineWindows(path: path, before: before, after: after, progress: progress)
        }, stream: { miner, source, bytes, progress in
            try miner.mineWindows(stream: source, expectedBytes: bytes, before: before, after: after, progress: progress)
        }), sides.before.journeys > 0, sides.after.journeys > 0 else { return nil }
        let (sb, sa) = (sides.beforeStats, sides.afterStats)
        let windows = WindowAssignment(assignBy: assignBy.rawValue, journeys: sb.journeys, spanningBefore: sb.spanning,
                                       spanningAfter: sa.spanning, leftOut: sb.journeys - sb.kept - sa.kept)
        let pair = ComparisonPair(before: sides.before, after: sides.after, beforeLabel: b.text, afterLabel: a.text, windows: windows)
        guard paths else { return (pair, nil) }
        guard let all = try request.directly(log, file: { miner, path, progress in try miner.sequences(path: path, progress: progress) },
                                             stream: { miner, source, bytes, progress in
                                                 try miner.sequences(stream: source, expectedBytes: bytes, progress: progress)
                                             }) else { return nil }
        return (pair, ComparisonSequences(before: all.taking(before), after: all.taking(after), beforeLabel: b.text, afterLabel: a.text))
    }

    /// A side's label: its file names.
    private static func label(_ request: JourneyRequest) -> String {
        FileNames.shown(request.log.paths)
    }
}
