import Foundation
import Testing

/// `--min-people k` and the channel breakdown of a touchpoint. A made log: "browse" on the web
/// for 20 people, in the app for 16 and by email for 3, each of whom has two sessions (6
/// journeys, 6 email events, 3 people) when sessions are cut at 1h, else one; every journey
/// then "buy"s on the web. At k = 5 the
/// email count rests on 3 people, so no breakdown of "browse" may be published (nor its shares:
/// with the box's events they give the counts back); "buy" is all web, its own total.
@Suite struct ChannelsMinPeopleCLITests {
    func log(in dir: URL, emailSessions: Int) throws -> String {
        var rows = ["case,activity,timestamp,channel"]
        for p in 0..<20 { rows += ["w\(p),browse,2024-01-01T10:00:00Z,web", "w\(p),buy,2024-01-01T10:05:00Z,web"] }
        for p in 0..<16 { rows += ["a\(p),browse,2024-01-01T10:00:00Z,app", "a\(p),buy,2024-01-01T10:05:00Z,web"] }
        for p in 0..<3 {
            for day in 1...emailSessions { rows += ["e\(p),browse,2024-01-0\(day)T10:00:00Z,email", "e\(p),buy,2024-01-0\(day)T10:05:00Z,web"] }
        }
        let path = dir.appendingPathComponent("channels.csv").path
        try (rows.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// The shares a breakdown of "browse" would print (web 20/42, app 16/42, email 6/42 with
    /// the gap; 20/39, 16/39, 3/39 without), in the ways the outputs round them.
    static let shares = ["48%", "38%", "14%", "47.6%", "38.1%", "14.3%", "51%", "41%", "8%", "51.3%", "41.0%", "7.7%"]

    func text(_ path: String) throws -> String { try String(contentsOfFile: path, encoding: .utf8) }

    @Test(arguments: [[], ["--session-gap", "1h"]])
    func noOutputPublishesAChannelOfFewPeople(gap: [String]) throws {
        let dir = try MinPeopleCLITests().scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let csv = try log(in: dir, emailSessions: gap.isEmpty ? 1 : 2)
        func out(_ name: String) -> String { dir.appendingPathComponent(name).path }
        let common = [csv, "--quiet"] + gap

        // The checks are not blind: without the flag the breakdown is there.
        #expect(try CLI.run(["map"] + common + ["-o", out("open.svg")]).status == 0)
        #expect(try text(out("open.svg")).contains(gap.isEmpty ? "email 7.7%" : "email 14%"), "the map shows the breakdown without --min-people")

        let k = ["--min-people", "5"]
        var r = try CLI.run(["mine"] + common + k + ["-o", out("j.json")])
        #expect(r.status == 0, "\(r.stderr)")
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out("j.json")))) as! [String: Any]
        for t in json["touchpoints"] as! [[String: Any]] {
            let channels = t["channels"] as? [String: Int] ?? [:]
            let events = t["events"] as! Int
            #expect(channels.isEmpty || (channels.count == 1 && channels.values.first == events),
                    "\(t["name"]!): a breakdown other than the box's own total is published: \(channels) of \(events)")
        }
        #expect(!(try text(out("j.json")).contains("email")), "the journey file names the email count")

        for name in ["k.svg", "k.layout.json", "k.mmd", "k.html"] {
            r = try CLI.run(["map"] + common + k + ["-o", out(name)])
            #expect(r.status == 0, "\(name): \(r.stderr)")
            let s = try text(out(name))
            #expect(!s.contains("email"), "\(name) names the email channel with its share")
            for share in Self.shares { #expect(!s.contains(share), "\(name) shows the share \(share)") }
        }
        #expect(try text(out("k.svg")).contains("numbers from fewer than 5 people hidden"))

        r = try CLI.run(["stats", csv] + gap + k)
        #expect(r.status == 0 && !r.stdout.contains("email") && !r.stdout.contains("channels mixed"), "\(r.stdout)")
        #expect(r.stdout.contains(gap.isEmpty ? "buy: 39 events, 39 journeys, channel web" : "buy: 42 events, 42 journeys, channel web"),
                "a box all on one channel keeps it: \(r.stdout)")

        r = try CLI.run(["compare", csv, csv, "--quiet"] + gap + k + ["-o", out("c.json"), "-o", out("c.md"), "-o", out("c.svg")])
        #expect(r.status == 0, "\(r.stderr)")
        for name in ["c.json", "c.md", "c.svg"] {
            let s = try text(out(name))
            #expect(!s.contains("email"), "\(name) names the email channel")
            for share in Self.shares { #expect(!s.contains(share), "\(name) shows the share \(share)") }
        }
    }
}
