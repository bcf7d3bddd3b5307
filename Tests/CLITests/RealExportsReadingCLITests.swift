import Foundation
import Testing
import JourneyTestSupport

/// Issue 16 through the built binary: real exports read right on the first run, or a message
/// that says what to do — dates as integers, epoch readings out of range, timestamp formats,
/// whitespace-aligned ledgers and web server access logs (fixtures in Tests/Fixtures/).
@Suite struct RealExportsReadingCLITests {
    /// This test's folder, removed with it.
    let folder: TemporaryDirectory
    var dir: URL { folder.url }

    init() throws {
        folder = try TemporaryDirectory("journeymap-exports")
    }

    func write(_ name: String, _ text: String) throws -> String { try folder.write(name, text) }

    static let ledger = "Tests/Fixtures/whitespace-ledger/ledger.txt"
    static let accessLog = "Tests/Fixtures/access-log/apache_logs_excerpt.log"

    @Test func aHeaderOfNumbersSaysTheFileSeemsToHaveNoHeaderRow() throws {
        defer { try? FileManager.default.removeItem(at: dir) }
        // MovieLens u.data: user, item, rating, epoch seconds, no header.
        let tsv = try write("u.tsv", "196\t242\t3\t881250949\n186\t302\t3\t891717742\n22\t377\t1\t878887116\n")
        let r = try CLI.run(["stats", tsv])
        #expect(r.status == 65, "\(r.stderr)")
        #expect(r.stderr.contains("columns in the header: 196, 242, 3, 881250949 (every field of the header is a number: the file seems to have no header row"), "\(r.stderr)")
        #expect(r.stderr.contains("add a first line naming the 4 columns"), "\(r.stderr)")
        let named = try CLI.run(["stats", tsv, "--case", "user"])
        #expect(named.status == 65 && named.stderr.contains("seems to have no header row"), "\(named.stderr)")
        // A header with a number among names is a header.
        let mixed = try write("m.csv", "user,2024,time\nu1,a,2024-01-01\n")
        let m = try CLI.run(["stats", mixed])
        #expect(!m.stderr.contains("no header row"), "\(m.stderr)")
    }

