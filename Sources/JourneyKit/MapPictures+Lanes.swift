import JourneyCore
import JourneyLayout

extension MapPictures {
    /// The graph to draw with swimlanes of `attribute` (`map --lanes`) and the lane of each
    /// of its boxes: from event logs, touchpoints with no lane value at `threshold` of their
    /// events are split per value (`JourneyGraph.splitIntoLanes`, the journeys read again with
    /// each step's value); from a journey file (channel lanes only) each touchpoint stands in
    /// its commonest channel's lane, unsplit, and the footnote says so.
    /// The lane graph and its lanes from `request` (`map --lanes`). When the logs take the
    /// general reader (lanes by an attribute, several files, not CSV) they are read once: the
    /// graph mined from the same event table as the journeys whose steps split the boxes
    /// (1M events by a device column: 14.6 → 10.9 s CPU). One plain CSV by channel is read
    /// twice by the direct reader, which is cheaper than one general read (4.5 vs 5.3 s CPU).
    /// Journey files and `--tiebreak` (which orders the events for the graph only) take
    /// `graph()` then `swimlanes(_:graph:attribute:threshold:)`.
    public static func laneGraph(_ request: JourneyRequest, attribute: String,
                                 threshold: Double) throws -> (graph: JourneyGraph, lanes: Swimlanes) {
        let general = !request.log.read.columns.attributes.isEmpty || (try? request.directMiner(request.log)) == nil
        guard general, request.tiebreak == nil, !request.log.paths.contains(where: LogLoader.isJourneyFile) else {
            return try swimlanes(request, graph: try request.graph(), attribute: attribute, threshold: threshold)
        }
        let loaded = try LogLoader.load(request.log)
        return try swimlanes(request, graph: try request.graph(loaded: loaded), attribute: attribute, threshold: threshold, loaded: loaded)
    }

    public static func swimlanes(_ request: JourneyRequest, graph: JourneyGraph, attribute: String,
                                 threshold: Double, loaded: LoadedLog? = nil) throws -> (graph: JourneyGraph, lanes: Swimlanes) {
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
        let sequences = try loaded.map { try request.sequences(loaded: $0, laneAttribute: channelLanes ? nil : attribute) }
            ?? request.sequences(laneAttribute: channelLanes ? nil : attribute)
        guard sequences.channels.contains(where: { $0 != 0 }) else {
            let fix = attribute == "channel" ? "give --channel COLUMN" : "check the column name"
            throw InputError(file: request.log.paths.joined(separator: ", "), message: "--lanes \(attribute): no event has a value for \(attribute) (\(fix))")
        }
        let (split, lanes) = graph.splitIntoLanes(sequences, attribute: attribute, threshold: threshold, channelLanes: channelLanes)
        return (split, lanes)
    }
}
