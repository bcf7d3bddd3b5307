import JourneyRender
import JourneyScene

/// Scenes shared by the rendering tests.
enum SampleScenes {
    static let red = Color(red: 0.85, green: 0.15, blue: 0.15)
    static let blue = Color(red: 0.15, green: 0.3, blue: 0.85)
    static let green = Color(red: 0.1, green: 0.6, blue: 0.3)
    static let ink = Color(red: 0.1, green: 0.1, blue: 0.1)
    static let paper = Color(red: 0.98, green: 0.97, blue: 0.94)

    /// Two coloured boxes joined by a curve with an arrow, English and Thai labels.
    /// The red box spans (20,20)–(140,80); the blue box (220,20)–(340,80).
    static func small(title: String = "Sample journey", summary: String = "Two stages and a Thai label") -> Scene {
        let font = FontSpec(size: 13)
        let thai = FontSpec(size: 15)
        return Scene(width: 360, height: 200, background: paper, title: title, summary: summary, items: [
            .rect(RectItem(frame: Rect(x: 20, y: 20, width: 120, height: 60), cornerRadius: 8, fill: red,
                           stroke: Stroke(color: ink, width: 1))),
            .rect(RectItem(frame: Rect(x: 220, y: 20, width: 120, height: 60), cornerRadius: 8, fill: blue)),
            .path(PathItem(segments: [.move(Point(140, 50)), .curve(c1: Point(170, 120), c2: Point(190, 0), to: Point(220, 50))],
                           stroke: Stroke(color: ink, width: 2), arrowAtEnd: Arrow(length: 10, width: 8, color: ink))),
            .path(PathItem(segments: [.move(Point(30, 100)), .line(Point(330, 100))],
                           stroke: Stroke(color: green, width: 1.5, dash: [4, 3]))),
            .text(TextItem(text: "Awareness", frame: Rect(x: 20, y: 20, width: 120, height: 60), font: font,
                           color: .white, alignment: .center, verticalAlignment: .middle)),
            .text(TextItem(text: "การทำความรู้จัก", frame: Rect(x: 20, y: 110, width: 150, height: 30), font: thai,
                           color: ink, alignment: .left, verticalAlignment: .middle)),
            .text(TextItem(text: "การซื้อซ้ำ", frame: Rect(x: 220, y: 20, width: 120, height: 60), font: thai,
                           color: .white, alignment: .center, verticalAlignment: .middle)),
            .text(TextItem(text: "รู้ ซื้อ ซ้ำ — repeat purchase after discovery", frame: Rect(x: 190, y: 110, width: 150, height: 80),
                           font: FontSpec(size: 14), color: ink, alignment: .right, wrap: true,
                           background: Color(red: 1, green: 0.95, blue: 0.7))),
        ])
    }

    /// `count` labelled boxes in a grid, half of them Thai, joined by curved arrows.
    static func labels(_ count: Int) -> Scene {
        var items: [SceneItem] = []
        let words = ["Awareness", "การทำความรู้จัก", "Consideration", "การซื้อซ้ำ", "Purchase", "รู้ ซื้อ ซ้ำ"]
        for i in 0..<count {
            let frame = Rect(x: Double(i % 8) * 150 + 10, y: Double(i / 8) * 90 + 10, width: 130, height: 60)
            items.append(.rect(RectItem(frame: frame, cornerRadius: 6, fill: i.isMultiple(of: 2) ? red : blue)))
            items.append(.text(TextItem(text: "\(words[i % words.count]) \(i)", frame: frame, font: FontSpec(size: 12),
                                        color: .white, alignment: .center, verticalAlignment: .middle, wrap: true)))
            if i > 0 {
                let from = Point(frame.minX - 20, frame.midY), to = Point(frame.minX, frame.midY)
                items.append(.path(PathItem(segments: [.move(from), .curve(c1: Point(from.x + 5, from.y - 10),
                                                                           c2: Point(to.x - 5, to.y + 10), to: to)],
                                            stroke: Stroke(color: ink, width: 1), arrowAtEnd: Arrow(length: 6, width: 5, color: ink))))
            }
        }
        return Scene(width: 1220, height: Double((count + 7) / 8) * 90 + 20, title: "\(count) labels", items: items)
    }
}

extension Rect {
    var midY: Double { y + height / 2 }
}
