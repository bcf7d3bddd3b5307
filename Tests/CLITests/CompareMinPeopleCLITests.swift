import Foundation
import Testing

/// `compare --min-people k` through the real binary: each shared CSV log split in two by case
/// (Tests/Scripts/compare_min_people_check.py --split), compared at k = 5 and 20 with and
/// without `--session-gap`; the checker counts both sides from the files itself and finds every
/// shown row's counts equal to its own, resting on k people or more on each side, and nothing
/// left out given back by subtraction. Markdown, HTML and pictures say so.
@Suite(.serialized) struct CompareMinPeopleCLITests {
    static let checker = CLI.root.appendingPathComponent("Tests/Scripts/compare_min_people_check.py").path
    static let cases: [(String, Int, Bool)] = ["receipt.csv", "roadtraffic100traces.csv", "running-example.csv"].flatMap { log in
        [5, 20].flatMap { k in [(log, k, false), (log, k, true)] }
    }

    @Test(arguments: cases)
    func sharedLogs(_ log: String, _ k: Int, _ sessions: Bool) throws {
        guard AttributionReferenceTests.available() else { return }
        let path = AttributionReferenceTests.shared.appendingPathComponent(log).path
        guard FileManager.default.fileExists(atPath: path) else {
            print("CompareMinPeopleCLITests: skipped \(log): not found (../shared/data is next to the worktree on the build machine)")
            return
        }
        let dir = try MinPeopleCLITests().scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        func file(_ name: String) -> String { dir.appendingPathComponent(name).path }
        let python = AttributionReferenceTests.python
        #expect(try CLI.run([Self.checker, "--split", path, file("before.csv"), file("after.csv")], executable: python).status == 0)
        let gap = sessions ? ["--session-gap", "1h"] : []
        let common = ["--stages", "template", "--quiet"] + gap
        var people: [Int] = []
        for side in ["before", "after"] {
            let r = try CLI.run(["mine", file("\(side).csv"), "--people", "-o", file("\(side).json")] + common)
            #expect(r.status == 0, "\(r.stderr)")
            let g = try #require(JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: file("\(side).json")))) as? [String: Any])
            people.append((g["people"] as? Int) ?? (g["journeys"] as! Int))
        }
        let r = try CLI.run(["compare", file("before.csv"), file("after.csv"), "--min-people", "\(k)", "-o", file("c.json"),
                             "-o", file("c.md"), "-o", file("c.svg"), "-o", file("c.html"), "--side-by-side", file("s.svg")] + common)
        guard people.min()! >= k else {
            #expect(r.status != 0 && r.stderr.contains("--min-people \(k): only"), "\(r.stderr)")
            return
        }
        #expect(r.status == 0, "\(r.stderr)")
        let check = try CLI.run([Self.checker, file("before.csv"), file("after.csv"), file("before.json"), file("after.json"), "\(k)",
                                 file("c.json")] + (sessions ? ["--session-gap", "3600"] : []), executable: python)
        #expect(check.status == 0 && check.stdout == "ok\n", "\(log) k=\(k) sessions=\(sessions): \(check.stdout)\(check.stderr)")
        let note = "Numbers from fewer than \(k) people hidden"
        let md = try String(contentsOfFile: file("c.md"), encoding: .utf8)
        #expect(md.contains(note) && md.contains("left out and not tested"))
        for picture in ["c.svg", "s.svg"] {
            let svg = try String(contentsOfFile: file(picture), encoding: .utf8)
            #expect(svg.contains(note), "\(picture) says it")
        }
        // The page's changes are the report's rows.
        let report = try #require(JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: file("c.json")))) as? [String: Any])
        let rows = ["stages", "touchpoints", "transitions"].reduce(0) { $0 + ((report[$1] as? [Any])?.count ?? 0) }
        let page = try String(contentsOfFile: file("c.html"), encoding: .utf8)
        #expect(page.components(separatedBy: "\"beforeCount\"").count - 1 == rows)
    }

