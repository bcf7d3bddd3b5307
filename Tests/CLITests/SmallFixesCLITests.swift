import Foundation
import Testing
import JourneyTestSupport

/// Small bugs found by use, each through the built binary: persona text exports, number
/// formatting in messages, Segment page/screen/identify calls, the "likely column" hints.
@Suite(.serialized) struct SmallFixesCLITests {
    /// Removed with the suite value.
    let scratch: TemporaryDirectory
    let dir: URL

    init() throws {
        scratch = try TemporaryDirectory("small-fixes")
        dir = scratch.url
    }

    func path(_ name: String) -> String { dir.appendingPathComponent(name).path }
    /// `1234` → `1,234`, as the tool prints counts.
    func grouped(_ n: Int) -> String {
        let d = String(n)
        return d.enumerated().map { ($0.offset > 0 && (d.count - $0.offset) % 3 == 0 ? "," : "") + String($0.element) }.joined()
    }
    static func fixture(_ name: String) -> String { CLI.root.appendingPathComponent("Tests/Fixtures/\(name)").path }

    // MARK: Persona cards have no Mermaid, DOT or SankeyMATIC form

    /// Before, `-o x.mmd` wrote an empty `flowchart LR`; now each text export is refused before
    /// any work, naming the formats that draw cards, and nothing is written.
    @Test func personaTextExportsAreRefusedNamingTheFormatsThatWork() throws {
        defer { try? FileManager.default.removeItem(at: dir) }
        for name in ["cards.mmd", "cards.dot", "cards.sankeymatic.txt"] {
            let r = try CLI.run(["persona", "nok-thai-shopper", "-o", path("cards.png"), "-o", path(name)])
            #expect(r.status == 64, "\(name): \(r.stderr)")
            #expect(r.stderr.contains("\(path(name)): persona cards are not a graph of touchpoints and flows"), "\(r.stderr)")
            #expect(r.stderr.contains(".svg, .png, .pdf, .layout.json or .html"), "\(r.stderr)")
            #expect(!FileManager.default.fileExists(atPath: path(name)) && !FileManager.default.fileExists(atPath: path("cards.png")))
        }
        let fromLog = try CLI.run(["persona", "samples/shop-journeys.csv", "-o", path("p.mmd"), "--write-yaml", path("p.yaml")])
        #expect(fromLog.status == 64 && fromLog.stderr.contains("no Mermaid form"), "\(fromLog.stderr)")
        #expect(!FileManager.default.fileExists(atPath: path("p.yaml")), "refused before the YAML is written")
        let ok = try CLI.run(["persona", "nok-thai-shopper", "-o", path("cards.layout.json")])
        #expect(ok.status == 0, "\(ok.stderr)")
    }

    // MARK: Numbers in messages

    /// The footnote printed on stderr said "(1854 moves, 53%)" beside "4,000 events": every
    /// count in messages now has thousands separators.
    @Test func countsInMessagesHaveThousandsSeparators() throws {
        defer { try? FileManager.default.removeItem(at: dir) }
        let map = try CLI.run(["map", "samples/shop-journeys.csv", "-o", path("m.svg")])
        #expect(map.status == 0, "\(map.stderr)")
        #expect(map.stderr.contains("weaker transitions (1,854 moves, 53%)"), "\(map.stderr)")
        let svg = try String(contentsOfFile: path("m.svg"), encoding: .utf8)
        #expect(svg.contains("1,854 moves") && !svg.contains("1854 moves"))
        let mine = try CLI.run(["mine", "samples/shop-journeys.csv", "-o", path("j.json")])
        #expect(mine.stderr.contains("journeymap: 4,000 events,"), "\(mine.stderr)")
        let grep = try CLI.run(["mine", "samples/shop-journeys.csv", "--exclude", "*view*", "-o", path("k.json")])
        let left = grep.stderr.split(separator: "\n").first { $0.contains("left out") && $0.contains("events by activity") } ?? ""
        #expect(!left.isEmpty && left.range(of: #"left out \d{1,3}(,\d{3})* events"#, options: .regularExpression) != nil, "\(grep.stderr)")
    }

    // MARK: Segment calls

