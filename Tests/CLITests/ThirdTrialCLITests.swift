import Foundation
import Testing
import JourneyTestSupport

/// What a new user met on real public logs in session 24's trial (a web server's access log,
/// pm4py's helpdesk and receipt logs as CSV, Thai ticket logs with Buddhist-era dates),
/// through the built binary.
@Suite struct ThirdTrialCLITests {
    let folder: TemporaryDirectory

    init() throws {
        folder = try TemporaryDirectory("journeymap-trial3")
    }

    /// A three-stage template and a log where every journey reaches the first stage, 5 % the
    /// second and 2 % the third.
    func thinLaterStages() throws -> (log: String, template: String) {
        let template = try folder.write("t.yaml", """
            id: thin
            names: {en: Thin}
            stages:
              - {id: browse, names: {en: Browse}, color: "#4e79a7"}
              - {id: cart, names: {en: Cart}, color: "#f28e2b"}
              - {id: buy, names: {en: Buy}, color: "#59a14f"}
            touchpoints:
              - {match: [home, list, item], stage: browse}
              - {match: [cart], stage: cart}
              - {match: [pay], stage: buy}

            """)
        var csv = "user,time,event\n"
        for u in 0..<100 {
            var steps = u % 2 == 0 ? ["home", "list", "item"] : ["home", "item"]
            if u < 5 { steps.append("cart") }
            if u < 2 { steps.append("pay") }
            for (i, s) in steps.enumerated() { csv += "u\(u),2024-01-0\(1 + i % 9) 10:0\(i):00,\(s)\n" }
        }
        return (try folder.write("thin.csv", csv), template)
    }

    @Test func personasDoNotAllConvertByReachingTheFirstStage() throws {
        let (log, template) = try thinLaterStages()
        let r = try CLI.run(["persona", log, "--template", template, "--clusters", "2", "-o", folder.path("p.svg")])
        #expect(r.status == 0, "\(r.stderr)")
        // Every journey reaches the last stage a tenth reach: the first later one 1 % reach instead.
        #expect(r.stderr.contains("\"converts\" means reaching stage cart (the last stage at least a tenth of journeys reach, or, when nine in ten reach that one, the first later one at least 1 % reach"), "\(r.stderr)")
        #expect(!r.stderr.contains("converts 100%"), "\(r.stderr)")
        // A few journeys before the stage all reach change nothing (2 % start with an ad), and
        // the template's decision stage goes first among the later ones.
        let template2 = try folder.write("t2.yaml", """
            id: funnel
            names: {en: Funnel}
            stages:
              - {id: awareness, names: {en: Awareness}, color: "#4e79a7"}
              - {id: consideration, names: {en: Consideration}, color: "#f28e2b"}
              - {id: decision, names: {en: Decision}, color: "#59a14f"}
              - {id: retention, names: {en: Retention}, color: "#76b7b2"}
            touchpoints:
              - {match: [ad], stage: awareness}
              - {match: [home, list, item, compare], stage: consideration}
              - {match: [cart, pay], stage: decision}
              - {match: [again], stage: retention}

            """)
        var csv = "user,time,event\n"
        for u in 0..<200 {
            var steps = u < 4 ? ["ad", "home", "item"] : ["home", "item"]
            if u < 12 { steps.append("compare") }
            if u < 8 { steps.append("cart") }
            if u < 3 { steps.append("again") }
            for (i, s) in steps.enumerated() { csv += "u\(u),2024-01-01 10:0\(i):00,\(s)\n" }
        }
        let log2 = try folder.write("funnel.csv", csv)
        let f = try CLI.run(["persona", log2, "--template", template2, "--clusters", "2", "-o", folder.path("f.svg")])
        #expect(f.status == 0 && f.stderr.contains("\"converts\" means reaching stage decision ("), "\(f.stderr)")
    }