    /// `replay` takes `--min-people` (ReplayMinPeopleCLITests has the rules).
    @Test func replayTakesMinPeople() throws {
        let dir = try MinPeopleCLITests().scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let svg = dir.appendingPathComponent("X.svg").path
        let replay = try CLI.run(["replay", "samples/shop-journeys.csv", "--min-people", "5", "--quiet", "-o", svg])
        #expect(replay.status == 0, "\(replay.stderr)")
        #expect(FileManager.default.fileExists(atPath: svg))
    }

    /// `compare --diff-sankey --min-people` (refused until issue 22) runs beside the report, and
    /// the picture says it in its legend and footnote, in English and in Thai; a side with fewer
    /// than k people is an error naming --min-people.
    @Test func diffSankeyRunsAndSaysIt() throws {
        let dir = try MinPeopleCLITests().scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        func file(_ name: String) -> String { dir.appendingPathComponent(name).path }
        let pair = ["samples/compare-before.csv", "samples/compare-after.csv"]
        for (lang, note) in [("en", "numbers from fewer than 5 people hidden"), ("th", "ซ่อนตัวเลขที่มาจากคนน้อยกว่า 5 คน")] {
            let r = try CLI.run(["compare"] + pair + ["--min-people", "5", "--lang", lang, "-o", file("c-\(lang).md"),
                                                     "--diff-sankey", file("d-\(lang).svg"), "--diff-sankey", file("d-\(lang).layout.json"), "--quiet"])
            #expect(r.status == 0, "\(r.stderr)")
            let doc = try #require(JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: file("d-\(lang).layout.json")))) as? [String: Any])
            let elements = try #require(doc["elements"] as? [[String: Any]])
            func text(_ role: String) -> String {
                elements.filter { ($0["role"] as? String) == role }.flatMap { ($0["text"] as? [String]) ?? [] }.joined(separator: "\n")
            }
            #expect(text("legend").contains(note), "\(lang) legend: \(text("legend"))")
            #expect(text("note").lowercased().contains(note.lowercased()), "\(lang) footnote: \(text("note"))")
            #expect(text("note").contains(lang == "th" ? "ไม่วาดและไม่ทดสอบ" : "withheld on either side are not drawn nor tested"))
        }
        let big = try CLI.run(["compare"] + pair + ["--min-people", "100000", "--diff-sankey", file("x.svg")])
        #expect(big.status != 0 && big.stderr.contains("--min-people 100000"), "\(big.stderr)")
        #expect(!FileManager.default.fileExists(atPath: file("x.svg")))
    }

    /// The combinations refused before (issue 22) now run: `mine --lanes`, `compare --lanes`,
    /// `compare --attribution`, `compare --diff-sankey`, `persona --write-yaml`, each with `--min-people 5`.
    @Test func formerRefusalsAreGone() throws {
        let dir = try MinPeopleCLITests().scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        func file(_ name: String) -> String { dir.appendingPathComponent(name).path }
        let pair = ["samples/compare-before.csv", "samples/compare-after.csv"]
        for args in [["mine", "samples/shop-journeys.csv", "--lanes", "channel", "-o", file("m.json")],
                     ["compare"] + pair + ["--lanes", "channel", "-o", file("c.svg")],
                     ["compare"] + pair + ["--attribution", "--conversion", "purchase", "-o", file("c.md")],
                     ["compare"] + pair + ["--diff-sankey", file("d.svg"), "--diff-sankey-by", "step"],
                     ["persona", "samples/shop-journeys.csv", "--clusters", "4", "--write-yaml", file("p.yaml")]] {
            let r = try CLI.run(args + ["--min-people", "5", "--quiet"])
            #expect(r.status == 0, "\(args[0]) \(args.dropFirst().joined(separator: " ")): \(r.stderr)")
        }
    }
}
