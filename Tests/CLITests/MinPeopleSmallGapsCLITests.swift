import Foundation
import Testing

/// The small `--min-people` gaps: a withheld stage total reads "–" on the map (not the 0 the
/// file holds), the events of touchpoints `--keep-activities` hid are withheld with their
/// names, and the SQL engines refuse `--min-people`/`--people` with `--session-gap` before
/// they run (so the refusal needs no engine).
@Suite struct MinPeopleSmallGapsCLITests {
    @Test func aWithheldStageTotalIsADashNotAZero() throws {
        let dir = try MinPeopleCLITests().scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        func file(_ name: String) -> String { dir.appendingPathComponent(name).path }
        #expect(try CLI.run(["mine", "samples/thai-shop.csv", "--template", "thai-retail", "--min-people", "5", "--quiet",
                             "-o", file("p.json")]).status == 0)
        // Withhold the first stage's total as the rules write it (0 and listed in privacy.stages).
        var g = try #require(JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: file("p.json")))) as? [String: Any])
        var stages = g["stages"] as! [[String: Any]]
        let id = stages[0]["id"] as! String
        stages[0]["events"] = 0
        stages[0]["journeys"] = 0
        g["stages"] = stages
        var privacy = g["privacy"] as! [String: Any]
        privacy["stages"] = [id]
        g["privacy"] = privacy
        try JSONSerialization.data(withJSONObject: g).write(to: URL(fileURLWithPath: file("w.json")))
        let r = try CLI.run(["map", file("w.json"), "--lang", "en", "--quiet", "-o", file("m.svg"), "-o", file("m.layout.json")])
        #expect(r.status == 0, "\(r.stderr)")
        for out in ["m.svg", "m.layout.json"] {
            let text = try String(contentsOfFile: file(out), encoding: .utf8)
            #expect(!text.contains("0 journeys ·"), "\(out) shows the withheld stage as 0")
            #expect(text.contains("–"), "\(out) shows no dash")
        }
    }

    /// The first and last events are one person's each: with --min-people the span is whole
    /// UTC days wherever it is printed (map footnote, stats, journey file, compare).
    @Test func theSpanIsWholeDays() throws {
        let dir = try MinPeopleCLITests().scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        func file(_ name: String) -> String { dir.appendingPathComponent(name).path }
        let plain = try CLI.run(["map", "samples/shop-journeys.csv", "--quiet", "-o", file("plain.svg")])
        #expect(plain.status == 0, "\(plain.stderr)")
        #expect(try String(contentsOfFile: file("plain.svg"), encoding: .utf8).contains("2023-11-15T04:36:50Z to 2024-05-13T12:16:55Z"))
        let map = try CLI.run(["map", "samples/shop-journeys.csv", "--min-people", "10", "--quiet", "-o", file("m.svg")])
        #expect(map.status == 0, "\(map.stderr)")
        let svg = try String(contentsOfFile: file("m.svg"), encoding: .utf8)
        #expect(svg.contains("2023-11-15T00:00:00Z to 2024-05-13T23:59:59Z") && !svg.contains("04:36:50"))
        let stats = try CLI.run(["stats", "samples/shop-journeys.csv", "--min-people", "10"])
        #expect(stats.stdout.contains("2023-11-15T00:00:00Z .. 2024-05-13T23:59:59Z"), "\(stats.stdout)")
        let mined = try CLI.mineJourney(["samples/shop-journeys.csv", "--min-people", "10", "--quiet"])
        #expect((mined.journey["firstTimestamp"] as? NSNumber)?.int64Value == 1_700_006_400_000_000)
        let compare = try CLI.run(["compare", "samples/compare-before.csv", "samples/compare-after.csv", "--min-people", "10",
                                   "--quiet", "-o", file("c.md")])
        #expect(compare.status == 0, "\(compare.stderr)")
        let md = try String(contentsOfFile: file("c.md"), encoding: .utf8)
        #expect(md.contains("2023-11-15T00:00:00Z .. 2024-05-12T23:59:59Z") && !md.contains("15:35:15"), "\(md)")
    }

    /// Time windows of one log: the journeys reaching over a window's edge and those left out
    /// are counted without their people, so under --min-people the report, JSON, pictures and
    /// standard error give the rule without the counts.
    @Test func windowCountsAreWithheld() throws {
        let dir = try MinPeopleCLITests().scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        func file(_ name: String) -> String { dir.appendingPathComponent(name).path }
        let windows = ["--before", "2023-11-15..2024-01-31", "--after", "2024-02-10..2024-05-13"]
        let plain = try CLI.run(["compare", "samples/shop-journeys.csv"] + windows + ["-o", file("p.json"), "-o", file("p.md")])
        #expect(plain.status == 0, "\(plain.stderr)")
        let plainJSON = try #require(JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: file("p.json")))) as? [String: Any])
        let plainWindows = try #require(plainJSON["windows"] as? [String: Any])
        #expect((plainWindows["leftOut"] as? Int ?? 0) > 0, "journeys start between the windows: \(plainWindows)")
        #expect(try String(contentsOfFile: file("p.md"), encoding: .utf8).contains("journeys reach outside their window"))

        let r = try CLI.run(["compare", "samples/shop-journeys.csv"] + windows
                            + ["--min-people", "5", "-o", file("c.json"), "-o", file("c.md"), "-o", file("c.svg")])
        #expect(r.status == 0, "\(r.stderr)")
        let json = try #require(JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: file("c.json")))) as? [String: Any])
        let w = try #require(json["windows"] as? [String: Any])
        #expect(w["countsWithheld"] as? Bool == true)
        for key in ["journeys", "spanningBefore", "spanningAfter", "leftOut"] { #expect(w[key] is NSNull, "\(key): \(w[key] ?? "missing")") }
        for (name, text) in [("md", try String(contentsOfFile: file("c.md"), encoding: .utf8)),
                             ("svg", try String(contentsOfFile: file("c.svg"), encoding: .utf8)), ("stderr", r.stderr)] {
            #expect(!text.contains("journeys reach outside their window"), "\(name) gives the counts")
            #expect(name != "md" || text.contains("not counted here under --min-people"), "\(name) gives no rule")
        }
    }

    @Test func eventsOfHiddenActivitiesAreWithheld() throws {
        let plain = try CLI.mineJourney(["samples/thai-shop.csv", "--template", "thai-retail", "--keep-activities", "5", "--quiet"])
        let hidden = try #require(plain.journey["hidden"] as? [String: Any])
        #expect((hidden["hiddenEvents"] as? Int ?? 0) > 0, "the sample hides some activities")
        let published = try CLI.mineJourney(["samples/thai-shop.csv", "--template", "thai-retail", "--keep-activities", "5",
                                             "--min-people", "5", "--quiet"])
        #expect(published.run.status == 0, "\(published.run.stderr)")
        let h = try #require(published.journey["hidden"] as? [String: Any])
        #expect(h["hiddenEvents"] as? Int == 0 && (h["touchpoints"] as? [String: Any])?.isEmpty == true)
        #expect((published.journey["privacy"] as? [String: Any])?["hiddenEvents"] as? Bool == true)
    }

    @Test(arguments: [["--min-people", "5"], ["--people"]])
    func enginesRefusePeopleWithASessionGap(_ flags: [String]) throws {
        let dir = try MinPeopleCLITests().scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("j.json").path
        let r = try CLI.run(["mine", "--engine", "duckdb", "samples/thai-shop.csv", "--session-gap", "30m", "-o", out] + flags)
        #expect(r.status == 64, "\(r.stderr)")
        #expect(r.stderr.contains("--session-gap") && r.stderr.contains("SQL engines"), "\(r.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out))
    }
}
