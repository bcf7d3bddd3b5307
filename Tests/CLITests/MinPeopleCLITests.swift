import Foundation
import Testing

/// `--min-people k` through the real binary: on every shared log at k = 5 and 20, with and
/// without `--session-gap`, the checker (Tests/Scripts/min_people_check.py, which counts the
/// people behind every number from the log itself) finds no shown number below k and nothing
/// given back by subtraction in the journey file and the edges CSV; the map and its text exports
/// are drawn from that graph and say so; commands that do not apply it yet refuse it by name.
@Suite(.serialized) struct MinPeopleCLITests {
    static let checker = CLI.root.appendingPathComponent("Tests/Scripts/min_people_check.py").path
    static let logs = ["helpdesk.xes.gz", "receipt.csv", "roadtraffic100traces.csv", "roadtraffic100traces.xes",
                       "running-example.csv", "running-example.xes"]
    static let cases: [(String, Int, Bool)] = logs.flatMap { log in [5, 20].flatMap { k in [(log, k, false), (log, k, true)] } }

    func scratch() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("min-people-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    @Test(arguments: cases)
    func sharedLogs(_ log: String, _ k: Int, _ sessions: Bool) throws {
        guard AttributionReferenceTests.available() else { return }
        let path = AttributionReferenceTests.shared.appendingPathComponent(log).path
        guard FileManager.default.fileExists(atPath: path) else {
            print("MinPeopleCLITests: skipped \(log): not found (../shared/data is next to the worktree on the build machine)")
            return
        }
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        func file(_ name: String) -> String { dir.appendingPathComponent(name).path }
        let gap = sessions ? ["--session-gap", "1h"] : []
        let common = [path, "--stages", "template", "--quiet"] + gap
        let full = try CLI.run(["mine"] + common + ["--people", "-o", file("full.json")])
        #expect(full.status == 0, "\(full.stderr)")
        let people = try #require(JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: file("full.json")))) as? [String: Any])
        let total = (people["people"] as? Int) ?? (people["journeys"] as! Int)
        let published = try CLI.run(["mine"] + common + ["--min-people", "\(k)", "-o", file("pub.json")])
        guard total >= k else {
            #expect(published.status != 0 && published.stderr.contains("--min-people \(k): only \(total) people"), "\(published.stderr)")
            return
        }
        #expect(published.status == 0, "\(published.stderr)")
        let csv = try CLI.run(["mine"] + common + ["--min-people", "\(k)", "--format", "edges-csv", "-o", file("pub.csv")])
        #expect(csv.status == 0, "\(csv.stderr)")
        let check = try CLI.run([Self.checker, path, file("full.json"), "\(k)", file("pub.json"), file("pub.csv")]
                                + (sessions ? ["--session-gap", "3600"] : []), executable: AttributionReferenceTests.python)
        #expect(check.status == 0 && check.stdout == "ok\n", "\(log) k=\(k) sessions=\(sessions): \(check.stdout)\(check.stderr)")

        // The same graph from the journey file (merge path included): the same bytes.
        let again = try CLI.run(["mine", file("full.json"), "--min-people", "\(k)", "--quiet", "-o", file("again.json")])
        #expect(again.status == 0, "\(again.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: file("again.json"))) == Data(contentsOf: URL(fileURLWithPath: file("pub.json"))))

        // The map and its text exports come from that graph and say it.
        let map = try CLI.run(["map"] + common + ["--min-people", "\(k)", "-o", file("m.svg"), "-o", file("m.mmd"),
                                                  "-o", file("m.dot"), "-o", file("m.layout.json"), "-o", file("m.html")])
        #expect(map.status == 0, "\(map.stderr)")
        // No output names a withheld touchpoint (one no published name contains).
        let fullNames = Set((people["touchpoints"] as! [[String: Any]]).map { $0["name"] as! String })
        let publishedGraph = try #require(JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: file("pub.json")))) as? [String: Any])
        let publishedNames = Set((publishedGraph["touchpoints"] as! [[String: Any]]).map { $0["name"] as! String })
        let withheld = fullNames.subtracting(publishedNames).filter { w in !publishedNames.contains { $0.contains(w) } }
        for output in ["m.svg", "m.mmd", "m.dot", "m.layout.json", "m.html", "pub.csv"] {
            let text = try String(contentsOfFile: file(output), encoding: .utf8)
            for name in withheld { #expect(!text.contains(name), "\(log) k=\(k): \(output) names the withheld \(name)") }
        }
        let note = "numbers from fewer than \(k) people hidden"
        let svg = try String(contentsOfFile: file("m.svg"), encoding: .utf8)
        #expect(svg.components(separatedBy: note).count >= 2 && svg.contains("Numbers from fewer than \(k) people hidden"),
                "legend and footnote")
        let mmd = try String(contentsOfFile: file("m.mmd"), encoding: .utf8)
        #expect(mmd.contains("Numbers from fewer than \(k) people hidden"))
        let graph = try #require(JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: file("pub.json")))) as? [String: Any])
        let shownEvents = Set((graph["touchpoints"] as! [[String: Any]]).map { $0["events"] as! Int })
        for match in mmd.matches(of: /(\d[\d,]*) events ·/) {
            let n = Int(match.1.replacingOccurrences(of: ",", with: ""))!
            #expect(shownEvents.contains(n), "\(log): the map shows \(n) events, not a published touchpoint's")
        }
        let fromFile = try CLI.run(["map", file("full.json"), "--min-people", "\(k)", "--quiet", "-o", file("f.mmd")])
        #expect(fromFile.status == 0, "\(fromFile.stderr)")
        #expect(try String(contentsOfFile: file("f.mmd"), encoding: .utf8) == mmd, "the journey file draws the same map")

        let stats = try CLI.run(["stats"] + common.filter { $0 != "--quiet" } + ["--min-people", "\(k)"])
        #expect(stats.status == 0 && stats.stdout.contains("Privacy: \(note)"), "\(stats.stderr)")
    }

    @Test func thaiPictureSaysItInThai() throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let svg = dir.appendingPathComponent("th.svg").path
        let r = try CLI.run(["map", "samples/thai-shop.csv", "--template", "thai-retail", "--lang", "th", "--min-people", "10",
                             "--quiet", "-o", svg])
        #expect(r.status == 0, "\(r.stderr)")
        let text = try String(contentsOfFile: svg, encoding: .utf8)
        #expect(text.components(separatedBy: "ซ่อนตัวเลขที่มาจากคนน้อยกว่า 10 คน").count >= 3, "legend and footnote")
    }

