import JourneyCore

/// What a diff drawing needs of a comparison, as plain values: per stage, touchpoint and
/// transition a signed effect, whether it is significant, a suggested colour and a width
/// fraction; and the value scales both sides of a side-by-side drawing should share.
///
/// Layout: lay out the union of both graphs once (`ComparisonPair.unionGraph()` or
/// `before.merged(with: after)`) and look marks up by name.
public struct ComparisonDiffModel: Sendable, Equatable {
    public var palette: DiffPalette
    public var stages: [Stage]
    public var touchpoints: [Touchpoint]
    /// Includes journey starts (`from == nil`) and ends (`to == nil`).
    public var transitions: [Transition]
    /// Largest |effect| of each kind among tested rows: the effect a full-width mark stands for.
    public var stageScale: Double
    public var touchpointScale: Double
    public var transitionScale: Double
    public var shared: SharedScale
    /// Row of each touchpoint name and each transition, for O(1) look-ups.
    private var touchpointIndex: [String: Int] = [:]
    private var transitionIndex: [TransitionKey: Int] = [:]

    private struct TransitionKey: Hashable, Sendable {
        var from: String?
        var to: String?
    }

    /// How one element changed, ready to draw.
    public struct Mark: Sendable, Equatable {
        /// After share − before share (−1…1).
        public var effect: Double
        public var beforeShare: Double
        public var afterShare: Double
        public var direction: ChangeDirection
        public var significant: Bool
        public var status: ChangeStatus
        /// |effect| / the kind's scale, clamped to 0…1.
        public var magnitude: Double
        /// `#rrggbb` from the palette.
        public var color: String

        /// A stroke width from `minimum` (no change) to `maximum` (the kind's largest change).
        public func width(minimum: Double, maximum: Double) -> Double {
            minimum + (maximum - minimum) * magnitude
        }
    }

    public struct Stage: Sendable, Equatable {
        public var id: String
        public var names: LocalizedText
        public var mark: Mark
    }

    public struct Touchpoint: Sendable, Equatable {
        public var name: String
        public var stage: String
        public var mark: Mark
    }

    public struct Transition: Sendable, Equatable {
        public var from: String?
        public var to: String?
        public var mark: Mark
    }

    /// One value scale for the before and after drawings: the largest value on either side.
    public struct SharedScale: Sendable, Equatable {
        /// Journeys reaching a touchpoint.
        public var maxTouchpointJourneys: Int
        /// Occurrences of a transition between touchpoints (starts and ends left out).
        public var maxTransitionCount: Int
        /// Journeys starting or ending at one touchpoint.
        public var maxStartEndCount: Int
        public var maxTouchpointShare: Double
        public var maxTransitionShare: Double
        public var maxStageShare: Double
    }

    public init(comparison c: JourneyComparison, palette: DiffPalette = .light) {
        self.palette = palette
        let stageScale = Self.scale(c.stages.map(\.change))
        let touchpointScale = Self.scale(c.touchpoints.map(\.change))
        let transitionScale = Self.scale(c.transitions.map(\.change))
        (self.stageScale, self.touchpointScale, self.transitionScale) = (stageScale, touchpointScale, transitionScale)
        func mark(_ ch: ProportionChange, _ scale: Double) -> Mark {
            let magnitude = scale > 0 ? min(1, abs(ch.absoluteChange) / scale) : 0
            return Mark(effect: ch.absoluteChange, beforeShare: ch.before.share, afterShare: ch.after.share,
                        direction: ch.direction, significant: ch.significant, status: ch.status, magnitude: magnitude,
                        color: palette.color(direction: ch.direction, significant: ch.significant, magnitude: magnitude))
        }
        stages = c.stages.map { Stage(id: $0.id, names: $0.names, mark: mark($0.change, stageScale)) }
        touchpoints = c.touchpoints.map { Touchpoint(name: $0.name, stage: $0.stage, mark: mark($0.change, touchpointScale)) }
        transitions = c.transitions.map { Transition(from: $0.from, to: $0.to, mark: mark($0.change, transitionScale)) }
        for (i, t) in touchpoints.enumerated() { touchpointIndex[t.name] = i }
        for (i, t) in transitions.enumerated() { transitionIndex[TransitionKey(from: t.from, to: t.to)] = i }
        let inner = c.transitions.filter { $0.from != nil && $0.to != nil }
        let outer = c.transitions.filter { $0.from == nil || $0.to == nil }
        func maxCount(_ rows: [ProportionChange]) -> Int { rows.map { max($0.before.count, $0.after.count) }.max() ?? 0 }
        func maxShare(_ rows: [ProportionChange]) -> Double { rows.map { max($0.before.share, $0.after.share) }.max() ?? 0 }
        shared = SharedScale(maxTouchpointJourneys: maxCount(c.touchpoints.map(\.change)),
                             maxTransitionCount: maxCount(inner.map(\.change)),
                             maxStartEndCount: maxCount(outer.map(\.change)),
                             maxTouchpointShare: maxShare(c.touchpoints.map(\.change)),
                             maxTransitionShare: maxShare(inner.map(\.change)),
                             maxStageShare: maxShare(c.stages.map(\.change)))
    }

    /// Largest |effect| among rows in the tested family, so an untested 0/1 → 1/1 does not
    /// shrink every other mark; all rows when none was tested.
    static func scale(_ rows: [ProportionChange]) -> Double {
        let tested = rows.filter { $0.status == .significant || $0.status == .notSignificant || $0.status == .belowMinEffect }
        return (tested.isEmpty ? rows : tested).map { abs($0.absoluteChange) }.max() ?? 0
    }

    public func touchpoint(_ name: String) -> Mark? { touchpointIndex[name].map { touchpoints[$0].mark } }
    public func stage(_ id: String) -> Mark? { stages.first { $0.id == id }?.mark }
    /// nil `from`: the journey start into `to`; nil `to`: the journey end after `from`.
    public func transition(from: String?, to: String?) -> Mark? {
        transitionIndex[TransitionKey(from: from, to: to)].map { transitions[$0].mark }
    }
}
