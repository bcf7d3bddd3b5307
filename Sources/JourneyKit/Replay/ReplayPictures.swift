import Foundation
import JourneyCore
import JourneyLayout
import JourneyScene

/// One call from logs to a replay (`journeymap replay`): the map `journeymap map` draws, and
/// the journeys as tokens moving over it (`ReplayAnimation`), for the CLI and other packages.
public enum ReplayPictures {
    /// What colours the tokens: nothing (one colour), the channel or stage of each journey's
    /// first event, or any column read with the log (`--color-by COLUMN`).
    public enum ColorBy: Sendable, Equatable {
        case none, channel, stage
        case attribute(String)

        public init(parsing text: String) {
            switch text.lowercased() {
            case "none", "": self = .none
            case "channel": self = .channel
            case "stage": self = .stage
            default: self = .attribute(text)
            }
        }

        /// The column the log must be read with, if any.
        public var attributeName: String? { if case .attribute(let a) = self { return a } else { return nil } }
    }

    public struct Options: Sendable {
        public var timing = ReplayTiming()
        public var colorBy: ColorBy = .channel
        public var map = MapOptions()
        /// `--min-people k`: the map is the published graph and each token a group of journeys
        /// (`ReplayGroups`, docs/privacy.md).
        public var minPeople: Int?
        public init() {}
    }

    /// The animation and what the command says about it.
    public struct Replay: Sendable {
        public var animation: ReplayAnimation
        public var journeysPlayed: Int
        public var journeysPerToken: Int
        /// Colour keys drawn, most journeys first ("other" last when some were folded).
        public var legend: [(key: String, color: Color)]
        /// The one-line caption under the map (also on standard error).
        public var caption: String
        public var selection: MapSelection
        /// With `--min-people`: the journeys each token stands for.
        public var groups: ReplayGroups?
    }

    /// The journeys of `request` (read and filtered as `map` reads them) replayed on its map.
    public static func replay(_ request: JourneyRequest, options: Options) throws -> Replay {
        let (journeys, loaded) = try loadJourneys(request, colorBy: options.colorBy)
        if let k = options.minPeople {
            // The map is what `map --min-people k` draws; the tokens are groups of k people.
            var fullRequest = request
            fullRequest.minPeople = nil
            fullRequest.mining.countsPeople = true
            let full = request.tiebreak == nil ? try fullRequest.graph(loaded: loaded) : try fullRequest.graph()
            let published = try full.applyingMinPeople(k)
            let groups = ReplayGroups.build(journeys, full: full, published: published, k: k, maxTokens: options.timing.maxTokens)
            guard !groups.members.isEmpty else {
                throw MinPeopleError("--min-people \(k): no path is followed by \(groups.size) people whose journeys pass only published boxes and flows, so no dot can be drawn; lower --min-people, or publish `map --min-people \(k)`")
            }
            var timed = options
            timed.timing.maxTokens = max(1, groups.members.count)
            // The span is the log's first to last event, as the map's footnote gives it (not a
            // group's time), so the clock places the groups in the data's time.
            timed.timing.spanStart = published.firstTimestamp
            timed.timing.spanEnd = published.lastTimestamp
            var replay = try replay(graph: published, journeys: groups.journeys, options: timed, groupSize: groups.size)
            replay.journeysPlayed = groups.members.count * groups.size
            replay.journeysPerToken = groups.size
            replay.groups = groups
            return replay
        }
        // The map's graph from the same read (`--tiebreak` orders the events for the graph only: read again).
        let graph = request.tiebreak == nil ? try request.graph(loaded: loaded) : try request.graph()
        return try replay(graph: graph, journeys: journeys, options: options)
    }

    /// `journeys` replayed on the map of `graph`.
    public static func replay(graph: JourneyGraph, journeys: ReplayJourneys, options: Options, groupSize: Int? = nil) throws -> Replay {
        let map = try MapPictures.picture(graph, options: options.map)
        let geometry = ReplayGeometry(scene: map.scene)
        var legend = options.colorBy == .channel
            ? ReplayPalette.channelLegend(journeys.colorKeys, map: ChannelPalette(touchpoints: map.selection.touchpoints))
            : ReplayPalette.legend(journeys.colorKeys, colorBy: options.colorBy)
        var colors = Dictionary(uniqueKeysWithValues: legend.map { ($0.key, $0.color) })
        var fallback = legend.last?.color ?? ReplayPalette.single
        if options.colorBy == .stage {
            // The map's own stage colours (the theme's palette, else the template's), in stage order.
            let present = Set(journeys.colorKeys)
            let stages = graph.stages.enumerated().filter { present.contains($0.element.id) }
            colors = Dictionary(uniqueKeysWithValues: stages.map { ($0.element.id, options.map.theme.stageColor(index: $0.offset, hex: $0.element.color)) })
            legend = stages.map { (key: $0.element.names.text(map.language), color: colors[$0.element.id]!) }
            fallback = options.map.theme.neutral
            if present.contains(where: { colors[$0] == nil }) { legend.append((key: "", color: fallback)) }
        }
        let timeline = ReplayTimeline.build(journeys, geometry: geometry, timing: options.timing) { colors[$0] ?? fallback }
        let thai = map.language.hasPrefix("th")
        let caption = ReplayBand.caption(timeline, timing: options.timing, colorBy: options.colorBy, thai: thai, groupSize: groupSize)
        let band = try ReplayBand(map: map.scene, theme: options.map.theme, caption: caption,
                                  legend: options.colorBy == .none ? [] : legend, measurer: PictureWriter.measurer())
        let levels = ReplayTimeline.pulseLevels(timeline.arrivals)
        let accent = options.map.theme.increase
        let pulses = geometry.boxes.keys.sorted().map { name in
            let box = geometry.boxes[name]!
            return ReplayPulse(touchpoint: name, frame: box.frame, cornerRadius: box.cornerRadius, color: accent, levels: levels[name] ?? [])
        }
        let clock = ReplayClock(frame: band.clockFrame, font: band.clockFont, color: options.map.theme.text,
                                labels: ReplayClockLabels.labels(start: timeline.spanStart, end: timeline.spanEnd,
                                                                 steps: options.timing.gridSteps))
        let animation = ReplayAnimation(scene: band.scene, duration: options.timing.duration, tokens: timeline.tokens,
                                        pulses: pulses, clock: clock, progressTrack: band.track,
                                        progressColor: options.map.theme.mutedText, tokenRadius: 5)
        return Replay(animation: animation, journeysPlayed: timeline.journeysPlayed, journeysPerToken: timeline.journeysPerToken,
                      legend: legend, caption: caption, selection: map.selection, groups: nil)
    }

