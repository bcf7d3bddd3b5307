import Foundation
import Testing
import JourneyTestSupport

/// `compare LOG --split-by ATTR=A,B` keeps each side's events only, cutting journeys with
/// events of both values (or of a side's value and others) in pieces: it now says how many
/// (trial 10: 103 of 614 sms journeys of a shop log also had other channels, silently).
@Suite(.serialized) struct CompareSplitCutCLITests {
    /// Removed with the suite value.
    let scratch: TemporaryDirectory
    let dir: URL

    init() throws {
        scratch = try TemporaryDirectory("split-cut")
        dir = scratch.url
    }

    func path(_ name: String) -> String { dir.appendingPathComponent(name).path }

    /// u1 sms only; u2 sms + broadcast; u3 broadcast + direct; u4 sms + direct; u5 broadcast
    /// only; u6 sms, then broadcast two hours later (two journeys with --session-gap 30m).
    func log(_ rows: [(String, String, String, Int)]) throws -> String {
        var text = "user,event,time,channel\n"
        for (u, e, c, minute) in rows {
            text += "\(u),\(e),2024-03-01T\(String(format: "%02d:%02d", minute / 60, minute % 60)):00Z,\(c)\n"
        }
        let file = path("log-\(rows.count).csv")
        try text.write(toFile: file, atomically: true, encoding: .utf8)
        return file
    }

    @Test func anAttributeSplitSaysHowManyJourneysItCuts() throws {
        defer { try? FileManager.default.removeItem(at: dir) }
        let csv = try log([("u1", "view", "sms", 0), ("u1", "buy", "sms", 5),
                           ("u2", "view", "sms", 0), ("u2", "buy", "broadcast", 5),
                           ("u3", "view", "broadcast", 0), ("u3", "buy", "direct", 5),
                           ("u4", "view", "sms", 0), ("u4", "buy", "direct", 5),
                           ("u5", "view", "broadcast", 0), ("u5", "buy", "broadcast", 5),
                           ("u6", "view", "sms", 0), ("u6", "buy", "broadcast", 120)])
        let split = ["--split-by", "channel=sms,broadcast"]
        let sessions = try CLI.run(["compare", csv, "--session-gap", "30m", "-o", path("s.md"), "-o", path("s.json")] + split)
        #expect(sessions.status == 0, "\(sessions.stderr)")
        let said = "journeymap: warning: --split-by channel=sms,broadcast keeps only each side's events, cutting journeys: "
            + "2 of 4 journeys with channel=sms and 2 of 4 with channel=broadcast also have events with another channel (1 have both values)"
        #expect(sessions.stderr.contains(said), "\(sessions.stderr)")
        #expect(try String(contentsOfFile: path("s.md"), encoding: .utf8).contains("- --split-by channel=sms,broadcast keeps only each side's events"))
        let json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path("s.json")))) as? [String: Any])
        #expect((json["warnings"] as? [String] ?? []).contains { $0.contains("2 of 4 journeys with channel=sms") })
        // Without sessions u6 is one journey holding both values.
        let cases = try CLI.run(["compare", csv, "-o", path("c.md")] + split)
        #expect(cases.stderr.contains("3 of 4 journeys with channel=sms and 3 of 4 with channel=broadcast also have events with another channel (2 have both values)"), "\(cases.stderr)")
        // No journey cut: no warning.
        let pure = try log([("u1", "view", "sms", 0), ("u1", "buy", "sms", 5), ("u5", "view", "broadcast", 0), ("u5", "buy", "broadcast", 5)])
        let whole = try CLI.run(["compare", pure, "-o", path("p.md")] + split)
        #expect(whole.status == 0 && !whole.stderr.contains("cutting journeys"), "\(whole.stderr)")
        #expect(!(try String(contentsOfFile: path("p.md"), encoding: .utf8)).contains("cutting journeys"))
    }
}
