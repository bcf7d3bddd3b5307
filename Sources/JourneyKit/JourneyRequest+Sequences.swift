import Foundation
import JourneyCore

extension JourneyRequest {
    /// The journeys of the logs as touchpoint paths (what Sankeys and personas need), read and
    /// filtered as `graph()` mines them. Journey files from `journeymap mine` hold counts, not
    /// paths, so they are refused with a way out.
    public func sequences() throws -> JourneySequences {
        if let path = log.paths.first(where: LogLoader.isJourneyFile) {
            throw InputError(file: path, message: "this is a journey file from `journeymap mine`; it holds counts, not the paths this picture needs: give the event log(s) instead")
        }
        let loaded = try LogLoader.load(log)
        guard loaded.table.count > 0 else {
            throw InputError(file: log.paths.joined(separator: ", "), message: "no events: the log has a header but no rows")
        }
        let miner = Miner(template: template, options: mining)
        try miner.checkFiltersMatch(loaded.table, files: log.paths.joined(separator: ", "))
        return try miner.sequences(loaded.table)
    }
}
