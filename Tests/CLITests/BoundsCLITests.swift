import Foundation
import Testing
import JourneyTestSupport

/// Issue 15 (bounded memory and time; crashes and wrong exit codes) through the built binary.
/// Work is bounded by counts (peak RSS from `/usr/bin/time`, steps), never by the clock.
@Suite struct BoundsCLITests {
    /// This test's folder, removed with it.
    let folder: TemporaryDirectory
    var dir: URL { folder.url }

    init() throws {
        folder = try TemporaryDirectory("journeymap-bounds")
    }

    func path(_ name: String) -> String { dir.appendingPathComponent(name).path }

    @discardableResult
    func write(_ name: String, _ text: String) throws -> String {
        try Data(text.utf8).write(to: dir.appendingPathComponent(name))
        return path(name)
    }

    /// Runs the binary under `/usr/bin/time -f %M` and returns the run and its peak RSS in KiB.
    func runMeasured(_ arguments: [String]) throws -> (CLI.Run, Int)? {
        let time = "/usr/bin/time"
        guard FileManager.default.isExecutableFile(atPath: time) else { return nil }
        let run = try CLI.run(["-f", "maxrss %M"] + [CLI.binary] + arguments, executable: time)
        let line = run.stderr.split(separator: "\n").last { $0.hasPrefix("maxrss ") }
        return (run, Int(line?.dropFirst(7) ?? "") ?? -1)
    }

    // MARK: Bounded memory

