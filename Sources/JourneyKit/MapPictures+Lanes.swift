import JourneyCore
import JourneyLayout

extension MapPictures {
    /// The graph to draw with swimlanes of `attribute` (`map --lanes`) and the lane of each
    /// of its boxes: from event logs, touchpoints with no lane value at `threshold` of their
    /// events are split per value (`JourneyGraph.splitIntoLanes`, the journeys read again with
    /// each step's value); from a journey file (channel lanes only) each touchpoint stands in
    /// its commonest channel's lane, unsplit, and the footnote says so.
    public static func swimlanes(_ request: JourneyRequest, graph: JourneyGraph, attribute: String,
                                 threshold: Double) throws -> (graph: JourneyGraph, lanes: Swimlanes) {
        if let file = request.log.paths.first(where: LogLoader.isJourneyFile) {
            // Mined with `mine --lanes ATTR`: the file has the split boxes and their moves.
            if let found = graph.laneGraphFromSection(), found.1.attribute == attribute {
                guard found.1.splitThreshold == threshold else {
                    throw InputError(file: file, message: "--lanes-split \(threshold): this journey file was split at \(found.1.splitThreshold) (mine --lanes-split); give that, or mine the log again")
                }
                return (found.0, found.1)
            }
            guard attribute == "channel" else {
                throw InputError(file: file, message: "--lanes \(attribute): a journey file counts touchpoints by channel only; give the event log(s) for lanes by \(attribute), or mine them with --lanes \(attribute)")
            }
            guard graph.touchpoints.contains(where: { $0.channels.keys.contains { !$0.isEmpty } }) else {
                throw InputError(file: file, message: "--lanes channel: no touchpoint has a channel (mine the log with --channel COLUMN)")
            }
            return (graph, graph.lanesFromChannelCounts(threshold: threshold))
        }
        // Lanes by the column the channel was read from (`--lanes platform` where platform is the
        // channel) are channel lanes: each split box is the channel of its lane.
        let channelLanes = attribute == "channel" || attribute == graph.source.columns?.channelColumn
        let sequences = try request.sequences(laneAttribute: channelLanes ? nil : attribute)
        guard sequences.channels.contains(where: { $0 != 0 }) else {
            let fix = attribute == "channel" ? "give --channel COLUMN" : "check the column name"
            throw InputError(file: request.log.paths.joined(separator: ", "), message: "--lanes \(attribute): no event has a value for \(attribute) (\(fix))")
        }
        let (split, lanes) = graph.splitIntoLanes(sequences, attribute: attribute, threshold: threshold, channelLanes: channelLanes)
        return (split, lanes)
    }
}
