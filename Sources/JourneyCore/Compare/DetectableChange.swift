/// How large a change a comparison of two sides of these sizes can find: the minimum
/// detectable change of a share of one half (where it is largest) for the two-sided
/// two-proportion test at `alpha` with power 0.8, by the normal approximation:
/// (z₁₋α/₂ + z₀.₈) · √(½ · ½ · (1/n₁ + 1/n₂)). It is set by the smaller side: 23 journeys
/// against 518 can find only changes of about 30 percentage points, so a report without
/// significant changes says little, which an analyst should be told. The Benjamini–Hochberg
/// adjustment over many rows raises the bar further: this is the least of it.
public struct DetectableChange: Codable, Equatable, Sendable {
    /// The chance of finding a change of the size given (the usual 80 %).
    public static let power = 0.8
    /// Above this (in share, 0–1) the comparison warns: 15 percentage points, about 175
    /// journeys a side.
    public static let warningAbove = 0.15

    /// Journeys on each side.
    public var before: Int
    public var after: Int
    public var alpha: Double
    /// The change found with `power`, in share (0–1).
    public var change: Double

    /// The change (share, 0–1) found with `power` at `alpha`, nil when a side has no journeys.
    public static func minimum(before: Int, after: Int, alpha: Double) -> Double? {
        guard before > 0, after > 0, alpha > 0, alpha < 1 else { return nil }
        let z = NormalDistribution.quantile(1 - alpha / 2) + NormalDistribution.quantile(power)
        return z * (0.25 * (1 / Double(before) + 1 / Double(after))).squareRoot()
    }

    /// The sides' figure when it is above `warningAbove` (they are too small), else nil.
    public static func shortfall(before: Int, after: Int, alpha: Double) -> DetectableChange? {
        guard let change = minimum(before: before, after: after, alpha: alpha), change > warningAbove else { return nil }
        return DetectableChange(before: before, after: after, alpha: alpha, change: change)
    }

    /// The warning, in English or Thai.
    public func sentence(thai: Bool) -> String {
        let points = Int((change * 100).rounded())
        let beforeIsSmaller = before <= after
        let small = min(before, after), large = CountFormat.grouped(max(before, after))
        if thai {
            let sides = beforeIsSmaller ? ("ก่อน", "หลัง") : ("หลัง", "ก่อน")
            return "มีเพียง \(CountFormat.grouped(small)) เส้นทางในด้าน\(sides.0) (ด้าน\(sides.1) \(large)): สัดส่วนราว 50% ต้องเปลี่ยนราว \(points) จุดเปอร์เซ็นต์ "
                + "การเปรียบเทียบนี้จึงจะพบนัยสำคัญ 8 ใน 10 ครั้ง (alpha \(ProportionChange.number(alpha))); การเปลี่ยนแปลงที่เล็กกว่านี้อาจมีจริงแต่ไม่ถูกนับว่ามีนัยสำคัญ "
                + "— เปรียบเทียบเส้นทางให้มากขึ้น (ช่วงเวลายาวขึ้น หรือไฟล์มากขึ้น)"
        }
        let sides = beforeIsSmaller ? ("before", "after") : ("after", "before")
        return "only \(CountFormat.counted(small, "journey")) \(sides.0), \(large) \(sides.1): a share near 50% would have to move by about \(points) percentage points "
            + "for this comparison to find it significant 8 times in 10 (alpha \(ProportionChange.number(alpha))); smaller changes may be real and not called "
            + "significant — compare more journeys (longer periods, more files)"
    }
}
