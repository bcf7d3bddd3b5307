import Foundation
import Testing

/// `compare --lanes channel --min-people k` (formerly refused): each side's split lane graph
/// (boxes split over both sides, as without the flag) is published by the graph rules, and the
/// pictures are drawn from the two published graphs. On the sample pair at k = 5 and 20, with
/// and without `--session-gap 1h`: every box drawn rests on `k` people or more on each side
/// where it occurs (counted here from the CSVs), every flow drawn too (without the gap, where
/// flows are consecutive events), and the legend and footnote say it. With a report written
/// beside the pictures, nothing is split (the report's touchpoints are sums of the boxes).
@Suite(.serialized) struct CompareLanesMinPeopleCLITests {
    static let sides = ["samples/compare-before.csv", "samples/compare-after.csv"]

    /// People (users) per box and per flow "a→b" of a sample CSV, boxes named as `split` says.
    static func people(_ path: String, split: Set<String>) throws -> (boxes: [String: Set<String>], flows: [String: Set<String>]) {
        let lines = try String(contentsOfFile: CLI.root.appendingPathComponent(path).path, encoding: .utf8)
            .split(separator: "\n").dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        var byUser: [String: [(String, String)]] = [:]
        for f in lines where f.count >= 4 {
            let box = split.contains(f[2]) ? "\(f[2]) · \(f[3])" : f[2]
            byUser[f[0], default: []].append((f[1], box))
        }
        var boxes: [String: Set<String>] = [:], flows: [String: Set<String>] = [:]
        for (user, events) in byUser {
            let path = events.sorted { $0.0 < $1.0 }.map(\.1)
            for b in path { boxes[b, default: []].insert(user) }
            for (a, b) in zip(path, path.dropFirst()) { flows["\(a)→\(b)", default: []].insert(user) }
        }
        return (boxes, flows)
    }

    @Test(arguments: [(5, false), (5, true), (20, false), (20, true)])
    func samplePair(_ k: Int, _ sessions: Bool) throws {
        let dir = try MinPeopleCLITests().scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        func file(_ name: String) -> String { dir.appendingPathComponent(name).path }
        let r = try CLI.run(["compare"] + Self.sides + ["--lanes", "channel", "--lanes-split", "0.95", "--min-people", "\(k)", "--quiet",
                                                        "-o", file("d.layout.json"), "-o", file("d.svg"), "--side-by-side", file("s.svg")]
                            + (sessions ? ["--session-gap", "1h"] : []))
        #expect(r.status == 0, "\(r.stderr)")
        let layout = try #require(JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: file("d.layout.json")))) as? [String: Any])
        let elements = layout["elements"] as! [[String: Any]]
        let boxes = elements.filter { ($0["role"] as? String) == "touchpoint box" }.map { $0["id"] as! String }
        let split = Set(boxes.filter { $0.contains(" · ") }.map { String($0.split(separator: " · ")[0]) })
        #expect(!split.isEmpty, "the samples split a touchpoint at 0.95")
        let flows = Set(elements.filter { ($0["role"] as? String) == "edge path" }.map { "\($0["from"] as! String)→\($0["to"] as! String)" })
        for side in Self.sides {
            let counted = try Self.people(side, split: split)
            for b in boxes {
                let n = counted.boxes[b]?.count ?? 0
                #expect(n == 0 || n >= k, "\(side): the box \(b) drawn rests on \(n) people < \(k)")
            }
            guard !sessions else { continue }
            for f in flows {
                let n = counted.flows[f]?.count ?? 0
                #expect(n == 0 || n >= k, "\(side): the flow \(f) drawn rests on \(n) people < \(k)")
            }
        }
        for svg in ["d.svg", "s.svg"] {
            let text = try String(contentsOfFile: file(svg), encoding: .utf8)
            #expect(text.contains("numbers from fewer than \(k) people hidden") || text.contains("Numbers from fewer than \(k) people hidden"), "\(svg)")
        }
    }

    @Test func withAReportNothingIsSplit() throws {
        let dir = try MinPeopleCLITests().scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let svg = dir.appendingPathComponent("d.svg").path, md = dir.appendingPathComponent("c.md").path
        let r = try CLI.run(["compare"] + Self.sides + ["--lanes", "channel", "--lanes-split", "0.95", "--min-people", "5", "--quiet", "-o", svg, "-o", md])
        #expect(r.status == 0, "\(r.stderr)")
        let withReport = try String(contentsOfFile: svg, encoding: .utf8)
        #expect(!withReport.contains("review_written · social") && !withReport.contains("review_written · web"))
        let alone = try CLI.run(["compare"] + Self.sides + ["--lanes", "channel", "--lanes-split", "0.95", "--min-people", "5", "--quiet", "-o", svg])
        let picture = try String(contentsOfFile: svg, encoding: .utf8)
        #expect(alone.status == 0 && picture.contains("review_written · social"), "\(alone.stderr)")
    }
}
