import Foundation
import Testing
import JourneyTestSupport

/// The `journeymap` binary as a user runs it: exit codes, messages that name file and line,
/// and outputs that are either whole or untouched.
@Suite struct CLITests {
    static let root = CLI.root
    typealias Run = CLI.Run

    static func run(_ arguments: [String], in directory: URL? = nil) throws -> Run {
        try CLI.run(arguments, in: directory)
    }

    func scratch() throws -> URL { try TemporaryDirectory.makeFolder("journeymap-cli") }

    @Test func mapWritesEveryFormatAsked() throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let svg = dir.appendingPathComponent("m.svg").path, png = dir.appendingPathComponent("m.png").path,
            pdf = dir.appendingPathComponent("m.pdf").path
        let r = try Self.run(["map", "samples/shop-journeys.csv", "-o", svg, "-o", png, "-o", pdf, "--page", "A3"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: svg)).starts(with: Data("<?xml".utf8)))
        #expect(try Data(contentsOf: URL(fileURLWithPath: png)).starts(with: Data([0x89, 0x50, 0x4E, 0x47])))
        #expect(try Data(contentsOf: URL(fileURLWithPath: pdf)).starts(with: Data("%PDF".utf8)))
        #expect(r.stderr.contains("touchpoints"))
    }

    @Test func journeyFileDrawsTheSameMapAsTheLog() throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let journey = dir.appendingPathComponent("journey.json").path
        let a = dir.appendingPathComponent("a.svg").path, b = dir.appendingPathComponent("b.svg").path
        #expect(try Self.run(["mine", "samples/shop-journeys.csv", "-o", journey, "--quiet"]).status == 0)
        let fromFile = try Self.run(["map", journey, "-o", a, "--quiet"])
        #expect(fromFile.status == 0, "\(fromFile.stderr)")
        #expect(try Self.run(["map", "samples/shop-journeys.csv", "-o", b, "--quiet"]).status == 0)
        #expect(try Data(contentsOf: URL(fileURLWithPath: a)) == Data(contentsOf: URL(fileURLWithPath: b)))
    }

    @Test func unknownPictureFormatIsAUsageErrorAndWritesNothing() throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let gif = dir.appendingPathComponent("m.gif").path, svg = dir.appendingPathComponent("m.svg").path
        let r = try Self.run(["map", "samples/shop-journeys.csv", "-o", svg, "-o", gif])
        #expect(r.status == 64)
        #expect(r.stderr.contains("m.gif") && r.stderr.contains(".svg, .png, .pdf, .layout.json, .mmd"))
        #expect(!FileManager.default.fileExists(atPath: svg))
    }

    @Test func badRowNamesFileAndLineAndLeavesTheOldOutput() throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let log = dir.appendingPathComponent("bad.csv")
        try Data("user_id,timestamp,event\nu1,2024-01-01T00:00:00Z,ad_impression\nu1,not a time,purchase\n".utf8).write(to: log)
        let out = dir.appendingPathComponent("m.png")
        try Data("old".utf8).write(to: out)
        let r = try Self.run(["map", log.path, "-o", out.path])
        #expect(r.status == 65)
        #expect(r.stderr.contains("bad.csv:3"), "\(r.stderr)")
        #expect(try Data(contentsOf: out) == Data("old".utf8))
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0 != "bad.csv" && $0 != "m.png" }
        #expect(leftovers.isEmpty, "temporary files left: \(leftovers)")
    }

    @Test func refusesToOverwriteAnInput() throws {
        let r = try Self.run(["mine", "samples/shop-journeys.csv", "-o", "samples/shop-journeys.csv"])
        #expect(r.status == 64 || r.status == 73)
        #expect(r.stderr.contains("shop-journeys.csv"))
    }

    @Test func guessedColumnsAreReported() throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try Self.run(["mine", "samples/thai-shop.csv", "-o", dir.appendingPathComponent("j.json").path])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.contains("columns guessed: case ลูกค้า, activity กิจกรรม, timestamp เวลา, channel ช่องทาง"), "\(r.stderr)")
        #expect(r.stderr.contains("stages inferred from the data"), "the default template knows no Thai activity: \(r.stderr)")
        let kept = try Self.run(["mine", "samples/thai-shop.csv", "--stages", "template", "-o", dir.appendingPathComponent("k.json").path])
        #expect(kept.stderr.contains("no activity matched"), "--stages template keeps the unassigned group: \(kept.stderr)")
    }

    @Test func demoWritesThePictures() throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try Self.run(["demo", "--output-dir", dir.path, "--quiet"])
        #expect(r.status == 0, "\(r.stderr)")
        let files = try FileManager.default.contentsOfDirectory(atPath: dir.path)
        for name in ["journey-map.png", "journey-map.svg", "journey-map-th.png", "journey-map-a3-print.pdf", "compare-diff.png", "compare-before-after.png", "compare-diff-sankey.png", "sankey-steps.png", "sankey-stages.svg", "persona-nok-th.png", "journey-map-persona.png"] {
            #expect(files.contains(name), "demo did not write \(name)")
        }
    }
}
