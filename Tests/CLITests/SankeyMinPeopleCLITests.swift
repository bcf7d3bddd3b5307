import Foundation
import Testing

/// `sankey --min-people k` through the real binary: on every shared log at k = 5 and 20, with
/// and without `--session-gap`, by step and by stage, the checker
/// (Tests/Scripts/sankey_min_people_check.py, which walks every journey through the columns
/// itself) finds every shown node and link equal to its count and resting on k people or more,
/// and nothing withheld given back by subtraction or addition; the picture says so.
@Suite(.serialized) struct SankeyMinPeopleCLITests {
    static let checker = CLI.root.appendingPathComponent("Tests/Scripts/sankey_min_people_check.py").path
    static let cases: [(String, Int, Bool, String)] = MinPeopleCLITests.logs.flatMap { log in
        [5, 20].flatMap { k in [false, true].flatMap { gap in ["step", "stage"].map { (log, k, gap, $0) } } }
    }

    @Test(arguments: cases)
    func sharedLogs(_ log: String, _ k: Int, _ sessions: Bool, _ by: String) throws {
        guard AttributionReferenceTests.available() else { return }
        let path = AttributionReferenceTests.shared.appendingPathComponent(log).path
        guard FileManager.default.fileExists(atPath: path) else {
            print("SankeyMinPeopleCLITests: skipped \(log): not found (../shared/data is next to the worktree on the build machine)")
            return
        }
        let dir = try MinPeopleCLITests().scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        func file(_ name: String) -> String { dir.appendingPathComponent(name).path }
        // Stage columns need stages the events fall in: inferred ones (the shared logs match no template).
        let common = [path, "--stages", by == "stage" ? "auto" : "template", "--quiet"] + (sessions ? ["--session-gap", "1h"] : [])
        let mine = try CLI.run(["mine"] + common + ["--people", "-o", file("full.json")])
        #expect(mine.status == 0, "\(mine.stderr)")
        let full = try CLI.run(["sankey", "--by", by] + common + ["-o", file("full.html")])
        #expect(full.status == 0, "\(full.stderr)")
        let graph = try #require(JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: file("full.json")))) as? [String: Any])
        let people = (graph["people"] as? Int) ?? (graph["journeys"] as! Int)
        let published = try CLI.run(["sankey", "--by", by] + common + ["--min-people", "\(k)", "-o", file("pub.html"),
                                                                      "-o", file("pub.svg"), "-o", file("pub.mmd")])
        guard people >= k else {
            #expect(published.status != 0 && published.stderr.contains("--min-people \(k): only"), "\(published.stderr)")
            return
        }
        #expect(published.status == 0, "\(published.stderr)")
        let check = try CLI.run([Self.checker, path, file("full.json"), "\(k)", file("full.html"), file("pub.html"), "--by", by]
                                + (sessions ? ["--session-gap", "3600"] : []), executable: AttributionReferenceTests.python)
        #expect(check.status == 0 && check.stdout == "ok\n", "\(log) k=\(k) sessions=\(sessions) by \(by): \(check.stdout)\(check.stderr)")
        let svg = try String(contentsOfFile: file("pub.svg"), encoding: .utf8)
        #expect(svg.contains("numbers from fewer than \(k) people hidden") && svg.contains("Numbers from fewer than \(k) people hidden"),
                "legend and footnote")
        let mmd = try String(contentsOfFile: file("pub.mmd"), encoding: .utf8)
        #expect(mmd.contains("Numbers from fewer than \(k) people hidden"))
        // The text export's flows are the page's links (withheld ones are in neither).
        let page = try String(contentsOfFile: file("pub.html"), encoding: .utf8)
        let linkCount = page.components(separatedBy: "\"fromName\"").count - 1
        let mmdFlows = mmd.split(separator: "\n").filter { !$0.hasPrefix("%%") && $0.split(separator: ",").count == 3 }.count
        #expect(mmdFlows <= linkCount, "\(log): the Mermaid export has \(mmdFlows) flows, the page \(linkCount) links")
    }

    @Test func thaiPictureSaysItInThai() throws {
        let dir = try MinPeopleCLITests().scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let svg = dir.appendingPathComponent("th.svg").path
        let r = try CLI.run(["sankey", "samples/thai-shop.csv", "--template", "thai-retail", "--lang", "th", "--min-people", "10",
                             "--quiet", "-o", svg])
        #expect(r.status == 0, "\(r.stderr)")
        let text = try String(contentsOfFile: svg, encoding: .utf8)
        #expect(text.components(separatedBy: "ซ่อนตัวเลขที่มาจากคนน้อยกว่า 10 คน").count >= 3, "legend and footnote")
    }

    @Test func sharesOfThePreviousColumnAreRefused() throws {
        let dir = try MinPeopleCLITests().scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let svg = dir.appendingPathComponent("p.svg").path
        let r = try CLI.run(["sankey", "samples/thai-shop.csv", "--percent-of", "previous", "--min-people", "5", "-o", svg])
        #expect(r.status == 64 && r.stderr.contains("--percent-of previous"), "\(r.stderr)")
        #expect(!FileManager.default.fileExists(atPath: svg))
    }
}
