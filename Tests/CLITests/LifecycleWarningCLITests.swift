import Foundation
import Testing
import JourneyTestSupport

/// An XES log whose events carry several lifecycle transitions (BPI Challenge 2012: SCHEDULE,
/// START, COMPLETE) counts each as an event: said on standard error, with the shares and the
/// `--where` that keeps one; not once `--where` filters on the key, not for a log of one
/// transition, and not when the first trace comes after megabytes of metadata either.
@Suite struct LifecycleWarningCLITests {
    let scratch: TemporaryDirectory
    let dir: URL

    init() throws {
        scratch = try TemporaryDirectory("lifecycle")
        dir = scratch.url
    }

    func xes(_ name: String, transitions: [String], metadataBytes: Int = 0) throws -> String {
        var text = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<log xes.version=\"1.0\">\n"
        text += "<classifier name=\"Activity classifier\" keys=\"concept:name lifecycle:transition\"/>\n"
        var k = 0
        while text.utf8.count < metadataBytes {
            text += "<float key=\"meta_\(k)\" value=\"1.5\"/>\n"
            k += 1
        }
        for c in 0..<20 {
            text += "<trace><string key=\"concept:name\" value=\"case \(c)\"/>\n"
            var minute = 0
            for activity in ["Submit", "Review", "Decide"] {
                for t in transitions {
                    text += "<event><string key=\"concept:name\" value=\"\(activity)\"/><string key=\"lifecycle:transition\" value=\"\(t)\"/>"
                    text += "<date key=\"time:timestamp\" value=\"2024-01-0\(1 + c % 9)T10:\(String(format: "%02d", minute)):00.000+01:00\"/></event>\n"
                    minute += 1
                }
            }
            text += "</trace>\n"
        }
        text += "</log>\n"
        let file = dir.appendingPathComponent(name).path
        try text.write(toFile: file, atomically: true, encoding: .utf8)
        return file
    }

    @Test func severalTransitionsAreSaid() throws {
        let log = try xes("bpic.xes", transitions: ["SCHEDULE", "START", "COMPLETE"])
        let r = try CLI.run(["stats", log])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.contains("warning: \(log): its events carry several lifecycle:transitions (COMPLETE 33%, SCHEDULE 33%, START 33% of the first 180 events)"), "\(r.stderr)")
        #expect(r.stderr.contains("keep one with --where lifecycle:transition=COMPLETE"), "\(r.stderr)")
        let kept = try CLI.run(["stats", log, "--where", "lifecycle:transition=COMPLETE"])
        #expect(kept.status == 0 && !kept.stderr.contains("lifecycle"), "\(kept.stderr)")
        #expect(kept.stdout.contains("Events:      60\n"), "\(kept.stdout)")
        let quiet = try CLI.run(["stats", log, "--quiet"])
        #expect(!quiet.stderr.contains("lifecycle"))
    }

    @Test func oneTransitionIsNotSaid() throws {
        let r = try CLI.run(["stats", try xes("complete.xes", transitions: ["complete"])])
        #expect(r.status == 0 && !r.stderr.contains("lifecycle"), "\(r.stderr)")
    }

    /// BPIC 2012 as pm4py ships it starts with 6.6 MB of metadata before the first trace.
    @Test func tracesAfterLongMetadataAreLookedAt() throws {
        let log = try xes("meta.xes", transitions: ["start", "complete"], metadataBytes: 200_000)
        let r = try CLI.run(["map", log, "-o", dir.appendingPathComponent("m.svg").path])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.contains("several lifecycle:transitions (complete 50%, start 50%") && r.stderr.contains("--where lifecycle:transition=complete"), "\(r.stderr)")
    }
}