    /// The journeys of `request` and each one's colour key, read as `JourneyRequest.sequences`
    /// reads them, and the events read (for the map's graph: the log is read once).
    static func loadJourneys(_ request: JourneyRequest, colorBy: ColorBy) throws -> (ReplayJourneys, LoadedLog) {
        let log = request.log
        if let path = log.paths.first(where: LogLoader.isJourneyFile) {
            throw InputError(file: path, message: "this is a journey file from `journeymap mine`; it holds counts, not the timed paths a replay needs: give the event log(s) instead")
        }
        let loaded = try LogLoader.load(log)
        guard loaded.table.count > 0 else {
            throw InputError(file: log.paths.joined(separator: ", "), message: loaded.table.skipped.noEventsMessage)
        }
        let table = loaded.table
        try Miner(template: request.template, options: request.mining).checkFiltersMatch(table, files: log.paths.joined(separator: ", "))
        let resolved = try StageInference.resolve(request.template, mode: request.stages, table: table, options: request.mining)
        let miner = Miner(template: resolved, options: request.mining)
        let s = try miner.sequences(table)
        var keys: [String]
        switch colorBy {
        case .none:
            keys = Array(repeating: "", count: s.count)
        case .channel:
            keys = (0..<s.count).map { j in s.channelsOf(j).first.map { s.channelNames[Int($0)] } ?? "" }
        case .stage:
            keys = (0..<s.count).map { j in s.path(j).first.map { s.stages[s.touchpoints[Int($0)].stageIndex].id } ?? "" }
        case .attribute(let name):
            guard let k = table.attributeIndex(name) else {
                throw InputError(file: log.paths.joined(separator: ", "), message: "--color-by \(name): the log has no column \(name); give one of its columns, or channel, stage or none")
            }
            keys = try miner.firstValues(table, attribute: k)
        }
        return (ReplayJourneys(s, colorKeys: keys), loaded)
    }
}

/// Token colours: Tableau 10 in order of journeys per key (ties by name), the rest "other" in
/// grey; by channel, the map's channel colours (`channelLegend`).
enum ReplayPalette {
    static let single = Color(hex: "#4e79a7")!
    static let other = Color(hex: "#9d9d9d")!

    static func legend(_ keys: [String], colorBy: ReplayPictures.ColorBy) -> [(key: String, color: Color)] {
        guard colorBy != .none else { return [("", single)] }
        var counts: [String: Int] = [:]
        for k in keys { counts[k, default: 0] += 1 }
        let ranked = counts.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.map { $0.key.isEmpty ? "(none)" : $0.key }
        let palette = SankeyStyle.tableau10.filter { $0 != other }
        let shown = ranked.count > palette.count ? palette.count - 1 : ranked.count
        var out = (0..<shown).map { (ranked[$0] == "(none)" ? "" : ranked[$0], palette[$0]) }
        if ranked.count > shown { out.append(("other", other)) }
        return out.map { (key: $0.0, color: $0.1) }
    }

    /// Dots coloured by channel in the colours of the map's channel stripes, so that the frame
    /// has one colour per channel (they were Tableau 10 by journeys while the boxes' stripes
    /// and legend beside them took `ChannelPalette`'s colours by name): the map's channels
    /// first, in its legend's order; channels the map does not show (first events on
    /// touchpoints left out, or only on boxes of mixed channels) after them by journeys, in the
    /// palette's colours no map channel took; past those, "other" in grey.
    static func channelLegend(_ keys: [String], map: ChannelPalette) -> [(key: String, color: Color)] {
        var counts: [String: Int] = [:]
        for k in keys { counts[k, default: 0] += 1 }
        let mixed = JourneyGraph.Touchpoint.mixedChannel
        let mapChannels = map.names.filter { $0 != mixed }
        var out: [(key: String, color: Color)] = mapChannels.compactMap { name in
            guard counts[name] != nil, let c = map.color(name) else { return nil }
            return (key: name, color: c)
        }
        let shown = Set(out.map(\.key))
        let rest = counts.filter { !shown.contains($0.key) }.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.map(\.key)
        let free = mapChannels.count < ChannelPalette.colors.count ? Array(ChannelPalette.colors[mapChannels.count...]) : []
        let named = rest.count > free.count ? max(0, free.count - 1) : rest.count
        for (i, key) in rest.prefix(named).enumerated() { out.append((key: key, color: free[i])) }
        if rest.count > named { out.append((key: "other", color: other)) }
        return out
    }
}
