import Foundation
import Testing
import JourneyTestSupport

/// Real export shapes through the binary (issue 16): GA4 BigQuery rows, wide CRM tables of
/// milestones, a retail log with an activity detail, `--include`/`--exclude`, and what the
/// reader says when it cannot tell the columns. Fixtures: Tests/Fixtures/{ga4,crm,retail}
/// (generated in the exports' exact shapes; see each folder's README). Expected figures are
/// counted from the fixture files here, not copied from a run.
@Suite struct RealExportsCLITests {
    static let fixtures = CLI.root.appendingPathComponent("Tests/Fixtures")
    static func fixture(_ path: String) -> String { fixtures.appendingPathComponent(path).path }

    func scratch() throws -> URL { try TemporaryDirectory.makeFolder("journeymap-exports") }

    /// Mines `arguments` into a journey file and returns it parsed, with the run.
    func mine(_ arguments: [String]) throws -> (journey: [String: Any], run: CLI.Run) {
        let mined = try CLI.mineJourney(arguments)
        #expect(mined.run.status == 0, "\(mined.run.stderr)")
        return mined
    }

    func touchpointNames(_ journey: [String: Any]) -> Set<String> {
        Set((journey["touchpoints"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String })
    }

    /// Rows of a fixture CSV without quoted fields, header dropped.
    func rows(_ path: String) throws -> [[String]] {
        try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").dropFirst()
            .map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
    }

    // MARK: GA4

    /// The GA4 fixture's rows as (user, session id, event name, page location).
    func ga4Rows() throws -> [(user: String, session: String, event: String, page: String)] {
        try String(contentsOfFile: Self.fixture("ga4/ga4-events.ndjson"), encoding: .utf8).split(separator: "\n").map { line in
            let o = try JSONSerialization.jsonObject(with: Data(line.utf8)) as! [String: Any]
            let params = o["event_params"] as! [[String: Any]]
            func param(_ key: String) -> String {
                let v = params.first { $0["key"] as? String == key }?["value"] as? [String: Any] ?? [:]
                return (v["string_value"] as? String) ?? (v["int_value"] as? String) ?? ""
            }
            return (o["user_pseudo_id"] as! String, param("ga_session_id"), o["event_name"] as! String, param("page_location"))
        }
    }

    @Test func ga4ExportIsRecognisedAndSaysSo() throws {
        let rows = try ga4Rows()
        for file in ["ga4/ga4-events.ndjson", "ga4/ga4-events.csv"] {
            let (journey, run) = try mine([Self.fixture(file)])
            #expect(run.stderr.contains("read as a GA4 BigQuery export"), "\(file): \(run.stderr)")
            #expect(journey["events"] as? Int == rows.count)
            #expect(journey["journeys"] as? Int == Set(rows.map(\.user)).count)
            #expect(touchpointNames(journey) == Set(rows.map(\.event)))
            let columns = (journey["source"] as? [String: Any])?["columns"] as? [String: Any]
            #expect(columns?["caseColumn"] as? String == "user_pseudo_id")
            #expect(columns?["recognisedPreset"] as? String == "ga4")
            // event_timestamp read as microseconds: the first event is 2021-01-30.
            #expect((journey["timeSpan"] as? [String])?.first == "2021-01-30T00:00:00Z")
        }
    }

    @Test func ga4SessionsAndParametersByKey() throws {
        let rows = try ga4Rows()
        let sessions = Set(rows.map { "\($0.user) \($0.session)" }).count
        #expect(sessions > Set(rows.map(\.user)).count)
        for file in ["ga4/ga4-events.ndjson", "ga4/ga4-events.csv"] {
            let (bySession, _) = try mine([Self.fixture(file), "--case", "user_pseudo_id+event_params.ga_session_id"])
            #expect(bySession["journeys"] as? Int == sessions, "\(file)")
            let (byPage, _) = try mine([Self.fixture(file), "--activity", "event_params.page_location"])
            #expect(touchpointNames(byPage) == Set(rows.map(\.page)), "\(file)")
            let (detailed, _) = try mine([Self.fixture(file), "--activity-detail", "event_params.page_location"])
            #expect(touchpointNames(detailed) == Set(rows.map { "\($0.event) · \($0.page)" }), "\(file)")
        }
        // The NDJSON rows and their CSV (JSON in cells) give the same transitions.
        let a = try CLI.run(["mine", Self.fixture("ga4/ga4-events.ndjson"), "--format", "edges-csv",
                             "--case", "user_pseudo_id+event_params.ga_session_id"])
        let b = try CLI.run(["mine", Self.fixture("ga4/ga4-events.csv"), "--format", "edges-csv",
                             "--case", "user_pseudo_id+event_params.ga_session_id"])
        #expect(a.status == 0 && b.status == 0 && !a.stdout.isEmpty)
        #expect(a.stdout == b.stdout)
    }

    @Test func ga4KeysWithAMissingRoleNameThePresetAndPaths() throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let log = dir.appendingPathComponent("partial.ndjson")
        try #"{"event_name":"page_view","event_params":[{"key":"ga_session_id","value":{"int_value":"1"}}],"device":{"category":"mobile"}}"#
            .appending("\n").write(to: log, atomically: true, encoding: .utf8)
        let run = try CLI.run(["stats", log.path])
        #expect(run.status == 65)
        #expect(run.stderr.contains("partial.ndjson:1:"))
        #expect(run.stderr.contains("cannot tell which columns are the case and timestamp"), "\(run.stderr)")
        #expect(run.stderr.contains("--preset ga4"))
        #expect(run.stderr.contains("event_params.KEY") && run.stderr.contains("user_properties.KEY"))
        #expect(run.stderr.contains("user_pseudo_id+event_params.ga_session_id"))
    }

