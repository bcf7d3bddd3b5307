import JourneyCore

/// The footnote's sentences in English and Thai (`--lang th`): where the data came from, what
/// was filtered, what simplification and the readability selection hid.
struct FootnoteWords: Sendable {
    let thai: Bool

    static func forLanguage(_ language: String) -> FootnoteWords {
        FootnoteWords(thai: language.lowercased().hasPrefix("th"))
    }
    static let english = FootnoteWords(thai: false)

    func source(files: String, span: (String, String)?, journeys: Int, events: Int, template id: String) -> String {
        // The id `StageInference` gives a template it made wholly from the data, in words.
        let template = id != "inferred" ? id : thai ? "อนุมานจากข้อมูล" : "inferred from the data"
        let when = span.map { thai ? ", \($0.0) ถึง \($0.1)" : ", \($0.0) to \($0.1)" } ?? ""
        return thai
            ? "ข้อมูล: \(files)\(when); \(formatCount(journeys)) เส้นทาง, \(formatCount(events)) เหตุการณ์; เทมเพลต \(template)"
            : "Data: \(files)\(when); \(formatCount(journeys)) journeys, \(formatCount(events)) events; template \(template)."
    }
    /// Said on every picture whose stages `StageInference` made.
    var stagesInferred: String { StageWords.inferredSentence(thai: thai) }
    /// `--min-people`: "Numbers from fewer than 10 people hidden (3 touchpoints, 5 flows withheld)."
    func privacy(_ p: JourneyGraph.PrivacyInfo) -> String {
        let what = thai ? "ไม่แสดง \(formatCount(p.touchpoints)) จุดสัมผัส, \(formatCount(p.edges)) เส้นทางย่อย, อื่น ๆ \(formatCount(p.withheld - p.touchpoints - p.edges))"
            : "\(formatCount(p.touchpoints)) touchpoints, \(formatCount(p.edges)) flows and \(formatCount(p.withheld - p.touchpoints - p.edges)) other numbers withheld; docs/privacy.md"
        let note = p.note(thai: thai)
        return thai ? "\(note) (\(what))" : "\(note.prefix(1).uppercased())\(note.dropFirst()) (\(what))."
    }
    func since(_ s: String) -> String { thai ? "ตั้งแต่ \(s)" : "since \(s)" }
    func until(_ u: String) -> String { thai ? "ก่อน \(u)" : "until \(u)" }
    func whereClause(_ w: String) -> String { thai ? "เฉพาะ \(w)" : "where \(w)" }
    func sessions(_ gap: String) -> String {
        thai ? "แบ่งเซสชันเมื่อไม่มีกิจกรรม \(gap)" : "sessions split at \(gap) of inactivity"
    }
    func filters(_ items: [String], leftOut: Int) -> String {
        thai ? "ตัวกรอง: \(items.joined(separator: ", ")) (ตัดออก \(formatCount(leftOut)) เหตุการณ์)"
            : "Filters: \(items.joined(separator: ", ")) (\(formatCount(leftOut)) events left out)."
    }
    func simplifiedBefore(touchpoints: Int, events: Int) -> String {
        thai ? "ย่อก่อนขุด: ตัดจุดสัมผัสที่พบน้อย \(touchpoints) จุด (\(formatCount(events)) เหตุการณ์) และเชื่อมจุดข้างเคียงแทน"
            : "Simplified before mining: \(touchpoints) rare touchpoints (\(formatCount(events)) events) dropped, neighbours reconnected."
    }
    func simplifiedAfter(edges: Int, moves: Int) -> String {
        thai ? "ย่อหลังขุด: ซ่อนการเปลี่ยน \(formatCount(edges)) แบบ (\(formatCount(moves)) ครั้ง)"
            : "Simplified after mining: \(formatCount(edges)) transitions (\(formatCount(moves)) moves) hidden."
    }
    func hiddenTouchpoints(_ n: Int, events: Int) -> String {
        thai ? "จุดสัมผัสที่มีผู้เข้าน้อย \(n) จุด (\(formatCount(events)) เหตุการณ์)" : "\(formatCount(n)) less visited \(n == 1 ? "touchpoint" : "touchpoints") (\(formatCount(events)) \(events == 1 ? "event" : "events"))"
    }
    func hiddenEdges(_ n: Int, moves: Int, percent: String) -> String {
        thai ? "การเปลี่ยนที่เบากว่า \(formatCount(n)) แบบ (\(formatCount(moves)) ครั้ง, \(percent)%)" : "\(formatCount(n)) weaker \(n == 1 ? "transition" : "transitions") (\(formatCount(moves)) \(moves == 1 ? "move" : "moves"), \(percent)%)"
    }
    func hidden(_ parts: [String]) -> String {
        thai ? "ซ่อนเพื่อให้อ่านง่าย: \(parts.joined(separator: " และ ")) ดูเพิ่มได้ด้วย --max-touchpoints / --max-edges"
            : "Hidden for readability: " + parts.joined(separator: " and ") + ". Show more with --max-touchpoints / --max-edges."
    }
    /// Access-log requests for static files or by bots, left out on purpose.
    func leftOut(_ n: Int) -> String {
        thai ? "ไม่นับคำขอไฟล์คงที่และบอต \(formatCount(n)) รายการ" : "\(formatCount(n)) requests for static files or by bots left out."
    }

    /// Swimlanes: the attribute, the split rule and how many touchpoints it split.
    func lanes(attribute: String, threshold: Double, split: Int) -> String {
        let percent = formatDecimal(threshold * 100, digits: 0)
        return thai
            ? "แถบตาม \(attribute): จุดสัมผัสที่ไม่มีค่าใดถึง \(percent)% ของเหตุการณ์แยกเป็นกล่องละค่า (\(split) จุด)"
            : "Lanes by \(attribute): a touchpoint with no value at \(percent)% of its events is split into one box per value (\(split) split)."
    }

    /// Flows drawn without their label: no place for it clear of boxes, arrow heads and other labels.
    func unlabelled(_ n: Int) -> String {
        thai ? "ไม่มีที่วางตัวเลขของการเปลี่ยน \(formatCount(n)) แบบ"
            : "\(formatCount(n)) \(n == 1 ? "flow is" : "flows are") drawn without a label (no free place for it)."
    }

    func skipped(_ n: Int) -> String {
        thai ? "ข้ามแถวที่อ่านไม่ได้ \(formatCount(n)) แถว" : "\(formatCount(n)) unreadable rows were skipped."
    }
}
