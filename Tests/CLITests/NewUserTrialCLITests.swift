import Foundation
import Testing
import JourneyTestSupport

/// What a new user met on real public logs (session 23's trial: lifetimes' CDNOW ledger with
/// Windows line ends, pm4py's OCEL 2.0 example, loghub's time-only stamps, a log a given
/// template places in part), through the built binary.
@Suite struct NewUserTrialCLITests {
    /// This test's folder, removed with it.
    let folder: TemporaryDirectory
    var dir: URL { folder.url }

    init() throws {
        folder = try TemporaryDirectory("journeymap-trial")
    }

    func write(_ name: String, _ text: String) throws -> String { try folder.write(name, text) }

    static let ledger = "Tests/Fixtures/whitespace-ledger/ledger.txt"

    @Test func whitespaceTableWithWindowsLineEndsIsDetectedAsWithUnixOnes() throws {
        let text = try String(contentsOfFile: Self.ledger, encoding: .utf8)
        let crlf = try write("ledger-crlf.txt", text.replacingOccurrences(of: "\n", with: "\r\n"))
        let unix = try CLI.run(["stats", Self.ledger, "--activity", "number_of_cds"])
        let windows = try CLI.run(["stats", crlf, "--activity", "number_of_cds"])
        #expect(unix.status == 0 && windows.status == 0, "\(windows.stderr)")
        #expect(windows.stdout.contains("Events:      200") && windows.stdout.contains("Journeys:    80"), "\(windows.stdout)")
        #expect(windows.stdout.replacingOccurrences(of: crlf, with: Self.ledger) == unix.stdout)
        // A headerless one keeps its hint with Windows line ends too.
        let headerless = try write("sample-crlf.txt", " 00004  0001  19970101  2  29.33\r\n 00018  0002  19970101  2  29.73\r\n 00021  0003  19970101  3  46.35\r\n")
        let h = try CLI.run(["stats", headerless])
        #expect(h.status == 65 && h.stderr.contains("seems to have no header row"), "\(h.stderr)")
    }

    @Test func oneJSONDocumentIsNotTakenForAJourneyFileAndSaysHowToConvertIt() throws {
        // OCEL 2.0 (pm4py's ocel20_example.jsonocel), pretty-printed: a lone "{" first.
        let ocel = try write("ocel20.json", """
            {
              "objectTypes": [
                {"name": "Invoice", "attributes": []}
              ],
              "eventTypes": [],
              "objects": [],
              "events": [
                {"id": "e1", "type": "Create Purchase Requisition", "time": "2022-04-01T08:00:00Z", "attributes": [], "relationships": []}
              ]
            }

            """)
        for extra in [[], ["--input-format", "jsonl"]] {
            let r = try CLI.run(["stats", ocel] + extra)
            #expect(r.status == 65, "\(extra): \(r.stderr)")
            #expect(!r.stderr.contains("journey file"), "\(extra): \(r.stderr)")
            #expect(r.stderr.contains("ocel20.json:1: this file is pretty-printed JSON, not JSON Lines"), "\(r.stderr)")
            #expect(r.stderr.contains("OCEL 2.0"), "\(r.stderr)")
        }
        let array = try write("events.json", "[\n{\"user\": \"u1\", \"event\": \"view\", \"time\": \"2024-01-01T10:00:00Z\"}\n]\n")
        let a = try CLI.run(["stats", array])
        #expect(a.status == 65 && a.stderr.contains("one JSON array, not JSON Lines") && a.stderr.contains("jq -c '.[]'"), "\(a.stderr)")
        // --on-error skip does not skip a whole document line by line.
        let s = try CLI.run(["stats", array, "--on-error", "skip"])
        #expect(s.status == 65 && s.stderr.contains("one JSON array"), "\(s.stderr)")
        // A journey file pretty-printed is still one.
        let journey = dir.appendingPathComponent("j.json").path
        #expect(try CLI.run(["mine", "samples/shop-journeys.csv", "-o", journey, "--quiet"]).status == 0)
        let j = try CLI.run(["stats", journey])
        #expect(j.status == 0, "\(j.stderr)")
        // Splitting a journey file says so (it read the file as a JSON Lines log).
        let split = try CLI.run(["compare", journey, "--split-by", "x=a,b", "-o", dir.appendingPathComponent("c.md").path])
        #expect(split.status == 64 && split.stderr.contains("is a journey file from `journeymap mine`"), "\(split.stderr)")
    }

