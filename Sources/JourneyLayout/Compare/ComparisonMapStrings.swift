import JourneyCore

/// The words of the diff map and the before/after panels in English or Thai (`--lang th`;
/// other languages fall back to English). Numbers are written by `ComparisonMapText`.
struct ComparisonMapStrings: Sendable {
    let thai: Bool
    /// The plain map's words, for counts ("1 journey", "3 เส้นทาง").
    private let map: MapStrings
    init(language: String) {
        thai = language.lowercased().hasPrefix("th")
        map = MapStrings.forLanguage(language)
    }

    var before: String { thai ? "ก่อน" : "Before" }
    var after: String { thai ? "หลัง" : "After" }
    var ofJourneys: String { thai ? " ของเส้นทาง" : " of journeys" }
    func journeys(_ n: Int) -> String { map.journeys(n) }
    func events(_ n: Int) -> String { map.events(n) }
    func warning(_ text: String) -> String { (thai ? "คำเตือน: " : "Warning: ") + text }

    /// `+12 pts` / `+12 จุด`.
    func points(_ effect: Double) -> String {
        var text = ComparisonMapText.points(effect)
        guard thai else { return text }
        while let last = text.last, last != " " { text.removeLast() }
        return text + "จุด"
    }

    /// `label (1,234 journeys, 2024-04-18 to 2024-05-18)`.
    func side(_ s: ComparisonSide) -> String {
        var text = "\(s.label) (\(journeys(s.journeys))"
        if let a = s.firstTimestamp, let b = s.lastTimestamp {
            text += ", \(formatISO8601(a).prefix(10)) \(thai ? "ถึง" : "to") \(formatISO8601(b).prefix(10))"
        }
        return text + ")"
    }

    /// The second line of a box or stage: the change and why it is or is not significant.
    func verdict(_ change: ProportionChange) -> String {
        switch change.status {
        case .significant: return points(change.absoluteChange) + (change.q.map { " · " + ComparisonMapText.q($0) } ?? "")
        case .notSignificant: return points(change.absoluteChange) + (thai ? " · ไม่มีนัยสำคัญ" : " · not significant")
        case .belowMinEffect: return points(change.absoluteChange) + (thai ? " · เล็กกว่า --min-effect" : " · below --min-effect")
        case .belowMinCount: return points(change.absoluteChange) + (thai ? " · น้อยเกินกว่าจะทดสอบ" : " · too few to test")
        case .untestable:
            if change.before.count == 0 && change.after.count > 0 { return thai ? "ใหม่ในช่วงหลัง" : "new after" }
            if change.after.count == 0 && change.before.count > 0 { return thai ? "หายไปในช่วงหลัง" : "gone after" }
            return thai ? "ทดสอบไม่ได้" : "not testable"
        }
    }

    // MARK: Diff map

