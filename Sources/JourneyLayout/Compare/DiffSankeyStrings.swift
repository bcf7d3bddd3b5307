import JourneyCore

/// The words of the diff Sankey in English or Thai (other languages fall back to English).
struct DiffSankeyStrings {
    let thai: Bool
    init(language: String) { thai = language == "th" }

    func title(_ mode: SankeyFlows.Mode) -> String {
        switch mode {
        case .stages: return thai ? "การเปลี่ยนแปลงของการไหลตามขั้นตอน ก่อน → หลัง" : "Changes in journey flows by stage, before → after"
        case .steps: return thai ? "การเปลี่ยนแปลงของการไหลทีละขั้น ก่อน → หลัง" : "Changes in journey flows by step, before → after"
        }
    }

    func side(_ before: Bool, label: String, paths: Int) -> String {
        let which = before ? (thai ? "ก่อน" : "Before") : (thai ? "หลัง" : "after")
        return "\(which): \(label) (\(SankeyFormat.count(paths)) \(thai ? "เส้นทาง" : "journeys"))"
    }

    func verdict(significant: Int, tested: Int) -> String {
        thai ? "\(significant) จาก \(tested) การไหลและจุดสัมผัสที่ทดสอบเปลี่ยนอย่างมีนัยสำคัญ"
            : "\(significant) of \(tested) tested links and nodes changed significantly"
    }

    var increase: String { thai ? "เพิ่มขึ้นอย่างมีนัยสำคัญ (สีเข้มขึ้น = มากขึ้น)" : "significant increase (stronger colour: larger)" }
    var decrease: String { thai ? "ลดลงอย่างมีนัยสำคัญ" : "significant decrease" }
    func grey(alpha: String, minCount: Int, minEffect: String) -> String {
        thai ? "สีเทา: ไม่มีนัยสำคัญ (q > \(alpha)) เปลี่ยนน้อยกว่า \(minEffect) จุด หรือน้อยกว่า \(minCount)"
            : "grey: not significant (q > \(alpha)), under \(minEffect) pts (--min-effect) or before + after below \(minCount)"
    }
    var node: String { thai ? "จุดสัมผัส: สัดส่วนของเส้นทาง ก่อน → หลัง (มีสีเมื่อมีนัยสำคัญ)" : "node: share of journeys, before → after (coloured when significant)" }
    var dropOff: String { thai ? "ออกจากเส้นทาง" : "Drop-off" }

    var colourNote: String {
        thai ? "สี: การเปลี่ยนแปลงของสัดส่วนเส้นทางที่ผ่านแต่ละการไหล (หลัง − ก่อน เป็นจุดร้อยละ) สัดส่วนคิดจากเส้นทางทั้งหมดของแต่ละด้าน"
            : "Colour: change in the share of journeys taking each link, after − before, in percentage points; each side's share is of its own journeys drawn."
    }
    var widthNote: String {
        thai ? "ความกว้าง: ค่าเฉลี่ยของสัดส่วนทั้งสองด้าน จึงเห็นการไหลที่มีเพียงด้านเดียว และด้านที่ใหญ่กว่าไม่ครอบงำ จัดวางครั้งเดียวจากเส้นทางของทั้งสองด้าน"
            : "Width: the mean of the two sides' shares, so links present on one side only still show and the larger side does not dominate; laid out once over both sides' journeys."
    }
    func testNote(minimumExpected: String, tests: Int, alpha: String, minCount: Int) -> String {
        thai ? "นัยสำคัญ: การทดสอบ z ของสองสัดส่วนแบบสองทางต่อการไหลและจุดสัมผัส (ใช้การทดสอบแม่นตรงของฟิชเชอร์เมื่อค่าคาดหวังต่ำกว่า \(minimumExpected)) ปรับค่า p จาก \(tests) การทดสอบด้วยวิธี Benjamini–Hochberg มีนัยสำคัญเมื่อ q ≤ α = \(alpha) (--alpha) และก่อน + หลัง อย่างน้อย \(minCount) (--min-count)"
            : "Significance: two-sided two-proportion z-test per link and node (Fisher's exact test when an expected count is below \(minimumExpected)); p-values adjusted for \(tests) tests with Benjamini–Hochberg (false discovery rate); significant when q ≤ α = \(alpha) (--alpha) and before + after ≥ \(minCount) (--min-count)."
    }
    func largest(_ items: [String]) -> String {
        (thai ? "การเปลี่ยนแปลงที่มีนัยสำคัญมากที่สุด: " : "Largest significant changes: ") + items.joined(separator: "; ")
    }
    var noneSignificant: String { thai ? "ไม่มีการไหลหรือจุดสัมผัสใดเปลี่ยนอย่างมีนัยสำคัญ" : "No link or node changed significantly." }
    var stagesNote: String {
        thai ? "แต่ละเส้นทางนับครั้งเดียวต่อขั้น ที่จุดสัมผัสแรกในขั้นนั้น ข้ามขั้นนี้: ไม่มีเหตุการณ์ในขั้นนั้น การย้อนกลับไปขั้นก่อนหน้าไม่ได้วาด"
            : "Each journey counts once per stage, at its first touchpoint there; Skipped: no event in that stage; moves back to earlier stages are not drawn."
    }
    var stepsNote: String {
        thai ? "คอลัมน์ที่ k คือขั้นที่ k ของแต่ละเส้นทาง" : "Column k holds the k-th step of each journey."
    }
    /// `--min-people`: "Numbers from fewer than 10 people hidden: each side's flows as
    /// `sankey --min-people 10` publishes them (before: …; after: …); 4 nodes and 9 flows
    /// withheld on either side are not drawn nor tested; docs/privacy.md."
    func privacy(_ p: SankeyDiff.Privacy) -> String {
        let n = SankeyFormat.count
        func side(_ r: SankeyFlows.Privacy) -> String {
            let other = r.withheld - r.nodes - r.links
            return thai ? "ไม่แสดง \(n(r.nodes)) โหนด, \(n(r.links)) เส้นการไหล, อื่น ๆ \(n(other))"
                : "\(n(r.nodes)) nodes, \(n(r.links)) flows and \(n(other)) other numbers withheld"
        }
        let note = p.note(thai: thai)
        return thai ? "\(note): แต่ละฝั่งเผยแพร่ตามกฎของ sankey --min-people \(p.minPeople) (ก่อน: \(side(p.before)); หลัง: \(side(p.after))) ไม่วาดและไม่ทดสอบ \(n(p.nodes)) โหนดและ \(n(p.links)) เส้นการไหลที่ฝั่งใดฝั่งหนึ่งไม่แสดง"
            : "\(note.prefix(1).uppercased())\(note.dropFirst()): each side's flows as `sankey --min-people \(p.minPeople)` publishes them (before: \(side(p.before)); after: \(side(p.after))); \(n(p.nodes)) nodes and \(n(p.links)) flows withheld on either side are not drawn nor tested; docs/privacy.md."
    }
    func points(_ effect: Double) -> String { ComparisonMapStrings(language: thai ? "th" : "en").points(effect) }
}
