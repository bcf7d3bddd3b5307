import Foundation
import Testing
import JourneyTestSupport

/// W3C extended logs (IIS with spaces, CloudFront with tabs) through the built binary: detected
/// by their `#Fields:` line under any name, read by the access-log rules (visitor = IP + user
/// agent, 30-minute sessions, static files and bots left out). Fixtures in Tests/Fixtures/w3c-log,
/// counted by hand in its README.
@Suite struct W3CLogCLITests {
    let folder: TemporaryDirectory
    var dir: URL { folder.url }

    init() throws {
        folder = try TemporaryDirectory("journeymap-w3c")
    }

    static let iis = "Tests/Fixtures/w3c-log/iis.log"
    static let cloudFront = "Tests/Fixtures/w3c-log/cloudfront.log"

    func fixture(_ path: String) throws -> String {
        try String(contentsOf: CLI.root.appendingPathComponent(path), encoding: .utf8)
    }

    func write(_ name: String, _ text: String) throws -> String {
        let url = dir.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url.path
    }

    @Test func iisLogWithARestartsFieldsLineIsReadAsVisits() throws {
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try CLI.run(["stats", Self.iis])
        #expect(r.status == 0, "\(r.stderr)")
        // 1.2.3.4/Firefox: / /products/:id POST /cart, then /checkout under the second #Fields: line
        // (no date field: the #Date: directive's); 5.6.7.8/Chrome: / and, 43 minutes on, /checkout.
        #expect(r.stdout.contains("Events:      6"), "\(r.stdout)")
        #expect(r.stdout.contains("Journeys:    3 (sessions split at 30m gaps)"), "\(r.stdout)")
        #expect(r.stdout.contains("Time span:   2024-03-01T10:00:00Z .. 2024-03-01T10:50:00Z"), "\(r.stdout)")
        #expect(r.stdout.contains("/checkout: 2 events, 2 journeys"), "\(r.stdout)")
        #expect(r.stdout.contains("POST /cart: 1 event") && r.stdout.contains("/products/:id: 1 event"), "\(r.stdout)")
        #expect(r.stdout.contains("bot (--keep-bots): 1") && r.stdout.contains("static file (--keep-static): 1"), "\(r.stdout)")
        let all = try CLI.run(["stats", Self.iis, "--keep-bots", "--keep-static"])
        #expect(all.stdout.contains("Events:      8"), "\(all.stdout)")
        // `+` in an IIS user agent is a space.
        let firefox = try CLI.run(["stats", Self.iis, "--attribute", "user_agent",
                                   "--where", "user_agent=Mozilla/5.0 (X11; Linux x86_64) Firefox/120.0"])
        #expect(firefox.stdout.contains("Events:      4") && firefox.stdout.contains("Journeys:    1 "), "\(firefox.stdout)\(firefox.stderr)")
    }

    @Test func cloudFrontLogUnderAnyNameDecodesUserAgents() throws {
        defer { try? FileManager.default.removeItem(at: dir) }
        // CloudFront names its files E2ABC.2024-05-03-00.a1b2c3d4(.gz): nothing in the name says the format.
        let copy = dir.appendingPathComponent("E2ABC.2024-05-03-00.a1b2c3d4").path
        try FileManager.default.copyItem(atPath: CLI.root.appendingPathComponent(Self.cloudFront).path, toPath: copy)
        let r = try CLI.run(["stats", copy])
        #expect(r.status == 0, "\(r.stderr)")
        // 192.0.2.10/Safari: index, pricing (logo.png static); 192.0.2.11/Safari: index;
        // 192.0.2.10/Firefox: signup (another visitor); curl is a bot.
        #expect(r.stdout.contains("Events:      4"), "\(r.stdout)")
        #expect(r.stdout.contains("Journeys:    3 "), "\(r.stdout)")
        #expect(r.stdout.contains("Time span:   2024-05-02T23:59:00Z .. 2024-05-03T00:04:00Z"), "\(r.stdout)")
        // Encoded once (%20) and twice (%2520) read as the same user agent.
        let safari = try CLI.run(["stats", copy, "--attribute", "user_agent", "--where", "user_agent=Mozilla/5.0 (Macintosh) Safari/17.0"])
        #expect(safari.stdout.contains("Events:      3") && safari.stdout.contains("Journeys:    2 "), "\(safari.stdout)\(safari.stderr)")
        if FileManager.default.isExecutableFile(atPath: "/usr/bin/gzip") {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: "/usr/bin/gzip")
            p.arguments = ["-k", copy]
            try p.run(); p.waitUntilExit()
            let gz = try CLI.run(["stats", copy + ".gz"])
            #expect(gz.stdout.contains("Events:      4"), "\(gz.stdout)\(gz.stderr)")
        }
    }

    @Test func w3cLogNamedCSVIsStillDetectedAndInputFormatCSVSaysWhatToDo() throws {
        defer { try? FileManager.default.removeItem(at: dir) }
        let csv = try write("iis.csv", try fixture(Self.iis))
        let r = try CLI.run(["stats", csv])
        #expect(r.status == 0 && r.stdout.contains("Events:      6"), "\(r.stdout)\(r.stderr)")
        // The new-user trial: before, the #Software: directive was taken for the header.
        let asCSV = try CLI.run(["stats", csv, "--input-format", "csv", "--delimiter", "whitespace"])
        #expect(asCSV.status == 65, "\(asCSV.stderr)")
        #expect(asCSV.stderr.contains("iis.csv:1: this is a W3C extended log") && asCSV.stderr.contains("drop --input-format csv"), "\(asCSV.stderr)")
        let asLog = try CLI.run(["stats", csv, "--input-format", "access-log"])
        #expect(asLog.stdout.contains("Events:      6"), "\(asLog.stdout)\(asLog.stderr)")
    }

    @Test func aRowThatDoesNotFitTheFieldsNamesLineFieldsAndFlag() throws {
        defer { try? FileManager.default.removeItem(at: dir) }
        var lines = try fixture(Self.iis).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        lines.insert("2024-03-01 10:11:00 10.0.0.1 GET /broken", at: 6)
        let bad = try write("u_ex240301.log", lines.joined(separator: "\n"))
        let r = try CLI.run(["stats", bad])
        #expect(r.status == 65, "\(r.stderr)")
        #expect(r.stderr.contains("u_ex240301.log:7: expected 15 space-separated fields as the #Fields: line at line 4 names (date time s-ip"), "\(r.stderr)")
        #expect(r.stderr.contains("found 5; --on-error skip leaves such rows out"), "\(r.stderr)")
        let skipped = try CLI.run(["stats", bad, "--on-error", "skip"])
        #expect(skipped.status == 0 && skipped.stdout.contains("Events:      6"), "\(skipped.stdout)\(skipped.stderr)")
        #expect(skipped.stdout.contains("not a W3C extended log row: 1"), "\(skipped.stdout)")
        let noTime = try write("bad-time.log", "#Fields: date time c-ip cs-uri-stem\n2024-03-01 25h 1.2.3.4 /\n")
        let t = try CLI.run(["stats", noTime])
        #expect(t.status == 65 && t.stderr.contains("bad-time.log:2: expected the date and time as W3C extended logs write them"), "\(t.stderr)")
        let noIP = try write("no-ip.log", "#Version: 1.0\n#Fields: date time cs-uri-stem\n2024-03-01 10:00:00 /\n")
        let n = try CLI.run(["stats", noIP])
        #expect(n.status == 65 && n.stderr.contains("no-ip.log:2: the #Fields: line of this W3C extended log names no c-ip"), "\(n.stderr)")
    }
}
