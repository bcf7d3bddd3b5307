import Foundation
import Testing

/// `persona --min-people k` through the real binary on every shared log at k = 5 and 20:
/// without `--session-gap` every journey is one person, so the page's numbers can be checked
/// from themselves: every shown segment has k journeys or more, all journeys minus the shown
/// ones are 0 or k or more, and each shown conversion rate splits its segment into parts of 0
/// or k journeys or more. With the gap, the picture says it and no hidden segment is listed.
@Suite(.serialized) struct PersonaMinPeopleCLITests {
    @Test(arguments: MinPeopleCLITests.logs.flatMap { log in [5, 20].flatMap { k in [(log, k, false), (log, k, true)] } })
    func sharedLogs(_ log: String, _ k: Int, _ sessions: Bool) throws {
        let path = AttributionReferenceTests.shared.appendingPathComponent(log).path
        guard FileManager.default.fileExists(atPath: path) else {
            print("PersonaMinPeopleCLITests: skipped \(log): not found (../shared/data is next to the worktree on the build machine)")
            return
        }
        let dir = try MinPeopleCLITests().scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        func file(_ name: String) -> String { dir.appendingPathComponent(name).path }
        let gap = sessions ? ["--session-gap", "1h"] : []
        let r = try CLI.run(["persona", path, "--clusters", "6", "--min-people", "\(k)", "-o", file("p.html"), "-o", file("p.svg")] + gap)
        if r.status != 0 {
            // Every segment hidden: the command says so and writes nothing.
            #expect(r.stderr.contains("--min-people") || r.stderr.contains("segment"), "\(r.stderr)")
            #expect(!FileManager.default.fileExists(atPath: file("p.svg")))
            return
        }
        let svg = try String(contentsOfFile: file("p.svg"), encoding: .utf8)
        #expect(svg.contains("Numbers from fewer than \(k) people hidden"))
        let page = try String(contentsOfFile: file("p.html"), encoding: .utf8)
        let json = try #require(page.firstMatch(of: /id="jm-data">(.*?)<\/script>/.dotMatchesNewlines())).1
        let data = try #require(JSONSerialization.jsonObject(with: Data(String(json).utf8)) as? [String: Any])
        let personas = try #require(data["personas"] as? [[String: Any]])
        let journeys = personas.map { $0["journeys"] as! Int }
        for (line) in r.stderr.split(separator: "\n") where line.contains("journeys,") {
            let n = Int(line.split(separator: ":")[2].split(separator: " ")[0].replacingOccurrences(of: ",", with: ""))!
            #expect(journeys.contains(n), "stderr lists \(n) journeys, a segment not shown")
        }
        guard !sessions else { return }
        let mined = try CLI.mineJourney([path, "--quiet"])
        let total = mined.journey["journeys"] as! Int
        for (p, n) in zip(personas, journeys) {
            #expect(n >= k, "\(log): a segment of \(n) journeys shown at k=\(k)")
            if let rate = p["conversionRate"] as? Double {
                let c = Int((rate * Double(n)).rounded())
                #expect((c == 0 || c >= k) && (n - c == 0 || n - c >= k), "\(log): conversion \(c) of \(n) at k=\(k)")
            }
        }
        let rest = total - journeys.reduce(0, +)
        #expect(rest == 0 || rest >= k, "\(log): \(rest) journeys in hidden segments at k=\(k)")
    }

    /// `--write-yaml` with `--min-people` (formerly refused): the shown segments only, with
    /// the facts the cards show; a withheld fact is left out under a comment saying so. Without
    /// `--session-gap` a journey is a person, so the YAML checks itself as the page does.
    @Test(arguments: ["shop-journeys.csv", "thai-shop.csv", "compare-after.csv"].flatMap { s in [5, 20].map { (s, $0) } })
    func writingYAML(_ sample: String, _ k: Int) throws {
        let dir = try MinPeopleCLITests().scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        func file(_ name: String) -> String { dir.appendingPathComponent(name).path }
        let log = "samples/\(sample)"
        let r = try CLI.run(["persona", log, "--clusters", "6", "--min-people", "\(k)", "--write-yaml", file("p.yaml"), "-o", file("p.html")])
        #expect(r.status == 0, "\(r.stderr)")
        let yaml = try String(contentsOfFile: file("p.yaml"), encoding: .utf8)
        #expect(yaml.contains("# Numbers from fewer than \(k) people hidden (--min-people \(k))"))
        let page = try String(contentsOfFile: file("p.html"), encoding: .utf8)
        let json = try #require(page.firstMatch(of: /id="jm-data">(.*?)<\/script>/.dotMatchesNewlines())).1
        let personas = try #require((try JSONSerialization.jsonObject(with: Data(String(json).utf8)) as? [String: Any])?["personas"] as? [[String: Any]])
        // One block per persona written (several: a list; one: the plain form).
        let blocks = yaml.components(separatedBy: "\n- name:").dropFirst()
        let written = blocks.isEmpty ? [Substring(yaml)] : blocks.map { Substring($0) }
        #expect(written.count == personas.count, "the YAML holds \(written.count) personas, the cards \(personas.count)")
        let total = try CLI.mineJourney([log, "--quiet"]).journey["journeys"] as! Int
        var shown = 0
        for (block, p) in zip(written, personas) {
            let n = Int(try #require(block.firstMatch(of: /\n\s+journeys: (\d+)/)).1)!
            #expect(n == p["journeys"] as! Int && n >= k, "\(sample) k=\(k): a segment of \(n) journeys written")
            shown += n
            if let rate = p["conversionRate"] as? Double {
                let written = Double(try #require(block.firstMatch(of: /conversion_rate: ([\d.]+)/)).1)!
                #expect(abs(written - rate) < 1e-3)
                let c = Int((rate * Double(n)).rounded())
                #expect((c == 0 || c >= k) && (n - c == 0 || n - c >= k), "\(sample): conversion \(c) of \(n) at k=\(k)")
            } else {
                #expect(!block.contains("conversion_rate:") && block.contains("# conversion_rate withheld under --min-people \(k)"))
            }
            #expect(block.contains("typical_path:") == (p["typicalPath"] != nil && !(p["typicalPath"] is NSNull)), "typical path as on the card")
        }
        let rest = total - shown
        #expect(rest == 0 || rest >= k, "\(sample): \(rest) journeys in segments not written at k=\(k)")
        // It reads back and draws (a withheld rate as "–"); with --min-people a YAML input is refused.
        let back = try CLI.run(["persona", file("p.yaml"), "-o", file("back.svg"), "--quiet"])
        #expect(back.status == 0, "\(back.stderr)")
        let again = try CLI.run(["persona", file("p.yaml"), "--min-people", "\(k)", "-o", file("again.svg")])
        #expect(again.status == 64 && again.stderr.contains("persona YAML files hold no people"), "\(again.stderr)")
    }
}
