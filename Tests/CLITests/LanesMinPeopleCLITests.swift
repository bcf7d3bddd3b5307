import Foundation
import Testing

/// `map --lanes X --min-people k`: split lane boxes and their moves are counted with their
/// people and obey the graph rules like any touchpoint. A made log: "browse" on the web for
/// 20 people and in the app for 3 (split at 80 %), each person then "buy"s on the web; the
/// 3 app people have two sessions each, so the app box has 6 journeys but 3 people.
@Suite struct LanesMinPeopleCLITests {
    func log(in dir: URL) throws -> String {
        var rows = ["case,activity,timestamp,channel"]
        for p in 0..<20 {
            rows += ["w\(p),browse,2024-01-01T10:00:00Z,web", "w\(p),buy,2024-01-01T10:05:00Z,web"]
        }
        for p in 0..<3 {
            for day in 1...2 {
                rows += ["a\(p),browse,2024-01-0\(day)T10:00:00Z,app", "a\(p),buy,2024-01-0\(day)T10:05:00Z,web"]
            }
        }
        let path = dir.appendingPathComponent("lanes.csv").path
        try (rows.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func aLaneBoxOfFewPeopleIsWithheldWithItsMoves() throws {
        let dir = try MinPeopleCLITests().scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let csv = try log(in: dir)
        let open = dir.appendingPathComponent("open.svg").path, shut = dir.appendingPathComponent("k.svg").path
        let common = [csv, "--lanes", "channel", "--session-gap", "1h", "--quiet"]
        #expect(try CLI.run(["map"] + common + ["-o", open]).status == 0)
        let full = try String(contentsOfFile: open, encoding: .utf8)
        #expect(full.contains("browse · app") && full.contains("browse · web"), "the log splits browse by channel")
        let r = try CLI.run(["map"] + common + ["--min-people", "5", "-o", shut])
        #expect(r.status == 0, "\(r.stderr)")
        let svg = try String(contentsOfFile: shut, encoding: .utf8)
        #expect(!svg.contains("browse · app"), "the box of 3 people (6 journeys) is drawn")
        #expect(svg.contains("numbers from fewer than 5 people hidden"))
        // Both boxes are one stage's touchpoints: with the app box withheld the web box would
        // give it back from the stage's total, so it goes too; "buy" (23 people) stays.
        #expect(!svg.contains("browse · web") && svg.contains(">buy<"), "the web box goes with it")
    }
}