    // MARK: Milestones

    @Test func crmPipelineMilestonesBecomeEvents() throws {
        let path = Self.fixture("crm/sales_pipeline.csv")
        let table = try rows(path)
        let events = table.reduce(0) { $0 + ($1[5].isEmpty ? 0 : 1) + ($1[6].isEmpty ? 0 : 1) }
        let journeys = table.filter { !$0[5].isEmpty || !$0[6].isEmpty }.count
        let (journey, run) = try mine([path, "--milestones", "engage_date=Engaging,close_date=Closed"])
        #expect(journey["events"] as? Int == events)
        #expect(journey["journeys"] as? Int == journeys)
        #expect(touchpointNames(journey) == ["Engaging", "Closed"])
        #expect(run.stderr.contains("opportunity_id"), "the case column is guessed and said: \(run.stderr)")

        // Other columns stay attributes of every event of the row.
        let won = table.filter { $0[4] == "Won" }
        let (onlyWon, _) = try mine([path, "--milestones", "engage_date=Engaging,close_date=Closed", "--where", "deal_stage=Won"])
        #expect(onlyWon["journeys"] as? Int == won.count)
        #expect(onlyWon["events"] as? Int == won.count * 2)
        let compare = try CLI.run(["compare", path, "--milestones", "engage_date=Engaging,close_date=Closed",
                                   "--case", "opportunity_id", "--split-by", "deal_stage=Won,Lost"])
        #expect(compare.status == 0, "\(compare.stderr)")
        #expect(compare.stdout.contains("| Journeys | \(won.count) | \(table.filter { $0[4] == "Lost" }.count) |"))
    }

    @Test func hubspotDateEnteredColumnsByGlob() throws {
        let path = Self.fixture("crm/hubspot-deals.csv")
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let lines = text.split(separator: "\n")
        // Date cells: every non-empty field after the 5 leading ones (no quotes in data rows).
        let dates = lines.dropFirst().reduce(0) { n, line in
            n + line.split(separator: ",", omittingEmptySubsequences: false).dropFirst(5).filter { !$0.isEmpty }.count
        }
        let (journey, run) = try mine([path, "--milestones", "Date entered *"])
        #expect(journey["events"] as? Int == dates)
        #expect(touchpointNames(journey).contains("Qualified to buy (Sales Pipeline)"), "named after the *, quotes dropped")
        #expect(!touchpointNames(journey).contains { $0.contains("Date entered") })
        #expect(run.stderr.contains("Deal ID"), "\"Deal ID\" is guessed as the case: \(run.stderr)")
        let none = try CLI.run(["stats", path, "--milestones", "Date left *"])
        #expect(none.status == 65)
        #expect(none.stderr.contains("\"Date left *\" matches no column"))
    }