    @Test func withoutTheFlagTheJourneyFileKeepsItsBytes() throws {
        let plain = try CLI.mineJourney(["samples/thai-shop.csv", "--template", "thai-retail", "--session-gap", "30m", "--quiet"])
        #expect(plain.run.status == 0)
        #expect(plain.journey["people"] == nil)
        let noGap = try CLI.mineJourney(["samples/thai-shop.csv", "--template", "thai-retail", "--people", "--quiet"])
        let noFlag = try CLI.mineJourney(["samples/thai-shop.csv", "--template", "thai-retail", "--quiet"])
        #expect(NSDictionary(dictionary: noGap.journey) == NSDictionary(dictionary: noFlag.journey), "no gap: people = journeys, nothing written")
        let gap = try CLI.mineJourney(["samples/thai-shop.csv", "--template", "thai-retail", "--session-gap", "30m", "--people", "--quiet"])
        #expect(gap.journey["people"] is Int)
    }

    @Test func aJourneyFileWithoutPeopleOrAlreadySuppressedIsRefused() throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let gap = dir.appendingPathComponent("gap.json").path, pub = dir.appendingPathComponent("pub.json").path
        #expect(try CLI.run(["mine", "samples/thai-shop.csv", "--session-gap", "30m", "--quiet", "-o", gap]).status == 0)
        let r = try CLI.run(["map", gap, "--min-people", "5", "--quiet", "-o", dir.appendingPathComponent("m.svg").path])
        #expect(r.status != 0 && r.stderr.contains("without people counts") && r.stderr.contains("--people"), "\(r.stderr)")
        #expect(try CLI.run(["mine", "samples/thai-shop.csv", "--min-people", "5", "--quiet", "-o", pub]).status == 0)
        let merge = try CLI.run(["mine", pub, pub, "--quiet", "-o", dir.appendingPathComponent("m.json").path])
        #expect(merge.status != 0 && merge.stderr.contains("--min-people"), "\(merge.stderr)")
    }
}