    @Test func aTimestampFormatWithoutADateWarns() throws {
        // loghub's OpenSSH_2k structured CSV: the time of day in one column, the date in two others.
        let log = try write("ssh.csv", "LineId,Date,Day,Time,Pid,EventId\n1,Dec,10,06:55:46,24200,E27\n2,Dec,10,06:55:46,24200,E13\n3,Dec,10,07:02:47,24206,E27\n4,Dec,10,07:02:47,24206,E2\n")
        let r = try CLI.run(["stats", log, "--case", "Pid", "--activity", "EventId", "--timestamp", "Time", "--timestamp-format", "%H:%M:%S"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.contains("warning: --timestamp-format \"%H:%M:%S\" has no date: every event is dated 1970-01-01"), "\(r.stderr)")
        let dated = try write("dated.csv", "case,activity,time\nc1,a,10/12/2024 06:55\nc1,b,10/12/2024 07:00\n")
        let d = try CLI.run(["stats", dated, "--timestamp-format", "%d/%m/%Y %H:%M"])
        #expect(d.status == 0 && !d.stderr.contains("--timestamp-format"), "\(d.stderr)")
        let y = try CLI.run(["stats", dated, "--timestamp-format", "%d/%m/2024 %H:%M"])
        #expect(y.stderr.contains("has no year (%Y or %y)"), "\(y.stderr)")
    }

    @Test func inferredStagesAdviceSaysWhichTemplateWhenOneWasGiven() throws {
        // thai-retail places the Thai names of samples/thai-shop.csv; English ones it does not.
        var rows = ["user,event,time"]
        for c in 0..<30 {
            for (i, a) in ["open_app", "browse_feed", "scan_qr", "redeem_points", "leave_app"].enumerated() {
                rows.append("u\(c),\(a),2024-03-\(String(format: "%02d", 1 + c % 20))T1\(i):00:00Z")
            }
        }
        let log = try write("app.csv", rows.joined(separator: "\n") + "\n")
        let png = dir.appendingPathComponent("m.png").path
        let given = try CLI.run(["map", log, "--template", "thai-retail", "-o", png])
        #expect(given.status == 0, "\(given.stderr)")
        #expect(given.stderr.contains("stages inferred from the data where template thai-retail does not fit it; to name those stages, edit the starter `journeymap template suggest LOG --template thai-retail -o my-template.yaml`"), "\(given.stderr)")
        #expect(!given.stderr.contains("give --template to name them"), "\(given.stderr)")
        let builtin = try CLI.run(["map", log, "-o", png])
        #expect(builtin.stderr.contains("stages inferred from the data; give --template to name them"), "\(builtin.stderr)")
    }

    @Test func wideTablesHintEveryDateColumnInOrder() throws {
        // Olist's orders: five dates; the hint listed three and lost the approval.
        let orders = try write("orders.csv", """
            order_id,customer_id,order_status,order_purchase_timestamp,order_approved_at,order_delivered_carrier_date,order_delivered_customer_date,order_estimated_delivery_date
            e481,9ef4,delivered,10/2/2017 10:56,10/2/2017 11:07,10/4/2017 19:55,10/10/2017 21:25,10/18/2017 0:00

            """)
        let r = try CLI.run(["stats", orders])
        #expect(r.status == 65)
        #expect(r.stderr.contains("--milestones \"order_purchase_timestamp,order_approved_at,order_delivered_carrier_date,order_delivered_customer_date,order_estimated_delivery_date\""), "\(r.stderr)")
    }

    @Test func anObjectCentricLogSaysSoAndOffersNoEventIdAsTheCase() throws {
        // pm4py's ocel/example_log.csv.
        let ocel = try write("ocel.csv", """
            ocel:eid,ocel:timestamp,ocel:activity,ocel:type:element,ocel:type:order,ocel:type:delivery
            e1,1980-01-01 00:00:00,Create Order,"['i4', 'i1']",['o1'],

            """)
        let r = try CLI.run(["stats", ocel])
        #expect(r.status == 65)
        #expect(!r.stderr.contains("--case (likely: ocel:eid"), "\(r.stderr)")
        #expect(r.stderr.contains("object-centric event log (OCEL)") && r.stderr.contains("ocel_flattening"), "\(r.stderr)")
        // Event and row ids are not offered as the case elsewhere either.
        // loghub's structured logs: LineId, EventId, then the process id.
        let rows = try write("rows.csv", "LineId,EventId,Pid,Component,EventTemplate,Time\n1,E27,24200,sshd,x,2024-01-01T10:00:00Z\n")
        let named = try CLI.run(["stats", rows])
        #expect(named.status == 65 && named.stderr.contains("--case (likely: Pid)"), "\(named.stderr)")
    }

    /// After review: journey files whose keys were reordered (pretty-printed, `format` far in)
    /// or whose lines end in CRLF still load; a line that is an array and `jq .`'s stream of
    /// pretty-printed objects get their own advice.
    @Test func reorderedAndWindowsJourneyFilesLoadAndOtherJSONGetsItsAdvice() throws {
        let journey = dir.appendingPathComponent("j.json").path
        #expect(try CLI.run(["mine", "samples/shop-journeys.csv", "-o", journey, "--quiet"]).status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: journey))) as? [String: Any])
        // "source" first, "format" last, past the first 64 KiB (as a script writing keys in its own order).
        var keys = object.keys.filter { $0 != "source" && $0 != "format" }.sorted()
        keys = ["source"] + keys + ["format"]
        var text = "{\n"
        for (n, key) in keys.enumerated() {
            let value = try JSONSerialization.data(withJSONObject: object[key]!, options: [.prettyPrinted, .fragmentsAllowed])
            text += "  \"\(key)\" : " + String(decoding: value, as: UTF8.self) + (n + 1 < keys.count ? ",\n" : "\n")
        }
        text += "}\n"
        #expect(text.utf8.count > 65_536 || !text.prefix(65_536).contains("\"format\""))
        let reordered = try write("reordered.json", text)
        let r = try CLI.run(["stats", reordered])
        #expect(r.status == 0, "\(r.stderr)")
        let windows = try write("windows.json", text.replacingOccurrences(of: "\n", with: "\r\n"))
        let w = try CLI.run(["stats", windows])
        #expect(w.status == 0 && w.stdout == r.stdout.replacingOccurrences(of: reordered, with: windows), "\(w.stderr)")

        let arrays = try write("arrays.jsonl", "[\"u1\", \"view\", \"2024-01-01T10:00:00Z\"]\n[\"u1\", \"buy\", \"2024-01-01T11:00:00Z\"]\n")
        let a = try CLI.run(["stats", arrays])
        #expect(a.status == 65 && a.stderr.contains("this line is a JSON array, not an object"), "\(a.stderr)")
        let stream = try write("stream.json", "{\n  \"user\": \"u1\",\n  \"event\": \"view\"\n}\n{\n  \"user\": \"u1\",\n  \"event\": \"buy\"\n}\n")
        let st = try CLI.run(["stats", stream])
        #expect(st.status == 65 && st.stderr.contains("jq -c . FILE > events.jsonl"), "\(st.stderr)")
        // Skipping bad lines does not turn a later array line into "one JSON array".
        let later = try write("later.jsonl", "garbage\n[1]\n{\"user\": \"u1\", \"event\": \"view\", \"time\": \"2024-01-01T10:00:00Z\"}\n")
        let l = try CLI.run(["stats", later, "--on-error", "skip"])
        #expect(!l.stderr.contains("JSON array"), "\(l.stderr)")
    }

    @Test func milestoneHintsTakeJoinedNamesAndLeaveTimeZonesOut() throws {
        let salesforce = try write("opps.csv", "OpportunityId,Amount,CreatedDate,CloseDate,LastModifiedDate\nO1,100,2024-01-01,2024-02-01,2024-02-02\n")
        let r = try CLI.run(["stats", salesforce])
        #expect(r.stderr.contains("--milestones \"CreatedDate,CloseDate,LastModifiedDate\""), "\(r.stderr)")
        let zoned = try write("deals.csv", "deal_id,amount,created_at,closed_at,timezone,updated_at\nd1,5,2024-01-01,2024-02-01,UTC,2024-02-03\n")
        let z = try CLI.run(["stats", zoned])
        #expect(z.stderr.contains("--milestones \"created_at,closed_at,updated_at\""), "\(z.stderr)")
        // HubSpot's Record ID is the deal's own id: still offered as the case.
        let hubspot = try write("h.csv", "Record ID,Deal Name,Amount,Create Date,Close Date,Date entered Won\n123,Acme,100,2024-01-01,2024-02-01,2024-02-01\n")
        let h = try CLI.run(["stats", hubspot, "--milestones", "Create Date,Close Date,Date entered Won"])
        #expect(h.status == 0 || h.stderr.contains("--case (likely: Record ID"), "\(h.stderr)")
        #expect(!h.stderr.contains("--case (likely: Deal Name"), "\(h.stderr)")
    }

    /// A second trial (bupaR's sepsis log as Disco exports it, a Thai university's login log
    /// with Buddhist-era years, OTTO's sessions as JSON Lines, a Thai report without a header).
    @Test func secondTrialReadsAndSaysWhatToDo() throws {
        // Disco's column names are guessed and its year-first timestamps read as they are
        // (plain and gzipped: the direct path too); a day-first export gets a suggestion; all
        // rows skipped says why.
        let sepsis = try write("sepsis.csv", "Case ID;Activity;Complete Timestamp;Variant;LacticAcid\nA;ER Registration;2014/10/22 11:15:41.000;Variant 63;\nA;Leucocytes;2014/10/22 11:27:00.000;Variant 63;\n")
        let read = try CLI.run(["stats", sepsis])
        #expect(read.status == 0 && read.stdout.contains("case Case ID") && read.stdout.contains("timestamp Complete Timestamp"), "\(read.stdout) \(read.stderr)")
        #expect(read.stdout.contains("2014-10-22T11:15:41Z .. 2014-10-22T11:27:00Z"), "\(read.stdout)")
        let flagged = try CLI.run(["stats", sepsis, "--timestamp-format", "%Y/%m/%d %H:%M:%S.%f"])
        #expect(flagged.stdout == read.stdout, "\(flagged.stdout) \(flagged.stderr)")
        let minedOut = dir.appendingPathComponent("sepsis.json").path
        #expect(try CLI.run(["mine", sepsis, "-o", minedOut]).status == 0)
        #expect(try String(contentsOfFile: minedOut, encoding: .utf8).contains("2014-10-22T11:15:41Z"))
        let dayFirst = try write("day-first.csv", "Case ID;Activity;Complete Timestamp\nA;ER Registration;22/10/2014 11:15:41.000\nA;Leucocytes;22/10/2014 11:27:00.000\n")
        let r = try CLI.run(["stats", dayFirst])
        #expect(r.status == 65 && r.stderr.contains("--timestamp-format \"%d/%m/%Y %H:%M:%S.%f\" would read it"), "\(r.stderr)")
        #expect(r.stderr.contains("--on-error skip leaves such rows out"), "\(r.stderr)")
        let skipped = try CLI.run(["stats", dayFirst, "--on-error", "skip"])
        #expect(skipped.status == 65 && skipped.stderr.contains("no events: all 2 rows were left out (2 bad timestamp); the first: "), "\(skipped.stderr)")
        // Month names and RFC 1123 dates are suggested and read.
        let rfc = try write("rfc.csv", "case,activity,timestamp\n1,a,\"Tue, 22 Oct 2014 11:15:41 GMT\"\n1,b,\"Tue, 22 Oct 2014 11:16:41 GMT\"\n")
        let f = try CLI.run(["stats", rfc])
        #expect(f.stderr.contains("--timestamp-format \"%a, %d %b %Y %H:%M:%S %z\" would read it"), "\(f.stderr)")
        let g = try CLI.run(["stats", rfc, "--timestamp-format", "%a, %d %b %Y %H:%M:%S %z"])
        #expect(g.stdout.contains("2014-10-22T11:15:41Z .. 2014-10-22T11:16:41Z"), "\(g.stdout) \(g.stderr)")

        // Buddhist-era years warn, and --buddhist-era reads them (leap days of the common era).
        let thai = try write("login.csv", "username,agency,date\ns,กองกิจการนิสิต,29/02/2567 10:59:50\ns,กองยานพาหนะ,01/03/2567 11:00:00\n")
        let be = try CLI.run(["stats", thai, "--case", "username", "--activity", "agency", "--timestamp", "date", "--timestamp-format", "%d/%m/%Y %H:%M:%S"])
        #expect(be.stderr.contains("holds years like 2567: Buddhist-era years (พ.ศ. 2567 = 2024)?") && be.stderr.contains("--buddhist-era"), "\(be.stderr)")
        let ce = try CLI.run(["stats", thai, "--case", "username", "--activity", "agency", "--timestamp", "date", "--timestamp-format", "%d/%m/%Y %H:%M:%S", "--buddhist-era"])
        #expect(ce.status == 0 && ce.stdout.contains("2024-02-29T10:59:50Z .. 2024-03-01T11:00:00Z") && !ce.stderr.contains("Buddhist"), "\(ce.stdout) \(ce.stderr)")
        let iso = try write("iso.csv", "username,agency,date\ns,a,2567-02-29T10:00:00Z\ns,b,2567-03-01T10:00:00Z\n")
        let isoCE = try CLI.run(["mine", iso, "--case", "username", "--activity", "agency", "--timestamp", "date", "--buddhist-era", "-o", dir.appendingPathComponent("be.json").path])
        #expect(isoCE.status == 0, "\(isoCE.stderr)")
        #expect(try String(contentsOf: dir.appendingPathComponent("be.json"), encoding: .utf8).contains("\"2024-02-29T10:00:00Z\""))

        // Plural event types (OTTO: clicks, carts, orders) are in the vocabulary.
        var rows = ["session,type,ts"]
        for c in 0..<10 { rows += ["s\(c),clicks,\(1_659_304_800 + c * 100)", "s\(c),carts,\(1_659_304_810 + c * 100)", "s\(c),orders,\(1_659_304_820 + c * 100)"] }
        let otto = try write("otto.csv", rows.joined(separator: "\n") + "\n")
        let o = try CLI.run(["stats", otto, "--case", "session", "--activity", "type", "--timestamp", "ts"])
        #expect(o.stdout.contains("Consideration [consideration]") && o.stdout.contains("Decision [decision]") && !o.stderr.contains("stages inferred"), "\(o.stdout)")
        // Events nested in a list per line.
        let nested = try write("otto.jsonl", "{\"session\":0,\"events\":[{\"aid\":1,\"ts\":1659304800025,\"type\":\"clicks\"}]}\n")
        let n = try CLI.run(["stats", nested])
        #expect(n.stderr.contains("the events are nested, a list of them under \"events\""), "\(n.stderr)")
        // A header that is a row with a timestamp.
        let report = try write("reports.csv", "รถเสีย,แอร์ร้อนมาก,userone,2022-10-20 23:35:21\nวินมอไซต์,ค่าวินแพงมาก,userone,2022-10-20 23:36:21\n")
        let h = try CLI.run(["stats", report])
        #expect(h.stderr.contains("the header holds a timestamp (2022-10-20 23:35:21): the file seems to have no header row"), "\(h.stderr)")
        // pandas' unnamed index column is chosen with --case "".
        let pandas = try write("pandas.csv", ",type,timestamp\n0,view,2024-01-01T10:00:00Z\n0,buy,2024-01-01T11:00:00Z\n1,view,2024-01-02T10:00:00Z\n")
        let u = try CLI.run(["stats", pandas, "--case", "", "--activity", "type"])
        #expect(u.status == 0 && u.stdout.contains("Journeys:    2"), "\(u.stdout) \(u.stderr)")
        // A map drawn from a journey file says nothing of columns guessed.
        let journey = dir.appendingPathComponent("j.json").path
        #expect(try CLI.run(["mine", "samples/shop-journeys.csv", "-o", journey, "--quiet"]).status == 0)
        let m = try CLI.run(["map", journey, "-o", dir.appendingPathComponent("m.svg").path])
        #expect(m.status == 0 && !m.stderr.contains("columns guessed"), "\(m.stderr)")
    }

    /// After the second review: windows are common-era dates under --buddhist-era; Disco's
    /// "Case ID" wins over a customer column; epoch numbers, lists of tags and pivot headers
    /// raise no false hints; --case "" is refused with an engine.
    @Test func secondReviewFollowUps() throws {
        let be = try write("be.csv", "case,activity,time\nc1,a,2567-01-10T10:00:00Z\nc1,b,2567-01-10T11:00:00Z\nc2,a,2567-02-29T10:00:00Z\nc2,b,2567-02-29T11:00:00Z\nc3,a,2567-03-10T10:00:00Z\nc3,b,2567-03-10T11:00:00Z\nc4,a,2567-04-10T10:00:00Z\nc4,b,2567-04-10T11:00:00Z\n")
        let c = try CLI.run(["compare", be, "--buddhist-era", "--before", "2024-01-01..2024-02-29", "--after", "2024-03-01..2024-04-30",
                             "--format", "json"])
        #expect(c.status == 0, "\(c.stderr)")
        let helpdesk = try write("helpdesk.csv", "Case ID,Activity,Resource,Complete Timestamp,customer\nCase 1,Assign,R1,2012-10-09T14:50:17Z,Value 1\nCase 2,Assign,R1,2012-10-09T15:50:17Z,Value 1\n")
        let h = try CLI.run(["stats", helpdesk])
        #expect(h.stdout.contains("case Case ID") && h.stdout.contains("Journeys:    2"), "\(h.stdout) \(h.stderr)")
        let epoch = try write("epoch.csv", "case,activity,time\nc1,a,15000000000\nc1,b,15000000100\n")
        let e = try CLI.run(["stats", epoch])
        #expect(!e.stderr.contains("Buddhist"), "\(e.stderr)")
        let tags = try write("tags.jsonl", "{\"visitor\":\"v1\",\"what\":\"view\",\"tags\":[{\"k\":\"v\"}]}\n")
        let t = try CLI.run(["stats", tags])
        #expect(t.status == 65 && !t.stderr.contains("nested"), "\(t.stderr)")
        let deep = try write("deep.jsonl", "{\"data\":{\"events\":[{\"a\":1}]},\"s\":\"x\\\"y\"}\n")
        let d = try CLI.run(["stats", deep])
        #expect(!d.stderr.contains("nested"), "only top-level lists: \(d.stderr)")
        let pivot = try write("pivot.csv", "user_id,2024-01-01,2024-01-02\nu1,3,4\n")
        let p = try CLI.run(["stats", pivot])
        #expect(!p.stderr.contains("no header row"), "\(p.stderr)")
        let engine = try CLI.run(["mine", "--engine", "sql", "--dialect", "duckdb", "--table", "t", "--case", "", "--activity", "a", "--timestamp", "t"])
        #expect(engine.status == 64 && engine.stderr.contains("--case \"\""), "\(engine.stderr)")
    }
}