    @Test func milestoneCellThatIsNotADateNamesRowAndColumn() throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let log = dir.appendingPathComponent("deals.csv")
        try "deal_id,stage,engage_date,close_date\nD1,Won,2024-01-02,2024-02-03\nD2,Lost,soon,2024-02-05\nD3,Engaging,2024-01-09,\n"
            .write(to: log, atomically: true, encoding: .utf8)
        let fail = try CLI.run(["stats", log.path, "--milestones", "engage_date,close_date"])
        #expect(fail.status == 65)
        #expect(fail.stderr.contains("deals.csv:3:") && fail.stderr.contains("engage_date") && fail.stderr.contains("\"soon\""), "\(fail.stderr)")
        let (journey, _) = try mine([log.path, "--milestones", "engage_date,close_date", "--on-error", "skip"])
        #expect(journey["events"] as? Int == 4)
        #expect((journey["skipped"] as? [String: Any])?["count"] as? Int == 1)
        let usage = try CLI.run(["stats", log.path, "--milestones", "engage_date,,close_date"])
        #expect(usage.status == 64)
    }

    // MARK: Activity detail, include / exclude

    @Test func activityDetailNamesTouchpoints() throws {
        let path = Self.fixture("retail/ecommerce-events.csv")
        let table = try rows(path)
        let expected = Set(table.map { $0[4].isEmpty ? $0[1] : "\($0[1]) · \($0[4])" })
        #expect(expected.contains("view · electronics.smartphone") && expected.contains("view"))
        let (journey, _) = try mine([path, "--activity", "event_type", "--activity-detail", "category_code"])
        #expect(touchpointNames(journey) == expected)
        #expect(journey["events"] as? Int == table.count)
        let columns = (journey["source"] as? [String: Any])?["columns"] as? [String: Any]
        #expect(columns?["activityColumn"] as? String == "event_type+category_code")
    }

    @Test func includeAndExcludeByGlobAndRegex() throws {
        let path = Self.fixture("retail/ecommerce-events.csv")
        let table = try rows(path)
        let kept = table.filter { ($0[1].hasPrefix("view") || $0[1] == "cart" || $0[1] == "remove_from_cart") && !$0[1].hasPrefix("remove") }
        let (journey, run) = try mine([path, "--include", "view*", "--include", "*cart", "--exclude", "re:^remove"])
        #expect(journey["events"] as? Int == kept.count)
        #expect(touchpointNames(journey) == Set(kept.map { $0[1] }))
        #expect(run.stderr.contains("left out \(table.count - kept.count) events by activity"), "\(run.stderr)")
        let hidden = journey["hidden"] as? [String: Any]
        #expect(hidden?["activityFilteredEvents"] as? Int == table.count - kept.count)
        let filters = journey["filters"] as? [String: Any]
        #expect(filters?["include"] as? [String] == ["view*", "*cart"])

        let stats = try CLI.run(["stats", path, "--exclude", "view"])
        #expect(stats.stdout.contains("Filtered out: \(table.filter { $0[1] == "view" }.count) events (exclude view)"), "\(stats.stdout)")
        let bad = try CLI.run(["stats", path, "--include", "re:(unclosed"])
        #expect(bad.status == 64)
        #expect(bad.stderr.contains("re:(unclosed") && bad.stderr.contains("not a valid regular expression"))
    }

    // MARK: Column guessing

    @Test func missingRolesAreReportedTogetherWithCandidates() throws {
        let run = try CLI.run(["stats", Self.fixture("crm/sales_pipeline.csv")])
        #expect(run.status == 65)
        #expect(run.stderr.contains("cannot tell which columns are the activity and timestamp"), "\(run.stderr)")
        #expect(run.stderr.contains("--activity (likely: deal_stage"))
        #expect(run.stderr.contains("--timestamp (likely: engage_date, close_date)"))
        #expect(run.stderr.contains("--milestones \"engage_date,close_date\""))
    }

    @Test func commonIdNamesAreGuessedAsTheCase() throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        for (header, expected) in [("contactId", "contactId"), ("Deal ID", "Deal ID"), ("ip", "ip"),
                                   ("anonymous_id", "anonymous_id"), ("sales_opportunity_id", "sales_opportunity_id")] {
            let log = dir.appendingPathComponent("log.csv")
            try "\(header),note,event,timestamp\nA,x,open,2024-01-01T00:00:00Z\nA,y,close,2024-01-02T00:00:00Z\n"
                .write(to: log, atomically: true, encoding: .utf8)
            let (journey, _) = try mine([log.path])
            let columns = (journey["source"] as? [String: Any])?["columns"] as? [String: Any]
            #expect(columns?["caseColumn"] as? String == expected, "\(header)")
        }
    }
}
