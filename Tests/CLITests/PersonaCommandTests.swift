import Foundation
import Testing
import JourneyTestSupport

/// `journeymap persona` and `journeymap map --persona` through the built binary.
@Suite(.serialized) struct PersonaCommandTests {
    static let root = CLI.root
    static let binary = CLI.binary
    /// This test's folder, removed with it.
    let folder: TemporaryDirectory
    var dir: URL { folder.url }

    init() throws {
        folder = try TemporaryDirectory("persona-cli")
    }

    func out(_ name: String) -> String { dir.appendingPathComponent(name).path }

    /// Runs the binary from the package root (so `templates/` and `samples/` resolve).
    func journeymap(_ arguments: String...) throws -> CLI.Run {
        try CLI.run(arguments)
    }

    func run(_ executable: String, _ arguments: [String]) throws -> CLI.Run {
        try CLI.run(arguments, executable: executable)
    }

    /// Width and height from a PNG's IHDR chunk.
    func pngSize(_ path: String) throws -> (Int, Int) {
        let d = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        #expect(d.count > 33 && Array(d[0..<8]) == [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], "\(path) is not a PNG")
        func be(_ i: Int) -> Int { d[i..<i + 4].reduce(0) { $0 << 8 | Int($1) } }
        return (be(16), be(20))
    }

