import Foundation
import Testing
import JourneyTestSupport

/// The warning about timestamps read as epoch times before 1990 or after 2100 (a wrong column
/// or unit) comes from every command that reads logs, on standard error, once per file, and
/// not with `--quiet` (trial 10: only `map` and `mine` said it; `stats` put it in its report).
@Suite(.serialized) struct EpochWarningCLITests {
    /// Removed with the suite value.
    let scratch: TemporaryDirectory
    let dir: URL

    init() throws {
        scratch = try TemporaryDirectory("epoch-warning")
        dir = scratch.url
    }

    func path(_ name: String) -> String { dir.appendingPathComponent(name).path }

    /// 40 orders whose `at` column holds seconds since an order-book start (80000…): 1970 as epoch seconds.
    func log() throws -> String {
        var text = "order,step,at\n"
        for c in 0..<40 {
            for (k, step) in ["visit", "view", "cart", "buy"].prefix(2 + c % 3).enumerated() { text += "o\(c),\(step),\(80_000 + c * 50 + k * 7)\n" }
        }
        let file = path("orders.csv")
        try text.write(toFile: file, atomically: true, encoding: .utf8)
        return file
    }

    @Test func everyCommandThatReadsLogsWarnsOnStandardErrorOnce() throws {
        defer { try? FileManager.default.removeItem(at: dir) }
        let csv = try log()
        let columns = ["--case", "order", "--activity", "step", "--timestamp", "at"]
        let commands: [[String]] = [
            ["map", csv, "-o", path("m.png")], ["mine", csv, "-o", path("j.json")], ["stats", csv],
            ["sankey", csv, "-o", path("s.png")], ["persona", csv, "-o", path("p.png")],
            ["attribution", csv, "--conversion", "buy", "-o", path("a.csv")],
            ["compare", csv, csv, "-o", path("c.md")], ["replay", csv, "-o", path("r.png")],
            ["template", "suggest", csv, "-o", path("t.yaml")],
        ]
        let warning = "journeymap: warning: \(csv): column \"at\": "
        for command in commands {
            let r = try CLI.run(command + columns)
            #expect(r.status == 0, "\(command[0]): \(r.stderr)")
            #expect(r.stderr.components(separatedBy: warning).count == 2, "\(command[0]) warns once: \(r.stderr)")
            #expect(r.stderr.contains("land before 1990 or after 2100, e.g. 80000 → 1970-01-01T22:13:20Z"), "\(command[0]): \(r.stderr)")
            #expect(!r.stdout.contains("before 1990"), "\(command[0]): not on standard output")
        }
        for command in commands where command[0] != "stats" && command[0] != "template" {
            let quiet = try CLI.run(command + columns + ["--quiet"])
            #expect(quiet.status == 0 && !quiet.stderr.contains("warning"), "\(command[0]) --quiet: \(quiet.stderr)")
        }
    }
}
