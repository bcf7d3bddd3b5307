import Foundation
import Testing
import JourneyTestSupport

/// Every drawn flow carries its number on the journey map (trial 10: flows between two boxes
/// stacked one above the other, drawn straight across a gap about one label high, had none),
/// and when a label truly finds no place the footnote says how many flows are unlabelled.
@Suite(.serialized) struct FlowLabelCLITests {
    /// Removed with the suite value.
    let scratch: TemporaryDirectory
    let dir: URL

    init() throws {
        scratch = try TemporaryDirectory("flow-labels")
        dir = scratch.url
    }

    func path(_ name: String) -> String { dir.appendingPathComponent(name).path }

    struct Box { let x, y, w, h: Double
        func intersects(_ o: Box) -> Bool { x < o.x + o.w && o.x < x + w && y < o.y + o.h && o.y < y + h }
    }

    func elements(_ file: String) throws -> [[String: Any]] {
        let data = try Data(contentsOf: URL(fileURLWithPath: file))
        let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        return try #require(json["elements"] as? [[String: Any]])
    }

    func box(_ e: [String: Any]) -> Box? {
        guard let b = e["bounds"] as? [String: Double], let x = b["x"], let y = b["y"], let w = b["width"], let h = b["height"] else { return nil }
        return Box(x: x, y: y, w: w, h: h)
    }

    /// The demo's map had 9 flows without a number (share ↔ referral, review_written, the
    /// Awareness column's stacked boxes); now every flow has one, on no box and no other label.
    @Test func everyFlowOfTheDemoMapHasALabelClearOfBoxesAndLabels() throws {
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try CLI.run(["map", "samples/shop-journeys.csv", "-o", path("m.layout.json")])
        #expect(r.status == 0, "\(r.stderr)")
        let all = try elements(path("m.layout.json"))
        let flows = Set(all.filter { $0["role"] as? String == "edge path" }.compactMap { $0["id"] as? String })
        let labels = all.filter { $0["role"] as? String == "edge label" }
        #expect(flows.count == 43)
        #expect(Set(labels.compactMap { $0["id"] as? String }) == flows)
        let boxes = all.filter { $0["role"] as? String == "touchpoint box" }.compactMap(box)
        let frames = labels.compactMap(box)
        for (i, f) in frames.enumerated() {
            #expect(!boxes.contains { $0.intersects(f) }, "label \(labels[i]["id"] ?? "") covers a box")
            #expect(!frames.enumerated().contains { $0.offset != i && $0.element.intersects(f) }, "label \(labels[i]["id"] ?? "") covers a label")
        }
        let notes = all.filter { $0["role"] as? String == "note" }.compactMap { $0["text"] as? [String] }.joined()
        #expect(!notes.contains { $0.contains("without a label") }, "\(notes)")
    }

    /// 300 flows on the demo's page cannot all carry a number: the footnote counts those left bare.
    @Test func theFootnoteCountsFlowsLeftWithoutALabel() throws {
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try CLI.run(["map", "samples/shop-journeys.csv", "--max-edges", "300", "--max-touchpoints", "30",
                             "-o", path("m.layout.json")])
        #expect(r.status == 0, "\(r.stderr)")
        let all = try elements(path("m.layout.json"))
        let flows = all.filter { $0["role"] as? String == "edge path" }.count
        let labels = all.filter { $0["role"] as? String == "edge label" }.count
        #expect(flows > labels)
        let notes = all.filter { $0["role"] as? String == "note" }.compactMap { $0["text"] as? [String] }.joined()
        #expect(notes.contains("\(flows - labels) flows are drawn without a label (no free place for it)."), "\(notes)")
    }
}
