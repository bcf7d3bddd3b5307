import Foundation
import Testing

/// `mine --lanes X --min-people k` (formerly refused): the journey file holds the split lane
/// graph with the graph rules applied, and nothing else. Checked against the same file mined
/// with `--people` and without `--min-people` (`LaneGraphCheck`): every shown box, flow, start
/// and end equals its count there and rests on `k` people or more, and for each box's and
/// stage's sums what subtraction gives back rests on `k` people or more (a withheld member
/// with `k` people or more, or nothing shown). `map FILE --lanes X` draws what `map LOG --lanes
/// X --min-people k` draws.
@Suite(.serialized) struct LanesMineMinPeopleCLITests {
    static let samples = ["compare-after.csv", "compare-before.csv", "shop-journeys.csv", "thai-shop.csv"]
    static let cases: [(String, Int, Bool)] = samples.flatMap { s in [5, 20].flatMap { k in [(s, k, false), (s, k, true)] } }

    @Test func theRefusalIsGone() throws {
        let dir = try MinPeopleCLITests().scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let csv = try LanesMinPeopleCLITests().log(in: dir)
        let out = dir.appendingPathComponent("lanes.json").path
        let r = try CLI.run(["mine", csv, "--lanes", "channel", "--session-gap", "1h", "--min-people", "5", "--quiet", "-o", out])
        #expect(r.status == 0 && !r.stderr.contains("not suppressed"), "\(r.stderr)")
        let text = try String(contentsOfFile: out, encoding: .utf8)
        // The app box (3 people) and with it the web box (the stage total would give it back).
        #expect(!text.contains("browse \\u00b7 app") && !text.contains("browse · app"))
        #expect(!text.contains("browse \\u00b7 web") && !text.contains("browse · web"))
        #expect(text.contains("\"minPeople\" : 5") || text.contains("\"minPeople\":5"))
    }

    /// The checker is not blind: a file published at k = 2 fails it at k = 5 (the made log's
    /// app box of 3 people) and passes it at k = 2.
    @Test func theCheckerCatchesSmallNumbers() throws {
        let dir = try MinPeopleCLITests().scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        func file(_ name: String) -> String { dir.appendingPathComponent(name).path }
        let csv = try LanesMinPeopleCLITests().log(in: dir)
        let common = [csv, "--lanes", "channel", "--session-gap", "1h", "--quiet"]
        #expect(try CLI.run(["mine"] + common + ["--people", "-o", file("full.json")]).status == 0)
        #expect(try CLI.run(["mine"] + common + ["--min-people", "2", "-o", file("k2.json")]).status == 0)
        #expect(try !LaneGraphCheck.problems(full: file("full.json"), published: file("k2.json"), k: 5).isEmpty)
        #expect(try LaneGraphCheck.problems(full: file("full.json"), published: file("k2.json"), k: 2).isEmpty)
    }

    @Test(arguments: cases)
    func samples(_ sample: String, _ k: Int, _ sessions: Bool) throws {
        let dir = try MinPeopleCLITests().scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        func file(_ name: String) -> String { dir.appendingPathComponent(name).path }
        let log = CLI.root.appendingPathComponent("samples/\(sample)").path
        // 0.95 so that some touchpoints of the samples split.
        let common = [log, "--lanes", "channel", "--lanes-split", "0.95", "--quiet"] + (sessions ? ["--session-gap", "1h"] : [])
        let full = try CLI.run(["mine"] + common + ["--people", "-o", file("full.json")])
        #expect(full.status == 0, "\(full.stderr)")
        let published = try CLI.run(["mine"] + common + ["--min-people", "\(k)", "-o", file("pub.json")])
        #expect(published.status == 0, "\(published.stderr)")
        let problems = try LaneGraphCheck.problems(full: file("full.json"), published: file("pub.json"), k: k)
        #expect(problems.isEmpty, "\(sample) k=\(k) sessions=\(sessions): \(problems.joined(separator: "\n"))")

        // The map drawn from the file is the one drawn from the log, and says it.
        let fromLog = try CLI.run(["map"] + common + ["--min-people", "\(k)", "-o", file("log.layout.json"), "-o", file("log.svg")])
        #expect(fromLog.status == 0, "\(fromLog.stderr)")
        let fromFile = try CLI.run(["map", file("pub.json"), "--lanes", "channel", "--lanes-split", "0.95", "--quiet",
                                    "--min-people", "\(k)", "-o", file("file.layout.json")])
        #expect(fromFile.status == 0, "\(fromFile.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: file("log.layout.json"))) == Data(contentsOf: URL(fileURLWithPath: file("file.layout.json"))))
        let svg = try String(contentsOfFile: file("log.svg"), encoding: .utf8)
        #expect(svg.contains("numbers from fewer than \(k) people hidden"))
    }
}

/// An independent reading of a lane journey file's numbers (docs/privacy.md, the graph rules):
/// the split graph is rebuilt from the unpublished file (touchpoints with their split boxes
/// replaced by the `lanes` section's), and the published file's touchpoints, edges, starts and
/// ends are held to it.
enum LaneGraphCheck {
    struct Item { var value: Int; var people: Int }

