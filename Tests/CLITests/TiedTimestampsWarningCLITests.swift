import Foundation
import Testing
import JourneyTestSupport

/// Many events of a case at one and the same time (the lines of one invoice: UCI Online
/// Retail, 98 % of its moves; Sepsis, 26 % in its first rows) keep the file's row order, so the
/// moves between them come from how the file was written: said on standard error by every
/// command that reads the log, with the share; not for a log whose ties are rare, not beside the
/// date-only warning, not when `mine --tiebreak` orders the ties, not with `--quiet`.
@Suite struct TiedTimestampsWarningCLITests {
    /// Removed with the suite value.
    let scratch: TemporaryDirectory
    let dir: URL

    init() throws {
        scratch = try TemporaryDirectory("tied-times")
        dir = scratch.url
    }

    func path(_ name: String) -> String { dir.appendingPathComponent(name).path }

    /// 40 invoices of `lines` products each; with `tied`, every line of an invoice at one time.
    func invoices(tied: Bool, name: String) throws -> String {
        var rows: [String] = []
        for c in 0..<40 {
            for k in 0..<4 {
                let second = tied ? 0 : k
                rows.append("inv\(c),product \((c + k) % 7),2024-03-\(10 + c % 9)T10:\(10 + c % 40):0\(second)Z,\(k)")
            }
        }
        let file = path(name)
        try ("invoice,product,at,line\n" + rows.joined(separator: "\n") + "\n").write(toFile: file, atomically: true, encoding: .utf8)
        return file
    }

    @Test func manyEventsAtOneTimeAreSaid() throws {
        let csv = try invoices(tied: true, name: "retail.csv")
        let columns = ["--case", "invoice", "--activity", "product", "--timestamp", "at"]
        for command in [["stats"], ["mine", "-o", path("j.json")], ["sankey", "-o", path("s.svg")], ["map", "-o", path("m.svg")]] {
            let r = try CLI.run([command[0], csv] + columns + command.dropFirst())
            #expect(r.status == 0, "\(command[0]): \(r.stderr)")
            #expect(r.stderr.contains("warning: \(csv): 120 of the 120 moves in the first 160 rows (100%) join two events of a case at the same time (column \"at\")"),
                    "\(command[0]): \(r.stderr)")
            #expect(r.stderr.contains("`mine --tiebreak COLUMN`"), "\(r.stderr)")
        }
        let ordered = try CLI.run(["mine", csv] + columns + ["--tiebreak", "line", "-o", path("t.json")])
        #expect(ordered.status == 0 && !ordered.stderr.contains("same time"), "\(ordered.stderr)")
        let quiet = try CLI.run(["stats", csv] + columns + ["--quiet"])
        #expect(!quiet.stderr.contains("same time"))
        let timed = try CLI.run(["stats", try invoices(tied: false, name: "timed.csv")] + columns)
        #expect(timed.status == 0 && !timed.stderr.contains("same time"), "\(timed.stderr)")
    }

    /// An XES log is checked on its first traces (pm4py's hiring log: 20 % of moves between
    /// "Screening" and "Background Check" at one time had said nothing); its shared logs stay quiet.
    @Test func xesLogsAreCheckedToo() throws {
        var traces = ""
        for c in 0..<30 {
            traces += "<trace><string key=\"concept:name\" value=\"c\(c)\"/>"
            for (k, a) in ["Apply", "Screening", "Background Check", "Interview"].enumerated() {
                let minute = k == 2 ? 1 : k  // Background Check at the time of Screening
                traces += "<event><string key=\"concept:name\" value=\"\(a)\"/><date key=\"time:timestamp\" value=\"2024-03-\(10 + c % 9)T10:0\(minute):00.000+00:00\"/></event>"
            }
            traces += "</trace>\n"
        }
        let xes = path("hiring.xes")
        try ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<log xes.version=\"1.0\">\n" + traces + "</log>\n").write(toFile: xes, atomically: true, encoding: .utf8)
        let r = try CLI.run(["stats", xes])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.contains("warning: \(xes): 30 of the 90 moves in the first 120 events (33%) join two events of a case at the same time (column \"time:timestamp\")"), "\(r.stderr)")
        let shared = CLI.root.deletingLastPathComponent().appendingPathComponent("shared/data")
        guard FileManager.default.fileExists(atPath: shared.path) else { return }
        for name in ["helpdesk.xes.gz", "running-example.xes", "roadtraffic100traces.xes"] {
            let q = try CLI.run(["stats", shared.appendingPathComponent(name).path])
            #expect(!q.stderr.contains("same time"), "\(name): \(q.stderr)")
        }
    }

    /// Dates without a time of day get their own warning, not this one too.
    @Test func datesOnlyGetTheDateWarningAlone() throws {
        let file = path("days.csv")
        var rows: [String] = []
        for c in 0..<30 { for k in 0..<3 { rows.append("o\(c),s\(k),2024-03-\(10 + c % 9)") } }
        try ("order,status,day\n" + rows.joined(separator: "\n") + "\n").write(toFile: file, atomically: true, encoding: .utf8)
        let r = try CLI.run(["stats", file, "--case", "order", "--activity", "status", "--timestamp", "day"])
        #expect(r.stderr.contains("without a time of day") && !r.stderr.contains("same time"), "\(r.stderr)")
    }

    /// Shared logs with ties here and there stay quiet (receipt.csv, the running example).
    @Test func realLogsWithFewTiesStayQuiet() throws {
        let shared = CLI.root.deletingLastPathComponent().appendingPathComponent("shared/data")
        guard FileManager.default.fileExists(atPath: shared.path) else {
            print("TiedTimestampsWarningCLITests: skipped: ../shared/data is absent")
            return
        }
        for name in ["receipt.csv", "running-example.csv", "roadtraffic100traces.csv"] {
            let r = try CLI.run(["stats", shared.appendingPathComponent(name).path])
            #expect(!r.stderr.contains("same time"), "\(name): \(r.stderr)")
        }
    }
}