    /// `Tests/Fixtures/segment`: 38 calls of 8 people (16 track, 12 page, 2 screen, 4 identify,
    /// 2 group, 2 alias), starting with a page call (no `event` key). Before, the export was not
    /// recognised (activity guessed as `type`... or refused); now page and screen calls are
    /// activities named as Segment users name them and identify/group/alias are left out, said once.
    @Test func segmentPageAndScreenCallsAreStepsIdentifyIsLeftOut() throws {
        let log = Self.fixture("segment/segment-export.ndjson")
        let calls = try String(contentsOfFile: log, encoding: .utf8).split(separator: "\n").map {
            try JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any]
        }
        let leftOut = calls.filter { ["identify", "group", "alias"].contains($0["type"] as! String) }.count
        let (journey, run) = try CLI.mineJourney([log])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.contains("--preset segment"), "\(run.stderr)")
        #expect(run.stderr.contains("left out \(leftOut) Segment identify, group and alias calls"), "\(run.stderr)")
        #expect(!run.stderr.contains("bad rows"), "\(run.stderr)")
        #expect(journey["events"] as? Int == calls.count - leftOut)
        let names = Set((journey["touchpoints"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String })
        // name, else properties.title, else properties.path; screens likewise.
        #expect(names.isSuperset(of: ["Page: Home", "Page: Pricing | Initech", "Page: /", "Screen: Home", "Order Completed"]), "\(names)")
        #expect(!names.contains { $0.isEmpty || $0 == "identify" })
        let stats = try CLI.run(["stats", log])
        #expect(stats.stdout.contains("Segment identify/group/alias call (not an event): \(leftOut)"), "\(stats.stdout)")
        // A map's footnote does not call them unreadable rows.
        let map = try CLI.run(["map", log, "-o", path("s.svg")])
        #expect(map.status == 0 && !map.stderr.contains("unreadable"), "\(map.stderr)")
        try? FileManager.default.removeItem(at: dir)
    }

    // MARK: Likely columns

    /// The hints after "cannot tell which column is the activity" offered GA4's `event_date`
    /// (and Amplitude's `client_event_time`, `event_id`): names of another role or a quantity
    /// are no longer offered, on every recognised export with its role key removed.
    @Test func likelyColumnsAreNotTimesIdsOrQuantities() throws {
        defer { try? FileManager.default.removeItem(at: dir) }
        func without(_ key: String, in fixture: String) throws -> String {
            let text = try String(contentsOfFile: Self.fixture(fixture), encoding: .utf8)
            let out = path("no-\(key)-" + (fixture as NSString).lastPathComponent)
            let lines = text.split(separator: "\n").map { line -> String in
                var o = try! JSONSerialization.jsonObject(with: Data(line.utf8)) as! [String: Any]
                o.removeValue(forKey: key)
                return String(decoding: try! JSONSerialization.data(withJSONObject: o, options: [.sortedKeys]), as: UTF8.self)
            }
            try (lines.joined(separator: "\n") + "\n").write(toFile: out, atomically: true, encoding: .utf8)
            return out
        }
        func likely(_ stderr: String) -> [String] {
            guard let r = stderr.range(of: "(likely: ") else { return [] }
            let rest = stderr[r.upperBound...]
            return rest[..<rest.firstIndex(of: ")")!].components(separatedBy: ", ")
        }
        // GA4's CSV header without event_name (its columns in the export's order).
        let csv = path("ga4.csv")
        try "event_date,event_timestamp,event_params,user_pseudo_id,traffic_source,platform\n20210130,1611964800000000,[],1.2,{},WEB\n"
            .write(toFile: csv, atomically: true, encoding: .utf8)
        let ga4 = try CLI.run(["mine", csv, "-o", path("j.json")])
        #expect(ga4.status == 65 && ga4.stderr.contains("cannot tell which column is the activity"), "\(ga4.stderr)")
        #expect(!likely(ga4.stderr).contains("event_date") && !likely(ga4.stderr).isEmpty, "\(ga4.stderr)")
        let ga4j = try CLI.run(["mine", try without("event_name", in: "ga4/ga4-events.ndjson"), "-o", path("j.json")])
        #expect(!likely(ga4j.stderr).contains { $0.contains("date") || $0.contains("timestamp") || $0.contains("usd") }, "\(ga4j.stderr)")
        let amp = try CLI.run(["mine", try without("event_type", in: "amplitude/amplitude-export.json"), "-o", path("j.json")])
        #expect(amp.status == 65, "\(amp.stderr)")
        #expect(!likely(amp.stderr).contains { $0.hasSuffix("time") || $0.hasSuffix("_id") }, "\(amp.stderr)")
        let time = try CLI.run(["mine", try without("event_timestamp", in: "ga4/ga4-events.ndjson"), "-o", path("j.json")])
        #expect(likely(time.stderr).allSatisfy { !$0.contains("offset") } && !likely(time.stderr).isEmpty, "\(time.stderr)")
    }

    // MARK: HTML pages carry their numbers

    /// Only the map's page had its numbers as JSON; the Sankey, comparison and persona pages had
    /// an empty `jm-data`. Now each carries its own, checked against the other outputs of the
    /// same run. And flows are reachable with Tab (the viewer makes them focusable buttons).
    @Test func sankeyComparePersonaPagesCarryTheirNumbers() throws {
        defer { try? FileManager.default.removeItem(at: dir) }
        func data(_ html: String) throws -> [String: Any] {
            let page = try String(contentsOfFile: html, encoding: .utf8)
            let start = try #require(page.range(of: "<script type=\"application/json\" id=\"jm-data\">"))
            let end = try #require(page.range(of: "</script>", range: start.upperBound..<page.endIndex))
            return try #require(try JSONSerialization.jsonObject(with: Data(page[start.upperBound..<end.lowerBound].utf8)) as? [String: Any])
        }
        // Sankey: nodes and links against the SVG's groups and the printed total.
        let sankey = try CLI.run(["sankey", "samples/shop-journeys.csv", "-o", path("s.html"), "-o", path("s.svg")])
        #expect(sankey.status == 0, "\(sankey.stderr)")
        let s = try data(path("s.html"))
        #expect(s["kind"] as? String == "sankey" && s["unit"] as? String == "journeys")
        let nodes = try #require(s["nodes"] as? [[String: Any]]), links = try #require(s["links"] as? [[String: Any]])
        let svg = try String(contentsOfFile: path("s.svg"), encoding: .utf8)
        for n in nodes where n["kind"] as? String == "touchpoint" {
            #expect(svg.contains("data-id=\"\(n["id"] as! String)\""), "node \(n) not drawn")
        }
        let firstColumn = nodes.filter { $0["column"] as? Int == 0 }.reduce(0) { $0 + ($1["value"] as! Int) }
        #expect(sankey.stderr.contains(" \(grouped(firstColumn)) journeys →"), "first column \(firstColumn): \(sankey.stderr)")
        #expect(!links.isEmpty && links.allSatisfy { ($0["fromName"] as? String).map { !$0.isEmpty } ?? false })
        // Comparison: one change per stage, touchpoint and transition of the JSON report.
        let compare = try CLI.run(["compare", "samples/compare-before.csv", "samples/compare-after.csv",
                                   "-o", path("c.html"), "-o", path("c.json")])
        #expect(compare.status == 0, "\(compare.stderr)")
        let c = try data(path("c.html"))
        let report = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path("c.json")))) as? [String: Any])
        let changes = try #require(c["changes"] as? [[String: Any]])
        let counted = ["stages", "touchpoints", "transitions"].reduce(0) { $0 + ((report[$1] as? [Any])?.count ?? 0) }
        #expect(c["kind"] as? String == "compare" && changes.count == counted, "\(changes.count) changes, report \(counted)")
        #expect(changes.filter { $0["status"] as? String == "significant" }.count > 0)
        // Persona: the card's name and its stages' emotions.
        let persona = try CLI.run(["persona", "nok-thai-shopper", "--lang", "th", "-o", path("p.html")])
        #expect(persona.status == 0, "\(persona.stderr)")
        let cards = try #require(try data(path("p.html"))["personas"] as? [[String: Any]])
        #expect(cards.count == 1 && cards[0]["name"] as? String == "นก สุภาวดี", "\(cards)")
        #expect(((cards[0]["stages"] as? [[String: Any]]) ?? []).contains { $0["emotion"] != nil })
        // Flows focusable like the boxes.
        let map = try String(contentsOfFile: path("s.html"), encoding: .utf8)
        #expect(map.contains("flowGroups.forEach(function (g) {\n    // Reachable with Tab"))
    }

    // MARK: Found by a newcomer's run on real logs

    /// pm4py's snippet of the MobIS challenge log (`activity;case;start;end;…`, dates
    /// `16.01.2017 13:40`): "cannot tell which column is the timestamp" offered nothing. Its
    /// shape (made up rows): the interval's end column is now found (`send_to` is no `end`),
    /// and `stats` says "1 event, 1 journey".
    @Test func intervalLogHintsAndSingularCounts() throws {
        defer { try? FileManager.default.removeItem(at: dir) }
        let log = path("mobis-shaped.csv")
        try """
            activity;case;send_to;start;end;org:role;cost
            file travel expense report;21;;02.01.2017 06:26;02.01.2017 06:35;Employee;
            pay expenses;21;FI12;26.01.2017 07:59;26.01.2017 08:08;Accounting;316,18
            pay expenses;22;FI12;27.01.2017 07:59;27.01.2017 08:08;Accounting;16,18

            """.write(toFile: log, atomically: true, encoding: .utf8)
        let bare = try CLI.run(["stats", log])
        // Since session 28 "end" (then "start") is a timestamp name: the column is found, and
        // its dates get the format that reads them.
        #expect(bare.status == 65 && bare.stderr.contains("column \"end\": expected a timestamp")
                && bare.stderr.contains("--timestamp-format \"%d.%m.%Y %H:%M\" would read it"), "\(bare.stderr)")
        let read = try CLI.run(["stats", log, "--timestamp-format", "%d.%m.%Y %H:%M"])
        #expect(read.status == 0, "\(read.stderr)")
        #expect(read.stdout.contains("file travel expense report: 1 event, 1 journey"), "\(read.stdout)")
        #expect(read.stdout.contains("pay expenses: 2 events, 2 journeys"), "\(read.stdout)")
    }

    /// pm4py's `dryers_Fond/eventlog.csv` (`ID;Event;Title;Role;Date;`) read with `--activity
    /// Title` drew a "NULL" touchpoint in every journey: the SQL export's empty cells. The
    /// reading is unchanged; a warning names it and the flags, and `--exclude` leaves it out.
    @Test func placeholderActivitiesAreNamed() throws {
        defer { try? FileManager.default.removeItem(at: dir) }
        let log = path("dryers-shaped.csv")
        try """
            ID;Event;Title;Role;Date;
            14a-027;Initialize;NULL;Ansøger;2013-12-25 12:36:38.983;
            14a-027;DL_WFCaseTypeStep!497;Fill out Application;Ansøger;2013-12-25 12:36:38.987;
            14a-028;Initialize;NULL;Ansøger;2013-12-26 01:07:29.983;
            14a-028;DL_WFCaseTypeStep!497;Fill out Application;Ansøger;2013-12-26 01:07:29.983;

            """.write(toFile: log, atomically: true, encoding: .utf8)
        let run = try CLI.run(["mine", log, "--activity", "Title", "-o", path("j.json")])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.contains("warning: touchpoint \"NULL\" (2 events) is the text NULL in column \"Title\""), "\(run.stderr)")
        let stats = try CLI.run(["stats", log, "--activity", "Title"])
        #expect(stats.stdout.contains("touchpoint \"NULL\" (2 events)"), "\(stats.stdout)")
        let excluded = try CLI.run(["mine", log, "--activity", "Title", "--exclude", "NULL", "-o", path("k.json")])
        #expect(excluded.status == 0 && !excluded.stderr.contains("warning: touchpoint"), "\(excluded.stderr)")
        let plain = try CLI.run(["mine", log, "-o", path("l.json")])
        #expect(!plain.stderr.contains("warning: touchpoint"), "\(plain.stderr)")
    }
}
