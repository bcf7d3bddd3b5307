import Foundation
import Testing
import JourneyTestSupport

private let root = CLI.root
private let binary = CLI.binary

/// Runs journeymap in the repository root; returns its exit status and standard error.
private func journeymap(_ arguments: [String]) throws -> (status: Int32, stderr: String) {
    let r = try CLI.run(arguments)
    return (r.status, r.stderr)
}


private func starts(_ path: String, with magic: [UInt8]) -> Bool {
    guard let data = FileManager.default.contents(atPath: path) else { return false }
    return Array(data.prefix(magic.count)) == magic
}

private let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47]
private let pdf: [UInt8] = Array("%PDF".utf8)

@Suite(.serialized) struct SankeyCommandTests {
    /// Output paths in a folder of this test's, removed with it.
    let folders = ScratchFolders("sankey-cli")
    func scratch(_ name: String) throws -> String { try folders.path(name) }

    @Test(arguments: [
        ["--steps", "4"],
        ["--from", "product_view", "--steps", "5", "--top", "3"],
        ["--to", "purchase", "--collapse-repeats", "--percent-of", "previous"],
        ["--count", "people", "--session-gap", "1h", "--color-by", "channel"],
        ["--from", "checkout", "--count", "events", "--color-by", "source", "--theme", "dark"],
        ["--by", "stage"],
        ["--by", "stage", "--count", "people", "--theme", "colorblind", "--top", "3"],
    ])
    func drawsEveryMode(_ flags: [String]) throws {
        let out = try scratch("s.png"), svg = try scratch("s.svg")
        defer { for p in [out, svg] { try? FileManager.default.removeItem(atPath: p) } }
        let r = try journeymap(["sankey", "samples/shop-journeys.csv", "-o", out, "-o", svg, "--scale", "1"] + flags)
        #expect(r.status == 0, "\(flags): \(r.stderr)")
        #expect(starts(out, with: png) && starts(svg, with: Array("<?xml".utf8)))
        #expect(r.stderr.contains("journeymap: sankey by"))
    }

    @Test func thaiStagesToPDF() throws {
        let out = try scratch("th.pdf")
        defer { try? FileManager.default.removeItem(atPath: out) }
        let r = try journeymap(["sankey", "samples/thai-shop.csv", "--template", "thai-retail", "--by", "stage",
                                "--title", "การไหลของลูกค้า", "-o", out, "--quiet"])
        #expect(r.status == 0 && r.stderr.isEmpty, "\(r.stderr)")
        #expect(starts(out, with: pdf))
    }

    @Test(arguments: [
        (["--from", "nowhere"], 64, "--from nowhere: no touchpoint of that name"),
        (["--by", "stage", "--from", "checkout"], 64, "--from applies to step flows"),
        (["--by", "stage", "--count", "events"], 64, "--count events applies to step flows"),
        (["--from", "a", "--to", "b"], 64, "give --from or --to, not both"),
        (["--steps", "1"], 64, "--steps 1: expected 2…50"),
        (["--top", "0"], 64, "--top must be between 1 and 50"),
        (["--keep-paths", "90"], 64, "--keep-paths and --min-edge-count simplify journey maps"),
        (["--count", "visits"], 64, "visits"),
    ] as [([String], Int32, String)])
    func refusesWithAMessage(_ flags: [String], _ code: Int32, _ message: String) throws {
        let out = try scratch("x.png")
        defer { try? FileManager.default.removeItem(atPath: out) }
        let r = try journeymap(["sankey", "samples/shop-journeys.csv", "-o", out] + flags)
        #expect(r.status == code, "\(flags): \(r.stderr)")
        #expect(r.stderr.contains(message), "\(r.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out))
    }

    @Test func needsAnOutputAndALog() throws {
        let none = try journeymap(["sankey", "samples/shop-journeys.csv"])
        #expect(none.status == 64 && none.stderr.contains("-o sankey.svg"))
        // A journey file holds counts, not paths.
        let journey = try scratch("j.json"), out = try scratch("j.png")
        defer { for p in [journey, out] { try? FileManager.default.removeItem(atPath: p) } }
        #expect(try journeymap(["mine", "samples/shop-journeys.csv", "-o", journey, "--quiet"]).status == 0)
        let r = try journeymap(["sankey", journey, "-o", out])
        #expect(r.status == 65 && r.stderr.contains("holds counts, not the paths this picture needs"), "\(r.stderr)")
    }
}
