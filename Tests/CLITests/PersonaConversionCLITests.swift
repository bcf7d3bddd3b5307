import Foundation
import Testing
import JourneyTestSupport

/// `persona`'s default conversion (the last stage a tenth of journeys reach) can be a stage
/// every journey reaches — a log's last inferred phase, where every outcome ends: said, with the
/// flag that names success.
@Suite struct PersonaConversionEveryoneCLITests {
    let folders = ScratchFolders("persona-everyone")

    @Test func aStageEveryJourneyReachesIsNamedAsNoConversion() throws {
        var rows = ["case,activity,timestamp"]
        for c in 0..<120 {
            let middle = c % 2 == 0 ? ["browse", "compare"] : ["search"]
            for (k, s) in (["open"] + middle + [c % 3 == 0 ? "approved" : "declined"]).enumerated() {
                rows.append("c\(c),\(s),2024-01-0\(1 + c % 5)T00:0\(k):00Z")
            }
        }
        let log = try folders.path("ends.csv")
        try (rows.joined(separator: "\n") + "\n").write(toFile: log, atomically: true, encoding: .utf8)
        let r = try CLI.run(["persona", log, "-o", try folders.path("p.svg")])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.contains("% of the journeys reach stage") && r.stderr.contains("so \"converts\" tells no segment apart; name the stage that means success with --conversion-stage"), "\(r.stderr)")
        let chosen = try CLI.run(["persona", log, "--conversion-stage", "phase-1", "-o", try folders.path("q.svg")])
        #expect(!chosen.stderr.contains("tells no segment apart"), "\(chosen.stderr)")
    }
}
