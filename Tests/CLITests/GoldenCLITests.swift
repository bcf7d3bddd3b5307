import Foundation
import JourneyTestSupport
import Testing

/// Golden files through the built binary (`Tests/Golden/`; `JM_RECORD=1` rewrites them):
/// the journey file of every shared real log, and `--help` of every command. A change to
/// what a journey means, or to a flag, shows here as a diff to review.
@Suite struct GoldenCLITests {
    /// Journey files above this size are kept as their SHA-256 and a summary, not whole.
    static let maxStoredBytes = 200_000

    @Test(arguments: Repository.sharedLogNames)
    func journeyFileOfSharedLog(_ name: String) throws {
        guard let log = Repository.sharedLog(name, skippedBy: "GoldenCLITests") else { return }
        let dir = try TemporaryDirectory("golden-journey")
        // Run from the log's folder with its bare name: the journey file names its source.
        let out = dir.path("journey.json")
        let r = try JourneymapBinary.run(["mine", name, "-o", out, "--quiet"], in: URL(fileURLWithPath: log).deletingLastPathComponent())
        #expect(r.status == 0, "\(name): \(r.stderr)")
        let bytes = try Data(contentsOf: URL(fileURLWithPath: out))
        let text = bytes.count <= Self.maxStoredBytes ? String(decoding: bytes, as: UTF8.self) : try Self.digest(bytes, path: out)
        if let diff = Golden.check(text, against: "journeys/\(name).json" + (bytes.count <= Self.maxStoredBytes ? "" : ".sha256")) {
            Issue.record(Comment(rawValue: diff))
        }
    }

    /// A large journey file as its SHA-256 and what it holds.
    static func digest(_ bytes: Data, path: String) throws -> String {
        let sum = try ProcessRunner.run("/usr/bin/sha256sum", [path])
        let hash = sum.stdout.split(separator: " ").first.map(String.init) ?? "?"
        let json = try JSONSerialization.jsonObject(with: bytes) as? [String: Any] ?? [:]
        let lines = ["sha256 \(hash)", "bytes \(bytes.count)"]
            + json.keys.sorted().map { key -> String in
                switch json[key] {
                case let list as [Any]: "\(key): \(list.count) entries"
                case let object as [String: Any]: "\(key): \(object.count) keys"
                case let value?: "\(key): \(value)"
                case nil: "\(key): null"
                }
            }
        return lines.joined(separator: "\n") + "\n"
    }

    static let commands: [[String]] = [[], ["mine"], ["stats"], ["map"], ["sankey"], ["compare"], ["persona"],
                                       ["template"], ["template", "suggest"], ["demo"], ["replay"]]

    @Test(arguments: commands)
    func helpOfCommand(_ command: [String]) throws {
        // A fixed width: ArgumentParser wraps help to the terminal's (COLUMNS when no terminal).
        let r = try JourneymapBinary.run(command + ["--help"], environment: ["COLUMNS": "100"])
        #expect(r.status == 0, "\(command): \(r.stderr)")
        let name = command.isEmpty ? "journeymap" : command.joined(separator: "-")
        if let diff = Golden.check(r.stdout, against: "help/\(name).txt") { Issue.record(Comment(rawValue: diff)) }
    }
}
