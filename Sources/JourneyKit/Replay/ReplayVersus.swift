import JourneyCore
import JourneyLayout
import JourneyScene

/// Two logs replayed on one map (`journeymap replay BEFORE --versus AFTER`): the map of the
/// union of both logs laid out once, each side's journeys as dots in the side's colour, each
/// side's time measured from its own first event, both at the same speed (the longer side's
/// span plays in `--duration`), so the two runs start together and can be watched side by side.
extension ReplayPictures {
    /// One side: its name on the legend and the journeys read from its log(s).
    public struct Side: Sendable {
        public var name: String
        public var request: JourneyRequest
        public init(name: String, request: JourneyRequest) {
            self.name = name
            self.request = request
        }
    }

    /// Side colours: Tableau 10's blue and orange (distinct for the colour-blind too).
    static let sideColors = [Color(hex: "#4e79a7")!, Color(hex: "#f28e2b")!]

    /// `sides` (two) replayed on the map of `union` (their logs read together).
    public static func replay(sides: [Side], union: JourneyRequest, options: Options) throws -> Replay {
        precondition(sides.count == sideColors.count, "a comparison has two sides")
        let journeys = try sides.map { try loadJourneys($0.request, colorBy: .none).0 }
        let graph = try union.graph()
        let map = try MapPictures.picture(graph, options: options.map)
        let geometry = ReplayGeometry(scene: map.scene)
        // Each side from its own first event; the longer span sets the speed for both.
        let spans = journeys.map { j -> (start: Int64, end: Int64) in (j.times.min() ?? 0, j.times.max() ?? 0) }
        let length = spans.map { $0.end - $0.start }.max() ?? 0
        var timelines: [ReplayTimeline] = []
        for (k, side) in journeys.enumerated() {
            var timing = options.timing
            timing.spanStart = spans[k].start
            timing.spanEnd = spans[k].start + length
            timelines.append(ReplayTimeline.build(side, geometry: geometry, timing: timing) { _ in sideColors[k] })
        }
        let legend = sides.enumerated().map { (key: $0.element.name, color: sideColors[$0.offset]) }
        let thai = map.language.hasPrefix("th")
        let caption = versusCaption(timelines, names: sides.map(\.name), timing: options.timing, thai: thai)
        let band = try ReplayBand(map: map.scene, theme: options.map.theme, caption: caption, legend: legend,
                                  measurer: PictureWriter.measurer())
        var arrivals: [String: [Int]] = [:]
        for t in timelines {
            for (name, counts) in t.arrivals {
                arrivals[name] = zip(arrivals[name] ?? Array(repeating: 0, count: counts.count), counts).map { $0 + $1 }
            }
        }
        let levels = ReplayTimeline.pulseLevels(arrivals)
        let pulses = geometry.boxes.keys.sorted().map { name in
            let box = geometry.boxes[name]!
            return ReplayPulse(touchpoint: name, frame: box.frame, cornerRadius: box.cornerRadius, color: options.map.theme.increase,
                               levels: levels[name] ?? [])
        }
        let clock = ReplayClock(frame: band.clockFrame, font: band.clockFont, color: options.map.theme.text,
                                labels: ReplayClockLabels.elapsed(length: length, steps: options.timing.gridSteps, thai: thai))
        let animation = ReplayAnimation(scene: band.scene, duration: options.timing.duration, tokens: timelines.flatMap(\.tokens),
                                        pulses: pulses, clock: clock, progressTrack: band.track,
                                        progressColor: options.map.theme.mutedText, tokenRadius: 5)
        return Replay(animation: animation, journeysPlayed: timelines.map(\.journeysPlayed).reduce(0, +),
                      journeysPerToken: timelines.map(\.journeysPerToken).max() ?? 1,
                      legend: legend, caption: caption, selection: map.selection)
    }

    /// "Replay: before.csv (259 journeys from 2023-11-15) vs after.csv (259 journeys from
    /// 2024-02-01), each timed from its own first event · 1 dot = 1 journey · 90 days in 30 s".
    static func versusCaption(_ t: [ReplayTimeline], names: [String], timing: ReplayTiming, thai: Bool) -> String {
        func start(_ x: ReplayTimeline) -> String {
            ReplayClockLabels.label(x.spanStart, spanSeconds: Double(x.spanEnd - x.spanStart) / 1e6, zone: true)
        }
        let length = ReplayClockLabels.duration(Double((t.first?.spanEnd ?? 0) - (t.first?.spanStart ?? 0)) / 1e6, thai: thai)
        let seconds = SVGSeconds.text(timing.duration)
        let per = zip(names, t).map { name, x in
            thai ? "\(name) (\(ReplayBand.count(x.journeysPlayed)) เส้นทาง จาก \(start(x)), 1 จุด = \(ReplayBand.count(x.journeysPerToken)))"
                 : "\(name) (\(ReplayBand.count(x.journeysPlayed)) journeys from \(start(x)), 1 dot = \(ReplayBand.count(x.journeysPerToken)))"
        }
        if thai {
            return "การเล่นซ้ำเปรียบเทียบ: " + per.joined(separator: " กับ ") + " · แต่ละฝั่งนับเวลาจากเหตุการณ์แรกของตัวเอง · \(length) ใน \(seconds) วินาที · สี: ฝั่ง"
        }
        return "Replay: " + per.joined(separator: " vs ") + " · each side timed from its own first event · \(length) in \(seconds) s · colour: side"
    }
}

extension ReplayClockLabels {
    /// The clock of a comparison: log time since each side's own first event ("+12 d",
    /// "+3 d 04:10", "+00:12:30"), at the start of each grid step of `length` µs.
    public static func elapsed(length: Int64, steps: Int, thai: Bool) -> [String] {
        let span = Double(length) / 1e6
        return (0..<steps).map { k in
            let s = Int64((Double(length) * Double(k) / Double(steps) / 1e6).rounded(.down))
            let d = s / 86_400, hh = s / 3600 % 24, mm = s / 60 % 60, ss = s % 60
            let day = thai ? "วัน" : "d"
            if span > 20 * 86_400 { return "+\(d) \(day)" }
            if span > 6 * 3600 { return "+\(d) \(day) " + String(format: "%02d:%02d", hh, mm) }
            return "+" + String(format: "%02d:%02d:%02d", s / 3600, mm, ss)
        }
    }

    /// "90 days", "5.5 hours", "40 minutes", "12 seconds".
    static func duration(_ seconds: Double, thai: Bool) -> String {
        func one(_ v: Double, _ en: String, _ th: String) -> String {
            let text = v >= 10 || v == v.rounded() ? String(Int(v.rounded())) : String(format: "%.1f", v)
            return thai ? "\(text) \(th)" : "\(text) \(en)\(text == "1" ? "" : "s")"
        }
        if seconds >= 2 * 86_400 { return one(seconds / 86_400, "day", "วัน") }
        if seconds >= 2 * 3600 { return one(seconds / 3600, "hour", "ชั่วโมง") }
        if seconds >= 120 { return one(seconds / 60, "minute", "นาที") }
        return one(seconds, "second", "วินาที")
    }
}