    @Test func buddhistEraDatesSayWhichFlagReadsThem() throws {
        // Day-first Thai dates in the Buddhist era; 29/02/2555 is a leap day only as 2012.
        let log = try folder.write("tickets.csv", """
            เลขเรื่อง,วันเวลา,กิจกรรม
            T1,28/02/2555 09:00,รับเรื่อง
            T1,29/02/2555 10:00,ปิดเรื่อง

            """)
        let r = try CLI.run(["stats", log])
        #expect(r.status == 65, "\(r.stderr)")
        #expect(r.stderr.contains("2555 looks like a Buddhist-era year (พ.ศ. 2555 = 2012): add --buddhist-era --timestamp-format \"%d/%m/%Y %H:%M\""), "\(r.stderr)")
        // Following the pattern alone still names the flag at the leap day.
        let pattern = try CLI.run(["stats", log, "--timestamp-format", "%d/%m/%Y %H:%M"])
        #expect(pattern.status == 65 && pattern.stderr.contains("tickets.csv:3:") && pattern.stderr.contains("add --buddhist-era"), "\(pattern.stderr)")
        // The Thai ticket-number column is the case; with the flag the log reads.
        let both = try CLI.run(["stats", log, "--timestamp-format", "%d/%m/%Y %H:%M", "--buddhist-era"])
        #expect(both.status == 0 && both.stdout.contains("Journeys:    1") && both.stdout.contains("2012-02-29"), "\(both.stdout)\(both.stderr)")
        #expect(both.stderr.contains("case เลขเรื่อง (guessed)") || both.stdout.contains("case เลขเรื่อง (guessed)"), "\(both.stdout)\(both.stderr)")
    }

    @Test func thaiRowNumbersAndCodesAreNotTakenForTheCase() throws {
        // เลขที่ ("No.") numbers the rows; the case is the member id.
        let rows = try folder.write("rows.csv", "เลขที่,Member ID,วันที่และเวลา,วันที่,กิจกรรม\n1,m1,2024-01-01 10:00,2024-01-01,สมัคร\n2,m1,2024-01-01 11:00,2024-01-01,ซื้อ\n")
        let r = try CLI.run(["stats", rows])
        #expect(r.status == 0, "\(r.stderr)")
        // The date and time, not the date alone.
        #expect(r.stdout.contains("case Member ID (guessed)") && r.stdout.contains("timestamp วันที่และเวลา (guessed)"), "\(r.stdout)")
        #expect(r.stdout.contains("Journeys:    1"), "\(r.stdout)")
    }

    @Test func xesTraceAttributesFlattenedToCSVGiveTheChannel() throws {
        // pm4py's receipt.csv: the trace attribute channel as `case:channel`.
        let log = try folder.write("receipt.csv", """
            case:concept:name,concept:name,time:timestamp,case:channel
            c1,Confirmation of receipt,2011-10-11 13:45:40+02:00,Internet
            c1,T02 Check confirmation of receipt,2011-10-12 08:26:25+02:00,Internet
            c2,Confirmation of receipt,2011-10-11 14:00:00+02:00,Desk

            """)
        let r = try CLI.run(["stats", log])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("channel case:channel (guessed)"), "\(r.stdout)")
    }

    @Test func compareSaysItsSankeyFlagForSankey() throws {
        let r = try CLI.run(["compare", "samples/compare-before.csv", "samples/compare-after.csv", "-o", folder.path("x.png"), "--sankey"])
        #expect(r.status == 64 && r.stderr.contains("--diff-sankey FILE") && !r.stderr.contains("--lanes"), "\(r.stderr)")
        #expect(try folder.contents().isEmpty)
    }

    @Test func aPhaseIsNotNamedByATouchpointWithAFewOfItsEvents() throws {
        // "Closed" 40 times and "VERIFIED" twice in the last phase: named "Closed" alone.
        var csv = "case,activity,time\n"
        for c in 0..<40 {
            csv += "c\(c),Open,2024-01-01 10:00:00\nc\(c),Work,2024-01-01 11:00:00\nc\(c),Closed,2024-01-01 12:00:00\n"
            if c < 2 { csv += "c\(c),VERIFIED,2024-01-01 13:00:00\n" }
        }
        let log = try folder.write("tickets.csv", csv)
        let r = try CLI.run(["stats", log])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(!r.stdout.contains("· VERIFIED"), "\(r.stdout)")
    }
}

/// A log whose visits are mostly one page (a web log): its pages share one position, so they
/// make one phase, and its one tall column is split in two for a landscape screen.
@Suite struct OnePageVisitsCLITests {
    let folder: TemporaryDirectory

    init() throws {
        folder = try TemporaryDirectory("journeymap-onepage")
    }

