import Foundation
import JourneyCore

extension JourneyRequest {
    /// The journeys of the logs as touchpoint paths (what Sankeys draw). Journey files from
    /// `journeymap mine` hold counts, not paths, so they are refused with a way out.
    public func sequences() throws -> JourneySequences {
        let loaded: LoadedLog
        do {
            if let path = log.paths.first(where: LogLoader.isJourneyFile) { throw Self.journeyFileRefused(path) }
            loaded = try LogLoader.load(log)
        } catch let error as InputError {
            // A pretty-printed journey file read as JSON Lines fails on its first line: say what it is.
            if let path = log.paths.first(where: { $0.lowercased().hasSuffix(".json") && (try? JourneyGraph.load(path: $0)) != nil }) {
                throw Self.journeyFileRefused(path)
            }
            throw error
        }
        guard loaded.table.count > 0 else {
            throw InputError(file: log.paths.joined(separator: ", "), message: "no events: the log has a header but no rows")
        }
        return try Miner(template: template, options: mining).sequences(loaded.table)
    }

    private static func journeyFileRefused(_ path: String) -> InputError {
        InputError(file: path, message: "this is a journey file from `journeymap mine`; it holds counts, not the paths a Sankey needs: give the event log(s) instead")
    }
}
