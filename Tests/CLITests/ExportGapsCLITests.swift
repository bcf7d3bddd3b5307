import Foundation
import Testing
import JourneyTestSupport

/// The rest of issue 16 through the binary: Amplitude and Mixpanel exports recognised from
/// their keys (Tests/Fixtures/{amplitude,mixpanel}, generated in the exports' shapes), GA4's
/// key/value lists wrapped in an object in a CSV cell, the access-log reader refusing column
/// flags it would ignore, and globs with sets in `--include`.
@Suite struct ExportGapsCLITests {
    static func fixture(_ path: String) -> String { CLI.root.appendingPathComponent("Tests/Fixtures/" + path).path }

    func scratch() throws -> URL { try TemporaryDirectory.makeFolder("journeymap-gaps") }

    /// `mine` into a journey file, parsed.
    func mine(_ arguments: [String]) throws -> (journey: [String: Any], run: CLI.Run) {
        let mined = try CLI.mineJourney(arguments)
        return mined
    }

    /// The fixture's events as (person key, event name), read with Foundation's JSON parser.
    func lines(_ path: String) throws -> [[String: Any]] {
        try String(contentsOfFile: Self.fixture(path), encoding: .utf8).split(separator: "\n").map {
            try JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any]
        }
    }

    // MARK: Amplitude

    /// Before: the case was guessed as `user_id`, null before sign-up: `missing case` at line 1.
    /// Now: read by `amplitude_id`, one journey per person, every event kept.
    @Test func amplitudeExportIsReadByAmplitudeId() throws {
        let events = try lines("amplitude/amplitude-export.json")
        let people = Set(events.map { "\($0["amplitude_id"]!)" })
        #expect(events.contains { $0["user_id"] is NSNull } && events.contains { $0["user_id"] is String })
        let (journey, run) = try mine([Self.fixture("amplitude/amplitude-export.json")])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.contains("read as an Amplitude export (recognised from its keys; --preset amplitude)"), "\(run.stderr)")
        #expect(run.stderr.contains("case amplitude_id, activity event_type, timestamp event_time"), "\(run.stderr)")
        #expect(journey["journeys"] as? Int == people.count)
        #expect(journey["events"] as? Int == events.count)
        // A person who signs up mid-journey is one journey: the variants hold every person's whole path.
        let stats = try CLI.run(["stats", Self.fixture("amplitude/amplitude-export.json")])
        #expect(stats.status == 0 && stats.stdout.contains("Journeys:    \(people.count)"), "\(stats.stdout)")
        // Asked for, user_id is still read (and says which rows lack it).
        let byUser = try CLI.run(["stats", Self.fixture("amplitude/amplitude-export.json"), "--case", "user_id"])
        #expect(byUser.status == 65 && byUser.stderr.contains("missing case"), "\(byUser.stderr)")
    }

    // MARK: Mixpanel

    @Test func mixpanelExportIsRecognised() throws {
        let events = try lines("mixpanel/mixpanel-export.ndjson")
        let people = Set(events.map { ($0["properties"] as! [String: Any])["distinct_id"] as! String })
        let first = events.map { ($0["properties"] as! [String: Any])["time"] as! Int }.min()!
        let (journey, run) = try mine([Self.fixture("mixpanel/mixpanel-export.ndjson")])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.contains("(recognised from its keys; --preset mixpanel): case properties.distinct_id, activity event, timestamp properties.time"), "\(run.stderr)")
        #expect(journey["journeys"] as? Int == people.count)
        #expect(journey["events"] as? Int == events.count)
        #expect(journey["firstTimestamp"] as? Int == first * 1_000_000)
    }

    // MARK: Segment

    /// Segment's track calls (its spec's keys): `userId` is null until identify. Guessed, the
    /// case was `userId` and the first anonymous event stopped the run; recognised, the case
    /// is userId else anonymousId.
    @Test func segmentExportIsRecognised() throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let text = [
            #"{"anonymousId":"a-1","context":{"library":{"name":"analytics.js"}},"event":"Product Viewed","messageId":"m1","properties":{"product_id":"p1"},"timestamp":"2024-05-19T08:30:00.000Z","type":"track","userId":null}"#,
            #"{"anonymousId":"a-1","context":{"library":{"name":"analytics.js"}},"event":"Order Completed","messageId":"m2","properties":{"total":12},"timestamp":"2024-05-19T08:35:00.000Z","type":"track","userId":"u-9"}"#,
            #"{"anonymousId":"a-2","context":{"library":{"name":"analytics.js"}},"event":"Product Viewed","messageId":"m3","properties":{"product_id":"p2"},"timestamp":"2024-05-19T09:00:00.000Z","type":"track","userId":null}"#,
        ].joined(separator: "\n") + "\n"
        let path = dir.appendingPathComponent("tracks.ndjson").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        let (journey, run) = try mine([path])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.contains("--preset segment"), "\(run.stderr)")
        #expect(journey["events"] as? Int == 3)
    }

    // MARK: GA4 in CSV, lists wrapped in an object

    /// A public GA4 CSV export's shape: each nested column a pretty-printed JSON object of one
    /// key around the list (`{"event_params": [ … ]}`) over several lines. Before, the keyed
    /// path found nothing in such a cell: every row "missing case".
    @Test func ga4CSVWithWrappedListsReadsSessions() throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        func params(_ session: Int, _ page: String) -> String {
            let json = "{\n  \"event_params\": [{\n    \"key\": \"ga_session_id\",\n    \"value\": {\n      \"string_value\": null,\n      \"int_value\": \"\(session)\",\n      \"float_value\": null,\n      \"double_value\": null\n    }\n  }, {\n    \"key\": \"page_location\",\n    \"value\": {\n      \"string_value\": \"https://shop.googlemerchandisestore.com/\(page)\",\n      \"int_value\": null,\n      \"float_value\": null,\n      \"double_value\": null\n    }\n  }]\n}"
            return "\"" + json.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        var csv = "event_date,event_timestamp,event_name,event_params,user_pseudo_id\n"
        let rows: [(Int, String, Int, String, String)] = [
            (1611789078248882, "session_start", 1611789070, "home", "1111.22"), (1611789079248882, "view_item", 1611789070, "Apparel", "1111.22"),
            (1611799078248882, "session_start", 1611799070, "home", "1111.22"), (1611799099248882, "add_to_cart", 1611799070, "Apparel", "1111.22"),
            (1611789178248882, "session_start", 1611789170, "home", "3333.44"),
        ]
        for (t, name, session, page, user) in rows { csv += "20210127,\(t),\(name),\(params(session, page)),\(user)\n" }
        let path = dir.appendingPathComponent("ga4_public_dataset.csv").path
        try csv.write(toFile: path, atomically: true, encoding: .utf8)
        let (journey, run) = try mine([path, "--case", "user_pseudo_id+event_params.ga_session_id"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(journey["journeys"] as? Int == 3, "sessions: \(journey["journeys"] ?? "-")")
        #expect(journey["events"] as? Int == rows.count)
        let pages = try mine([path, "--activity", "event_params.page_location"])
        let names = Set((pages.journey["touchpoints"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String })
        #expect(names == ["https://shop.googlemerchandisestore.com/home", "https://shop.googlemerchandisestore.com/Apparel"], "\(names)")
    }

    // MARK: Access logs

    /// Explicit role flags on an access log were ignored without a word; now a usage error
    /// that says what the reader uses and which flag to drop.
    @Test(arguments: [["--case", "ip"], ["--activity", "request"], ["--timestamp", "time"], ["--case", "ip", "--channel", "referrer"]])
    func accessLogRefusesRoleFlags(_ flags: [String]) throws {
        let log = Self.fixture("access-log/apache_logs_excerpt.log")
        for command in ["stats", "mine", "map"] {
            let r = try CLI.run([command, log] + flags + (command == "stats" ? [] : ["-o", "/nonexistent-dir/x.png"]))
            #expect(r.status == 64, "\(command) \(flags): \(r.status) \(r.stderr)")
            #expect(r.stderr.contains("is read as a web server access log, whose columns are fixed: the case is the client IP + user agent"), "\(r.stderr)")
            let named = stride(from: 0, to: flags.count, by: 2).map { flags[$0] }.joined(separator: " and ")
            #expect(r.stderr.contains("Drop \(named);"), "\(r.stderr)")
        }
        // Other fields stay available as attributes.
        let ok = try CLI.run(["stats", log, "--where", "status=200"])
        #expect(ok.status == 0, "\(ok.stderr)")
    }

    // MARK: One glob

    @Test func includeTakesTemplateGlobSets() throws {
        let shop = "samples/shop-journeys.csv"
        let all = try mine([shop])
        let names = Set((all.journey["touchpoints"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String })
        let picked = try mine([shop, "--include", "[pc]*"])
        #expect(picked.run.status == 0, "\(picked.run.stderr)")
        let kept = Set((picked.journey["touchpoints"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String })
        #expect(!kept.isEmpty && kept == names.filter { $0.hasPrefix("p") || $0.hasPrefix("c") })
        let bad = try CLI.run(["stats", shop, "--include", "[pc*"])
        #expect(bad.status == 64 && bad.stderr.contains("a [ set is not closed with ]"), "\(bad.stderr)")
    }
}
