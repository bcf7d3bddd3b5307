import Foundation
import Testing
import JourneyTestSupport
#if canImport(Glibc)
import Glibc
#endif

/// `journeymap replay` through the built binary: the animated SVG's tokens where the journeys
/// put them (against the map's own layout), the same bytes twice, APNG and GIF frame counts,
/// one still frame, outputs written the way every command writes them, Thai, and the SVG
/// playing in Chromium.
@Suite struct ReplayCommandTests {
    /// Removed with the suite value.
    let scratch: TemporaryDirectory
    let dir: URL
    static let sample = CLI.root.appendingPathComponent("samples/shop-journeys.csv").path

    init() throws {
        scratch = try TemporaryDirectory("journeymap-replay")
        dir = scratch.url
    }

    func path(_ name: String) -> String { dir.appendingPathComponent(name).path }

    /// Two journeys over 10 s: u1 views at 0 s and adds to cart at 10 s, u2 at 5 s and 8 s.
    func tinyLog() throws -> String {
        let csv = """
        user_id,timestamp,event,channel
        u1,2024-01-01T00:00:00Z,product_view,web
        u1,2024-01-01T00:00:10Z,add_to_cart,web
        u2,2024-01-01T00:00:05Z,product_view,email
        u2,2024-01-01T00:00:08Z,add_to_cart,email

        """
        let p = path("tiny.csv")
        try csv.write(toFile: p, atomically: true, encoding: .utf8)
        return p
    }

    /// Each token's `<animateMotion>` keys: (times as fractions, points).
    static func tokens(_ svg: String) -> [(times: [Double], points: [(Double, Double)])] {
        guard let start = svg.range(of: "<g class=\"replay-tokens\"") else { return [] }
        var out: [(times: [Double], points: [(Double, Double)])] = []
        for circle in svg[start.upperBound...].components(separatedBy: "<circle").dropFirst() {
            guard let motion = circle.components(separatedBy: "<animateMotion").dropFirst().first else { continue }
            func attribute(_ name: String) -> String {
                guard let r = motion.range(of: " \(name)=\"") else { return "" }
                return String(motion[r.upperBound...].prefix { $0 != "\"" })
            }
            let times = attribute("keyTimes").split(separator: ";").compactMap { Double($0) }
            let points = attribute("values").split(separator: ";").map { pair -> (Double, Double) in
                let xy = pair.split(separator: ",").compactMap { Double($0) }
                return (xy[0], xy[1])
            }
            out.append((times, points))
        }
        return out
    }

    /// Where a token's keys put it at fraction `f` of the playback.
    static func position(_ token: (times: [Double], points: [(Double, Double)]), at f: Double) -> (Double, Double) {
        var i = 0
        while i + 1 < token.times.count && token.times[i + 1] <= f { i += 1 }
        guard i + 1 < token.times.count else { return token.points[i] }
        let a = token.points[i], b = token.points[i + 1], span = token.times[i + 1] - token.times[i]
        let k = span > 0 ? (f - token.times[i]) / span : 1
        return (a.0 + (b.0 - a.0) * k, a.1 + (b.1 - a.1) * k)
    }

