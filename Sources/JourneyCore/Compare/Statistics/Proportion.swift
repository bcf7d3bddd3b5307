/// `count` of `total`: journeys reaching a touchpoint of all journeys, occurrences of a→b of
/// all occurrences of a, and so on. One side of a comparison.
public struct Proportion: Sendable, Equatable, Hashable, Codable {
    public var count: Int
    public var total: Int

    /// Expects 0 ≤ count ≤ total (`isValid`); comparisons check it before testing.
    public init(count: Int, total: Int) {
        self.count = count
        self.total = total
    }

    public var isValid: Bool { count >= 0 && count <= total }

    /// `count / total`, 0 when `total` is 0.
    public var share: Double { total == 0 ? 0 : Double(count) / Double(total) }
}
