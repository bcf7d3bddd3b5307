import JourneyCore

/// Fixed words of persona cards and lanes in English and Thai (other languages: English),
/// and number, share and duration formats.
struct PersonaLabels: Sendable {
    let language: String
    private var thai: Bool { language == "th" }

    var goals: String { thai ? "เป้าหมาย" : "Goals" }
    var painPoints: String { thai ? "ปัญหาที่พบ" : "Pain points" }
    var motivations: String { thai ? "แรงจูงใจ" : "Motivations" }
    var channels: String { thai ? "ช่องทางที่ชอบ" : "Preferred channels" }
    var emotionJourney: String { thai ? "อารมณ์ตลอดเส้นทาง" : "Emotion across the journey" }
    var emotion: String { thai ? "อารมณ์" : "Emotion" }
    var notes: String { thai ? "บันทึก" : "Notes" }
    var opportunities: String { thai ? "โอกาสในการปรับปรุง" : "Opportunities" }
    var topChannels: String { thai ? "ช่องทางหลัก" : "Top channels" }
    var biggestDropOff: String { thai ? "จุดที่ลูกค้าหลุดมากที่สุด" : "Biggest drop-off" }
    /// Stage by stage: the touchpoint most journeys enter each stage by (see `PersonaFacts.measure`).
    var typicalPath: String { thai ? "เส้นทางทั่วไป: ทางเข้าแต่ละขั้นที่พบบ่อยที่สุด" : "Typical path: the most common way into each stage" }
    var ofJourneys: String { thai ? "ของเส้นทางทั้งหมด" : "of journeys" }
    /// The label under a median number of events (`count`): "1 event per journey", "2 events…".
    func medianEvents(_ v: Double) -> String { thai ? "เหตุการณ์ต่อเส้นทาง (มัธยฐาน)" : v == 1 ? "event per journey (median)" : "events per journey (median)" }
    /// A median count: "8", "7.5".
    func count(_ v: Double) -> String { v == v.rounded() ? Self.number(Int(v)) : "\((v * 10).rounded() / 10)" }
    var medianJourney: String { thai ? "ระยะเวลามัธยฐานต่อเส้นทาง" : "median journey duration" }
    var noChannels: String { thai ? "ไม่มีข้อมูลช่องทาง" : "no channel recorded" }

    var stageByStage: String { thai ? "รายละเอียดแต่ละขั้น" : "Stage by stage" }
    var painPoint: String { thai ? "ปัญหา" : "pain point" }
    var opportunity: String { thai ? "โอกาส" : "opportunity" }
    /// "emotion +1.5" / "อารมณ์ −2".
    func emotionScore(_ e: Double) -> String {
        let r = (e * 10).rounded() / 10
        let magnitude = abs(r) == abs(r).rounded() ? "\(Int(abs(r)))" : "\(abs(r))"
        let sign = r > 0 ? "+" : r < 0 ? "−" : ""
        return "\(emotion.lowercased()) \(sign)\(magnitude)"
    }
    func personaHeading(_ name: String) -> String { thai ? "เพอร์โซนา: \(name)" : "Persona: \(name)" }
    func more(_ n: Int) -> String { thai ? "และอีก \(n) รายการ" : "+ \(n) more" }
    func moreSteps(_ n: Int) -> String { thai ? "+\(n) ขั้น" : "+\(n) steps" }
    /// "reach Decision" / "ไปถึงการตัดสินใจ"; in Thai a space before a name that does not start
    /// in Thai script ("ไปถึง T10 Determine…", as inferred stages of real logs are named).
    func reach(_ stage: String) -> String {
        guard thai else { return "reach \(stage)" }
        let thaiScript = stage.unicodeScalars.first.map { (0x0E00...0x0E7F).contains($0.value) } ?? true
        return thaiScript ? "ไปถึง\(stage)" : "ไปถึง \(stage)"
    }
    func journeys(_ n: Int) -> String { thai ? "\(Self.number(n)) เส้นทาง" : n == 1 ? "1 journey" : "\(Self.number(n)) journeys" }
    func segmentSubtitle(_ f: PersonaFacts) -> String {
        thai ? "\(journeys(f.journeys)) · \(Self.percent(f.share)) ของทั้งหมด"
            : "\(journeys(f.journeys)) · \(Self.percent(f.share)) of all"
    }
    func dropOff(_ from: String, _ to: String, _ d: PersonaFacts.DropOff) -> String {
        thai ? "\(from) → \(to): \(Self.percent(d.share)) ของกลุ่มหยุดที่นี่ (\(journeys(d.journeys)))"
            : "\(from) → \(to): \(Self.percent(d.share)) of the segment stop here (\(journeys(d.journeys)))"
    }
    /// The typical-path heading; each step's box carries its own share, since journeys that
    /// follow every step are few (none, in the shop sample's largest segment).
    func pathCaption(_ t: PersonaFacts.TypicalPath) -> String {
        t.steps.contains { $0.share != nil } ? typicalPath : typicalPathUnmeasured
    }
    var typicalPathUnmeasured: String { thai ? "เส้นทางทั่วไป" : "Typical path" }

    /// "45 s", "12 min", "3.5 h", "4.2 days" (Thai units in Thai).
    func duration(_ seconds: Double) -> String {
        func one(_ v: Double) -> String {
            v >= 10 ? "\(Int(v.rounded()))" : { let r = (v * 10).rounded() / 10
                return r == r.rounded() ? "\(Int(r))" : "\(r)" }()
        }
        switch seconds {
        case ..<60: return thai ? "\(one(seconds)) วินาที" : "\(one(seconds)) s"
        case ..<3600: return thai ? "\(one(seconds / 60)) นาที" : "\(one(seconds / 60)) min"
        case ..<(2 * 86_400): return thai ? "\(one(seconds / 3600)) ชม." : "\(one(seconds / 3600)) h"
        default: return thai ? "\(one(seconds / 86_400)) วัน" : "\(one(seconds / 86_400)) days"
        }
    }

    /// "42%", "<1%" for small non-zero shares.
    static func percent(_ share: Double) -> String {
        let p = share * 100
        return p > 0 && p < 0.5 ? "<1%" : "\(Int(p.rounded()))%"
    }

    /// 1234567 → "1,234,567".
    static func number(_ n: Int) -> String { CountFormat.grouped(n) }

    /// Initials for an avatar: the first letter (or digit) of the first and last words, so
    /// "Segment 2" gives "S2". Thai leading vowels (เ แ โ ใ ไ) are skipped so the initial is a
    /// consonant; marks are dropped.
    static func initials(_ name: String) -> String {
        let words = name.split(whereSeparator: { $0.isWhitespace }).map(String.init)
        func initial(_ word: String) -> String? {
            for c in word where c.isLetter || c.isNumber {
                guard let base = c.unicodeScalars.first else { continue }
                if (0x0E40...0x0E44).contains(base.value) { continue }
                return String(base).uppercased()
            }
            return nil
        }
        let picked = [words.first, words.count > 1 ? words.last : nil].compactMap { $0.flatMap(initial) }
        return picked.isEmpty ? "?" : picked.joined()
    }
}
