import Foundation
import JourneyCore
import JourneyGzip

extension JourneyRequest {
    /// The journeys of the logs as touchpoint paths (what Sankeys and personas need), read and
    /// filtered as `graph()` mines them, stages inferred as it infers them. Journey files from `journeymap mine` hold counts, not
    /// paths, so they are refused with a way out. With `laneAttribute` each step carries that
    /// attribute's value in place of its channel (see `Miner.sequences(_:laneAttribute:)`).
    /// With `caseNames: false` the direct path may leave `caseNames` empty (for callers that
    /// use case ids only, as persona clustering); every other field is the same.
    public func sequences(laneAttribute: String? = nil, caseNames: Bool = true) throws -> JourneySequences {
        if let path = log.paths.first(where: LogLoader.isJourneyFile) {
            throw InputError(file: path, message: "this is a journey file from `journeymap mine`; it holds counts, not the paths this picture needs: give the event log(s) instead")
        }
        // The direct path reads no attributes, so lanes by an attribute take the general path.
        if tiebreak == nil, laneAttribute == nil, let sequences = try sequencesDirectly(caseNames: caseNames) { return sequences }
        return try sequences(loaded: try LogLoader.load(log), laneAttribute: laneAttribute)
    }

    /// The journeys of the logs already loaded as an event table (`LogLoader.load(log)`), as
    /// `sequences(laneAttribute:)` reads them on the general path.
    public func sequences(loaded: LoadedLog, laneAttribute: String? = nil) throws -> JourneySequences {
        guard loaded.table.count > 0 else {
            throw InputError(file: log.paths.joined(separator: ", "), message: loaded.table.skipped.noEventsMessage)
        }
        try Miner(template: template, options: mining).checkFiltersMatch(loaded.table, files: log.paths.joined(separator: ", "))
        let resolved = try StageInference.resolve(template, mode: stages, table: loaded.table, options: mining)
        if let a = laneAttribute, loaded.table.attributeIndex(a) == nil {
            throw InputError(file: log.paths.joined(separator: ", "), message: "--lanes \(a): the log has no attribute \(a) (a column or dotted JSON path; channel lanes: --lanes channel)")
        }
        return try Miner(template: resolved, options: mining).sequences(loaded.table, laneAttribute: laneAttribute)
    }
}

extension JourneyRequest {
    /// The sequences by `DirectCSVMiner` (the same as the general path's, without an event
    /// table), or nil when it does not apply or gave the file back.
    private func sequencesDirectly(caseNames: Bool) throws -> JourneySequences? {
        var request = log
        request.threads = max(request.threads, mining.threads)
        return try directly(request, file: { miner, path, progress in
                                var miner = miner
                                miner.keepsCaseNames = caseNames
                                return try miner.sequences(path: path, progress: progress)
                            },
                            stream: { miner, source, bytes, progress in
                                var miner = miner
                                miner.keepsCaseNames = caseNames
                                return try miner.sequences(stream: source, expectedBytes: bytes, progress: progress)
                            })
    }

    /// This request with its template resolved once for the logs of all `requests` read together
    /// (`StageInference.resolve`), so several sides (a comparison's) share one set of stages;
    /// `stages` becomes `.template` so nothing is inferred again. Journey files are left alone.
    public static func sharingStages(_ requests: [JourneyRequest]) throws -> [JourneyRequest] {
        guard let first = requests.first, first.stages != .template,
              !requests.contains(where: { $0.log.paths.contains(where: LogLoader.isJourneyFile) }) else { return requests }
        var log = first.log
        log.paths = requests.flatMap(\.log.paths)
        let resolved: JourneyTemplate
        if let direct = try directlySharedStages(requests) {
            resolved = direct
        } else {
            let loaded = try LogLoader.load(log)
            guard loaded.table.count > 0 else { return requests }
            resolved = try StageInference.resolve(first.template, mode: first.stages, table: loaded.table, options: first.mining)
        }
        return requests.map { r in
            var r = r
            r.template = resolved
            r.stages = .template
            return r
        }
    }
}

extension JourneyRequest {
    /// `sharingStages`' template by the direct path (`DirectCSVMiner.sharedStages`: the files
    /// read once, no event table), or nil when a file needs the general reader.
    private static func directlySharedStages(_ requests: [JourneyRequest]) throws -> JourneyTemplate? {
        var miners: [DirectCSVMiner] = []
        var inputs: [DirectCSVMiner.Input] = []
        for r in requests {
            guard r.tiebreak == nil else { return nil }
            for path in r.log.paths {
                var one = r.log
                one.paths = [path]
                one.threads = max(one.threads, r.mining.threads)
                guard let miner = try r.directMiner(one) else { return nil }
                miners.append(miner)
                if isCompressedFile(path: path) {
                    let stored = (try? FileByteSource(path: path).size) ?? 0
                    inputs.append(.stream(try openLogSource(path: path, progress: nil), expectedBytes: stored * 8))
                } else {
                    inputs.append(.file(path))
                }
            }
        }
        return try DirectCSVMiner.sharedStages(miners, inputs: inputs)
    }
}