    /// 50,000 distinct activities and no channel column: a dense activities × channels table
    /// tried to allocate 8 GB and aborted; now memory follows the names (~200 MB, debug build).
    @Test func manyDistinctActivitiesWithoutAChannelColumnStayLinear() throws {
        defer { try? FileManager.default.removeItem(at: dir) }
        var csv = "case,activity,timestamp\n"
        for i in 0..<50_000 { csv += "c\(i / 10),act_\(i),2024-01-01T00:00:\(String(format: "%02d", i % 10))Z\n" }
        let log = try write("acts.csv", csv)
        guard let (run, kib) = try runMeasured(["mine", log, "-o", path("j.json")]) else {
            print("skipped: /usr/bin/time is not installed"); return
        }
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.contains("50,000 touchpoints"), "\(run.stderr)")
        #expect(kib > 0 && kib < 500_000, "peak RSS \(kib) KiB")
    }

    /// One case of 300,000 events costs about as much per event as 30,000 cases of 10
    /// (it cost ~4× as much: a box per step of its variant path while encoding the file).
    @Test func oneLongCaseCostsNoMorePerEventThanManyShortOnes() throws {
        defer { try? FileManager.default.removeItem(at: dir) }
        func log(_ name: String, events: Int, caseOf: (Int) -> Int) throws -> String {
            var csv = "case,activity,timestamp\n"
            csv.reserveCapacity(events * 30)
            for i in 0..<events { csv += "c\(caseOf(i)),act\(i * 7 % 23),\(1_700_000_000 + i)\n" }
            return try write(name, csv)
        }
        let small = 100_000, large = 400_000
        var cost: [String: Double] = [:]
        for (name, caseOf) in [("one", { (_: Int) in 1 }), ("many", { (i: Int) in i / 10 })] {
            var kib: [Int] = []
            for n in [small, large] {
                let file = try log("\(name)\(n).csv", events: n, caseOf: caseOf)
                // --stages template: the template-only path this bound is about (inferring stages reads
                // the log a second time; its cost is in docs/robustness.md).
                guard let (run, k) = try runMeasured(["mine", file, "--stages", "template", "-o", path("\(name)\(n).json")]) else {
                    print("skipped: /usr/bin/time is not installed"); return
                }
                #expect(run.status == 0, "\(run.stderr)")
                kib.append(k)
            }
            cost[name] = Double(kib[1] - kib[0]) * 1024 / Double(large - small)
        }
        print("marginal bytes per event: \(cost)")
        // Marginal bytes per event (it was ~120 for the long case). The long case writes its whole
        // path into the file (~19 bytes of text per event, and its 16-byte names in the graph),
        // which the short cases do not; measured 37 against 13 at these sizes, 33 against 23
        // from 1M to 3M events (docs/robustness.md).
        #expect(cost["one"]! < cost["many"]! + 40, "bytes per event: \(cost)")
        #expect(cost["one"]! < 60, "bytes per event: \(cost)")
    }

    @Test func threadsAreBounded() throws {
        let cores = ProcessInfo.processInfo.activeProcessorCount
        for (value, message) in [("0", "expected 1 or more"), ("-1", "expected 1 or more"),
                                 ("\(4 * cores + 1)", "at most 4 × the \(cores) cores")] {
            let r = try CLI.run(["stats", "samples/shop-journeys.csv", "--threads=\(value)"])
            #expect(r.status == 64, "\(value): \(r.stderr)")
            #expect(r.stderr.contains(message), "\(value): \(r.stderr)")
        }
        let ok = try CLI.run(["stats", "samples/shop-journeys.csv", "--threads", "\(4 * cores)"])
        #expect(ok.status == 0, "\(ok.stderr)")
    }

    // MARK: Template rules that used to hang

    static let stages = """
        id: t
        stages:
          - {id: a, names: {en: A}, color: "#4e79a7"}
        touchpoints:

        """

    /// `(a+)+$` against 31 a's and a `!` ran for minutes; `*_*_*_*_view` against a
    /// 1,000-character name over 20 s. Both now match in a few thousand steps.
    @Test func catastrophicPatternsFinish() throws {
        defer { try? FileManager.default.removeItem(at: dir) }
        let longName = String(repeating: "x_", count: 500)
        let log = try write("log.csv", "case,activity,timestamp\nc1,\(String(repeating: "a", count: 31))!,2024-01-01T00:00:00Z\n"
            + "c1,\(longName),2024-01-01T00:01:00Z\nc1,page_view,2024-01-01T00:02:00Z\n")
        let template = try write("t.yaml", Self.stages + "  - {regex: \"(a+)+$\", stage: a}\n  - {glob: \"*_*_*_*_view\", stage: a}\n")
        let r = try CLI.run(["mine", log, "--template", template, "--stages", "template", "-o", path("j.json")])
        #expect(r.status == 0, "\(r.stderr)")
        let json = try String(contentsOfFile: path("j.json"), encoding: .utf8)
        // page_view matches the glob; the other two names match neither rule.
        #expect(json.contains("\"stage\" : \"a\""))
        #expect(json.contains("\"stage\" : \"unassigned\""))
    }

    /// A regex past its step budget on one activity stops the run naming the template file,
    /// line and rule.
    @Test func aRegexPastItsBudgetIsBadInput() throws {
        defer { try? FileManager.default.removeItem(at: dir) }
        let name = String(repeating: "abcdefgh", count: 20_000)
        let log = try write("log.csv", "case,activity,timestamp\nc1,\(name),2024-01-01T00:00:00Z\n")
        let template = try write("t.yaml", Self.stages + "  - {match: x, stage: a}\n  - {regex: \"(a|b|c|d|e|f|g|h)*x\", stage: a}\n")
        let r = try CLI.run(["mine", log, "--template", template, "-o", path("j.json")])
        #expect(r.status == 65, "\(r.stderr)")
        #expect(r.stderr.contains("t.yaml:6: regex:"), "\(r.stderr)")
        #expect(r.stderr.contains("(a|b|c|d|e|f|g|h)*x"), "\(r.stderr)")
        #expect(!FileManager.default.fileExists(atPath: path("j.json")))
    }

    @Test func backtrackingOnlyRegexFeaturesAreRefusedWhenTheTemplateIsRead() throws {
        defer { try? FileManager.default.removeItem(at: dir) }
        let template = try write("t.yaml", Self.stages + "  - {regex: \"(a)\\\\1\", stage: a}\n")
        let r = try CLI.run(["mine", "samples/shop-journeys.csv", "--template", template, "-o", path("j.json")])
        #expect(r.status == 65, "\(r.stderr)")
        #expect(r.stderr.contains("t.yaml:5") && r.stderr.contains("back-references"), "\(r.stderr)")
    }

    // MARK: Flags that trapped or said "internal error"

    @Test func badFlagValuesAreUsageErrors() throws {
        let cases: [([String], String)] = [
            (["--session-gap", "1e30s"], "at most 100 years"),
            (["--session-gap", "99999999999999999d"], "at most 100 years"),
            (["--session-gap", "5"], "give a unit"),
            (["--session-gap=-5m"], "expected a positive duration"),
            (["--timezone", "Mars/Olympus"], "--timezone Mars/Olympus: unknown time zone; expected UTC"),
        ]
        for (flags, message) in cases {
            let r = try CLI.run(["stats", "samples/shop-journeys.csv"] + flags)
            #expect(r.status == 64, "\(flags): \(r.stderr)")
            #expect(r.stderr.contains(message), "\(flags): \(r.stderr)")
        }
    }

    @Test(arguments: ["1e9", "-5"])
    func aThemeFontSizeOutOfRangeNamesTheFileAndKey(size: String) throws {
        defer { try? FileManager.default.removeItem(at: dir) }
        let theme = try write("big.yaml", """
            name: big
            background: "#ffffff"
            text: "#000000"
            mutedText: "#444444"
            nodeFill: "#ffffff"
            nodeBorder: "#000000"
            edge: "#888888"
            decrease: "#0000ff"
            increase: "#ff8800"
            neutral: "#999999"
            fontSize: \(size)

            """)
        let r = try CLI.run(["map", "samples/shop-journeys.csv", "--theme", theme, "-o", path("m.svg")])
        #expect(r.status == 65, "\(r.stderr)")
        #expect(r.stderr.contains("big.yaml:11: fontSize:") && r.stderr.contains("from 4 to 48"), "\(r.stderr)")
        #expect(!r.stderr.lowercased().contains("pango") && !r.stderr.contains("Graphviz"), "\(r.stderr)")
    }

    // MARK: Journey files

    /// A journey file of the sample log, changed by `edit` (a JSON object), written pretty.
    func editedJourneyFile(_ name: String, _ edit: (inout [String: Any]) -> Void) throws -> String {
        let original = path("original.json")
        if !FileManager.default.fileExists(atPath: original) {
            let r = try CLI.run(["mine", "samples/shop-journeys.csv", "-o", original])
            #expect(r.status == 0, "\(r.stderr)")
        }
        var object = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: original))) as! [String: Any]
        edit(&object)
        try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys])
            .write(to: URL(fileURLWithPath: path(name)))
        return path(name)
    }

    static func editEdge(_ o: inout [String: Any], _ i: Int, _ key: String, _ value: Any) {
        var edges = o["edges"] as! [[String: Any]]
        edges[i][key] = value
        o["edges"] = edges
    }

    @Test func brokenJourneyFilesAreRefusedWithThePathInside() throws {
        defer { try? FileManager.default.removeItem(at: dir) }
        let cases: [(String, (inout [String: Any]) -> Void, String)] = [
            ("negative.json", { Self.editEdge(&$0, 12, "count", -3) }, "edges[12].count: -3 is negative"),
            ("ghost.json", { Self.editEdge(&$0, 3, "to", "nowhere") }, "edges[3].to: \"nowhere\" is not one of the file's touchpoints"),
            ("type.json", { Self.editEdge(&$0, 5, "count", "12") }, "edges[5].count"),
            ("duplicate.json", { o in
                var t = o["touchpoints"] as! [[String: Any]]
                t.append(t[0])
                o["touchpoints"] = t
            }, "touchpoints[23].name: touchpoint \"ad_impression\" is listed twice"),
        ]
        for (name, edit, message) in cases {
            let file = try editedJourneyFile(name, edit)
            let r = try CLI.run(["map", file, "-o", path("m.svg")])
            #expect(r.status == 65, "\(name): \(r.stderr)")
            #expect(r.stderr.contains(message), "\(name): \(r.stderr)")
            #expect(!r.stderr.contains("The given data was not valid JSON"), "\(name): \(r.stderr)")
        }
        // NaN is not JSON: the message says where.
        let text = try String(contentsOfFile: try editedJourneyFile("n.json", { Self.editEdge(&$0, 12, "count", 777_777) }), encoding: .utf8)
        let nan = try write("nan.json", text.replacingOccurrences(of: "777777", with: "NaN"))
        let r = try CLI.run(["map", nan, "-o", path("m.svg")])
        #expect(r.status == 65, "\(r.stderr)")
        #expect(r.stderr.contains("nan.json: not valid JSON at line ") && r.stderr.contains("found \"NaN\""), "\(r.stderr)")
    }

    /// The same journey file on one line (`jq -c`) or gzipped draws the same picture as the
    /// pretty file; both used to be read as JSON Lines logs and refused.
    @Test func compactAndGzippedJourneyFilesAreJourneyFiles() throws {
        defer { try? FileManager.default.removeItem(at: dir) }
        let pretty = path("j.json")
        #expect(try CLI.run(["mine", "samples/shop-journeys.csv", "-o", pretty]).status == 0)
        let object = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: pretty)))
        try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]).write(to: URL(fileURLWithPath: path("one-line.json")))
        let gzip = Process()
        gzip.executableURL = URL(fileURLWithPath: "/bin/sh")
        gzip.arguments = ["-c", "gzip -c '\(pretty)' > '\(path("j.json.gz"))'"]
        try gzip.run()
        gzip.waitUntilExit()
        var pictures: [Data] = []
        for input in [pretty, path("one-line.json"), path("j.json.gz")] {
            let r = try CLI.run(["map", input, "-o", path("m.svg")])
            #expect(r.status == 0, "\(input): \(r.stderr)")
            pictures.append(try Data(contentsOf: URL(fileURLWithPath: path("m.svg"))))
        }
        #expect(pictures[1] == pictures[0] && pictures[2] == pictures[0])
    }
}
