import Foundation
import Testing
import JourneyTestSupport

/// Stages whatever the template matches (issue 17): the broader vocabulary, stages inferred from
/// the data, `template suggest`, stage pictures on inferred stages, and the numbers they show.
/// Everything runs through the built binary.
@Suite(.serialized) struct StagesCommandTests {
    static let sharedData = CLI.root.deletingLastPathComponent().appendingPathComponent("shared/data")
    static var sharedPresent: Bool { FileManager.default.fileExists(atPath: sharedData.appendingPathComponent("receipt.csv").path) }
    static let ecom = "Tests/Fixtures/retentioneering-ecom/ecom-excerpt.csv"

    /// This test's folder, removed with it.
    let folder: TemporaryDirectory
    var dir: URL { folder.url }
    init() throws {
        folder = try TemporaryDirectory("stages-cli")
    }

    func path(_ name: String) -> String { dir.appendingPathComponent(name).path }

    func write(_ name: String, _ text: String) throws -> String {
        try text.write(toFile: path(name), atomically: true, encoding: .utf8)
        return path(name)
    }

    /// The journey file `mine` writes for `args`, decoded.
    func mined(_ args: [String]) throws -> (json: [String: Any], stderr: String) {
        let out = path("j-\(UUID().uuidString).json")
        let r = try CLI.run(["mine"] + args + ["-o", out])
        #expect(r.status == 0, "\(args): \(r.stderr)")
        let data = try #require(FileManager.default.contents(atPath: out))
        return (try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any]), r.stderr)
    }

    static func stageOf(_ json: [String: Any]) -> [String: String] {
        var out: [String: String] = [:]
        for t in json["touchpoints"] as? [[String: Any]] ?? [] { out[t["name"] as! String] = t["stage"] as? String }
        return out
    }

    static func stageIDs(_ json: [String: Any]) -> [String] {
        (json["stages"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
    }

    /// A process log no default rule matches: five steps in order, some cases loop back once.
    func processLog() throws -> String {
        var rows = ["case,activity,timestamp"]
        let steps = ["Lodge claim", "Verify identity", "Assess damage", "Approve payout", "Close file"]
        for c in 0..<60 {
            var path = steps
            if c % 4 == 0 { path.insert("Verify identity", at: 3) }  // a loop back
            if c % 5 == 0 { path.remove(at: 3) }
            for (i, a) in path.enumerated() {
                rows.append("c\(c),\(a),2024-01-\(String(format: "%02d", 1 + c % 20))T\(String(format: "%02d", i)):00:00Z")
            }
        }
        return try write("process.csv", rows.joined(separator: "\n") + "\n")
    }

    // MARK: Vocabulary

    @Test func vocabularyMatchesWhateverTheSpelling() throws {
        let log = try write("spellings.csv", """
            user,event,time
            u1,Product Viewed,2024-01-01T00:00:00Z
            u1,productAdded,2024-01-01T00:01:00Z
            u1,Order Completed,2024-01-01T00:02:00Z
            u2,EMAIL-OPENED,2024-01-01T00:00:00Z
            u2,Signed Up,2024-01-01T00:05:00Z
            u2,Application Opened,2024-01-01T00:06:00Z
            u3,MQL,2024-01-01T00:00:00Z
            u3,opportunity,2024-01-01T00:00:01Z
            u3,Closed Won,2024-01-01T00:00:02Z
            u3,churned,2024-01-01T00:00:03Z
            u4,payment_done,2024-01-01T00:00:00Z
            u4,addtocart,2024-01-01T00:00:01Z
            u4,Product Shared,2024-01-01T00:00:02Z

            """)
        let (json, stderr) = try mined([log])
        let stages = Self.stageOf(json)
        #expect(stages["Product Viewed"] == "consideration")
        #expect(stages["productAdded"] == "decision")
        #expect(stages["Order Completed"] == "decision")
        #expect(stages["EMAIL-OPENED"] == "awareness")
        #expect(stages["Signed Up"] == "decision")
        #expect(stages["Application Opened"] == "usage")
        #expect(stages["MQL"] == "consideration")
        #expect(stages["Closed Won"] == "decision")
        #expect(stages["churned"] == "retention")
        #expect(stages["payment_done"] == "decision" && stages["addtocart"] == "decision")
        #expect(stages["Product Shared"] == "advocacy")
        #expect(!stages.values.contains("unassigned"))
        #expect(!stderr.contains("inferred"))
    }

    @Test func realClickstreamIsPlacedByTheVocabulary() throws {
        let (json, stderr) = try mined([Self.ecom])
        #expect(!Self.stageOf(json).values.contains("unassigned"))
        #expect(Self.stageIDs(json) == ["awareness", "consideration", "decision", "usage", "retention", "advocacy"])
        #expect(!stderr.contains("inferred"))
    }

    // MARK: Inference

    @Test func processLogStagesAreInferredStartOnTheLeft() throws {
        let log = try processLog()
        let (json, stderr) = try mined([log])
        #expect(stderr.contains("stages inferred from the data; give --template to name them"))
        let stages = Self.stageOf(json)
        let order = Self.stageIDs(json)
        #expect((3...6).contains(order.count), "\(order)")
        #expect(order.first == stages["Lodge claim"], "the start is on the left: \(order) \(stages)")
        #expect(order.last == stages["Close file"])
        // Flows run left to right: most moves go to the same or a later stage.
        let index = Dictionary(uniqueKeysWithValues: order.enumerated().map { ($1, $0) })
        var forward = 0, back = 0
        for e in json["edges"] as? [[String: Any]] ?? [] {
            let a = index[stages[e["from"] as! String]!]!, b = index[stages[e["to"] as! String]!]!
            if b >= a { forward += e["count"] as! Int } else { back += e["count"] as! Int }
        }
        #expect(forward > 5 * back, "forward \(forward), back \(back)")
        #expect((json["source"] as? [String: Any])?["stagesInferred"] as? Bool == true)

        // --stages template keeps today's behaviour: one unassigned group.
        let (kept, keptErr) = try mined([log, "--stages", "template"])
        #expect(Set(Self.stageOf(kept).values) == ["unassigned"])
        #expect(!keptErr.contains("stages inferred"))
    }

    /// A honeypot-like log (cowrie's sessions): every session connects and sends its client
    /// version; most fail to log in and close, some log in and run many commands. By median
    /// position the login, followed by the commands, came before the version (every login was
    /// drawn as a move back); the moves order the phases now: none goes back, in the journey
    /// file (plain and gzipped, `--threads 1` and 2: the direct path) or from an event table
    /// (`--since` reads one).
    @Test func inferredPhasesFollowTheMoves() throws {
        var rows = ["session,eventid,timestamp"]
        for c in 0..<200 {
            let success = c % 10 < 3
            var path = ["cowrie.session.connect", "cowrie.client.version"]
            path += success ? ["cowrie.login.success"] + Array(repeating: "cowrie.command.input", count: 12 + c % 9)
                            : ["cowrie.login.failed"]
            path.append("cowrie.session.closed")
            for (i, a) in path.enumerated() {
                rows.append("s\(c),\(a),2018-06-\(String(format: "%02d", 1 + c % 28))T\(String(format: "%02d", c % 24)):\(String(format: "%02d", i)):00Z")
            }
        }
        let log = try write("cowrie.csv", rows.joined(separator: "\n") + "\n")
        let gz = path("cowrie.csv.gz")
        #expect(try CLI.run(["-c", "gzip -c '\(log)' > '\(gz)'"], executable: "/bin/sh").status == 0)
        var files: [String] = []
        for args in [[log], [log, "--threads", "1"], [gz], [log, "--since", "2018-01-01"]] {
            let (json, stderr) = try mined(args + ["--case", "session", "--activity", "eventid"])
            #expect(stderr.contains("stages inferred from the data"), "\(args)")
            let stages = Self.stageOf(json)
            let index = Dictionary(uniqueKeysWithValues: Self.stageIDs(json).enumerated().map { ($1, $0) })
            var back: [String] = []
            for e in json["edges"] as? [[String: Any]] ?? [] {
                let from = e["from"] as! String, to = e["to"] as! String
                if index[stages[to]!]! < index[stages[from]!]! { back.append("\(from) → \(to)") }
            }
            #expect(back.isEmpty, "\(args): moves back \(back), stages \(stages)")
            #expect(index[stages["cowrie.client.version"]!]! <= index[stages["cowrie.login.success"]!]!, "\(args): \(stages)")
            files.append(Self.stageIDs(json).joined(separator: ",") + "|" + stages.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ","))
        }
        #expect(Set(files).count == 1, "every path infers the same stages: \(files)")
    }

    @Test func mapSaysTheStagesWereInferred() throws {
        let log = try processLog()
        let svg = path("m.svg")
        let r = try CLI.run(["map", log, "-o", svg])
        #expect(r.status == 0, "\(r.stderr)")
        let text = try String(contentsOfFile: svg, encoding: .utf8)
        #expect(text.contains("Stages inferred from the data; give --template to name them"))
        let th = path("m-th.svg")
        #expect(try CLI.run(["map", log, "--lang", "th", "-o", th, "--quiet"]).status == 0)
        #expect(try String(contentsOfFile: th, encoding: .utf8).contains("ขั้นของเส้นทางอนุมานจากข้อมูล"))
    }

    @Test func autoKeepsMatchedTemplateStages() throws {
        // The demo log is placed wholly by the vocabulary: auto changes nothing but says nothing.
        let (auto, stderr) = try mined(["samples/shop-journeys.csv", "--stages", "auto"])
        let (plain, _) = try mined(["samples/shop-journeys.csv"])
        #expect(Self.stageIDs(auto) == Self.stageIDs(plain))
        #expect(Self.stageOf(auto) == Self.stageOf(plain))
        #expect(!stderr.contains("inferred"))
        // A mixed log: matched events keep their template stage, the rest get inferred phases.
        var rows = ["user,event,time"]
        for u in 0..<30 {
            rows += ["u\(u),Open ticket form,2024-01-01T00:00:00Z", "u\(u),Describe issue,2024-01-01T00:01:00Z",
                     "u\(u),Attach screenshot,2024-01-01T00:02:00Z", "u\(u),purchase,2024-01-01T00:03:00Z"]
        }
        let mixed = try write("mixed.csv", rows.joined(separator: "\n") + "\n")
        let (m, _) = try mined([mixed])
        let stages = Self.stageOf(m)
        #expect(stages["purchase"] == "decision")
        #expect(stages["Open ticket form"]?.hasPrefix("phase-") == true)
        #expect(Self.stageIDs(m).last == "decision")
    }

    @Test func colourIsOptionalInATemplate() throws {
        let tpl = try write("nocolor.yaml", """
            id: plain
            stages:
              - {id: first, names: {en: First}}
              - {id: second, names: {en: Second}, color: "#4e79a7"}
              - {id: third, names: Third}
            touchpoints:
              - {match: [ad_impression, social_post], stage: first}
              - {match: [product_view, landing_page], stage: second}
              - {glob: "*", stage: third}

            """)
        let (json, _) = try mined(["samples/shop-journeys.csv", "--template", tpl])
        let colors = (json["stages"] as? [[String: Any]] ?? []).compactMap { $0["color"] as? String }
        // The palette skips the colour a stage already uses.
        #expect(colors == ["#f28e2b", "#4e79a7", "#59a14f"], "\(colors)")
    }

    // MARK: template suggest

    func expectSuggestionDrawsLikeAuto(_ log: String, extra: [String] = []) throws {
        let yaml = path("suggest-\(UUID().uuidString).yaml")
        let s = try CLI.run(["template", "suggest", log, "-o", yaml])
        #expect(s.status == 0, "\(s.stderr)")
        let text = try String(contentsOfFile: yaml, encoding: .utf8)
        #expect(text.contains("events"), "every activity carries its count")
        for ext in ["png", "svg"] {
            let a = path("auto.\(ext)"), b = path("suggested.\(ext)")
            #expect(try CLI.run(["map", log, "--stages", "auto", "-o", a, "--quiet"] + extra).status == 0)
            let r = try CLI.run(["map", log, "--template", yaml, "-o", b, "--quiet"] + extra)
            #expect(r.status == 0, "\(r.stderr)")
            #expect(FileManager.default.contents(atPath: a) == FileManager.default.contents(atPath: b),
                    "\(log): --stages auto and the suggested template draw different \(ext)s")
        }
    }

    @Test func suggestedTemplateDrawsTheSamePictureAsAuto() throws {
        try expectSuggestionDrawsLikeAuto(try processLog())
        try expectSuggestionDrawsLikeAuto(Self.ecom, extra: ["--lang", "th"])
        try expectSuggestionDrawsLikeAuto("samples/thai-shop.csv")
    }

    @Test(.enabled(if: StagesCommandTests.sharedPresent, "needs ../shared/data (real process logs); skipped when absent"),
          arguments: ["receipt.csv", "helpdesk.xes.gz", "roadtraffic100traces.csv", "running-example.csv"])
    func sharedLogsFlowLeftToRightAndSuggestMatches(_ name: String) throws {
        let log = Self.sharedData.appendingPathComponent(name).path
        let (json, stderr) = try mined([log])
        #expect(stderr.contains("stages inferred"))
        let stages = Self.stageOf(json), order = Self.stageIDs(json)
        let index = Dictionary(uniqueKeysWithValues: order.enumerated().map { ($1, $0) })
        // Journeys start on the left: most starts are in the first stage.
        var startsFirst = 0, starts = 0
        for t in json["touchpoints"] as? [[String: Any]] ?? [] {
            let s = t["starts"] as! Int
            starts += s
            if index[stages[t["name"] as! String]!] == 0 { startsFirst += s }
        }
        #expect(Double(startsFirst) >= 0.9 * Double(starts), "\(name): \(startsFirst) of \(starts) starts in the first stage")
        var forward = 0, back = 0
        for e in json["edges"] as? [[String: Any]] ?? [] {
            let a = index[stages[e["from"] as! String]!]!, b = index[stages[e["to"] as! String]!]!
            if b >= a { forward += e["count"] as! Int } else { back += e["count"] as! Int }
        }
        #expect(forward > 4 * back, "\(name): forward \(forward), back \(back)")
        try expectSuggestionDrawsLikeAuto(log)
    }

    /// A process log whose first activity a late stage's word places (`invite_*`, advocacy)
    /// and whose last an early stage's ("Delivered", an email word), the rest unmatched: when
    /// stages are inferred those two are phased by where they occur, so journeys start in the
    /// first stage and end in the last; a placed activity in the middle ("invite additional
    /// reviewer", advocacy by a pattern, the one template stage left) is phased too;
    /// `--stages template` keeps the template's.
    @Test func placedActivitiesAgainstTheTemplatesOrderArePhasedByPosition() throws {
        var rows = ["case,activity,timestamp"]
        for c in 0..<40 {
            var path = ["invite reviewers", "get review 1", "get review 2", "collect reviews", "decide"]
            if c % 3 == 0 { path += ["invite additional reviewer", "get review X", "decide"] }
            path += [c % 2 == 0 ? "accept" : "reject", "Delivered"]
            for (i, a) in path.enumerated() {
                rows.append("r\(c),\(a),2024-02-\(String(format: "%02d", 1 + c % 25))T\(String(format: "%02d", i)):00:00Z")
            }
        }
        let log = try write("reviewing.csv", rows.joined(separator: "\n") + "\n")
        let (json, stderr) = try mined([log])
        #expect(stderr.contains("stages inferred"))
        let stages = Self.stageOf(json), order = Self.stageIDs(json)
        #expect(stages["invite reviewers"] == order.first, "\(stages) \(order)")
        #expect(stages["Delivered"] == order.filter { $0 != "unassigned" }.last, "\(stages) \(order)")
        #expect(stages["Delivered"] != "awareness" && stages["invite reviewers"] != "advocacy")
        // Advocacy alone, by the `invite_*` pattern: a word match, phased too (session 28).
        #expect(stages["invite additional reviewer"]?.hasPrefix("phase-") == true, "\(stages)")
        var startsFirst = 0, starts = 0
        for t in json["touchpoints"] as? [[String: Any]] ?? [] {
            starts += t["starts"] as! Int
            if stages[t["name"] as! String] == order.first { startsFirst += t["starts"] as! Int }
        }
        #expect(starts == 40 && startsFirst == 40, "\(startsFirst) of \(starts)")
        try expectSuggestionDrawsLikeAuto(log)
        let (kept, _) = try mined([log, "--stages", "template"])
        #expect(Self.stageOf(kept)["invite reviewers"] == "advocacy" && Self.stageOf(kept)["Delivered"] == "awareness")
    }

    /// The rows of `journeys` copies of `path`, case ids `prefix0`…, an hour apart.
    func processRows(_ path: [String], journeys: Int, prefix: String) -> [String] {
        (0..<journeys).flatMap { c in
            path.enumerated().map { i, a in
                "\(prefix)\(c),\(a),2024-02-\(String(format: "%02d", 1 + c % 25))T\(String(format: "%02d", i)):00:00Z"
            }
        }
    }

    /// Kept template stages out of the journeys' order (a patients' log: "Registration", first
    /// in every journey, on Decision; "Discuss Results", near the end, on Consideration): the
    /// chain in template order with the most events stays, the rest is phased by position, so
    /// journeys start in the first column. Activities released from both ends of the journeys
    /// are not one phase. Spellings of one name go together: "delivered" opening journeys
    /// keeps Awareness though "Delivered" closes them.
    @Test func keptStagesFollowTheJourneysOrderAndReleasedEndsStayApart() throws {
        let patients = try write("patients.csv", (["case,activity,timestamp"] + processRows(
            ["Registration", "Triage and Assessment", "X-Ray", "Blood test", "Discuss Results", "Check-out"], journeys: 30,
            prefix: "p")).joined(separator: "\n") + "\n")
        let (json, _) = try mined([patients])
        let stages = Self.stageOf(json), order = Self.stageIDs(json).filter { $0 != "unassigned" }
        #expect(stages["Registration"] == order.first && stages["Check-out"] == order.last, "\(stages) \(order)")
        var last = -1, inOrder = true
        for name in ["Registration", "Triage and Assessment", "X-Ray", "Discuss Results", "Check-out"] {
            let i = order.firstIndex(of: stages[name]!)!
            inOrder = inOrder && i >= last
            last = i
        }
        #expect(inOrder, "stages follow the journeys: \(stages) \(order)")

        let ends = try write("ends.csv", (["case,activity,timestamp"] + processRows(
            ["invite reviewers", "product_view", "add_to_cart", "purchase", "login", "Delivered"], journeys: 30,
            prefix: "e")).joined(separator: "\n") + "\n")
        let (e, _) = try mined([ends, "--stages", "auto"])
        let eStages = Self.stageOf(e), eOrder = Self.stageIDs(e).filter { $0 != "unassigned" }
        #expect(eStages["invite reviewers"] == eOrder.first && eStages["Delivered"] == eOrder.last, "\(eStages) \(eOrder)")
        #expect(eStages["product_view"] == "consideration" && eStages["purchase"] == "decision", "\(eStages)")

        let spellings = try write("spellings.csv", (["case,activity,timestamp"] + processRows(
            ["delivered", "step one", "step two", "step three", "Delivered"], journeys: 30,
            prefix: "s")).joined(separator: "\n") + "\n")
        let (sp, _) = try mined([spellings, "--stages", "auto"])
        #expect(Self.stageOf(sp)["delivered"] == "awareness", "\(Self.stageOf(sp))")
        try expectSuggestionDrawsLikeAuto(patients)
        try expectSuggestionDrawsLikeAuto(ends)
    }

    @Test func suggestRefusesAJourneyFile() throws {
        let journey = path("j.json")
        #expect(try CLI.run(["mine", "samples/shop-journeys.csv", "-o", journey, "--quiet"]).status == 0)
        let r = try CLI.run(["template", "suggest", journey, "-o", path("t.yaml")])
        #expect(r.status == 65 && r.stderr.contains("give those instead"), "\(r.stderr)")
    }

    // MARK: Stage pictures on inferred stages

    @Test func stagePicturesWorkOnInferredStages() throws {
        let log = try processLog()
        let sankey = path("s.svg")
        let s = try CLI.run(["sankey", log, "--by", "stage", "-o", sankey])
        #expect(s.status == 0, "\(s.stderr)")
        #expect(try String(contentsOfFile: sankey, encoding: .utf8).contains("stages inferred from the data"))
        let p = try CLI.run(["persona", log, "--clusters", "2", "-o", path("p.png")])
        #expect(p.status == 0, "\(p.stderr)")
        #expect(p.stderr.contains("\"converts\" means reaching stage phase-"), "\(p.stderr)")
        let c = try CLI.run(["compare", log, "--before", "2024-01-01..2024-01-10", "--after", "2024-01-11..2024-01-31",
                             "--diff-sankey", path("d.png"), "-o", path("c.md")])
        #expect(c.status == 0, "\(c.stderr)")
    }

    // MARK: Numbers

    /// The text of a picture drawn to PDF (pictures draw text as glyphs; pdftotext reads them back).
    func pictureText(_ args: [String]) throws -> String {
        let pdf = path("p-\(UUID().uuidString).pdf")
        let r = try CLI.run(args + ["-o", pdf, "--quiet"])
        #expect(r.status == 0, "\(args): \(r.stderr)")
        return try CLI.run([pdf, "-"], executable: "/usr/bin/pdftotext").stdout
    }

    @Test func funnelSharesAreOfThePreviousStageReached() throws {
        let log = try write("skip.csv", """
            user_id,timestamp,event
            u1,2024-01-01T00:00:00Z,ad_impression
            u1,2024-01-01T00:01:00Z,add_to_cart
            u2,2024-01-01T00:00:00Z,ad_impression
            u2,2024-01-01T00:01:00Z,purchase
            u3,2024-01-01T00:00:00Z,ad_impression

            """)
        let stats = try CLI.run(["stats", log])
        #expect(stats.stdout.contains("decision: 2 (66.7% of all, 66.7% of awareness)"), "\(stats.stdout)")
        #expect(stats.stdout.contains("awareness: 3 (100.0% of all)\n"))
        let text = try pictureText(["map", log])
        #expect(text.contains("67% kept from Awareness"), "\(text)")
        #expect(!text.contains("kept from previous"))
        // Every flow is 1 move: the legend has one line for it.
        #expect(text.components(separatedBy: "1 move").count == 2, "one legend line for equal flows: \(text)")
    }

    @Test func sankeyColumnsCountTheMapsJourneys() throws {
        let s = try pictureText(["sankey", "samples/shop-journeys.csv", "--by", "stage"])
        let m = try pictureText(["map", "samples/shop-journeys.csv"])
        #expect(s.contains("430 journeys · 88 skipped"), "Awareness: 430 reach it, 88 skipped it")
        #expect(m.contains("430 journeys · 83%"))
        // Small shares read "<1%", never "0%".
        let r = try pictureText(["sankey", "Tests/Fixtures/retentioneering-ecom/ecom-excerpt.csv", "--steps", "8"])
        #expect(!r.contains(" 0%") && !r.contains("· 0%"), "\(r)")
    }

    @Test func timeWindowsCountEachJourneyOnce() throws {
        // 40 journeys, each 3 days long, starting on days 1…40; the boundary is day 20.
        var rows = ["user_id,timestamp,event"]
        for u in 1...40 {
            for (k, e) in ["landing_page", "product_view", "purchase"].enumerated() {
                let day = u + k
                let month = day > 31 ? 2 : 1, dom = day > 31 ? day - 31 : day
                rows.append("u\(u),2024-\(String(format: "%02d", month))-\(String(format: "%02d", dom))T10:00:00Z,\(e)")
            }
        }
        let log = try write("windows.csv", rows.joined(separator: "\n") + "\n")
        let json = path("c.json")
        let r = try CLI.run(["compare", log, "--before", "2024-01-01..2024-01-20", "--after", "2024-01-21..2024-02-29",
                             "-o", json, "-o", path("c.md"), "-o", path("c.svg")])
        #expect(r.status == 0, "\(r.stderr)")
        let jsonData = try #require(FileManager.default.contents(atPath: json))
        let c = try #require(try JSONSerialization.jsonObject(with: jsonData) as? [String: Any])
        let before = (c["before"] as? [String: Any])?["journeys"] as? Int, after = (c["after"] as? [String: Any])?["journeys"] as? Int
        #expect(before == 20 && after == 20, "each journey on one side: \(String(describing: before)) + \(String(describing: after))")
        let windows = try #require(c["windows"] as? [String: Any])
        #expect(windows["spanningBefore"] as? Int == 2 && windows["leftOut"] as? Int == 0, "\(windows)")
        #expect(r.stderr.contains("in the window where it starts (--assign-by start)"))
        #expect(try String(contentsOfFile: path("c.md"), encoding: .utf8).contains("**Windows:** Each journey counts once"))
        #expect(try String(contentsOfFile: path("c.svg"), encoding: .utf8).contains("in the window where it starts"))
        // By end: journeys ending after day 20 go to the after side.
        let byEnd = try CLI.run(["compare", log, "--before", "2024-01-01..2024-01-20", "--after", "2024-01-21..2024-02-29",
                                 "--assign-by", "end", "--format", "json"])
        let e = try #require(try JSONSerialization.jsonObject(with: Data(byEnd.stdout.utf8)) as? [String: Any])
        #expect((e["before"] as? [String: Any])?["journeys"] as? Int == 18)
        // Many journeys span the edge when windows are short: a warning says so.
        let short = try CLI.run(["compare", log, "--before", "2024-01-01..2024-01-10", "--after", "2024-01-11..2024-01-20",
                                 "-o", path("s.md")])
        #expect(short.stderr.contains("warning: Many journeys"), "\(short.stderr)")
    }

    @Test func minEffectIsReportedAndValidated() throws {
        let md = path("c.md")
        let r = try CLI.run(["compare", "samples/compare-before.csv", "samples/compare-after.csv", "-o", md, "--min-effect", "2"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.contains("and at least 2 pp (--min-effect)"))
        #expect(try String(contentsOfFile: md, encoding: .utf8).contains("at least 2 percentage points (`--min-effect`)"))
        let bad = try CLI.run(["compare", "samples/compare-before.csv", "samples/compare-after.csv", "--min-effect", "-1"])
        #expect(bad.status == 64 && bad.stderr.contains("--min-effect"), "\(bad.stderr)")
    }
}
