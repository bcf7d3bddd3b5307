/// An animated replay of journeys over a map (`journeymap replay`): the static picture, and
/// what moves on it as a function of playback time `t` in seconds (0 ≤ t < `duration`).
///
/// Every renderer reads the same model: the animated SVG writes the token keys as SMIL
/// `<animateMotion>` values, the frame writers (APNG, GIF) ask `position(at:)` for each frame,
/// so a frame and the SVG at the same time show tokens in the same places.
public struct ReplayAnimation: Sendable, Equatable {
    /// The map with the replay's band (caption, legend, progress track) below it: the first
    /// frame and what every frame is drawn over.
    public var scene: Scene
    /// Playback length in seconds (`--duration`).
    public var duration: Double
    public var tokens: [ReplayToken]
    /// One per drawn touchpoint box: lights up as tokens arrive.
    public var pulses: [ReplayPulse]
    public var clock: ReplayClock
    /// The progress track under the clock: filled from its left edge to `t / duration`.
    public var progressTrack: Rect
    public var progressColor: Color
    /// Token radius in points.
    public var tokenRadius: Double

    public init(scene: Scene, duration: Double, tokens: [ReplayToken], pulses: [ReplayPulse], clock: ReplayClock,
                progressTrack: Rect, progressColor: Color, tokenRadius: Double) {
        self.scene = scene
        self.duration = duration
        self.tokens = tokens
        self.pulses = pulses
        self.clock = clock
        self.progressTrack = progressTrack
        self.progressColor = progressColor
        self.tokenRadius = tokenRadius
    }

    /// The number of frames at `fps` frames per second: frame `k` shows time `k / fps`.
    public func frameCount(fps: Double) -> Int { max(1, Int((duration * fps).rounded())) }
}

/// One moving dot: one journey, or one of every N (the caption says which).
public struct ReplayToken: Sendable, Equatable {
    public var color: Color
    /// Where the token is at given playback times, times ascending (equal times: a jump).
    /// Between two keys it moves in a straight line; the keys trace the map's flow splines.
    public var keys: [ReplayKey]
    /// Shown from `keys.first.time` to `vanish` (it rests at its last key until then).
    public var vanish: Double
    /// The journey it stands for (an index into the replayed journeys), for tests and tooltips.
    public var journey: Int

    public init(color: Color, keys: [ReplayKey], vanish: Double, journey: Int) {
        self.color = color
        self.keys = keys
        self.vanish = vanish
        self.journey = journey
    }

    public var appear: Double { keys.first?.time ?? 0 }

    /// The token's centre at time `t`, nil while it is not shown.
    public func position(at t: Double) -> Point? {
        guard let first = keys.first, t >= first.time, t < vanish else { return nil }
        // The last key at or before t (binary search: tokens have up to hundreds of keys).
        var lo = 0, hi = keys.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if keys[mid].time <= t { lo = mid } else { hi = mid - 1 }
        }
        let a = keys[lo]
        guard lo + 1 < keys.count else { return a.point }
        let b = keys[lo + 1]
        let span = b.time - a.time
        guard span > 0 else { return b.point }
        let f = (t - a.time) / span
        return Point(a.point.x + (b.point.x - a.point.x) * f, a.point.y + (b.point.y - a.point.y) * f)
    }
}

public struct ReplayKey: Sendable, Equatable {
    public var time: Double
    public var point: Point
    public init(time: Double, point: Point) {
        self.time = time
        self.point = point
    }
}

/// A touchpoint box's glow: `levels[i]` (0…1) is its strength during step `i` of the time
/// grid (`duration / levels.count` seconds each), 0 when no token arrives.
public struct ReplayPulse: Sendable, Equatable {
    public var touchpoint: String
    public var frame: Rect
    public var cornerRadius: Double
    public var color: Color
    public var levels: [Double]

    public init(touchpoint: String, frame: Rect, cornerRadius: Double, color: Color, levels: [Double]) {
        self.touchpoint = touchpoint
        self.frame = frame
        self.cornerRadius = cornerRadius
        self.color = color
        self.levels = levels
    }

    public func level(at t: Double, duration: Double) -> Double {
        guard !levels.isEmpty, duration > 0 else { return 0 }
        return levels[ReplayGrid.step(t, duration: duration, steps: levels.count)]
    }
}

/// The log's time shown as playback runs: `labels[i]` during step `i` of the time grid.
public struct ReplayClock: Sendable, Equatable {
    public var frame: Rect
    public var font: FontSpec
    public var color: Color
    public var labels: [String]

    public init(frame: Rect, font: FontSpec, color: Color, labels: [String]) {
        self.frame = frame
        self.font = font
        self.color = color
        self.labels = labels
    }

    public func label(at t: Double, duration: Double) -> String {
        guard !labels.isEmpty else { return "" }
        return labels[ReplayGrid.step(t, duration: duration, steps: labels.count)]
    }

    /// The clock as a text item (what the frame writers draw and the SVG shows in turn).
    public func item(_ text: String, tag: SceneTag? = nil) -> TextItem {
        TextItem(text: text, frame: frame, font: font, color: color, alignment: .left, verticalAlignment: .middle, tag: tag)
    }
}

/// The time grid clocks and pulses change on.
public enum ReplayGrid {
    /// The step holding time `t` of `steps` equal steps over `duration`.
    public static func step(_ t: Double, duration: Double, steps: Int) -> Int {
        guard steps > 0, duration > 0, t.isFinite else { return 0 }
        return min(steps - 1, max(0, Int((t / duration * Double(steps)).rounded(.down))))
    }
}
