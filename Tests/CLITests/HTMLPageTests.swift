import Foundation
import Testing

/// The one-file HTML page through the binary, without a browser: self-contained (nothing it
/// could fetch), the same bytes each run, its JSON equal to the journey file's numbers, and
/// names that cannot break out of the page's script.
@Suite struct HTMLPageTests {
    func temporaryFolder() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("jm-htmlpage-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    /// The text between `<script type="application/json" id="ID">` and `</script>`.
    static func scriptJSON(_ page: String, id: String) -> Any? {
        guard let start = page.range(of: "<script type=\"application/json\" id=\"\(id)\">"),
              let end = page.range(of: "</script>", range: start.upperBound..<page.endIndex) else { return nil }
        return try? JSONSerialization.jsonObject(with: Data(page[start.upperBound..<end.lowerBound].utf8))
    }

    @Test func pageIsSelfContainedAndRepeatable() throws {
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let a = dir.appendingPathComponent("a.html").path, b = dir.appendingPathComponent("b.html").path
        for path in [a, b] {
            let r = try CLI.run(["map", "samples/shop-journeys.csv", "-o", path, "--quiet"])
            #expect(r.status == 0, "\(r.stderr)")
        }
        let bytes = try Data(contentsOf: URL(fileURLWithPath: a))
        #expect(bytes == (try Data(contentsOf: URL(fileURLWithPath: b))), "same input, same bytes")
        let page = String(decoding: bytes, as: UTF8.self)
        #expect(page.hasPrefix("<!DOCTYPE html>\n<html lang=\"en\">"))
        #expect(page.contains("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none';"))
        #expect(page.contains("<svg"), "the SVG inline")
        #expect(!page.components(separatedBy: "<script")[0].contains("<?xml"), "no XML declaration inside HTML")
        // Nothing to fetch: no src/href/url() leading anywhere but the page itself or data:.
        for pattern in [#"(src|href|xlink:href)\s*=\s*"(?!#|data:)[^"]*""#, #"url\(\s*['"]?(?!#|data:)"#, #"@import"#] {
            let re = try NSRegularExpression(pattern: pattern)
            let hits = re.matches(in: page, range: NSRange(page.startIndex..., in: page))
                .map { String(page[Range($0.range, in: page)!]) }
            #expect(hits.isEmpty, "reference that could fetch: \(hits.prefix(3))")
        }
        #expect(Self.scriptJSON(page, id: "jm-words") != nil)
    }

    /// Every number the page shows equals the journey file's (shares computed as the map does).
    @Test func dataMatchesTheJourneyFile() throws {
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let journeyPath = dir.appendingPathComponent("j.json").path, html = dir.appendingPathComponent("m.html").path
        #expect(try CLI.run(["mine", "samples/shop-journeys.csv", "-o", journeyPath]).status == 0)
        #expect(try CLI.run(["map", journeyPath, "-o", html, "--quiet"]).status == 0)
        let journey = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: journeyPath))) as! [String: Any]
        let page = try String(contentsOfFile: html, encoding: .utf8)
        let data = try #require(Self.scriptJSON(page, id: "jm-data") as? [String: Any])
        let edges = journey["edges"] as! [[String: Any]], tps = journey["touchpoints"] as! [[String: Any]]
        let totalJourneys = journey["journeys"] as! Int
        var out: [String: Int] = [:]
        for e in edges { out[e["from"] as! String, default: 0] += e["count"] as! Int }
        let tpByName = Dictionary(uniqueKeysWithValues: tps.map { ($0["name"] as! String, $0) })
        #expect(data["totalMoves"] as? Int == edges.reduce(0) { $0 + ($1["count"] as! Int) })
        let pageTPs = data["touchpoints"] as! [[String: Any]]
        #expect(pageTPs.count == 23)
        for t in pageTPs {
            let name = t["name"] as! String, j = try #require(tpByName[name])
            for key in ["events", "journeys", "starts", "ends"] { #expect(t[key] as? Int == j[key] as? Int, "\(name) \(key)") }
            #expect(abs((t["share"] as! Double) - Double(j["journeys"] as! Int) / Double(totalJourneys)) < 1e-12)
        }
        let flows = data["flows"] as! [[String: Any]]
        #expect(flows.count > 10)
        #expect(zip(flows, flows.dropFirst()).allSatisfy { ($0["count"] as! Int) >= ($1["count"] as! Int) }, "strongest first")
        for f in flows {
            let from = f["from"] as! String, to = f["to"] as! String
            let e = try #require(edges.first { $0["from"] as! String == from && $0["to"] as! String == to })
            let d = e["duration"] as! [String: Any]
            #expect(f["count"] as? Int == e["count"] as? Int)
            #expect(f["medianSeconds"] as? Double == d["medianSeconds"] as? Double, "\(from)→\(to) median")
            #expect(f["p90Seconds"] as? Double == d["p90Seconds"] as? Double, "\(from)→\(to) p90")
            let share = Double(e["count"] as! Int) / Double(out[from]! + (tpByName[from]!["ends"] as! Int))
            #expect(abs((f["share"] as! Double) - share) < 1e-12)
        }
    }

    /// A touchpoint named like markup stays text: the JSON escapes `<`, the SVG and HTML escape it.
    @Test func hostileNamesStayText() throws {
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let csv = dir.appendingPathComponent("evil.csv")
        let evil = "</script><script>alert(1)</script>"
        var rows = "case,activity,timestamp\n"
        for c in 1...3 {
            rows += "c\(c),view,2024-01-01T00:00:0\(c)Z\nc\(c),\"\(evil)\",2024-01-01T00:01:0\(c)Z\nc\(c),buy,2024-01-01T00:02:0\(c)Z\n"
        }
        try rows.write(to: csv, atomically: true, encoding: .utf8)
        let html = dir.appendingPathComponent("m.html").path
        let r = try CLI.run(["map", csv.path, "-o", html, "--quiet"])
        #expect(r.status == 0, "\(r.stderr)")
        let page = try String(contentsOfFile: html, encoding: .utf8)
        #expect(!page.contains("<script>alert(1)"))
        #expect(page.components(separatedBy: "<script").count == 4, "only the page's own three scripts")
        let data = try #require(Self.scriptJSON(page, id: "jm-data") as? [String: Any])
        #expect((data["touchpoints"] as! [[String: Any]]).contains { $0["name"] as? String == evil })
    }

    @Test func unknownFormatNamesHTML() throws {
        let r = try CLI.run(["map", "samples/shop-journeys.csv", "-o", "/tmp/jm-html-test-never-written.gif"])
        #expect(r.status == 64)
        #expect(r.stderr.contains(".sankeymatic.txt or .html file name") && r.stderr.contains("--format svg|png|pdf|html"))
    }

    @Test func everyPictureCommandWritesHTML() throws {
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        for (name, command) in [("sankey", ["sankey", "samples/shop-journeys.csv"]),
                                ("compare", ["compare", "samples/compare-before.csv", "samples/compare-after.csv"]),
                                ("persona", ["persona", "nok-thai-shopper", "--lang", "th"])] {
            let html = dir.appendingPathComponent("\(name).html").path
            let r = try CLI.run(command + ["-o", html])
            #expect(r.status == 0, "\(name): \(r.stderr)")
            let page = try String(contentsOfFile: html, encoding: .utf8)
            #expect(page.hasPrefix("<!DOCTYPE html>") && page.contains("<svg") && page.contains("window.journeymap"), "\(name)")
        }
    }
}
