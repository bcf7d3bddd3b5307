import Foundation
import Testing
import JourneyRender
import JourneyScene

/// Measurers and semantic SVGs share one Pango font map (`SharedFontMap`): used from many
/// threads at once — SVGs written, measurers made, used and dropped, PNGs drawn beside them —
/// every result is the one a single thread gets.
@Suite struct SharedFontMapTests {
    static let families = ["DejaVu Sans", "DejaVu Serif", "Noto Sans Thai", "Noto Sans", "Sans"]
    static let texts = ["Awareness", "การทำความรู้จัก", "Customer support ติดต่อฝ่ายบริการลูกค้า", "ก1 · 98%"]

    /// Job `i`'s font: a family and a size no other job asks for, so that the jobs load fonts
    /// into the shared map while the others use it.
    static func font(_ i: Int) -> FontSpec {
        FontSpec(family: families[i % families.count], size: 7 + Double(i) * 0.37, bold: i % 3 == 0, italic: i % 7 == 0)
    }

    /// A scene of labels in job `i`'s fonts (Latin and Thai, wrapped and not).
    static func scene(_ i: Int) -> Scene {
        var scene = Scene(width: 640, height: 200)
        scene.items = texts.enumerated().map { k, text in
            .text(TextItem(text: text, frame: Rect(x: 10 + Double(k) * 150, y: 20, width: 140, height: 160),
                           font: font(i + k), color: Color(red: 0.1, green: 0.1, blue: 0.1), wrap: k % 2 == 0))
        }
        scene.language = i % 2 == 0 ? "th" : "en"
        return scene
    }

    @Test func concurrentSVGsAndMeasurersGiveTheSerialResults() throws {
        let jobs = 64
        let results = ResultBox<Outcome>(count: jobs)
        DispatchQueue.concurrentPerform(iterations: jobs) { i in
            do {
                switch i % 4 {
                case 0, 1:
                    results.set(i, .svg(try render(Self.scene(i), format: .svg)))
                case 2:
                    // A measurer of its own, made and released on this thread.
                    let m = try PangoTextMeasurer()
                    results.set(i, .sizes(Self.texts.map { m.measure($0, font: Self.font(i), maxWidth: 120) }))
                default:
                    results.set(i, .png(try render(Self.scene(i), format: .png)))
                }
            } catch {
                results.set(i, .failed("\(error)"))
            }
        }
        // The same jobs one after another.
        let serial = try PangoTextMeasurer()
        for i in 0..<jobs {
            let expected: Outcome
            switch i % 4 {
            case 0, 1: expected = .svg(try render(Self.scene(i), format: .svg))
            case 2: expected = .sizes(Self.texts.map { serial.measure($0, font: Self.font(i), maxWidth: 120) })
            default: expected = .png(try render(Self.scene(i), format: .png))
            }
            if results.get(i) != expected { Issue.record("job \(i) (\(i % 4)): not what one thread gets") }
        }
    }
}

enum Outcome: Equatable {
    case svg([UInt8]), png([UInt8]), sizes([Size]), failed(String)
}