    func diffSubtitle(_ c: JourneyComparison) -> String {
        thai ? "ก่อน: \(side(c.before)) → หลัง: \(side(c.after)) · การเปลี่ยนแปลงที่มีนัยสำคัญ \(c.significantCount) จาก \(c.testedCount) ที่ทดสอบ"
            : "Before: \(side(c.before)) → after: \(side(c.after)) · \(c.significantCount) of \(c.testedCount) tested changes significant"
    }
    var startingHere: String { thai ? "▶ เริ่มที่นี่" : "▶ starting here" }
    var endingHere: String { thai ? "■ จบที่นี่" : "■ ending here" }
    var repeatedHere: String { thai ? "↻ ซ้ำที่นี่" : "↻ repeated here" }
    var noneAmongTransitions: String { thai ? "ไม่มีในการเปลี่ยนที่วาด" : "none among the transitions drawn" }
    var increaseSmall: String { thai ? "เพิ่มขึ้นอย่างมีนัยสำคัญ เล็กน้อย: สีอ่อนและเส้นบาง" : "significant increase, small: faint and thin" }
    func increaseLarge(_ largest: String) -> String {
        thai ? "เพิ่มขึ้นอย่างมีนัยสำคัญ มาก: สีเข้มและเส้นกว้าง (มากที่สุด: \(largest))"
            : "significant increase, large: strong and wide (largest: \(largest))"
    }
    var decreaseSmall: String { thai ? "ลดลงอย่างมีนัยสำคัญ เล็กน้อย" : "significant decrease, small" }
    func decreaseLarge(_ largest: String) -> String {
        thai ? "ลดลงอย่างมีนัยสำคัญ มาก (มากที่สุด: \(largest))" : "significant decrease, large (largest: \(largest))"
    }
    func grey(alpha: String, minCount: Int, minEffect: String) -> String {
        thai ? "สีเทา ไม่มีตัวเลข: ไม่มีนัยสำคัญ (q > \(alpha)) เปลี่ยนน้อยกว่า \(minEffect) จุด (--min-effect) หรือน้อยเกินกว่าจะทดสอบ (ก่อน + หลัง น้อยกว่า \(minCount), --min-count)"
            : "grey, no label: not significant (q > \(alpha)), a change under \(minEffect) pts (--min-effect), or too few to test (before + after count below \(minCount), --min-count)"
    }
    var boxes: String {
        thai ? "กล่องและแถบใต้ชื่อขั้น: การเปลี่ยนแปลงของสัดส่วนเส้นทางที่ไปถึง ใช้สีแบบเดียวกัน; ▶ / ■ / ↻: เส้นทางที่เริ่ม / จบ / ซ้ำต่อเนื่องที่นั่น"
            : "boxes and the bar under each stage name: change in the share of journeys reaching them, coloured the same way; ▶ / ■ / ↻: journeys starting / ending / repeating there"
    }
    var labels: String {
        thai ? "ตัวเลข: การเปลี่ยนแปลงของสัดส่วน หลัง − ก่อน เป็นจุดร้อยละ; สำหรับ a → b สัดส่วนคิดจากจำนวนครั้งของ a ที่ตามด้วย b (รวมการจบเส้นทาง)"
            : "Labels: change of the share, after − before, in percentage points; for a → b the share is of a's occurrences followed by b (ends included)."
    }
    func significance(minimumExpected: String, tests: Int, alpha: String) -> String {
        thai ? "นัยสำคัญ: การทดสอบ z ของสองสัดส่วนแบบสองทาง (ใช้การทดสอบแม่นตรงของฟิชเชอร์เมื่อค่าคาดหวังต่ำกว่า \(minimumExpected)) ปรับค่า p จาก \(tests) การทดสอบด้วยวิธี Benjamini–Hochberg (อัตราการค้นพบเท็จ) มีนัยสำคัญเมื่อ q ≤ α = \(alpha) (--alpha)"
            : "Significance: two-sided two-proportion z-test (Fisher's exact test when an expected count is below \(minimumExpected)); p-values adjusted for \(tests) tests with Benjamini–Hochberg (false discovery rate); significant when q ≤ α = \(alpha) (--alpha)."
    }
    var oneLayout: String {
        thai ? "ทั้งสองด้านจัดวางครั้งเดียว: ภาพก่อนและหลังวางทุกกล่องไว้ที่เดียวกัน"
            : "Both sides' journeys are laid out once: the before and after panels put every box in the same place."
    }
    func sidesFootnote(_ before: String, _ after: String, template: String) -> String {
        thai ? "ก่อน: \(before) หลัง: \(after); เทมเพลต \(template)" : "Before: \(before). After: \(after); template \(template)."
    }

    // MARK: Before and after panels

    var notOnThisSide: String { thai ? "ไม่มีในด้านนี้" : "not on this side" }
    var oneMove: String { thai ? "1 ครั้ง" : "1 move" }
    func mostMoves(_ n: Int) -> String {
        thai ? "\(formatCount(n)) ครั้ง มากที่สุดของทั้งสองด้าน (ความหนาของเส้นตามจำนวนครั้งที่ย้าย ใช้สเกลเดียวกันทั้งสองภาพ)"
            : "\(formatCount(n)) moves, the most on either side (line width follows the number of moves, same scale in both panels)"
    }
    var ghosts: String {
        thai ? "เส้นจุด: การเปลี่ยนที่พบเฉพาะอีกด้าน; กล่องเส้นประ: จุดสัมผัสที่มีเฉพาะอีกด้าน"
            : "dotted: a transition seen only on the other side; dashed box: a touchpoint only on the other side"
    }
    var shade: String {
        thai ? "สีกล่อง: เส้นทางที่ไปถึงจุดสัมผัส (ใช้สเกลเดียวกันทั้งสองภาพ); ▶ เส้นทางที่เริ่มที่นี่ ■ จบที่นี่"
            : "box shade: journeys reaching the touchpoint (same scale in both panels); ▶ journeys starting here ■ ending here"
    }
    var edgeLabels: String {
        thai ? "ตัวเลขบนเส้น: สัดส่วนของการย้ายออกจากจุดสัมผัส (รวมการจบเส้นทาง) กล่องอยู่ตำแหน่งเดียวกับในแผนภาพความต่าง"
            : "Edge labels: share of the moves leaving the touchpoint (journey ends included). Boxes are where the diff map puts them."
    }
}
