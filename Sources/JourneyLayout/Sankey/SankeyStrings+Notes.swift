import JourneyCore

extension SankeyStrings {
    /// Footnote sentences: what is counted, what "Other", drop-off, start and skipped hold,
    /// what was left out, and the source.
    func notes(_ flows: SankeyFlows, source: String?, hiddenArcs: [(from: String, to: String, value: Int)]) -> [String] {
        let o = flows.options
        let u = unit(o.countBy)
        let n = SankeyFormat.count
        var lines: [String] = []
        switch o.countBy {
        case .journeys:
            lines.append(thai ? "นับตามเส้นทาง: แต่ละเส้นทาง (เคส หรือเซสชันเมื่อใช้ --session-gap) นับหนึ่งครั้งต่อคอลัมน์"
                         : "Counted by journeys: each journey (a case, or a session with --session-gap) counts once per column.")
        case .people:
            lines.append(thai ? "นับตามคน: แต่ละคน (เคส) นับหนึ่งครั้งต่อคอลัมน์ โดยต่อเซสชันของคนเดียวกันเข้าด้วยกัน"
                         : "Counted by people: each person (case) counts once per column; their sessions are joined in time order.")
        case .events:
            let what = o.anchor.map { "“\($0.touchpoint)”" }
            lines.append(thai ? "นับตามเหตุการณ์: \(what.map { "ทุกครั้งที่เกิด \($0)" } ?? "ทุกเหตุการณ์") เริ่มเส้นทางของตัวเอง คอลัมน์หนึ่งนับเหตุการณ์ที่ห่างออกไปเท่านั้นขั้น"
                         : "Counted by events: every \(what.map { "occurrence of \($0)" } ?? "event") starts its own path; a column counts the events that many steps away.")
        }
        // A column holds what is still going and, as drop-off, what ended in the column before:
        // not every journey (those that ended earlier are gone), so no column total is claimed.
        let held = thai ? "แต่ละคอลัมน์มี\(u)ที่ยังดำเนินอยู่ และ\(u)ที่จบในคอลัมน์ก่อนหน้า (จากทั้งหมด \(n(flows.total)) \(u))"
            : "Each column holds the \(u) still going and, as drop-off, those that ended in the column before (of \(n(flows.total)) in all)."
        if flows.mode == .steps {
            lines.append(thai ? "ออกจากเส้นทาง: เส้นทางที่จบในคอลัมน์ก่อนหน้า ไม่วาดต่อ " + held
                         : "Drop-off: paths that ended in the previous column; they are not drawn further. " + held)
        } else {
            lines.append(thai ? "ออกจากเส้นทาง: เส้นทางที่ขั้นตอนสุดท้ายคือคอลัมน์ก่อนหน้า ข้ามขั้นนี้: เส้นทางที่ไม่มีเหตุการณ์ในขั้นนั้น (ข้ามไปหรือเข้ามาทีหลัง) " + held
                         : "Drop-off: journeys whose last stage was the previous column. Skipped: journeys with no event in that stage (they jumped over it or entered later). " + held)
        }
        if flows.nodes.contains(where: { $0.kind == .start }) {
            lines.append(thai ? "เริ่มเส้นทาง: เส้นทางที่ขั้นแรกอยู่ในคอลัมน์ถัดไป" : "Start: paths whose first step is in the next column.")
        }
        let others = flows.nodes.filter { $0.kind == .other }
        if !others.isEmpty {
            let parts = others.prefix(4).map { node -> String in
                let names = node.members.prefix(3).map { "\($0.name) \(n($0.value))" }.joined(separator: ", ")
                let rest = node.members.count + node.withheldMembers - min(3, node.members.count)
                let more = rest > 0 ? (thai ? " และอีก \(rest)" : " +\(rest) more") : ""
                return "\(header(flows, node.column)): " + (names.isEmpty ? String(more.dropFirst()) : names + more)
            }
            let tail = others.count > 4 ? "; …" : ""
            lines.append((thai ? "อื่น ๆ: จุดสัมผัสนอก \(o.topK) อันดับแรกของคอลัมน์ — " : "Other: touchpoints outside the top \(o.topK) of their column — ")
                         + parts.joined(separator: "; ") + tail)
        }
        if flows.excluded > 0 {
            let who = o.countBy == .people ? (thai ? "คน" : "people") : (thai ? "เส้นทาง" : "journeys")
            if let a = o.anchor {
                lines.append(thai ? "ไม่แสดง \(n(flows.excluded)) \(who) ที่ไม่มี “\(a.touchpoint)”"
                             : "\(n(flows.excluded)) \(who) without “\(a.touchpoint)” are not shown.")
            } else {
                lines.append(thai ? "ไม่แสดง \(n(flows.excluded)) \(who) ที่ไม่มีเหตุการณ์ในขั้นตอนของแม่แบบ"
                             : "\(n(flows.excluded)) \(who) with no event in a template stage are not shown.")
            }
        }
        if flows.truncated > 0 {
            let before: Bool
            if case .to = o.anchor { before = true } else { before = false }
            lines.append(before
                ? (thai ? "\(n(flows.truncated)) เส้นทางเริ่มก่อนคอลัมน์แรก"
                        : flows.truncated == 1 ? "1 path begins before the first column." : "\(n(flows.truncated)) paths begin before the first column.")
                : (thai ? "\(n(flows.truncated)) เส้นทางยังดำเนินต่อหลังคอลัมน์สุดท้าย"
                        : flows.truncated == 1 ? "1 path continues beyond the last column." : "\(n(flows.truncated)) paths continue beyond the last column."))
        }
        if flows.mode == .stages {
            if flows.privacy?.returns == true {
                lines.append(thai ? "ย้อนกลับ: ไม่แสดงจำนวน (มาจากคนน้อยเกินไป)" : "Went back: the counts are withheld (too few people).")
            } else if flows.returnJourneys > 0 {
                lines.append(thai ? "ย้อนกลับ: \(n(flows.returnJourneys)) \(u) ย้อนไปขั้นตอนก่อนหน้า (\(n(flows.returnMoves)) ครั้ง) เส้นไปข้างหน้าเรียงตามขั้นตอน แต่ละเส้นทางนับครั้งเดียวต่อขั้น ที่จุดสัมผัสแรกในขั้นนั้น"
                             : "Went back: \(n(flows.returnJourneys)) \(u) moved back to an earlier stage (\(n(flows.returnMoves)) moves), drawn as dashed arcs. Forward ribbons follow stage order: each journey counts once per stage, at its first touchpoint there.")
            } else {
                lines.append(thai ? "ไม่มีเส้นทางใดย้อนกลับไปขั้นตอนก่อนหน้า" : "No journey moved back to an earlier stage.")
            }
            if !hiddenArcs.isEmpty {
                let list = hiddenArcs.prefix(6).map { "\($0.from) → \($0.to) \(n($0.value))" }.joined(separator: ", ")
                lines.append((thai ? "การย้อนกลับที่เล็กกว่าซึ่งไม่ได้วาด: " : "Smaller return arcs not drawn: ") + list + (hiddenArcs.count > 6 ? ", …" : ""))
            }
            if flows.unplacedEvents > 0 {
                lines.append(thai ? "\(n(flows.unplacedEvents)) เหตุการณ์ของกิจกรรมที่ไม่ได้จัดกลุ่มไม่ได้วางในขั้นตอนใด"
                             : "\(n(flows.unplacedEvents)) events of unassigned activities are not placed on any stage.")
            }
            if !flows.omittedStages.isEmpty {
                let names = flows.omittedStages.compactMap { id in flows.stages.first { $0.id == id }?.names.text(language) }
                lines.append((thai ? "ขั้นตอนที่ไม่มีเส้นทางใดไปถึง: " : "Stages no journey reached: ") + names.joined(separator: ", "))
            }
        }
        if let p = flows.privacy { lines.append(privacy(p)) }
        if let source, !source.isEmpty { lines.append((thai ? "ที่มา: " : "Source: ") + source) }
        return lines
    }

    /// Column header: "Step 3" or the stage name.
    func header(_ flows: SankeyFlows, _ column: Int) -> String {
        let col = flows.columns[column]
        if let s = col.stageIndex { return flows.stages[s].names.text(language) }
        return stepHeader(col.step ?? column + 1)
    }

    /// `--min-people`: "Numbers from fewer than 10 people hidden (3 nodes, 5 flows and 2 other
    /// numbers withheld; docs/privacy.md)."
    func privacy(_ p: SankeyFlows.Privacy) -> String {
        let n = SankeyFormat.count, other = p.withheld - p.nodes - p.links
        let note = p.note(thai: thai)
        return thai ? "\(note) (ไม่แสดง \(n(p.nodes)) โหนด, \(n(p.links)) เส้นการไหล, อื่น ๆ \(n(other)))"
            : "\(note.prefix(1).uppercased())\(note.dropFirst()) (\(n(p.nodes)) nodes, \(n(p.links)) flows and \(n(other)) other numbers withheld; docs/privacy.md)."
    }
}