    /// Touchpoint box centres of `journeymap map LOG -o x.layout.json` (the layout the replay reuses).
    func boxCentres(_ logs: String...) throws -> [String: (Double, Double)] {
        let out = path("map.layout.json")
        let run = try CLI.run(["map"] + logs + ["-o", out])
        #expect(run.status == 0, "\(run.stderr)")
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out))) as! [String: Any]
        var centres: [String: (Double, Double)] = [:]
        for e in json["elements"] as! [[String: Any]] where e["role"] as? String == "touchpoint box" {
            let b = e["bounds"] as! [String: Double]
            centres[e["id"] as! String] = (b["x"]! + b["width"]! / 2, b["y"]! + b["height"]! / 2)
        }
        return centres
    }

    static func near(_ a: (Double, Double), _ b: (Double, Double)?, within: Double = 0.05) -> Bool {
        guard let b else { return false }
        return abs(a.0 - b.0) <= within && abs(a.1 - b.1) <= within
    }

    @Test func tokensAreWhereTheJourneysPutThemOnTheMapsLayout() throws {
        let log = try tinyLog()
        let centres = try boxCentres(log)
        let svgPath = path("r.svg")
        let run = try CLI.run(["replay", log, "-o", svgPath, "--duration", "10s"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.contains("1 dot = 1 journey · 2 journeys"))
        let svg = try String(contentsOfFile: svgPath, encoding: .utf8)
        #expect(!svg.contains("<script"))
        let tokens = Self.tokens(svg)
        try #require(tokens.count == 2)
        let view = centres["product_view"], cart = centres["add_to_cart"]
        // u1 (first to start): in product_view from 0 s, still there at 5 s (it leaves 2 s before
        // arriving), in add_to_cart at 10 s. u2: appears at 5 s, arrives at 8 s, stays 0.6 s.
        #expect(Self.near(Self.position(tokens[0], at: 0), view))
        #expect(Self.near(Self.position(tokens[0], at: 0.5), view))
        #expect(Self.near(Self.position(tokens[0], at: 1), cart))
        #expect(Self.near(Self.position(tokens[1], at: 0.5), view))
        #expect(Self.near(Self.position(tokens[1], at: 0.83), cart))
        #expect(svg.contains("keyTimes=\"0;0.5;0.86\" values=\"hidden;visible;hidden\""))   // u2 shown 5 s to 8.6 s

        // The same SVG in Chromium, stopped at 5 s and 8.3 s.
        guard BrowserCheck.available("tokensAreWhereTheJourneysPutThemOnTheMapsLayout (Chromium)") else { return }
        let report = try BrowserCheck.runScript("check_replay_svg.py", [
            "svg": svgPath, "times": [5.0, 8.3], "screenshots": [path("at5.png"), path("at8.png")]])
        #expect(report.failures.isEmpty, "\(report.failures)")
        guard case .array(let times)? = report.measured["tokens"], times.count == 2 else {
            Issue.record("no token positions from Chromium: \(report.measured)"); return
        }
        func point(_ v: JSONValue) -> (Double, Double)? {
            guard case .array(let xy) = v, xy.count == 2, case .number(let x) = xy[0], case .number(let y) = xy[1] else { return nil }
            return (x, y)
        }
        guard case .array(let at5) = times[0], case .array(let at8) = times[1], at5.count == 2, at8.count == 2 else {
            Issue.record("unexpected token list: \(times)"); return
        }
        #expect(Self.near(view!, point(at5[0]), within: 0.5) && Self.near(view!, point(at5[1]), within: 0.5), "\(at5)")
        #expect(Self.near(cart!, point(at8[1]), within: 0.5), "\(at8)")
        // u1 is between the boxes at 8.3 s: on its way, neither in one nor in the other.
        let u1 = point(at8[0])
        #expect(u1 != nil && !Self.near(view!, u1, within: 5) && !Self.near(cart!, u1, within: 5), "\(at8)")
        if case .number(let changed)? = report.measured["changedPixels"] { #expect(changed > 50) } else {
            Issue.record("no screenshot comparison: \(report.measured)")
        }
    }

    @Test func theDemoReplaysTheSameBytesTwiceAndItsFirstFrameIsTheMap() throws {
        let a = path("a.svg"), b = path("b.svg")
        for p in [a, b] {
            let run = try CLI.run(["replay", Self.sample, "-o", p])
            #expect(run.status == 0, "\(run.stderr)")
        }
        let bytes = try Data(contentsOf: URL(fileURLWithPath: a))
        #expect(bytes == (try Data(contentsOf: URL(fileURLWithPath: b))))
        let svg = String(decoding: bytes, as: UTF8.self)
        #expect(Self.tokens(svg).count == 518)      // every journey of the demo log, one dot each
        #expect(svg.contains("id=\"touchpoint-add_to_cart\""))      // the map's own groups
        #expect(svg.contains("1 dot = 1 journey · 518 journeys"))
    }

    @Test func apngAndGifHaveTheFramesAskedFor() throws {
        let apng = path("r.apng"), gif = path("r.gif"), still = path("r.png")
        let run = try CLI.run(["replay", Self.sample, "-o", apng, "-o", gif, "-o", still, "--duration", "3s", "--fps", "5",
                               "--width", "400", "--at", "2s", "--max-tokens", "100"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.contains("1 dot = 6 journeys") && run.stderr.contains("15 frames at 5 fps"), "\(run.stderr)")
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: apng)))
        // acTL: its frame count, read from the file (signature 8, IHDR 25, then acTL's length and type).
        #expect(Array(bytes[37..<41]) == Array("acTL".utf8))
        let frames = Int(bytes[41]) << 24 | Int(bytes[42]) << 16 | Int(bytes[43]) << 8 | Int(bytes[44])
        #expect(frames == 15)
        #expect(bytes.count(of: Array("fcTL".utf8)) == 15)
        let gifBytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: gif)))
        #expect(Array(gifBytes.prefix(6)) == Array("GIF89a".utf8))
        guard BrowserCheck.pillowAvailable("apngAndGifHaveTheFramesAskedFor (Pillow)") else { return }
        let check = try CLI.run(["-c", """
            import sys
            from PIL import Image
            for p in sys.argv[1:]:
                im = Image.open(p); n = getattr(im, 'n_frames', 1); im.seek(n - 1); im.load()
                print(p.rsplit('.', 1)[1], n, im.size[0])
            """, apng, gif, still], executable: BrowserCheck.python)
        #expect(check.status == 0, "\(check.stderr)")
        #expect(check.stdout == "apng 15 400\ngif 15 400\npng 1 400\n", "\(check.stdout)")
    }

    @Test func outputsAreWrittenAsEveryCommandWritesThem() throws {
        // A device made here is written, never replaced; an unknown extension is refused before any work.
        let node = path("null.gif")
        guard mknod(node, S_IFCHR | 0o666, dev_t((1 << 8) | 3)) == 0 else {
            print("skipping the device case: mknod failed (\(String(cString: strerror(errno))))"); return
        }
        let run = try CLI.run(["replay", Self.sample, "-o", node, "--duration", "1s", "--fps", "2", "--width", "200"])
        #expect(run.status == 0, "\(run.stderr)")
        let noExtension = try CLI.run(["replay", Self.sample, "-o", path("replay"), "--duration", "1s"])
        #expect(noExtension.status == 64 && noExtension.stderr.contains("unknown replay format"), "\(noExtension.stderr)")
        var st = stat()
        #expect(stat(node, &st) == 0 && st.st_mode & S_IFMT == S_IFCHR)
        let dash = try CLI.run(["replay", Self.sample, "-o", "-", "--format", "svg", "--duration", "2s"])
        #expect(dash.status == 0 && dash.stdout.hasPrefix("<?xml") && dash.stdout.contains("<animateMotion"), "\(dash.stderr)")
        let noFormat = try CLI.run(["replay", Self.sample, "-o", "-"])
        #expect(noFormat.status == 64 && noFormat.stderr.contains("--format svg, apng, gif or png"), "\(noFormat.stderr)")
        let mp4 = try CLI.run(["replay", Self.sample, "-o", path("r.mp4")])
        #expect(mp4.status == 64 && !FileManager.default.fileExists(atPath: path("r.mp4")))
        let journey = try CLI.run(["replay", Self.sample, "-o", path("x.svg"), "--duration", "0s"])
        #expect(journey.status == 64 && journey.stderr.contains("--duration 0s"), "\(journey.stderr)")
    }

    /// `--color-by stage` takes the theme's stage colours, as the map's columns do (it took
    /// Tableau 10 by journeys before): the colour-blind theme's palette, stage by stage.
    @Test func stageColoursAreTheThemes() throws {
        let out = path("stage.svg")
        let run = try CLI.run(["replay", Self.sample, "--color-by", "stage", "--theme", "colorblind", "-o", out])
        #expect(run.status == 0, "\(run.stderr)")
        let svg = try String(contentsOfFile: out, encoding: .utf8)
        let tokens = String(svg[svg.range(of: "<g class=\"replay-tokens\"")!.lowerBound...])
        let regex = try NSRegularExpression(pattern: #"<circle r="[\d.]+" fill="(#[0-9a-f]{6})""#)
        var counts: [String: Int] = [:]
        for m in regex.matches(in: tokens, range: NSRange(tokens.startIndex..., in: tokens)) {
            counts[String(tokens[Range(m.range(at: 1), in: tokens)!]), default: 0] += 1
        }
        // The colour-blind theme's stagePalette: awareness, consideration, decision, usage, retention, advocacy.
        let palette = ["#0072b2", "#e69f00", "#009e73", "#cc79a7", "#56b4e9", "#d55e00"]
        #expect(counts.values.reduce(0, +) == 518)
        #expect(Set(counts.keys).isSubset(of: palette), "\(counts)")
        #expect(counts.max { $0.value < $1.value }?.key == "#0072b2", "most journeys start in Awareness: \(counts)")
        #expect(counts["#56b4e9"] != nil && counts["#d55e00"] != nil, "retention and advocacy in their own colours: \(counts)")
        #expect(svg.contains(">Awareness<") || svg.contains("Awareness</tspan>"))
    }

    /// `replay BEFORE --versus AFTER`: one map of both logs, each side's dots in its colour
    /// (as many as its journeys), each side timed from its own first event: a journey a year
    /// and a half later starts with the first, at 0 s, and both arrive at the end.
    @Test func versusPlaysBothSidesFromTheirOwnStarts() throws {
        let before = path("before.csv"), after = path("after.csv"), out = path("vs.svg")
        try """
        user_id,timestamp,event,channel
        u1,2024-01-01T00:00:00Z,product_view,web
        u1,2024-01-01T00:00:10Z,add_to_cart,web
        u2,2024-01-01T00:00:02Z,product_view,web
        u2,2024-01-01T00:00:06Z,add_to_cart,web

        """.write(toFile: before, atomically: true, encoding: .utf8)
        try """
        user_id,timestamp,event,channel
        u9,2025-06-01T00:00:00Z,product_view,email
        u9,2025-06-01T00:00:10Z,add_to_cart,email

        """.write(toFile: after, atomically: true, encoding: .utf8)
        let run = try CLI.run(["replay", before, "--versus", after, "--duration", "10s", "-o", out])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.contains("each side timed from its own first event"), "\(run.stderr)")
        let svg = try String(contentsOfFile: out, encoding: .utf8)
        let tokensPart = String(svg[svg.range(of: "<g class=\"replay-tokens\"")!.lowerBound...])
        let fills = try NSRegularExpression(pattern: #"<circle r="[\d.]+" fill="(#[0-9a-f]{6})""#)
            .matches(in: tokensPart, range: NSRange(tokensPart.startIndex..., in: tokensPart))
            .map { String(tokensPart[Range($0.range(at: 1), in: tokensPart)!]) }
        #expect(fills.sorted() == ["#4e79a7", "#4e79a7", "#f28e2b"], "before: 2 blue, after: 1 orange: \(fills)")
        let tokens = Self.tokens(svg)
        #expect(tokens.count == 3)
        let centres = try boxCentres(before, after)      // the map of both logs together
        // u1 and u9 both wait in product_view from 0 s, leave at 8 s (2 s before arriving) and
        // arrive in add_to_cart at 10 s: the same keys; u2 appears at 2 s.
        let firstOfEach = tokens.filter { $0.times.count > 1 && $0.times[1] == 0.8 }
        #expect(firstOfEach.count == 2, "\(tokens.map(\.times))")
        #expect(firstOfEach.count == 2 && firstOfEach[0].times == firstOfEach[1].times
                && zip(firstOfEach[0].points, firstOfEach[1].points).allSatisfy { Self.near($0, $1) })
        #expect(tokens.contains { $0.times.count > 1 && $0.times[1] == 0.2 }, "u2 at 2 s")
        for t in firstOfEach {
            #expect(Self.near(t.points.first!, centres["product_view"], within: 0.5))
            #expect(Self.near(t.points.last!, centres["add_to_cart"], within: 0.5))
        }
        #expect(svg.contains("before.csv") && svg.contains("after.csv") && svg.contains("+00:00:00"))
        let clash = try CLI.run(["replay", before, "--versus", after, "--color-by", "stage", "-o", path("x.svg")])
        #expect(clash.status == 64 && clash.stderr.contains("--versus"), "\(clash.stderr)")
    }

    @Test func thaiLabelsAndAColumnColourTheReplay() throws {
        let thai = CLI.root.appendingPathComponent("samples/thai-shop.csv").path
        let out = path("th.svg"), frame = path("th.png")
        let run = try CLI.run(["replay", thai, "--template", "thai-retail", "--lang", "th", "-o", out, "-o", frame, "--at", "15s"])
        #expect(run.status == 0, "\(run.stderr)")
        let svg = try String(contentsOfFile: out, encoding: .utf8)
        #expect(svg.contains("1 จุด = 1 เส้นทาง") && svg.contains("xml:lang=\"th\""))
        let byColumn = try CLI.run(["replay", Self.sample, "--color-by", "user_id", "-o", path("c.svg"), "--max-tokens", "20"])
        #expect(byColumn.status == 0 && byColumn.stderr.contains("colour: user_id of the first event"), "\(byColumn.stderr)")
        let missing = try CLI.run(["replay", Self.sample, "--color-by", "device", "-o", path("d.svg")])
        #expect(missing.status == 65 && missing.stderr.contains("column \"device\""), "\(missing.stderr)")
    }
}

extension Array where Element == UInt8 {
    /// How often `needle` occurs.
    func count(of needle: [UInt8]) -> Int {
        guard needle.count <= count else { return 0 }
        var n = 0
        for i in 0...(count - needle.count) where self[i] == needle[0] && Array(self[i..<(i + needle.count)]) == needle { n += 1 }
        return n
    }
}