    @Test func pagesOfOnePositionAreOnePhaseAndTheirColumnIsSplit() throws {
        var csv = "user,time,event\n"
        for u in 0..<400 {
            var steps = ["page\(String(format: "%02d", (u * 7) % 18))"]
            if u % 5 == 0 { steps.append("checkout") }
            if u % 25 == 0 { steps.append("review") }
            for (i, s) in steps.enumerated() { csv += "u\(u),2024-01-01 10:0\(i):00,\(s)\n" }
        }
        let log = try folder.write("visits.csv", csv)
        let stats = try CLI.run(["stats", log])
        #expect(stats.status == 0, "\(stats.stderr)")
        // The 18 pages (all first) are one phase, not phases cut by name.
        #expect(stats.stdout.contains("[phase-1]: 18 touchpoints"), "\(stats.stdout)")
        let layout = folder.path("m.layout.json")
        let map = try CLI.run(["map", log, "-o", layout, "-o", folder.path("m.png"), "--quiet"])
        #expect(map.status == 0, "\(map.stderr)")
        let doc = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: layout))) as? [String: Any]
        let elements = doc?["elements"] as? [[String: Any]] ?? []
        let pages = elements.filter { ($0["role"] as? String) == "touchpoint box" && (($0["id"] as? String) ?? "").hasPrefix("page") }
        let xs = Set(pages.compactMap { (($0["bounds"] as? [String: Double])?["x"]).map { Int($0) } })
        #expect(pages.count == 18 && xs.count == 2, "the pages' column is split in two: \(xs)")
        let width = doc?["width"] as? Double ?? 0, height = doc?["height"] as? Double ?? 0
        #expect(height < 1.5 * width, "\(width) × \(height)")

        // Only one-page visits: one phase, one stage, its column cut in up to four.
        var pagesOnly = "user,time,event\n"
        for u in 0..<800 { pagesOnly += "u\(u),2024-02-01 10:00:00,pg\((u * 13) % 41)\n" }
        let onePhase = try folder.write("pages.csv", pagesOnly)
        let one = folder.path("one.layout.json")
        #expect(try CLI.run(["map", onePhase, "-o", one, "--quiet"]).status == 0)
        let d1 = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: one))) as? [String: Any]
        let boxes = (d1?["elements"] as? [[String: Any]] ?? []).filter { ($0["role"] as? String) == "touchpoint box" }
        let columns = Set(boxes.compactMap { (($0["bounds"] as? [String: Double])?["x"]).map { Int($0) } })
        #expect(boxes.count == 40 && columns.count >= 3, "\(boxes.count) boxes in \(columns.count) columns")
        let w1 = d1?["width"] as? Double ?? 0, h1 = d1?["height"] as? Double ?? 0
        #expect(h1 < 1.5 * w1, "\(w1) × \(h1)")
    }
}

/// A facilitator's `--page A3` (no way up given): a map of few tall columns filled a quarter of
/// an A3 landscape page; it now prints portrait when that is a tenth larger.
@Suite struct PageWayUpCLITests {
    let folder: TemporaryDirectory

    init() throws {
        folder = try TemporaryDirectory("journeymap-pageup")
    }

    /// The PDF's first MediaBox: width and height in points.
    func mediaBox(_ path: String) throws -> (Double, Double) {
        let text = String(decoding: try Data(contentsOf: URL(fileURLWithPath: path)), as: UTF8.self)
        let box = text.range(of: #"MediaBox \[ 0 0 [0-9.]+ [0-9.]+ \]"#, options: .regularExpression).map { String(text[$0]) } ?? ""
        let numbers = box.split(separator: " ").compactMap { Double($0) }
        return numbers.count == 4 ? (numbers[2], numbers[3]) : (0, 0)
    }

    @Test func aMapOfFewTallColumnsPrintsPortraitUnlessLandscapeIsGiven() throws {
        // Three Thai awareness touchpoints over each other and one decision one.
        var csv = "user,time,event\n"
        let awareness = ["เห็นโฆษณา", "ผลการค้นหา", "โพสต์โซเชียล"]
        for u in 0..<500 {
            var steps = (0..<5).map { awareness[(u * 7 + $0 * 3 + $0 * $0) % 3] }
            if u % 4 == 0 { steps.append("ซื้อสินค้า") }
            for (i, s) in steps.enumerated() { csv += "u\(u),2024-01-01 10:0\(i):00,\(s)\n" }
        }
        let log = try folder.write("few.csv", csv)
        let template = CLI.root.appendingPathComponent("templates/thai-retail.yaml").path
        let a3 = try CLI.run(["map", log, "--template", template, "--page", "A3", "-o", folder.path("a3.pdf"), "--quiet"])
        #expect(a3.status == 0, "\(a3.stderr)")
        let (w, h) = try mediaBox(folder.path("a3.pdf"))
        #expect(abs(w - 841.89) < 0.1 && abs(h - 1190.55) < 0.1, "portrait A3: \(w) × \(h)")
        let given = try CLI.run(["map", log, "--template", template, "--page", "A3-landscape", "-o", folder.path("l.pdf"), "--quiet"])
        #expect(given.status == 0)
        let (lw, lh) = try mediaBox(folder.path("l.pdf"))
        #expect(abs(lw - 1190.55) < 0.1 && abs(lh - 841.89) < 0.1, "landscape as given: \(lw) × \(lh)")
    }
}
