/// The words of the comparison report in English and Thai (`language: "th"`); other
/// languages get English. Stage names come from the template, in the same language.
struct ComparisonStrings: Sendable {
    var title, before, after, label, journeys, events, timeSpan, files: String
    var warnings, stageFunnel, stage, significantChanges, touchpoint, touchpoints, transitions: String
    var from, to, start, end, change, relative, test, none, notSignificantHeading, moreRows: String
    var alphaLine: @Sendable (_ alpha: String, _ tests: Int) -> String
    var minCountLine: @Sendable (_ minCount: Int, _ rows: Int) -> String
    var methodLine: @Sendable (_ minimumExpected: String) -> String
    var sharesLine: String
    var noSignificant: String
    var notSignificantLine: @Sendable (_ kind: String, _ notSignificant: Int, _ below: Int, _ untestable: Int) -> String
    var percentagePoints: String
    var isThai = false

    /// `--min-effect`: significant needs this size of change too.
    func minEffectLine(_ points: String, _ rows: Int) -> String {
        isThai ? "**ขนาดขั้นต่ำ:** การเปลี่ยนแปลงมีนัยสำคัญเมื่อ q ไม่เกิน alpha และสัดส่วนเปลี่ยนอย่างน้อย \(points) จุด (`--min-effect`); แถวที่ q ผ่านแต่เปลี่ยนน้อยกว่า: \(CountFormat.grouped(rows))"
            : "**Minimum effect:** a change is called significant only when q ≤ alpha and its share moved by at least \(points) percentage point\(points == "1" ? "" : "s") (`--min-effect`); rows with q ≤ alpha but a smaller change: \(CountFormat.grouped(rows))."
    }

    /// Rows below `--min-effect` in a "not significant" line.
    func belowMinEffect(_ n: Int) -> String {
        isThai ? " เล็กกว่าขนาดขั้นต่ำ \(CountFormat.grouped(n))" : " \(CountFormat.grouped(n)) below the minimum effect."
    }

    /// The time-window rule (`--before/--after` on one log).
    func windowsLine(_ w: WindowAssignment) -> String {
        (isThai ? "**ช่วงเวลา:** " : "**Windows:** ") + w.sentence(thai: isThai)
    }

    static func forLanguage(_ language: String) -> ComparisonStrings { language == "th" ? thai : english }

    static let english = ComparisonStrings(
        title: "Journey comparison", before: "Before", after: "After", label: "Compared", journeys: "Journeys",
        events: "Events", timeSpan: "Time span", files: "Files", warnings: "Warnings", stageFunnel: "Stage funnel",
        stage: "Stage", significantChanges: "Significant changes", touchpoint: "Touchpoint", touchpoints: "Touchpoints", transitions: "Transitions",
        from: "From", to: "To", start: "(start)", end: "(end)", change: "Change", relative: "Relative", test: "Test",
        none: "–", notSignificantHeading: "Not significant", moreRows: "more rows in the JSON report (`--format json`)",
        alphaLine: { "**Significance:** a change is significant when its q-value (p adjusted with Benjamini–Hochberg over \(CountFormat.grouped($1)) tests, a false discovery rate) is at most alpha = \($0)." },
        minCountLine: { "**Minimum count:** changes whose before + after count is below \(CountFormat.grouped($0)) (`--min-count`) are never called significant; rows below it: \(CountFormat.grouped($1))." },
        methodLine: { "**Method:** two-sided pooled two-proportion z-test; Fisher's exact test when an expected cell is below \($0)." },
        sharesLine: "**Shares:** touchpoints and stages — share of journeys reaching them; a → b — share of the occurrences of a followed by b (journey ends count as followed by (end)); (start) → a — share of journeys starting at a.",
        noSignificant: "No significant changes in touchpoints or transitions.",
        notSignificantLine: { "\($0): \(CountFormat.grouped($1)) not significant, \(CountFormat.grouped($2)) below the minimum count, \(CountFormat.grouped($3)) not testable (absent on one side)." },
        percentagePoints: "pp")

    static let thai = ComparisonStrings(
        title: "การเปรียบเทียบเส้นทางของลูกค้า", before: "ก่อน", after: "หลัง", label: "ที่เปรียบเทียบ",
        journeys: "จำนวนเส้นทาง", events: "จำนวนเหตุการณ์", timeSpan: "ช่วงเวลา", files: "ไฟล์", warnings: "คำเตือน",
        stageFunnel: "กรวยตามขั้นตอน", stage: "ขั้นตอน", significantChanges: "การเปลี่ยนแปลงที่มีนัยสำคัญ",
        touchpoint: "จุดสัมผัส", touchpoints: "จุดสัมผัส", transitions: "การเปลี่ยนผ่าน", from: "จาก", to: "ไปยัง", start: "(เริ่มต้น)",
        end: "(สิ้นสุด)", change: "เปลี่ยนแปลง", relative: "เปลี่ยนแปลงสัมพัทธ์", test: "การทดสอบ", none: "–",
        notSignificantHeading: "ไม่มีนัยสำคัญ", moreRows: "แถวเพิ่มเติมในรายงาน JSON (`--format json`)",
        alphaLine: { "**นัยสำคัญ:** การเปลี่ยนแปลงมีนัยสำคัญเมื่อค่า q (ค่า p ที่ปรับด้วยวิธี Benjamini–Hochberg จาก \(CountFormat.grouped($1)) การทดสอบ) ไม่เกิน alpha = \($0)" },
        minCountLine: { "**จำนวนขั้นต่ำ:** การเปลี่ยนแปลงที่จำนวนก่อนรวมกับหลังน้อยกว่า \(CountFormat.grouped($0)) (`--min-count`) จะไม่ถือว่ามีนัยสำคัญ (\(CountFormat.grouped($1)) แถว)" },
        methodLine: { "**วิธีการ:** การทดสอบ z ของสองสัดส่วนแบบสองทาง; ใช้การทดสอบแม่นตรงของฟิชเชอร์เมื่อค่าคาดหวังในช่องใดต่ำกว่า \($0)" },
        sharesLine: "**สัดส่วน:** จุดสัมผัสและขั้นตอน — สัดส่วนของเส้นทางที่ไปถึง; a → b — สัดส่วนของครั้งที่ a ตามด้วย b (การสิ้นสุดเส้นทางนับเป็น (สิ้นสุด)); (เริ่มต้น) → a — สัดส่วนของเส้นทางที่เริ่มที่ a",
        noSignificant: "ไม่มีการเปลี่ยนแปลงที่มีนัยสำคัญในจุดสัมผัสหรือการเปลี่ยนผ่าน",
        notSignificantLine: { "\($0): ไม่มีนัยสำคัญ \(CountFormat.grouped($1)), ต่ำกว่าจำนวนขั้นต่ำ \(CountFormat.grouped($2)), ทดสอบไม่ได้ (ไม่มีในด้านหนึ่ง) \(CountFormat.grouped($3))" },
        percentagePoints: "จุด", isThai: true)
}
