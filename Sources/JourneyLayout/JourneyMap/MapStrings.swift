/// The words a journey map draws besides the template's own names, in English and Thai
/// (`--lang th`); any other language falls back to English.
struct MapStrings: Sendable {
    var journeys: String
    var events: String
    var ofJourneys: String
    var keptFromPrevious: String
    /// "kept from" before a named stage (the previous stage journeys reached, when one between was empty).
    var keptFromNamed: String
    func keptFrom(_ stage: String) -> String { "\(keptFromNamed) \(stage)" }
    var to: String
    var moves: String
    /// "1 move", "1,177 moves", "3 ครั้ง" (Thai nouns have no plural).
    func moves(_ n: Int) -> String { count(n, moves) }
    func journeys(_ n: Int) -> String { count(n, journeys) }
    func events(_ n: Int) -> String { count(n, events) }
    private func count(_ n: Int, _ noun: String) -> String {
        n == 1 && noun.hasSuffix("s") ? "1 \(noun.dropLast())" : "\(formatCount(n)) \(noun)"
    }
    var widthNote: String
    var shadeNote: String
    var markers: String
    var countLabels: String
    var shareLabels: String
    var timeLabels: String
    var channels: String
    /// The legend's name for boxes whose events come from several channels ("mixed").
    var mixedChannels: String = "mixed"

    static func forLanguage(_ language: String) -> MapStrings {
        language.lowercased().hasPrefix("th") ? thai : english
    }

    static let english = MapStrings(
        journeys: "journeys", events: "events", ofJourneys: "of journeys", keptFromPrevious: "kept from previous",
        keptFromNamed: "kept from", to: "to", moves: "moves",
        widthNote: "line width follows the number of moves; dashed: back to an earlier stage",
        shadeNote: "box shade: events at the touchpoint",
        markers: "▶ journeys starting here   ■ ending here   ↻ repeated in a row",
        countLabels: "edge labels: number of moves", shareLabels: "edge labels: share of moves leaving the touchpoint",
        timeLabels: "edge labels: median time between the two events", channels: "channels:")

    static let thai = MapStrings(
        journeys: "เส้นทาง", events: "เหตุการณ์", ofJourneys: "ของเส้นทาง", keptFromPrevious: "ต่อจากขั้นก่อน",
        keptFromNamed: "ต่อจาก", to: "ถึง", moves: "ครั้ง",
        widthNote: "ความหนาของเส้นตามจำนวนครั้งที่ย้าย เส้นประ: ย้อนกลับไปขั้นก่อนหน้า",
        shadeNote: "สีกล่อง: จำนวนเหตุการณ์ที่จุดสัมผัส",
        markers: "▶ เริ่มต้นที่นี่   ■ สิ้นสุดที่นี่   ↻ ซ้ำต่อเนื่อง",
        countLabels: "ตัวเลขบนเส้น: จำนวนครั้งที่ย้าย", shareLabels: "ตัวเลขบนเส้น: สัดส่วนของการย้ายออกจากจุดสัมผัส",
        timeLabels: "ตัวเลขบนเส้น: เวลามัธยฐานระหว่างสองเหตุการณ์", channels: "ช่องทาง:", mixedChannels: "หลายช่องทาง")
}
