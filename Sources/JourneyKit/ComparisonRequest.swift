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
            let labels = (Self.label(before), Self.label(after))
            let pair = ComparisonPair(before: try sides[0].graph(), after: try sides[1].graph(),
                                      beforeLabel: labels.0, afterLabel: labels.1)
            guard paths else { return (pair, nil) }
            return (pair, ComparisonSequences(before: try sides[0].sequences(), after: try sides[1].sequences(),
                                              beforeLabel: labels.0, afterLabel: labels.1))
        case let .split(request, split, assignBy):
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

    /// A side's label: its file names.
    private static func label(_ request: JourneyRequest) -> String {
        request.log.paths.map { ($0 as NSString).lastPathComponent }.joined(separator: ", ")
    }
}
