import JourneyCore
import JourneyScene

/// The journeys a replay plays: touchpoint paths with their times (µs) and each journey's
/// colour key (its first event's channel or attribute; "" for none).
public struct ReplayJourneys: Sendable {
    /// Touchpoint names by id.
    public var touchpoints: [String]
    /// Journey `j` is `steps[offsets[j]..<offsets[j+1]]` at `times[…]`.
    public var offsets: [Int]
    public var steps: [Int32]
    public var times: [Int64]
    public var colorKeys: [String]
    /// The case (person) of each journey, when known (`--min-people` groups distinct people).
    public var cases: [UInt32] = []

    public var count: Int { offsets.count - 1 }

    public init(touchpoints: [String], offsets: [Int], steps: [Int32], times: [Int64], colorKeys: [String]) {
        precondition(offsets.count == colorKeys.count + 1 && steps.count == times.count, "journeys and keys disagree")
        self.touchpoints = touchpoints
        self.offsets = offsets
        self.steps = steps
        self.times = times
        self.colorKeys = colorKeys
    }

    /// From `journeymap`'s journeys (`JourneyRequest.sequences`), keys given per journey.
    public init(_ s: JourneySequences, colorKeys: [String]) {
        self.init(touchpoints: s.touchpoints.map(\.name), offsets: s.offsets, steps: s.steps, times: s.times, colorKeys: colorKeys)
        cases = s.caseOfJourney
    }

    /// Paths given as names and times, for tests and small callers.
    public init(paths: [[(String, Int64)]], colorKeys: [String]? = nil) {
        var names: [String] = [], ids: [String: Int32] = [:]
        var offsets = [0], steps: [Int32] = [], times: [Int64] = []
        for path in paths {
            for (name, time) in path {
                let id = ids[name] ?? { let n = Int32(names.count); names.append(name); ids[name] = n; return n }()
                steps.append(id); times.append(time)
            }
            offsets.append(steps.count)
        }
        self.init(touchpoints: names, offsets: offsets, steps: steps, times: times,
                  colorKeys: colorKeys ?? Array(repeating: "", count: paths.count))
    }
}

/// How log time becomes playback time.
public struct ReplayTiming: Sendable, Equatable {
    /// Seconds the span plays in (`--duration`).
    public var duration: Double = 30
    /// The log time (µs) played: events outside are left out; nil: the first / last event.
    public var spanStart: Int64?
    public var spanEnd: Int64?
    /// A move takes at least this long (s), so journeys of a few minutes in a span of months
    /// are seen moving; a token then runs behind the clock by at most that per move.
    public var minimumMove: Double = 0.4
    /// A move takes at most this long (s): the token waits in its box, then travels.
    public var maximumMove: Double = 2
    /// A token stays this long (s) in its last box before it goes.
    public var linger: Double = 0.6
    /// At most this many tokens: above it, one token stands for every N journeys.
    public var maxTokens: Int = 1000
    /// Steps per second of the grid pulses and the clock change on.
    public var gridPerSecond: Double = 10

    public init() {}
    public var gridSteps: Int { max(1, Int((duration * gridPerSecond).rounded())) }
}

/// Tokens, arrival counts and the clock of a replay, from journeys and a map's geometry.
public struct ReplayTimeline: Sendable {
    public var tokens: [ReplayToken]
    /// Journeys with an event in the span on a drawn touchpoint.
    public var journeysPlayed: Int
    /// One token per this many of them.
    public var journeysPerToken: Int
    /// The span played, µs.
    public var spanStart: Int64
    public var spanEnd: Int64
    /// Token arrivals per drawn touchpoint per grid step.
    public var arrivals: [String: [Int]]

    /// Playback time of log time `t` (µs).
    public static func playbackTime(_ t: Int64, start: Int64, end: Int64, duration: Double) -> Double {
        guard end > start else { return 0 }
        return Double(t - start) / Double(end - start) * duration
    }

