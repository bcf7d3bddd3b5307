/// Where each touchpoint occurs in its journeys, for `StageInference`: events per touchpoint
/// and a 64-bin histogram of their normalised positions (0 = a journey's first event, 1 = its
/// last; a journey of one event — a bounce on a web log — is at 0: where it started), and the
/// moves between touchpoints (`FollowsCounts`, which order the phases). Filled journey by journey — from `JourneySequences`
/// or, on the direct CSV path, while the partitions are counted — so stages can be inferred
/// without keeping the journeys.
public final class PositionHistogram: @unchecked Sendable {
    public static let bins = 64
    public private(set) var touchpointCount: Int
    /// Events of touchpoint t.
    public private(set) var events: [Int]
    /// `counts[t * bins + b]`: events of touchpoint t in position bin b.
    public private(set) var counts: [UInt32]
    /// Moves from one touchpoint to another (`PrecedenceOrder` orders the phases by them).
    public private(set) var follows: FollowsCounts

    public init(touchpointCount: Int) {
        self.touchpointCount = touchpointCount
        events = [Int](repeating: 0, count: touchpointCount)
        counts = [UInt32](repeating: 0, count: touchpointCount * Self.bins)
        follows = FollowsCounts(touchpointCount: touchpointCount)
    }

    /// Counts made elsewhere (an engine's position and edge rows): `counts` holds `bins` per
    /// touchpoint, `follows` the moves between touchpoints.
    public init(events: [Int], counts: [UInt32], follows: FollowsCounts) {
        precondition(counts.count == events.count * Self.bins && follows.touchpointCount == events.count)
        touchpointCount = events.count
        self.events = events
        self.counts = counts
        self.follows = follows
    }

    /// One journey, as touchpoint ids in time order.
    public func add<C: Collection>(journey path: C) where C.Element == Int32 {
        let length = path.count
        guard length > 0 else { return }
        let bins = Self.bins
        var k = 0
        events.withUnsafeMutableBufferPointer { events in
            counts.withUnsafeMutableBufferPointer { counts in
                for step in path {
                    let t = Int(step)
                    events[t] += 1
                    let position = length == 1 ? 0 : Double(k) / Double(length - 1)
                    counts[t * bins + min(bins - 1, Int(position * Double(bins)))] += 1
                    k += 1
                }
            }
        }
        follows.add(journey: path)
    }

    /// Adds `other`'s counts (same touchpoints).
    public func merge(_ other: PositionHistogram) {
        precondition(other.touchpointCount == touchpointCount)
        for t in 0..<events.count { events[t] += other.events[t] }
        for i in 0..<counts.count { counts[i] += other.counts[i] }
        follows.merge(other.follows)
    }

    /// The median normalised position of touchpoint t (0.5 when it has no events).
    public func medianPosition(_ t: Int) -> Double { medianPosition(of: [t]) }

    /// The median normalised position of the events of `touchpoints` together (0.5 when they
    /// have none).
    public func medianPosition(of touchpoints: [Int]) -> Double {
        let total = touchpoints.reduce(0) { $0 + events[$1] }
        guard total > 0 else { return 0.5 }
        var seen = 0
        let half = Double(total) / 2
        for b in 0..<Self.bins {
            let c = touchpoints.reduce(0) { $0 + Int(counts[$1 * Self.bins + b]) }
            if Double(seen + c) >= half {
                let within = c == 0 ? 0.5 : (half - Double(seen)) / Double(c)
                return (Double(b) + within) / Double(Self.bins)
            }
            seen += c
        }
        return 0.5
    }
}