    @Test func thaiCardToEveryFormat() throws {
        let r = try journeymap("persona", "templates/personas/nok-thai-shopper.yaml", "--lang", "th", "--second-lang", "en",
                               "-o", out("nok.png"), "-o", out("nok.svg"), "-o", out("nok.pdf"))
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.contains("1 persona card") && !r.stderr.contains("warning"), "\(r.stderr)")
        let (w, h) = try pngSize(out("nok.png"))
        #expect(w == 2 * 468 && h > w, "one card 420 pt wide plus margins, at 2 px/pt")
        let svg = try String(contentsOfFile: out("nok.svg"), encoding: .utf8)
        #expect(svg.contains("<title id=\"svg-title\">นก สุภาวดี</title>"))
        let converted = try run("/usr/bin/rsvg-convert", ["-o", out("nok-svg.png"), out("nok.svg")])
        #expect(converted.status == 0, "\(converted.stderr)")
        let pdf = try Data(contentsOf: URL(fileURLWithPath: out("nok.pdf")))
        #expect(pdf.starts(with: Data("%PDF".utf8)))
    }

    @Test func builtinExamplesByNameFromAnyFolder() throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.binary)
        process.arguments = ["persona", "nok-thai-shopper", "maya-online-shopper", "--lang", "th", "-o", out("named.png")]
        process.currentDirectoryURL = dir
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let (w, _) = try pngSize(out("named.png"))
        #expect(w == 2 * (2 * 24 + 2 * 420 + 20), "two cards side by side")
    }

    @Test func personasFromALogAreRepeatableAndEditable() throws {
        let a = try journeymap("persona", "samples/shop-journeys.csv", "--clusters", "3", "--seed", "3",
                               "-o", out("a.svg"), "--write-yaml", out("a.yaml"))
        #expect(a.status == 0, "\(a.stderr)")
        #expect(a.stderr.contains("3 segments (silhouette: k=3") && a.stderr.contains("1. Segment 1:"), "\(a.stderr)")
        let b = try journeymap("persona", "samples/shop-journeys.csv", "--clusters", "3", "--seed", "3", "-o", out("b.svg"))
        #expect(b.status == 0)
        #expect(try Data(contentsOf: URL(fileURLWithPath: out("a.svg"))) == Data(contentsOf: URL(fileURLWithPath: out("b.svg"))),
                "same seed, same bytes")
        let yaml = try String(contentsOfFile: out("a.yaml"), encoding: .utf8)
        #expect(yaml.hasPrefix("# Personas found by"))
        #expect(yaml.components(separatedBy: "- name: {en: Segment").count == 4, "\(yaml)")
        #expect(yaml.contains("conversion_rate:") && yaml.contains("typical_path:"))
        // Rename a segment in the YAML and draw it again.
        try yaml.replacingOccurrences(of: "{en: Segment 1, th: กลุ่มที่ 1}", with: "{en: Loyal app buyers, th: ลูกค้าแอปประจำ}")
            .write(toFile: out("edited.yaml"), atomically: true, encoding: .utf8)
        let c = try journeymap("persona", out("edited.yaml"), "--lang", "th", "-o", out("edited.svg"))
        #expect(c.status == 0, "\(c.stderr)")
        #expect(try String(contentsOfFile: out("edited.svg"), encoding: .utf8).contains("ลูกค้าแอปประจำ"))
    }

    @Test func autoChoosesKBySilhouetteAndMinCasesHidesSmallSegments() throws {
        let auto = try journeymap("persona", "samples/thai-shop.csv", "--template", "thai-retail", "-o", out("auto.png"))
        #expect(auto.status == 0, "\(auto.stderr)")
        #expect(auto.stderr.contains("k=2 ") && auto.stderr.contains("k=8 "), "\(auto.stderr)")
        let hidden = try journeymap("persona", "samples/shop-journeys.csv", "--clusters", "4", "--min-cases", "100",
                                    "-o", out("hidden.png"))
        #expect(hidden.status == 0, "\(hidden.stderr)")
        #expect(hidden.stderr.contains("(hidden by --min-cases)") && hidden.stderr.contains("fewer than 100 journeys"),
                "\(hidden.stderr)")
    }

    @Test func mapWithPersonaLanes() throws {
        let plain = try journeymap("map", "samples/shop-journeys.csv", "-o", out("plain.png"))
        let lanes = try journeymap("map", "samples/shop-journeys.csv", "--persona", "templates/personas/maya-online-shopper.yaml",
                                   "-o", out("lanes.png"))
        #expect(plain.status == 0 && lanes.status == 0, "\(lanes.stderr)")
        #expect(!lanes.stderr.contains("warning"), "\(lanes.stderr)")
        let (pw, ph) = try pngSize(out("plain.png")), (lw, lh) = try pngSize(out("lanes.png"))
        #expect(lw == pw && lh > ph + 400, "lanes add height below the columns")
    }

    @Test(arguments: [
        (["persona", "templates/personas/nok-thai-shopper.yaml", "samples/shop-journeys.csv", "-o", "x.png"], 64, "not both"),
        (["persona", "templates/personas/nok-thai-shopper.yaml", "--clusters", "3", "-o", "x.png"], 64, "apply to personas found in event logs"),
        (["persona", "samples/shop-journeys.csv", "--clusters", "0", "-o", "x.png"], 64, "--clusters 0"),
        (["persona", "samples/shop-journeys.csv"], 64, "give an output"),
        (["persona", "samples/shop-journeys.csv", "--min-cases", "100000", "-o", "x.png"], 65, "no segment has at least 100000"),
        (["persona", "samples/shop-journeys.csv", "--conversion-stage", "paid", "-o", "x.png"], 65, "conversion stage \"paid\""),
        (["persona", "BAD", "-o", "x.png"], 65, "BAD:4: stages[0].emotion: emotion must be between -2"),
        (["map", "samples/shop-journeys.csv", "--persona", "TWO", "-o", "x.png"], 64, "holds 2 personas"),
    ] as [([String], Int32, String)])
    func mistakesAreExplained(arguments: [String], status: Int32, message: String) throws {
        let bad = out("bad.yaml"), two = out("two.yaml")
        try "name: Bad\nstages:\n  - stage: decision\n    emotion: 5\n".write(toFile: bad, atomically: true, encoding: .utf8)
        try "personas:\n  - name: A\n  - name: B\n".write(toFile: two, atomically: true, encoding: .utf8)
        let args = arguments.map { $0 == "BAD" ? bad : $0 == "TWO" ? two : $0 == "x.png" ? out("x.png") : $0 }
        let r = try run(Self.binary, args)
        #expect(r.status == status, "\(r.stderr)")
        #expect(r.stderr.contains(message.replacingOccurrences(of: "BAD", with: bad)), "\(r.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out("x.png")), "nothing written on error")
    }
}
