import Testing
import JourneyCore
@testable import JourneyLayout

/// A stand-in for Pango: every character (grapheme cluster) is 0.6 × size wide, a line is
/// 1.25 × size tall; text wraps at spaces, and a word longer than the line breaks between
/// characters (as Pango's word-char wrapping does).
struct PersonaFakeMeasurer: TextMeasurer {
    func measure(_ text: String, font: FontSpec, maxWidth: Double?) -> Size {
        let advance = 0.6 * font.size
        let lines = wrap(text, maxCharacters: maxWidth.map { max(1, Int(($0 + 1e-9) / advance)) })
        let widest = lines.map(\.count).max() ?? 0
        return Size(width: Double(widest) * advance, height: Double(max(1, lines.count)) * 1.25 * font.size)
    }

    /// Lines of at most `maxCharacters` characters (unlimited when nil).
    func wrap(_ text: String, maxCharacters: Int?) -> [[Character]] {
        var lines: [[Character]] = []
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            guard let limit = maxCharacters else { lines.append(Array(paragraph)); continue }
            var line: [Character] = []
            for word in paragraph.split(separator: " ", omittingEmptySubsequences: false).map(Array.init) {
                let needed = line.isEmpty ? word.count : line.count + 1 + word.count
                if needed <= limit {
                    line += line.isEmpty ? word : [" "] + word
                    continue
                }
                if !line.isEmpty { lines.append(line); line = [] }
                var rest = word[...]
                while rest.count > limit { lines.append(Array(rest.prefix(limit))); rest = rest.dropFirst(limit) }
                line = Array(rest)
            }
            lines.append(line)
        }
        return lines
    }
}

/// Geometry checks shared by card, sheet and lane tests.
enum PersonaGeometry {
    static func texts(_ items: [SceneItem]) -> [TextItem] {
        items.compactMap { if case .text(let t) = $0 { return t } else { return nil } }
    }

    /// Every text inside `bounds`, as large as its measured text, and no two texts overlapping.
    static func check(_ items: [SceneItem], inside bounds: Rect, measurer: any TextMeasurer = PersonaFakeMeasurer(),
                      sourceLocation: SourceLocation = #_sourceLocation) {
        let texts = texts(items)
        for t in texts {
            #expect(bounds.contains(t.frame), "text \"\(t.text)\" at \(t.frame) leaves \(bounds)", sourceLocation: sourceLocation)
            let size = measurer.measure(t.text, font: t.font, maxWidth: t.wrap ? t.frame.width : nil)
            #expect(size.width <= t.frame.width + 0.01 && size.height <= t.frame.height + 0.01,
                    "text \"\(t.text)\" measures \(size) but has \(t.frame)", sourceLocation: sourceLocation)
        }
        for i in texts.indices {
            for j in texts.indices where j > i && texts[i].frame.intersects(texts[j].frame) {
                Issue.record("texts overlap: \"\(texts[i].text)\" \(texts[i].frame) and \"\(texts[j].text)\" \(texts[j].frame)",
                             sourceLocation: sourceLocation)
            }
        }
    }

    /// Every point of every path and every rectangle inside `bounds`.
    static func checkShapes(_ items: [SceneItem], inside bounds: Rect, sourceLocation: SourceLocation = #_sourceLocation) {
        let outer = bounds.insetBy(dx: -0.01, dy: -0.01)
        for item in items {
            switch item {
            case .rect(let r):
                #expect(outer.contains(r.frame), "rect \(r.frame) leaves \(bounds)", sourceLocation: sourceLocation)
            case .image(let i):
                #expect(outer.contains(i.frame), "image \(i.frame) leaves \(bounds)", sourceLocation: sourceLocation)
            case .path(let p):
                for s in p.segments {
                    let points: [Point]
                    switch s {
                    case .move(let a), .line(let a): points = [a]
                    case let .curve(c1, c2, to): points = [c1, c2, to]
                    case .close: points = []
                    }
                    for q in points {
                        #expect(outer.contains(Rect(x: q.x, y: q.y, width: 0, height: 0)),
                                "path point \(q) leaves \(bounds)", sourceLocation: sourceLocation)
                    }
                }
            case .text: break
            }
        }
    }
}

/// A persona whose every text is far too long, in Thai and English.
let overlongPersona: Persona = {
    let longThai = "ลูกค้าต้องการเปรียบเทียบราคาสินค้าจากหลายร้านค้าออนไลน์ก่อนตัดสินใจซื้อทุกครั้งโดยเฉพาะสินค้าราคาสูงที่ต้องผ่อนชำระ"
    let longEnglish = "She wants to compare prices from many online shops before every purchase, especially expensive products she pays for in instalments, and she reads every single review first"
    let word = "Supercalifragilisticexpialidocious-internationalisation-platform-integration"
    func both(_ th: String, _ en: String) -> LocalizedText { LocalizedText(["th": th, "en": en]) }
    return Persona(
        name: both("นางสาวสุภาวดี ศรีสุวรรณวิจิตรพงศ์ไพบูลย์ผู้ช่วยผู้จัดการฝ่ายบัญชีอาวุโส", "Ms Supawadee Srisuwanwichitpongpaiboon, Senior Assistant Accounting Manager of the Northern Region"),
        role: both(longThai + longThai, longEnglish + " " + longEnglish),
        quote: both(String(repeating: longThai + " ", count: 4), String(repeating: longEnglish + " ", count: 3)),
        goals: (0..<9).map { both("\($0) " + longThai, "\($0) " + longEnglish) },
        painPoints: [both(word + word, word), both(longThai, longEnglish)],
        motivations: [both("ส่วนลด", "Discounts"), both(longThai, word)],
        channels: [both("แอปพลิเคชันมือถือของร้านค้าที่มีชื่อยาวมากเป็นพิเศษจนไม่พอดีกับช่อง", word + " mobile application"),
                   both("ไลน์", "LINE"), both("เว็บไซต์", "Website"), both("หน้าร้าน", "Store")],
        stages: [
            PersonaStage(stage: "awareness", emotion: 2, notes: both(longThai, longEnglish)),
            PersonaStage(stage: "consideration", emotion: -0.5, painPoints: (0..<6).map { both(longThai, longEnglish + " \($0)") }),
            PersonaStage(stage: "decision", emotion: -2, painPoints: [both(word + word, word + word)],
                         opportunities: [both(longThai, longEnglish)]),
            PersonaStage(stage: "usage", emotion: 1.5),
            PersonaStage(stage: "retention", emotion: 0, opportunities: [both("โอกาส", "Chance")]),
            PersonaStage(stage: "advocacy", emotion: 1),
        ])
}()
