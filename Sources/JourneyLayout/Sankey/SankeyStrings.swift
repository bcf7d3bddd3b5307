import JourneyCore

/// The words of a Sankey picture in English or Thai (other languages fall back to English).
struct SankeyStrings {
    let language: String
    let thai: Bool
    init(language: String) {
        self.language = language
        thai = language == "th"
    }

    func title(_ mode: SankeyFlows.Mode) -> String {
        switch mode {
        case .steps: return thai ? "เส้นทางการไหลของลูกค้า" : "Journey flows"
        case .stages: return thai ? "เส้นทางการไหลตามขั้นตอน" : "Journey flows by stage"
        }
    }

    func unit(_ count: SankeyOptions.CountBy) -> String {
        switch count {
        case .journeys: return thai ? "เส้นทาง" : "journeys"
        case .events: return thai ? "เหตุการณ์" : "events"
        case .people: return thai ? "คน" : "people"
        }
    }

    func stepHeader(_ step: Int) -> String {
        let n = step < 0 ? "\u{2212}\(-step)" : "\(step)"
        return thai ? "ขั้นที่ \(n)" : "Step \(n)"
    }

    /// Under a column's name: the paths in it; by stage, those with an event in the stage (the
    /// map's stage header counts the same journeys), and the ones that skipped it apart.
    /// With `--min-people` a withheld number is "–".
    func columnCount(_ flows: SankeyFlows, _ c: Int) -> String {
        let unit = unit(flows.options.countBy)
        var skipped: Int? = flows.columns[c].nodes.reduce(0) { $0 + (flows.nodes[$1].kind == .skipped ? flows.nodes[$1].value : 0) }
        var reached: Int? = flows.active(column: c) - skipped!
        if let p = flows.privacy { reached = p.reached[c]; skipped = p.skipped[c] }
        func n(_ v: Int?) -> String { v.map(SankeyFormat.count) ?? "–" }
        guard skipped != 0 else { return "\(n(reached)) \(unit)" }
        return thai ? "\(n(reached)) \(unit) · ข้าม \(n(skipped))"
            : "\(n(reached)) \(unit) · \(n(skipped)) skipped"
    }

    var otherName: String { thai ? "อื่น ๆ" : "Other" }
    func other(_ node: SankeyFlows.Node) -> String { "\(otherName) (\(node.members.count + node.withheldMembers))" }
    var dropOff: String { thai ? "ออกจากเส้นทาง" : "Drop-off" }
    var start: String { thai ? "เริ่มเส้นทาง" : "Start" }
    var skipped: String { thai ? "ข้ามขั้นนี้" : "Skipped" }
    var returnArc: String { thai ? "ย้อนกลับ" : "Went back" }
    var noChannel: String { thai ? "ไม่ระบุช่องทาง" : "No channel" }

    /// What the columns are, e.g. "Steps after the first “purchase”".
    func scope(_ flows: SankeyFlows) -> String {
        let o = flows.options
        if flows.mode == .stages { return thai ? "การไหลระหว่างขั้นตอนของเส้นทาง" : "Flows between journey stages" }
        let every = o.countBy == .events
        switch o.anchor {
        case nil:
            if every { return thai ? "ขั้นถัดไปหลังทุกเหตุการณ์" : "Steps after every event" }
            return thai ? "ขั้นตอนตั้งแต่ต้นเส้นทาง" : "Steps from the start of each journey"
        case .from(let e)?:
            if every { return thai ? "ขั้นตอนหลัง “\(e)” ทุกครั้ง" : "Steps after every “\(e)”" }
            return thai ? "ขั้นตอนหลัง “\(e)” ครั้งแรก" : "Steps after the first “\(e)”"
        case .to(let e)?:
            if every { return thai ? "ขั้นตอนก่อน “\(e)” ทุกครั้ง" : "Steps before every “\(e)”" }
            return thai ? "ขั้นตอนก่อน “\(e)” ครั้งแรก" : "Steps before the first “\(e)”"
        }
    }

    func subtitle(_ flows: SankeyFlows) -> String {
        let o = flows.options
        var parts = [scope(flows), "\(SankeyFormat.count(flows.total)) \(unit(o.countBy))"]
        parts.append(thai ? "\(o.topK) อันดับแรกต่อคอลัมน์" : "top \(o.topK) per column")
        if o.collapseRepeats { parts.append(thai ? "รวมเหตุการณ์ซ้ำติดกัน" : "repeats collapsed") }
        parts.append(o.percentOf == .start
                     ? (thai ? "ร้อยละของทั้งหมด" : "% of all")
                     : (thai ? "ร้อยละของคอลัมน์ก่อนหน้า" : "% of previous column"))
        return parts.joined(separator: " · ")
    }
}

/// Numbers for labels, the same on every machine (no locale).
public enum SankeyFormat {
    /// `1234567` → `1,234,567`.
    public static func count(_ n: Int) -> String { CountFormat.grouped(n) }

    /// `0.4567` → `45.7%`; a share above 0 but below 1 % → `<1%` (as on the map); whole
    /// numbers without a decimal.
    public static func percent(_ share: Double) -> String {
        if share > 0 && share < 0.01 { return "<1%" }
        let tenths = Int((share * 1000).rounded())
        return tenths % 10 == 0 ? "\(tenths / 10)%" : "\(tenths / 10).\(tenths % 10)%"
    }
}
