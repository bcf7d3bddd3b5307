/// Channel swimlanes (`map --lanes channel`, `--lanes ATTR`): which lane each touchpoint box
/// of a map stands in, and the graph of those boxes.
///
/// A touchpoint whose events come through one lane value for at least `splitThreshold` of
/// them (ties: alphabetical) stands in that lane as one box, with the journey graph's own
/// numbers. Otherwise it is split into one box per lane value, named `touchpoint · value`,
/// with that value's events, journeys, starts and ends, and the moves between boxes counted
/// from the journeys themselves, so a move from email to web is a flow between two lanes.
public struct Swimlanes: Sendable, Equatable {
    /// The attribute the lanes are (`channel`, or an `--attribute` column).
    public var attribute: String
    /// A touchpoint is split when no lane value has this share of its events (`--lanes-split`).
    public var splitThreshold: Double
    /// Every box of the lane graph: its touchpoint, its lane, and whether it is one of several.
    public var boxes: [String: Box]
    /// What was not possible (a journey file without per-lane moves), for the footnote.
    public var notes: [String] = []

    public struct Box: Sendable, Equatable {
        public var touchpoint: String
        /// The lane value ("" when the events have none).
        public var lane: String
        public var split: Bool
        public init(touchpoint: String, lane: String, split: Bool) {
            self.touchpoint = touchpoint
            self.lane = lane
            self.split = split
        }
    }

    public init(attribute: String, splitThreshold: Double, boxes: [String: Box], notes: [String] = []) {
        self.attribute = attribute
        self.splitThreshold = splitThreshold
        self.boxes = boxes
        self.notes = notes
    }

    /// The lane of box `name`, nil for a name that is not a box.
    public func lane(of name: String) -> String? { boxes[name]?.lane }

    /// The name people read for lane value `value` ("" is "no channel").
    public func laneName(_ value: String) -> String { value.isEmpty ? "no \(attribute)" : value }

    /// The value that stands for `counts` (events per lane value) and whether the touchpoint is
    /// split: the commonest value (ties: alphabetical) unless it has less than `threshold` of them.
    public static func dominant(_ counts: [String: Int], threshold: Double) -> (value: String, split: Bool) {
        let total = counts.values.reduce(0, +)
        guard total > 0, let top = counts.max(by: { $0.value != $1.value ? $0.value < $1.value : $0.key > $1.key }) else {
            return ("", false)
        }
        let nonEmpty = counts.filter { $0.value > 0 }.count
        return (top.key, nonEmpty > 1 && Double(top.value) < threshold * Double(total))
    }

    /// The name of the box of `touchpoint` in lane `value` when the touchpoint is split.
    public static func splitName(_ touchpoint: String, _ value: String) -> String {
        "\(touchpoint) · \(value.isEmpty ? "–" : value)"
    }
}
