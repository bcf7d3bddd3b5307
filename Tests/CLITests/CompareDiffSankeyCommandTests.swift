import Foundation
import Testing

/// `journeymap compare --diff-sankey` through the built binary (`swift build` first).
@Suite(.serialized) struct CompareDiffSankeyCommandTests {

    static func directory(_ name: String) throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("cli-diff-sankey-\(name)-\(getpid())")
        try? FileManager.default.removeItem(at: dir)
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    /// A CSV log: `down` journeys ad_impression → landing_page → product_view → checkout,
    /// `up` journeys email_open → product_view → purchase, 200 email_open → landing_page.
    static func log(_ down: Int, _ up: Int, at url: URL) throws {
        var csv = "user_id,timestamp,event\n", c = 0
        for (count, path) in [(down, ["ad_impression", "landing_page", "product_view", "checkout"]),
                              (up, ["email_open", "product_view", "purchase"]), (200, ["email_open", "landing_page"])] {
            for _ in 0..<count {
                for (i, a) in path.enumerated() { csv += "u\(c),2024-03-01T10:0\(i):00Z,\(a)\n" }
                c += 1
            }
        }
        try csv.write(to: url, atomically: true, encoding: .utf8)
    }

    @Test
    func writesTheDiffSankeyInEveryFormat() throws {
        let dir = try Self.directory("formats")
        defer { try? FileManager.default.removeItem(at: dir) }
        let before = dir.appendingPathComponent("before.csv"), after = dir.appendingPathComponent("after.csv")
        try Self.log(500, 300, at: before)
        try Self.log(350, 450, at: after)
        let outs = ["d.png", "d.svg", "d.pdf"].map { dir.appendingPathComponent($0).path }
        let r = try CLI.run(["compare", before.path, after.path, "--theme", "dark", "--diff-sankey-by", "step"]
                            + outs.flatMap { ["--diff-sankey", $0] })
        #expect(r.status == 0, "stderr: \(r.stderr)")
        #expect(r.stdout.isEmpty && r.stderr.contains("d.png"))
        let png = try #require(FileManager.default.contents(atPath: outs[0]))
        #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]) && png.count > 10_000)
        let svg = try String(contentsOfFile: outs[1], encoding: .utf8)
        #expect(svg.contains("<svg") && svg.contains("by step") && svg.contains("+15 pts"))
        #expect(FileManager.default.contents(atPath: outs[2])?.starts(with: Array("%PDF".utf8)) == true)
        // Same inputs, same bytes.
        let again = dir.appendingPathComponent("again.svg").path
        #expect(try CLI.run(["compare", before.path, after.path, "--theme", "dark", "--diff-sankey-by", "step",
                             "--diff-sankey", again, "--quiet"]).status == 0)
        #expect(FileManager.default.contents(atPath: again) == FileManager.default.contents(atPath: outs[1]))
    }

    @Test
    func splitsOneThaiLogByTimeWindows() throws {
        let dir = try Self.directory("thai")
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("thai.svg").path
        let r = try CLI.run(["compare", "samples/thai-shop.csv", "--template", "thai-retail",
                             "--before", "2023-11-15..2024-02-13", "--after", "2024-02-14..2024-05-13", "--diff-sankey", out])
        #expect(r.status == 0, "stderr: \(r.stderr)")
        let svg = try String(contentsOfFile: out, encoding: .utf8)
        #expect(svg.contains("การเปลี่ยนแปลงของการไหลตามขั้นตอน"))
    }

    /// Journey files hold counts, not paths: the diff Sankey is refused before anything is
    /// written, while the other outputs still work from journey files.
    @Test
    func journeyFilesAreRefusedForThisOutputOnly() throws {
        let dir = try Self.directory("journeys")
        defer { try? FileManager.default.removeItem(at: dir) }
        let a = dir.appendingPathComponent("a.json").path, b = dir.appendingPathComponent("b.json").path
        #expect(try CLI.run(["mine", "samples/compare-before.csv", "-o", a]).status == 0)
        #expect(try CLI.run(["mine", "samples/compare-after.csv", "-o", b]).status == 0)
        let report = dir.appendingPathComponent("r.md").path, sankey = dir.appendingPathComponent("s.png").path
        let r = try CLI.run(["compare", a, b, "-o", report, "--diff-sankey", sankey])
        #expect(r.status == 65)
        #expect(r.stderr.contains("a.json") && r.stderr.contains("journey file") && r.stderr.contains("give the event log"))
        #expect(!FileManager.default.fileExists(atPath: report) && !FileManager.default.fileExists(atPath: sankey))
        #expect(try CLI.run(["compare", a, b, "-o", report]).status == 0)
    }
}