    static func json(_ path: String) throws -> [String: Any] {
        try #require(JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any])
    }

    /// Items by key: "t|name", "s|name", "e|name", "f|from|to"; and each touchpoint's stage.
    static func items(touchpoints: [[String: Any]], edges: [[String: Any]]) -> ([String: Item], [String: String]) {
        var out: [String: Item] = [:], stage: [String: String] = [:]
        for t in touchpoints {
            let name = t["name"] as! String
            stage[name] = t["stage"] as? String
            let journeys = t["journeys"] as! Int, starts = t["starts"] as! Int, ends = t["ends"] as! Int
            out["t|" + name] = Item(value: t["events"] as! Int, people: (t["people"] as? Int) ?? journeys)
            out["s|" + name] = Item(value: starts, people: (t["startPeople"] as? Int) ?? starts)
            out["e|" + name] = Item(value: ends, people: (t["endPeople"] as? Int) ?? ends)
        }
        for e in edges {
            out["f|\(e["from"] as! String)|\(e["to"] as! String)"] = Item(value: e["count"] as! Int, people: (e["people"] as? Int) ?? (e["journeys"] as! Int))
        }
        return (out, stage)
    }

    static func problems(full fullPath: String, published pubPath: String, k: Int) throws -> [String] {
        let full = try json(fullPath), pub = try json(pubPath)
        var problems: [String] = []
        // The full split graph.
        let section = full["lanes"] as! [String: Any]
        let split = Set((section["boxes"] as! [[String: Any]]).filter { $0["split"] as! Bool }.map { $0["touchpoint"] as! String })
        let touchpoints = (full["touchpoints"] as! [[String: Any]]).filter { !split.contains($0["name"] as! String) }
            + (section["touchpoints"] as! [[String: Any]])
        let edges = (full["edges"] as! [[String: Any]]).filter { !split.contains($0["from"] as! String) && !split.contains($0["to"] as! String) }
            + (section["edges"] as! [[String: Any]])
        let (all, stageOf) = items(touchpoints: touchpoints, edges: edges)
        // Published: the file's touchpoints and edges are the split boxes (no numbers in its section).
        let pubSection = pub["lanes"] as! [String: Any]
        if !(pubSection["touchpoints"] as! [Any]).isEmpty || !(pubSection["edges"] as! [Any]).isEmpty {
            problems.append("the published lanes section has numbers of its own")
        }
        let (shown, _) = items(touchpoints: pub["touchpoints"] as! [[String: Any]], edges: pub["edges"] as! [[String: Any]])
        let shownBoxes = Set((pub["touchpoints"] as! [[String: Any]]).map { $0["name"] as! String })
        for b in pubSection["boxes"] as! [[String: Any]] where !shownBoxes.contains(b["name"] as! String) {
            problems.append("the section names the withheld box \(b["name"]!)")
        }
        // A number is withheld when left out, or a start/end shown as 0 that was not.
        func isShown(_ key: String) -> Bool {
            guard let s = shown[key] else { return false }
            return s.value == all[key]?.value || all[key]?.value == 0
        }
        for (key, s) in shown {
            guard let a = all[key] else { problems.append("\(key) is not in the full graph"); continue }
            if s.value == 0 && a.value > 0 && (key.hasPrefix("s|") || key.hasPrefix("e|")) { continue }
            if s.value != a.value { problems.append("\(key): \(s.value), counted \(a.value)") }
            if a.value > 0 && a.people < k { problems.append("\(key): \(a.value) rests on \(a.people) people < \(k)") }
        }
        // The sums: a box's events = its flows in + starts = its flows out + ends; a stage's events = its boxes.
        /// `total` nil: a stage's total, shown (the withheld ones are skipped).
        func check(_ total: String?, _ members: [String], _ what: String) {
            if let total, !isShown(total) { return }
            let withheld = members.filter { (all[$0]?.value ?? 0) > 0 && !isShown($0) }
            let shownAny = members.contains { isShown($0) && (all[$0]?.value ?? 0) > 0 }
            guard !withheld.isEmpty, shownAny else { return }  // all withheld: the sum is the total
            if !withheld.contains(where: { all[$0]!.people >= k }) {
                problems.append("\(what): \(withheld) withheld, none resting on \(k) people, recoverable by subtraction")
            }
        }
        for t in touchpoints {
            let name = t["name"] as! String
            let ins = edges.filter { ($0["to"] as! String) == name }.map { "f|\($0["from"] as! String)|\(name)" }
            let outs = edges.filter { ($0["from"] as! String) == name }.map { "f|\(name)|\($0["to"] as! String)" }
            check("t|" + name, ins + ["s|" + name], "\(name) in")
            check("t|" + name, outs + ["e|" + name], "\(name) out")
        }
        let stageIDs = Set((full["stages"] as! [[String: Any]]).map { $0["id"] as! String })
        let withheldStages = Set(((pub["privacy"] as? [String: Any])?["stages"] as? [String]) ?? [])
        for s in stageIDs where !withheldStages.contains(s) {
            let members = touchpoints.map { $0["name"] as! String }.filter { stageOf[$0] == s }.map { "t|" + $0 }
            check(nil, members, "stage \(s)")
        }
        return problems
    }
}
