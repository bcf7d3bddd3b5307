import Foundation
import Testing

/// Labels are data, never markup or Graphviz syntax (issue 8): activities and a title with
/// `</title><script>`, quotes, backslashes and Graphviz escapes (`\N`, `\G`, `\l`) come out
/// literally, and the SVG keeps its structure.
@Suite struct HostileLabelTests {
    static let hostile = [#"</title><script>alert(1)</script>"#, #"say "hi" & <b>bye</b>"#, #"back\slash \N \G \l"#, "new\u{2028}line"]

    @Test func hostileLabelsStayLiteral() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("journeymap-hostile-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        var csv = "user_id,timestamp,event\n"
        for u in 0..<5 {
            for (i, a) in Self.hostile.enumerated() {
                let quoted = "\"" + a.replacingOccurrences(of: "\"", with: "\"\"") + "\""
                csv += "u\(u),2024-01-01T00:0\(i):00Z,\(quoted)\n"
            }
        }
        let log = dir.appendingPathComponent("hostile.csv")
        try Data(csv.utf8).write(to: log)
        let svg = dir.appendingPathComponent("m.svg"), journey = dir.appendingPathComponent("j.json")
        let title = #"<svg onload="x()"> & \N"#
        let r = try CLITests.run(["map", log.path, "-o", svg.path, "--title", title, "--quiet"])
        #expect(r.status == 0, "\(r.stderr)")
        let text = try String(contentsOf: svg, encoding: .utf8)
        #expect(!text.contains("<script") && text.components(separatedBy: "<svg").count == 2, "markup leaked into the SVG")
        #expect(text.contains("<title id=\"svg-title\">&lt;svg onload=&quot;x()&quot;&gt; &amp; \\N</title>") ||
                text.contains("<title id=\"svg-title\">&lt;svg onload=\"x()\"&gt; &amp; \\N</title>"), "title not escaped literally")
        // One document title and description (each element group has its own <title> tooltip).
        #expect(text.components(separatedBy: "<title id=\"svg-title\">").count == 2 && text.components(separatedBy: "<desc").count == 2)
        // An independent XML parser and SVG renderer accept it.
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["rsvg-convert", "-o", dir.appendingPathComponent("m.png").path, svg.path]
        try p.run()
        p.waitUntilExit()
        #expect(p.terminationStatus == 0)
        // The journey file keeps every label exactly.
        #expect(try CLITests.run(["mine", log.path, "-o", journey.path, "--quiet"]).status == 0)
        let graph = try JSONSerialization.jsonObject(with: Data(contentsOf: journey)) as? [String: Any]
        let names = Set(((graph?["touchpoints"] as? [[String: Any]]) ?? []).compactMap { $0["name"] as? String })
        #expect(names == Set(Self.hostile))
    }

    @Test func orthogonalSplinesNeedAnExplicitFlag() throws {
        let r = try CLITests.run(["map", "samples/shop-journeys.csv", "-o", "/tmp/never-written.svg", "--splines", "ortho"])
        #expect(r.status == 64)
        #expect(r.stderr.contains("ortho"), "\(r.stderr)")
        #expect(!FileManager.default.fileExists(atPath: "/tmp/never-written.svg"))
    }

    @Test func pictureSizeLimitIsAUsageError() throws {
        let r = try CLITests.run(["map", "samples/shop-journeys.csv", "-o", "/tmp/never-written.png", "--scale", "20", "--max-pixels", "1000000"])
        #expect(r.status == 64)
        #expect(r.stderr.contains("--max-pixels") || r.stderr.contains("pixels"), "\(r.stderr)")
    }

    @Test func unwritableFolderExits73AndLeavesNothing() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("journeymap-ro-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        // A regular file where a folder is expected: fails for root too (chmod does not stop root).
        let blocker = dir.appendingPathComponent("not-a-folder")
        try Data("x".utf8).write(to: blocker)
        let r = try CLITests.run(["map", "samples/shop-journeys.csv", "-o", blocker.appendingPathComponent("m.svg").path])
        #expect(r.status == 73, "\(r.stderr)")
        #expect(r.stderr.contains("not-a-folder"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["not-a-folder"])
    }
}
