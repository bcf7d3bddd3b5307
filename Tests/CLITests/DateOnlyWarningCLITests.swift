import Foundation
import Testing
import JourneyTestSupport

/// A timestamp column of dates without a time of day leaves the events of a case on one day in
/// the file's row order: said on standard error by every command that reads the log (trial 10:
/// an order-status export listed newest first gave "COMPLETED → CREATED" journeys silently),
/// not when the times have times of day, and not when `mine --tiebreak` orders the ties.
@Suite struct DateOnlyWarningCLITests {
    /// Removed with the suite value.
    let scratch: TemporaryDirectory
    let dir: URL

    init() throws {
        scratch = try TemporaryDirectory("date-only")
        dir = scratch.url
    }

    func path(_ name: String) -> String { dir.appendingPathComponent(name).path }

    /// 30 orders, newest row first, `day` a date only, `at` the full time, `seq` the order of steps.
    func log() throws -> String {
        var rows: [String] = []
        for c in 0..<30 {
            for (k, step) in ["created", "paid", "shipped", "completed"].enumerated() {
                let day = 10 + c % 9 + (k == 3 ? 1 : 0)
                rows.append("o\(c),\(step),2024-03-\(day),2024-03-\(day)T\(10 + k):0\(c % 10):00Z,\(k)")
            }
        }
        let file = path("status.csv")
        try ("order,status,day,at,seq\n" + rows.reversed().joined(separator: "\n") + "\n").write(toFile: file, atomically: true, encoding: .utf8)
        return file
    }

    @Test func datesWithoutTimesOfDayAreSaid() throws {
        defer { try? FileManager.default.removeItem(at: dir) }
        let csv = try log()
        let columns = ["--case", "order", "--activity", "status"]
        for command in [["stats"], ["mine", "-o", path("j.json")], ["sankey", "-o", path("s.svg")], ["map", "-o", path("m.svg")]] {
            let r = try CLI.run([command[0], csv] + columns + ["--timestamp", "day"] + command.dropFirst())
            #expect(r.status == 0, "\(command[0]): \(r.stderr)")
            #expect(r.stderr.contains("holds dates without a time of day: 30 of the first 30 cases"), "\(command[0]): \(r.stderr)")
            #expect(!r.stdout.contains("without a time of day"))
        }
        let timed = try CLI.run(["stats", csv] + columns + ["--timestamp", "at"])
        #expect(timed.status == 0 && !timed.stderr.contains("time of day"), "\(timed.stderr)")
        let ordered = try CLI.run(["mine", csv] + columns + ["--timestamp", "day", "--tiebreak", "seq", "-o", path("t.json")])
        #expect(ordered.status == 0 && !ordered.stderr.contains("time of day"), "\(ordered.stderr)")
        let quiet = try CLI.run(["stats", csv] + columns + ["--timestamp", "day", "--quiet"])
        #expect(!quiet.stderr.contains("time of day"))
    }
}
