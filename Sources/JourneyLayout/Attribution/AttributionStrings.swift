import JourneyCore

/// The words of the attribution picture, in English or Thai.
struct AttributionStrings {
    let thai: Bool
    init(language: String) { thai = language.hasPrefix("th") }

    func title(_ by: AttributionOptions.Unit) -> String {
        switch (by, thai) {
        case (.touchpoint, false): return "Which touchpoints earn the conversions"
        case (.channel, false): return "Which channels earn the conversions"
        case (.touchpoint, true): return "จุดสัมผัสใดทำให้เกิดคอนเวอร์ชัน"
        case (.channel, true): return "ช่องทางใดทำให้เกิดคอนเวอร์ชัน"
        }
    }

    /// Model names, in bar order.
    var models: [String] {
        thai ? ["มาร์คอฟ (ผลจากการตัดออก)", "จุดสัมผัสแรก", "จุดสัมผัสสุดท้าย", "เชิงเส้น"]
             : ["Markov (removal effect)", "First touch", "Last touch", "Linear"]
    }

    /// The conversion in the picture's language: a stage by its name there.
    func conversion(_ a: Attribution, language: String) -> String {
        guard case .stage(let wanted) = a.options.conversion,
              let stage = a.stages.first(where: { $0.id == wanted || $0.names.values.values.contains(wanted) }) else { return a.conversionName }
        return stage.names.text(language) + (thai ? " ขึ้นไป" : " or a later stage")
    }

    func subtitle(_ a: Attribution, language: String) -> String {
        let name = conversion(a, language: language)
        let count = a.conversionsText(thai: thai)
        let order = a.options.order == 2 ? (thai ? " · ลำดับที่ 2 (คู่ขั้นตอน)" : " · order 2 (pairs of steps)") : ""
        return thai
            ? "คอนเวอร์ชัน: \(name) · \(count) คอนเวอร์ชันจาก \(CountFormat.grouped(a.journeys)) เส้นทาง\(order)"
            : "Conversion: \(name) · \(count) conversions from \(CountFormat.grouped(a.journeys)) journeys\(order)"
    }

    var meaning: String {
        thai ? "แท่งแสดงจำนวนคอนเวอร์ชันที่แต่ละโมเดลให้เครดิต · มาร์คอฟ = คอนเวอร์ชัน × ผลจากการตัดออก ÷ ผลรวมของผล; ผลจากการตัดออก (%) คือส่วนของคอนเวอร์ชันที่หายไปเมื่อไม่มีจุดนั้น"
             : "Bars: conversions each model credits · Markov = conversions × removal effect ÷ sum of effects; the removal effect (%) is the share of conversions lost without the state"
    }

    func firstStep(_ n: String) -> String {
        thai ? "\(n) เส้นทางเกิดคอนเวอร์ชันตั้งแต่ขั้นแรก (ไม่มีจุดให้เครดิต)" : "\(n) \(n == "1" ? "journey converted at its" : "journeys converted at their") first step (no step to credit)"
    }

    func hidden(_ n: Int) -> String {
        thai ? "อีก \(n) รายการที่เครดิตน้อยกว่าอยู่ในไฟล์ CSV" : "\(n) more states with less credit are in the CSV"
    }

    func effect(_ percent: String) -> String { thai ? "ผล \(percent)" : "effect \(percent)" }
}
