import Foundation
import Testing
@testable import JourneyKit
import JourneyScene

/// The replay's timeline (`ReplayTimeline`): where each token is at a playback time, checked
/// against the journeys it was built from, on a map of two boxes joined by a straight flow.
@Suite struct ReplayTimelineTests {
    /// A (centre 50,20) → flow (100,20)…(200,20) → B (centre 250,20); C (centre 50,120), no flow to it.
    static let geometry = ReplayGeometry(
        boxes: ["A": .init(frame: Rect(x: 0, y: 0, width: 100, height: 40), cornerRadius: 4),
                "B": .init(frame: Rect(x: 200, y: 0, width: 100, height: 40), cornerRadius: 4),
                "C": .init(frame: Rect(x: 0, y: 100, width: 100, height: 40), cornerRadius: 4)],
        flows: [SceneTag.edgeID("A", "B"): [Point(100, 20), Point(200, 20)]])
    static let second: Int64 = 1_000_000

    static func timing(_ duration: Double = 10) -> ReplayTiming {
        var t = ReplayTiming()
        t.duration = duration
        return t
    }

    static func build(_ paths: [[(String, Int64)]], timing: ReplayTiming = timing()) -> ReplayTimeline {
        ReplayTimeline.build(ReplayJourneys(paths: paths), geometry: geometry, timing: timing) { _ in .black }
    }

    static func close(_ p: Point?, _ x: Double, _ y: Double) -> Bool {
        guard let p else { return false }
        return abs(p.x - x) < 1e-9 && abs(p.y - y) < 1e-9
    }

    @Test func aTokenWaitsThenTravelsAlongTheFlowAndArrivesAtItsEventsTime() {
        // A at 0 s, B at 10 s of a 10 s span played in 10 s: 1 log second = 1 playback second.
        let t = Self.build([[("A", 0), ("B", 10 * Self.second)]])
        #expect(t.tokens.count == 1 && t.journeysPerToken == 1 && t.journeysPlayed == 1)
        let token = t.tokens[0]
        #expect(Self.close(token.position(at: 0), 50, 20))
        #expect(Self.close(token.position(at: 5), 50, 20))        // waiting: it leaves 2 s (maximumMove) before arriving
        #expect(Self.close(token.position(at: 8), 50, 20))
        // Route A centre → flow → B centre is 200 pt long, travelled from 8 s to 10 s: half at 9 s.
        #expect(Self.close(token.position(at: 9), 150, 20))
        #expect(Self.close(token.position(at: 8.25), 75, 20))
        #expect(token.position(at: 10) == nil)                    // the end of playback
        #expect(token.vanish == 10)
    }

    @Test func quickMovesTakeTheMinimumTimeAndTheTokenLingers() {
        // A at 1 s, B at 1.001 s: arrival at 1.4 s (minimumMove 0.4), gone 0.6 s later.
        let t = Self.build([[("A", 1 * Self.second), ("B", Self.second + 1000)], [("A", 0)], [("A", 10 * Self.second)]])
        let token = t.tokens.first { $0.journey == 0 }!
        #expect(token.appear == 1)
        #expect(token.position(at: 0.99) == nil)
        #expect(Self.close(token.position(at: 1.2), 150, 20))
        #expect(Self.close(token.position(at: 1.5), 250, 20))
        #expect(token.position(at: 2.0001) == nil)
        #expect(abs(token.vanish - 2.0) < 1e-9)
    }

    @Test func movesWithoutADrawnFlowGoStraightAndHiddenTouchpointsArePassedBy() {
        // A → X (not on the map) → C: the token goes from A straight to C.
        let t = Self.build([[("A", 0), ("X", 5 * Self.second), ("C", 10 * Self.second)]])
        let token = t.tokens[0]
        #expect(Self.close(token.position(at: 9), 50, 70))
        #expect(t.arrivals["A"]!.reduce(0, +) == 1 && t.arrivals["C"]!.reduce(0, +) == 1)
        #expect(t.arrivals["C"]![99] == 1)                        // arrived in the last 0.1 s step
    }

    @Test func bigLogsGetOneTokenPerNJourneysInOrderOfStart() {
        var timing = Self.timing()
        timing.maxTokens = 3
        // Ten journeys, started in reverse order of input.
        let paths = (0..<10).map { k in [("A", Int64(9 - k) * Self.second), ("B", 10 * Self.second)] }
        let t = Self.build(paths, timing: timing)
        #expect(t.journeysPerToken == 4)
        #expect(t.tokens.map(\.journey) == [9, 5, 1])            // ranks 0, 4, 8 by start
    }

    @Test func theSpanLeavesOutEventsBeforeAndAfterIt() {
        var timing = Self.timing()
        timing.spanStart = 10 * Self.second
        timing.spanEnd = 20 * Self.second
        let t = Self.build([[("A", 0), ("B", 15 * Self.second)], [("A", 25 * Self.second)], [("C", 12 * Self.second)]], timing: timing)
        #expect(t.journeysPlayed == 2)
        let first = t.tokens.first { $0.journey == 0 }!
        #expect(first.appear == 5 && Self.close(first.position(at: 5), 250, 20))   // starts at B, its first event in the span
        #expect(Self.close(t.tokens.first { $0.journey == 2 }!.position(at: 2), 50, 120))
    }

    @Test func framesClockAndGlowFollowTheGrid() {
        let anim = ReplayAnimation(scene: Scene(width: 10, height: 10), duration: 30, tokens: [], pulses: [],
                                   clock: ReplayClock(frame: Rect(x: 0, y: 0, width: 1, height: 1), font: FontSpec(size: 10),
                                                      color: .black, labels: ["a", "b", "c"]),
                                   progressTrack: Rect(x: 0, y: 0, width: 1, height: 1), progressColor: .black, tokenRadius: 1)
        #expect(anim.frameCount(fps: 12) == 360)
        #expect(anim.frameCount(fps: 10) == 300)
        #expect(anim.clock.label(at: 0, duration: 30) == "a" && anim.clock.label(at: 10, duration: 30) == "b"
            && anim.clock.label(at: 29.99, duration: 30) == "c")
        // 2024-03-01T00:00:00Z and a few hours later.
        let march = Int64(1_709_251_200) * Self.second
        #expect(ReplayClockLabels.label(march, spanSeconds: 90 * 86_400, zone: true) == "2024-03-01")
        #expect(ReplayClockLabels.label(march + 3_723 * Self.second, spanSeconds: 86_400, zone: true) == "2024-03-01 01:02 UTC")
        #expect(ReplayClockLabels.label(march + 3_723 * Self.second, spanSeconds: 3_600, zone: true) == "2024-03-01 01:02:03 UTC")
        #expect(ReplayClockLabels.labels(start: march, end: march + 3 * 86_400 * Self.second, steps: 3)
            == ["2024-03-01 00:00 UTC", "2024-03-02 00:00 UTC", "2024-03-03 00:00 UTC"])
        let levels = ReplayTimeline.pulseLevels(["A": [0, 2, 0, 0, 1], "B": [0, 0, 0, 0, 0]])
        #expect(levels["A"] == [0, 1, 0.7, 0.49, 0.7] && levels["B"] == [0, 0, 0, 0, 0])
    }
}