    @Test func eightDigitDatesAreDatesNotEpochSeconds() throws {
        defer { try? FileManager.default.removeItem(at: dir) }
        let csv = try write("purchases.csv", "customer_id,date,event\n1,19970101,buy\n1,19970315,buy\n2,19971231,buy\n")
        let r = try CLI.run(["stats", csv])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("Time span:   1997-01-01T00:00:00Z .. 1997-12-31T00:00:00Z"), "\(r.stdout)")
        #expect(!r.stderr.contains("warning"), "\(r.stderr)")
    }

    @Test func epochReadingsOutOfRangeWarnNamingColumnValueAndReading() throws {
        defer { try? FileManager.default.removeItem(at: dir) }
        var text = "user,event,day_number\n"
        for i in 0..<40 { text += "u\(i % 5),view,\(19_000 + i)\n" }
        let csv = try write("days.csv", text)
        let r = try CLI.run(["mine", csv, "--timestamp", "day_number", "-o", dir.appendingPathComponent("j.json").path])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.contains("warning: \(csv): column \"day_number\": 40 of the first 40 timestamps read as epoch s (by magnitude) land before 1990 or after 2100, e.g. 19000 → 1970-01-01T05:16:40Z"), "\(r.stderr)")
        #expect(r.stderr.contains("--timestamp-unit") && r.stderr.contains("--timestamp-format"), "\(r.stderr)")
        let stats = try CLI.run(["stats", csv, "--timestamp", "day_number"])
        // On standard error like every other command's, not in the report.
        #expect(stats.stderr.contains("journeymap: warning: \(csv): column \"day_number\""), "\(stats.stderr)")
        #expect(!stats.stdout.contains("day_number\": 40"), "\(stats.stdout)")
        // ISO dates before 1990 are no epoch reading: no warning.
        let old = try write("old.csv", "user,event,time\nu1,a,1985-03-01\nu1,b,1985-03-02\n")
        #expect(try !CLI.run(["stats", old]).stderr.contains("warning"))
        // Epoch seconds of this century give no warning.
        let fine = try write("fine.csv", "user,event,ts\nu1,view,1700000000\nu1,buy,1700000600\n")
        #expect(try !CLI.run(["stats", fine]).stderr.contains("warning"))
    }

    @Test func ledgerWithGivenUnitWarnsAboutTheUnit() throws {
        let r = try CLI.run(["stats", Self.ledger, "--activity", "number_of_cds", "--timestamp-unit", "s"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.contains("column \"date\": 200 of the first 200 timestamps read as --timestamp-unit s land before 1990"), "\(r.stderr)")
        #expect(r.stderr.contains("e.g. 19970131 → 1970-08-20T03:15:31Z"), "\(r.stderr)")
    }

    @Test func timestampFormatsWithMonthNamesTwoDigitYearsAndAccessLogForm() throws {
        defer { try? FileManager.default.removeItem(at: dir) }
        let names = try write("names.csv", "user,event,time\nu1,view,3 MARCH 24\nu1,buy,15 mar 24\nu2,view, 7 December 24\n")
        let r = try CLI.run(["stats", names, "--timestamp-format", "%e %B %y"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("Time span:   2024-03-03T00:00:00Z .. 2024-12-07T00:00:00Z"), "\(r.stdout)")
        let clf = try write("clf.csv", "user,event,time\nu1,view,17/May/2015:10:05:03 +0000\nu1,buy,17/May/2015:12:05:03 +0200\n")
        let c = try CLI.run(["stats", clf, "--timestamp-format", "%d/%b/%Y:%H:%M:%S %z"])
        #expect(c.stdout.contains("Time span:   2015-05-17T10:05:03Z .. 2015-05-17T10:05:03Z"), "\(c.stdout)")
    }

    @Test func timestampErrorShowsTheValueAndSuggestsAFormat() throws {
        defer { try? FileManager.default.removeItem(at: dir) }
        let clf = try write("clf.csv", "user,event,time\nu1,view,17/May/2015:10:05:03 +0000\n")
        let r = try CLI.run(["stats", clf])
        #expect(r.status == 65)
        #expect(r.stderr.contains("found \"17/May/2015:10:05:03 +0000\"; --timestamp-format \"%d/%b/%Y:%H:%M:%S %z\" would read it"), "\(r.stderr)")
        let us = try write("us.csv", "user,event,time\nu1,view,05/19/2024 14:30\n")
        #expect(try CLI.run(["stats", us]).stderr.contains("--timestamp-format \"%m/%d/%Y %H:%M\" would read it"))
        let junk = try write("junk.csv", "user,event,time\nu1,view,soon\n")
        #expect(try !CLI.run(["stats", junk]).stderr.contains("would read it"))
    }

    @Test func dateFiltersAreISOWhateverTheTimestampFormat() throws {
        defer { try? FileManager.default.removeItem(at: dir) }
        let csv = try write("eu.csv", "user,event,time\nu1,view,01/03/2024 10:00\nu1,buy,20/03/2024 10:00\nu2,view,05/04/2024 09:00\n")
        let r = try CLI.run(["stats", csv, "--timestamp-format", "%d/%m/%Y %H:%M", "--since", "2024-03-15", "--until", "2024-03-31"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("Events:      1"), "\(r.stdout)")
        let c = try CLI.run(["compare", csv, "--timestamp-format", "%d/%m/%Y %H:%M", "--before", "2024-03-01..2024-03-31",
                             "--after", "2024-04-01..2024-04-30", "-o", dir.appendingPathComponent("r.json").path])
        #expect(c.status == 0, "\(c.stderr)")
    }

    @Test func onlyGuessedColumnsAreReportedAsGuessed() throws {
        defer { try? FileManager.default.removeItem(at: dir) }
        let csv = try write("g.csv", "user_id,event,timestamp,channel\nu1,view,2024-01-01,web\nu1,buy,2024-01-02,app\n")
        let out = dir.appendingPathComponent("j.json").path
        let some = try CLI.run(["mine", csv, "--case", "user_id", "--channel", "channel", "-o", out])
        #expect(some.stderr.contains("columns guessed: activity event, timestamp timestamp (set them with --activity/--timestamp)"), "\(some.stderr)")
        #expect(!some.stderr.contains("case user_id"), "\(some.stderr)")
        let none = try CLI.run(["mine", csv, "--case", "user_id", "--activity", "event", "--timestamp", "timestamp", "--channel", "channel", "-o", out])
        #expect(!none.stderr.contains("guessed"), "\(none.stderr)")
    }

    @Test func whitespaceAlignedLedgerIsDetectedAndReadWithItsDates() throws {
        let r = try CLI.run(["stats", Self.ledger, "--activity", "number_of_cds"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("Events:      200"), "\(r.stdout)")
        #expect(r.stdout.contains("Journeys:    80"), "\(r.stdout)")
        #expect(r.stdout.contains("Time span:   1997-01-03T00:00:00Z .. 1998-06-26T00:00:00Z"), "\(r.stdout)")
        let given = try CLI.run(["stats", Self.ledger, "--activity", "number_of_cds", "--delimiter", "whitespace"])
        #expect(given.stdout == r.stdout)
        let space = try CLI.run(["stats", Self.ledger, "--activity", "number_of_cds", "--delimiter", "space"])
        #expect(space.stdout == r.stdout)
    }

    @Test func oneColumnHeaderWithSpacesSuggestsTheDelimiter() throws {
        let r = try CLI.run(["stats", Self.ledger, "--activity", "number_of_cds", "--delimiter", ","])
        #expect(r.status == 65)
        #expect(r.stderr.contains("one column with spaces in its name: if the columns are aligned with spaces, give --delimiter whitespace"), "\(r.stderr)")
    }

    @Test func whitespaceRowWithOtherFieldCountNamesTheLine() throws {
        defer { try? FileManager.default.removeItem(at: dir) }
        let txt = try write("t.txt", " user  event  ts\n u1  view  20240101\n u1  buy  20240102\n u2 view\n")
        let r = try CLI.run(["stats", txt, "--delimiter", "whitespace"])
        #expect(r.status == 65)
        #expect(r.stderr.contains("t.txt:4: expected 3 fields separated by spaces (as in the header), found 2"), "\(r.stderr)")
    }

    @Test func accessLogIsReadAsVisitsWithoutStaticFilesAndBots() throws {
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("j.json").path
        let r = try CLI.run(["mine", Self.accessLog, "-o", out])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.contains("75 events, 41 journeys"), "\(r.stderr)")
        #expect(r.stderr.contains("left out 160 requests for static files (keep them with --keep-static) and 65 requests by bots (--keep-bots)"), "\(r.stderr)")
        let json = try String(contentsOfFile: out, encoding: .utf8)
        #expect(json.contains("\"name\" : \"/files/blogposts/:id/\"") || json.contains("\"name\":\"/files/blogposts/:id/\""), "ids folded")
        #expect(!json.contains(".css\"") && !json.contains("favicon"))
        let stats = try CLI.run(["stats", Self.accessLog])
        #expect(stats.stdout.contains("Journeys:    41 (sessions split at 30m gaps)"), "\(stats.stdout)")
        #expect(stats.stdout.contains("/projects/xdotool/: 8 events, 7 journeys"), "\(stats.stdout)")
        #expect(stats.stdout.contains("static file (--keep-static): 160") && stats.stdout.contains("bot (--keep-bots): 65"))
        let all = try CLI.run(["stats", Self.accessLog, "--keep-static", "--keep-bots"])
        #expect(all.stdout.contains("Events:      300"), "\(all.stdout)")
        let gap = try CLI.run(["stats", Self.accessLog, "--session-gap", "5m"])
        #expect(gap.stdout.contains("(sessions split at 5m gaps)"), "\(gap.stdout)")
    }

    @Test func accessLogDetectedWithoutExtensionAndAttributesFilter() throws {
        defer { try? FileManager.default.removeItem(at: dir) }
        let copy = dir.appendingPathComponent("access").path
        try FileManager.default.copyItem(atPath: CLI.root.appendingPathComponent(Self.accessLog).path, toPath: copy)
        let r = try CLI.run(["stats", copy])
        #expect(r.status == 0 && r.stdout.contains("Events:      75"), "\(r.stdout)\(r.stderr)")
        let notFound = try CLI.run(["stats", copy, "--keep-static", "--where", "status=404"])
        #expect(notFound.status == 0, "\(notFound.stderr)")
        #expect(notFound.stdout.contains("Events:      1"), "\(notFound.stdout)")
        let bad = try CLI.run(["stats", copy, "--where", "country=TH"])
        #expect(bad.status == 65 && bad.stderr.contains("its fields are status, referrer, method, bytes, ip, user_agent"), "\(bad.stderr)")
    }

    @Test func accessLogChannelsComeFromTheReferrer() throws {
        defer { try? FileManager.default.removeItem(at: dir) }
        let ua = "\"Mozilla/5.0 (X11; Linux x86_64) Firefox/120.0\""
        let lines = [
            "10.0.0.1 - - [01/Feb/2024:10:00:00 +0000] \"GET /landing?utm_source=x HTTP/1.1\" 200 10 \"https://www.google.com/search?q=a\" \(ua)",
            "10.0.0.1 - - [01/Feb/2024:10:01:00 +0000] \"GET /product/123 HTTP/1.1\" 200 10 \"https://shop.example/landing\" \(ua)",
            "10.0.0.1 - - [01/Feb/2024:10:02:00 +0000] \"POST /cart/7f9c2ba4-e88f-11ee-a6c5-0242ac120002 HTTP/1.1\" 302 0 \"https://shop.example/product/123\" \(ua)",
            "10.0.0.2 - - [01/Feb/2024:11:00:00 +0000] \"GET /product/456 HTTP/1.1\" 200 10 \"https://t.co/abc\" \(ua)",
            "10.0.0.3 - - [01/Feb/2024:11:00:00 +0000] \"GET /product/9 HTTP/1.1\" 200 10 \"-\" \(ua)",
            "10.0.0.4 - - [01/Feb/2024:11:00:00 +0000] \"GET /product/9 HTTP/1.1\" 200 10 \"https://mail.yahoo.com/\" \(ua)",
            "10.0.0.5 - - [01/Feb/2024:11:00:00 +0000] \"GET /landing HTTP/1.1\" 200 10 \"https://blog.other.org/post\" \(ua)",
            "10.0.0.5 - - [01/Feb/2024:11:00:01 +0000] \"GET /static/app.js HTTP/1.1\" 200 10 \"https://shop.example/landing\" \(ua)",
            "10.0.0.6 - - [01/Feb/2024:11:00:00 +0000] \"GET /landing HTTP/1.1\" 200 10 \"-\" \"Mozilla/5.0 (compatible; Googlebot/2.1)\"",
        ]
        let log = try write("shop.log", lines.joined(separator: "\n") + "\n")
        let out = dir.appendingPathComponent("j.json").path
        let r = try CLI.run(["mine", log, "-o", out, "--format", "edges-csv"])
        #expect(r.status == 0, "\(r.stderr)")
        let edges = try String(contentsOfFile: out, encoding: .utf8)
        #expect(edges.contains("/landing,/product/:id,1"), "\(edges)")
        #expect(edges.contains("/product/:id,POST /cart/:id,1"), "\(edges)")
        let stats = try CLI.run(["stats", log])
        #expect(stats.stdout.contains("Events:      7"), "\(stats.stdout)")
        #expect(stats.stdout.contains("POST /cart/:id: 1 event, 1 journey, channel internal"), "\(stats.stdout)")
        // The channel mix, not the single commonest channel: none of these has 60 %.
        #expect(stats.stdout.contains("/product/:id: 4 events, 4 journeys, channels mixed: direct 25%, email 25%, internal 25%, +1 more"), "\(stats.stdout)")
        #expect(stats.stdout.contains("/landing: 2 events, 2 journeys, channels mixed: other site 50%, search 50%"), "\(stats.stdout)")
        let json = try CLI.run(["mine", log, "-o", out])
        #expect(json.status == 0)
        let journey = try String(contentsOfFile: out, encoding: .utf8)
        #expect(journey.contains("\"social\"") && journey.contains("\"mixed\""), "\(journey)")
    }

    @Test func mapShowsTheChannelMixOfMixedTouchpoints() throws {
        defer { try? FileManager.default.removeItem(at: dir) }
        let pdf = dir.appendingPathComponent("m.pdf").path
        let r = try CLI.run(["map", Self.accessLog, "--max-touchpoints", "12", "-o", pdf])
        #expect(r.status == 0, "\(r.stderr)")
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/pdftotext") else {
            print("skipped: pdftotext (poppler-utils) is not installed"); return
        }
        let text = try CLI.run([pdf, "-"], executable: "/usr/bin/pdftotext").stdout
        // /blog/geekery/ssl-latency.html: 3 visits from another site, 3 from search.
        #expect(text.contains("other site 50% · search 50%"), "mix line on the box: \(text)")
        #expect(text.contains("mixed"), "legend entry")
        #expect(text.contains("225 requests for static files or by bots left out."), "footnote")
        #expect(!text.contains("unreadable rows"))
    }

    @Test func jsonLinesEpochWithAWrongUnitWarnsAndTheTimestampKeyFilters() throws {
        defer { try? FileManager.default.removeItem(at: dir) }
        var text = ""
        for i in 0..<30 { text += "{\"user\":\"u\(i % 4)\",\"event\":\"view\",\"time\":\(1_700_000_000_000_000 + i * 1000)}\n" }
        let log = try write("micros.jsonl", text)
        let right = try CLI.run(["stats", log])
        #expect(right.status == 0 && !right.stderr.contains("warning"), "\(right.stderr)")
        let wrong = try CLI.run(["stats", log, "--timestamp-unit", "ms"])
        #expect(wrong.stderr.contains("column \"time\": 30 of the first 30 timestamps read as --timestamp-unit ms land before 1990 or after 2100, e.g. 1700000000000000 → 55840-11-08T22:13:20Z"), "\(wrong.stderr)")
        // The timestamp's own key as a --where attribute (the JSON scanner captures a path once).
        let one = try CLI.run(["stats", log, "--where", "time=1700000000001000"])
        #expect(one.status == 0 && one.stdout.contains("Events:      1"), "\(one.stdout)\(one.stderr)")
    }
}