    /// Builds every token: a journey's events on drawn touchpoints within the span, in order;
    /// it appears in its first box at that event's playback time and arrives in each next box
    /// at its event's playback time, or `minimumMove` after the previous arrival when that is
    /// later; it leaves `maximumMove` before arriving at most (waiting in its box until then),
    /// travels along the drawn flow (straight when the flow is not drawn), and goes `linger`
    /// after its last arrival or at the end. Journeys are taken in order of their first event
    /// (ties: input order), every `journeysPerToken`-th kept.
    public static func build(_ journeys: ReplayJourneys, geometry: ReplayGeometry, timing: ReplayTiming,
                             color: (String) -> Color) -> ReplayTimeline {
        let drawn = journeys.touchpoints.map { geometry.boxes[$0] != nil }
        let start = timing.spanStart ?? journeys.times.min() ?? 0
        let end = timing.spanEnd ?? journeys.times.max() ?? 0
        // Each journey's first played event (time, index), to order and sample them.
        var firsts: [(time: Int64, journey: Int)] = []
        for j in 0..<journeys.count {
            for k in journeys.offsets[j]..<journeys.offsets[j + 1]
                where drawn[Int(journeys.steps[k])] && journeys.times[k] >= start && journeys.times[k] <= end {
                firsts.append((journeys.times[k], j))
                break
            }
        }
        firsts.sort { ($0.time, $0.journey) < ($1.time, $1.journey) }
        let perToken = max(1, (firsts.count + max(1, timing.maxTokens) - 1) / max(1, timing.maxTokens))
        let steps = timing.gridSteps
        var arrivals: [String: [Int]] = [:]
        for name in geometry.boxes.keys { arrivals[name] = Array(repeating: 0, count: steps) }
        var tokens: [ReplayToken] = []
        tokens.reserveCapacity(firsts.count / perToken + 1)
        for (rank, first) in firsts.enumerated() where rank % perToken == 0 {
            let j = first.journey
            var keys: [ReplayKey] = []
            var previous: (name: String, arrival: Double)?
            for k in journeys.offsets[j]..<journeys.offsets[j + 1] {
                let t = journeys.times[k], id = Int(journeys.steps[k])
                guard drawn[id], t >= start, t <= end else { continue }
                let name = journeys.touchpoints[id]
                let due = playbackTime(t, start: start, end: end, duration: timing.duration)
                if let (from, left) = previous {
                    let arrival = max(due, left + timing.minimumMove)
                    if arrival > timing.duration { break }
                    let route = geometry.route(from: from, to: name) ?? []
                    let depart = max(left, arrival - timing.maximumMove)
                    if route.count > 1 {
                        keys += spread(route, from: depart, to: arrival)
                    } else if let p = route.first {
                        keys.append(ReplayKey(time: arrival, point: p))
                    }
                    previous = (name, arrival)
                } else {
                    guard let p = geometry.boxes[name]?.frame.center, due <= timing.duration else { break }
                    keys.append(ReplayKey(time: due, point: p))
                    previous = (name, due)
                }
                arrivals[name]?[ReplayGrid.step(previous!.arrival, duration: timing.duration, steps: steps)] += 1
            }
            guard let last = previous else { continue }
            tokens.append(ReplayToken(color: color(journeys.colorKeys[j]), keys: keys,
                                      vanish: min(timing.duration, last.arrival + timing.linger), journey: j))
        }
        return ReplayTimeline(tokens: tokens, journeysPlayed: firsts.count, journeysPerToken: perToken,
                              spanStart: start, spanEnd: end, arrivals: arrivals)
    }

    /// Keys along `route` from time `a` to `b`, the time shared out by length (the first point
    /// at `a`, the last at `b`).
    static func spread(_ route: [Point], from a: Double, to b: Double) -> [ReplayKey] {
        var lengths = [0.0]
        for i in 1..<route.count {
            let dx = route[i].x - route[i - 1].x, dy = route[i].y - route[i - 1].y
            lengths.append(lengths[i - 1] + (dx * dx + dy * dy).squareRoot())
        }
        let total = lengths.last!
        return route.indices.map { i in
            let f = total > 0 ? lengths[i] / total : Double(i) / Double(route.count - 1)
            return ReplayKey(time: i == route.count - 1 ? b : a + (b - a) * f, point: route[i])
        }
    }

    /// Glow levels from arrival counts: 0 without arrivals; else 0.4 to 1 by the count against
    /// the 90th percentile of non-zero counts over all boxes, fading to 70 % each step after.
    public static func pulseLevels(_ arrivals: [String: [Int]]) -> [String: [Double]] {
        let nonZero = arrivals.values.flatMap { $0.filter { $0 > 0 } }.sorted()
        let high = Double(nonZero.isEmpty ? 1 : nonZero[min(nonZero.count - 1, nonZero.count * 9 / 10)])
        return arrivals.mapValues { counts in
            var levels: [Double] = [], last = 0.0
            for c in counts {
                let raw = c > 0 ? 0.4 + 0.6 * min(1, Double(c) / high) : 0
                var level = max(raw, last * 0.7)
                if level < 0.05 { level = 0 }
                level = (level * 100).rounded() / 100
                levels.append(level)
                last = level
            }
            return levels
        }
    }
}
