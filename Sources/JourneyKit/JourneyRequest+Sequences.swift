import Foundation
import JourneyCore

extension JourneyRequest {
    /// The journeys of the logs as touchpoint paths (what Sankeys draw). Journey files from
    /// `journeymap mine` hold counts, not paths, so they are refused with a way out.
    public func sequences() throws -> JourneySequences {
        if let journeyFile = log.paths.first(where: LogLoader.isJourneyFile) {
            throw InputError(file: journeyFile, message: "this is a journey file from `journeymap mine`; it holds counts, not the paths a Sankey needs: give the event log(s) instead")
        }
        let loaded = try LogLoader.load(log)
        guard loaded.table.count > 0 else {
            throw InputError(file: log.paths.joined(separator: ", "), message: "no events: the log has a header but no rows")
        }
        return try Miner(template: template, options: mining).sequences(loaded.table)
    }
}
