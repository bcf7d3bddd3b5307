import Foundation
import JourneyTestSupport
import Testing

/// `map --lanes ATTR` through the binary: lanes in the layout export, every box inside its
/// lane band and its stage column, the split rule at its threshold, the layout rules of the
/// plain map (no overlaps, dashes, contrast), in every theme, on a page and in Thai.
@Suite(.serialized) struct SwimlaneCLITests {
    static let ecom = "Tests/Fixtures/retentioneering-ecom/ecom-excerpt-full.csv"

    private func scratch(_ name: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("lanes-\(UUID().uuidString)-\(name)").path
    }

    private func layout(_ arguments: [String], output: String) throws -> LayoutFile {
        let r = try CLI.run(arguments + ["--quiet"])
        #expect(r.status == 0, "\(arguments): \(r.stderr)")
        return try LayoutFile.read(output)
    }

    /// Every box has a lane and stands inside that lane's band and its stage's column; lanes
    /// are labelled; the plain map's rules hold.
    private func checkLanes(_ file: LayoutFile, _ context: String) {
        let lanes = file.all("swimlane")
        #expect(lanes.count >= 2, "\(context): \(lanes.count) lanes")
        let band = Dictionary(lanes.map { ($0.id, $0.bounds) }, uniquingKeysWith: { a, _ in a })
        let column = Dictionary(file.all("stage column").map { ($0.id, $0.bounds) }, uniquingKeysWith: { a, _ in a })
        for box in file.all("touchpoint box") {
            guard let lane = box.lane, let b = band[lane] else {
                Issue.record("\(context): box \(box.id) has no lane band (lane \(box.lane ?? "nil"))"); continue
            }
            #expect(box.bounds.y >= b.y - 0.5 && box.bounds.maxY <= b.maxY + 0.5, "\(context): box \(box.id) outside lane \(lane)")
            if let stage = box.stage, let c = column[stage] {
                #expect(box.bounds.x >= c.x - 0.5 && box.bounds.maxX <= c.maxX + 0.5, "\(context): box \(box.id) outside column \(stage)")
            }
        }
        // Bands do not overlap one another; each has its label.
        for (i, a) in lanes.enumerated() {
            for b in lanes[(i + 1)...] { #expect(!a.bounds.overlaps(b.bounds), "\(context): lanes \(a.id) and \(b.id) overlap") }
        }
        let labels = Set(file.all("swimlane label").map(\.id))
        for lane in lanes { #expect(labels.contains(lane.id), "\(context): lane \(lane.id) has no label") }
        #expect(file.problems(checkDashes: true) == [], "\(context)")
        for (id, c) in file.edgeContrasts() { #expect(c >= 3, "\(context): edge \(id) has contrast \(c)") }
    }

    @Test(arguments: [[], ["--lang", "th"], ["--theme", "print", "--page", "A3"], ["--theme", "dark"], ["--theme", "colorblind"],
                      ["--page", "A1-portrait"]])
    func demoLanesKeepTheRules(_ flags: [String]) throws {
        let out = scratch("map.layout.json")
        defer { try? FileManager.default.removeItem(atPath: out) }
        let file = try layout(["map", "samples/shop-journeys.csv", "--lanes", "channel", "-o", out] + flags, output: out)
        checkLanes(file, "demo \(flags)")
        // The demo's channels: every lane value is a channel of the log.
        let channels: Set<String> = ["web", "app", "social", "support", "phone", "email", "search", "store", "display"]
        for lane in file.all("swimlane") { #expect(channels.contains(lane.id), "lane \(lane.id)") }
    }

    @Test func thaiLogLanes() throws {
        let out = scratch("th.layout.json")
        defer { try? FileManager.default.removeItem(atPath: out) }
        let file = try layout(["map", "samples/thai-shop.csv", "--template", "thai-retail", "--lang", "th", "--lanes", "channel",
                               "-o", out], output: out)
        checkLanes(file, "thai")
        #expect(file.all("swimlane label").contains { $0.text == ["ช่องทาง"] }, "the heading is Thai")
    }

    @Test func attributeLanesOnARealClickstream() throws {
        let out = scratch("ecom.layout.json")
        defer { try? FileManager.default.removeItem(atPath: out) }
        let file = try layout(["map", Self.ecom, "--lanes", "platform", "-o", out], output: out)
        checkLanes(file, "ecom platform")
        let lanes = Set(file.all("swimlane").map(\.id))
        #expect(lanes.isSubset(of: ["desktop", "mobile", "tablet"]), "\(lanes)")
    }

    /// Lanes by the column the channel was read from (the excerpt's `platform`): every box in
    /// lane L carries L's stripe (split tablet boxes carried desktop's, the touchpoint's
    /// commonest), one colour per lane, and the legend lists every channel drawn.
    @Test func channelLanesColourEachBoxByItsLane() throws {
        let svg = scratch("ecom.svg"), out = scratch("ecom.layout.json")
        defer { for p in [svg, out] { try? FileManager.default.removeItem(atPath: p) } }
        let file = try layout(["map", Self.ecom, "--lanes", "platform", "-o", svg, "-o", out], output: out)
        let text = try String(contentsOfFile: svg, encoding: .utf8)
        // The box group: its lane, then the box rect and the stripe rect (the second fill).
        let regex = try NSRegularExpression(pattern: #"data-lane="([^"]*)"><title>[^<]*</title>\s*<rect [^>]*/>\s*<rect [^>]* fill="(#[0-9a-f]{6})"/>"#)
        var stripes: [String: Set<String>] = [:]
        for m in regex.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
            stripes[String(text[Range(m.range(at: 1), in: text)!]), default: []].insert(String(text[Range(m.range(at: 2), in: text)!]))
        }
        #expect(stripes.values.reduce(0) { $0 + $1.count } >= 3 && stripes.count == Set(file.all("touchpoint box").compactMap(\.lane)).count, "\(stripes)")
        for (lane, colours) in stripes { #expect(colours.count == 1, "lane \(lane): stripes \(colours)") }
        #expect(Set(stripes.values.compactMap(\.first)).count == stripes.count, "one colour per lane: \(stripes)")
        #expect(stripes["tablet"] != nil)
        let legend = file.all("legend").flatMap { $0.text ?? [] }
        for lane in stripes.keys { #expect(legend.contains(lane), "legend lacks \(lane): \(legend)") }
    }

    /// The generated six-channel log (`scripts/make-lanes-sample.py`, seeded): six lanes, split
    /// touchpoints, the rules kept.
    @Test func generatedSixChannelLog() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("lanes-six-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let python = ["/usr/bin/python3", "/usr/local/bin/python3"].first { FileManager.default.isExecutableFile(atPath: $0) }
        guard let python else {
            if ProcessInfo.processInfo.environment["JM_CI"] == "1" { Issue.record("python3 not found") }
            print("SwimlaneCLITests: skipped the six-channel log: python3 not found")
            return
        }
        let gen = try ProcessRunner.run(python, ["scripts/make-lanes-sample.py", "600"])
        #expect(gen.status == 0, "\(gen.stderr)")
        let log = dir.appendingPathComponent("six.csv").path
        try gen.stdout.write(toFile: log, atomically: true, encoding: .utf8)
        let out = dir.appendingPathComponent("six.layout.json").path
        let file = try layout(["map", log, "--lanes", "channel", "-o", out], output: out)
        checkLanes(file, "six channels")
        #expect(file.all("swimlane").count == 6)
        #expect(file.all("touchpoint box").contains { $0.id.contains(" · ") }, "some touchpoints are split")
    }

    @Test func personaLanesGoBelowSwimlanes() throws {
        let out = scratch("persona.layout.json")
        defer { try? FileManager.default.removeItem(atPath: out) }
        let file = try layout(["map", "samples/shop-journeys.csv", "--lanes", "channel", "--persona", "templates/personas/maya-online-shopper.yaml",
                               "-o", out], output: out)
        checkLanes(file, "persona")
        let lowest = file.all("swimlane").map(\.bounds.maxY).max() ?? 0
        for lane in file.all("lane") { #expect(lane.bounds.y >= lowest - 0.5, "persona lane \(lane.id) over the swimlanes") }
    }

    /// A touchpoint is split when no channel has 80 % of its events: `view` 79 % web / 21 % app
    /// is split, `cart` 80 % web / 20 % app is not; at `--lanes-split 0.75` neither is.
    @Test func splitRuleAtTheThreshold() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("lanes-split-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        var rows = ["case,timestamp,activity,channel"]
        for k in 0..<100 {
            let t = 1_700_000_000 + k * 1000
            rows.append("c\(k),\(t),view,\(k < 79 ? "web" : "app")")
            rows.append("c\(k),\(t + 10),cart,\(k < 80 ? "web" : "app")")
            rows.append("c\(k),\(t + 20),purchase,web")
        }
        let log = dir.appendingPathComponent("log.csv").path
        try (rows.joined(separator: "\n") + "\n").write(toFile: log, atomically: true, encoding: .utf8)
        let out = dir.appendingPathComponent("m.layout.json").path
        let file = try layout(["map", log, "--lanes", "channel", "-o", out], output: out)
        let boxes = Dictionary(file.all("touchpoint box").map { ($0.id, $0.lane ?? "") }, uniquingKeysWith: { a, _ in a })
        #expect(boxes["view · web"] == "web" && boxes["view · app"] == "app" && boxes["view"] == nil, "\(boxes)")
        #expect(boxes["cart"] == "web" && boxes["cart · app"] == nil, "\(boxes)")
        // The split boxes' numbers: 79 and 21 events, and the moves between lanes are counted.
        let texts = Dictionary(file.all("touchpoint box").map { ($0.id, $0.text ?? []) }, uniquingKeysWith: { a, _ in a })
        #expect(texts["view · web"]?.contains { $0.hasPrefix("79 events") } == true, "\(texts["view · web"] ?? [])")
        #expect(texts["view · app"]?.contains { $0.hasPrefix("21 events") } == true, "\(texts["view · app"] ?? [])")
        let edges = Set(file.all("edge path").map(\.id))
        #expect(edges.contains("view · app→cart") && edges.contains("view · web→cart"), "\(edges)")
        checkLanes(file, "split")

        let loose = dir.appendingPathComponent("loose.layout.json").path
        let file2 = try layout(["map", log, "--lanes", "channel", "--lanes-split", "0.75", "-o", loose], output: loose)
        #expect(Set(file2.all("touchpoint box").map(\.id)) == ["view", "cart", "purchase"])
    }

    /// `mine --lanes ATTR` adds a `lanes` object and nothing else; `map` of that file with
    /// `--lanes ATTR` lays out the same picture as `map` of the log, split boxes included.
    @Test func minedLanesDrawAsTheLog() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("lanes-mine-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let plain = dir.appendingPathComponent("plain.json").path, laned = dir.appendingPathComponent("lanes.json").path
        #expect(try CLI.run(["mine", Self.ecom, "-o", plain]).status == 0)
        #expect(try CLI.run(["mine", Self.ecom, "--lanes", "platform", "-o", laned]).status == 0)
        var withLanes = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: laned))) as? [String: Any] ?? [:]
        let section = withLanes.removeValue(forKey: "lanes") as? [String: Any]
        #expect(section?["attribute"] as? String == "platform" && (section?["touchpoints"] as? [Any])?.isEmpty == false)
        let without = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: plain))) as? [String: Any] ?? [:]
        #expect(NSDictionary(dictionary: withLanes).isEqual(to: without), "mine --lanes changes only the lanes object")
        let fromFile = dir.appendingPathComponent("f.layout.json").path, fromLog = dir.appendingPathComponent("l.layout.json").path
        #expect(try CLI.run(["map", laned, "--lanes", "platform", "-o", fromFile, "--quiet"]).status == 0)
        #expect(try CLI.run(["map", Self.ecom, "--lanes", "platform", "-o", fromLog, "--quiet"]).status == 0)
        #expect(try Data(contentsOf: URL(fileURLWithPath: fromFile)) == Data(contentsOf: URL(fileURLWithPath: fromLog)))
        let other = try CLI.run(["map", laned, "--lanes", "platform", "--lanes-split", "0.7", "-o", fromFile])
        #expect(other.status == 65 && other.stderr.contains("split at 0.8"), "\(other.stderr)")
    }

    /// `compare --lanes channel`: the diff map and the before | after maps in channel lanes
    /// (touchpoints unsplit), keeping the rules.
    @Test func comparePicturesInLanes() throws {
        let out = scratch("diff.layout.json")
        defer { try? FileManager.default.removeItem(atPath: out) }
        let file = try layout(["compare", "samples/compare-before.csv", "samples/compare-after.csv", "--lanes", "channel", "-o", out],
                              output: out)
        checkLanes(file, "compare diff")
        let bad = try CLI.run(["compare", "samples/compare-before.csv", "samples/compare-after.csv", "--lanes", "device", "-o", out])
        #expect(bad.status == 64, "\(bad.stderr)")
    }

    /// `compare --lanes channel` splits boxes as `map --lanes channel` does (they were drawn
    /// unsplit): two windows of the generated six-channel log give the map's split boxes.
    @Test func compareSplitsBoxesAsMapDoes() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("lanes-compare-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        guard let python = ["/usr/bin/python3", "/usr/local/bin/python3"].first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            if ProcessInfo.processInfo.environment["JM_CI"] == "1" { Issue.record("python3 not found") }
            print("SwimlaneCLITests: skipped compare splits: python3 not found")
            return
        }
        let gen = try ProcessRunner.run(python, ["scripts/make-lanes-sample.py", "600"])
        #expect(gen.status == 0, "\(gen.stderr)")
        let log = dir.appendingPathComponent("six.csv").path
        try gen.stdout.write(toFile: log, atomically: true, encoding: .utf8)
        let mapOut = dir.appendingPathComponent("map.layout.json").path, diffOut = dir.appendingPathComponent("diff.layout.json").path
        let map = try layout(["map", log, "--lanes", "channel", "-o", mapOut], output: mapOut)
        let diff = try layout(["compare", log, "--before", "2024-01-01..2024-02-14", "--after", "2024-02-15..2024-03-31",
                               "--lanes", "channel", "-o", diffOut], output: diffOut)
        checkLanes(diff, "compare windows")
        let mapBoxes = Set(map.all("touchpoint box").map(\.id)), diffBoxes = Set(diff.all("touchpoint box").map(\.id))
        #expect(mapBoxes.contains { $0.contains(" · ") })
        #expect(diffBoxes == mapBoxes, "only in map: \(mapBoxes.subtracting(diffBoxes)); only in compare: \(diffBoxes.subtracting(mapBoxes))")
        for box in diff.all("touchpoint box") {
            #expect(box.lane == map.all("touchpoint box").first { $0.id == box.id }?.lane, "\(box.id): lane \(box.lane ?? "nil")")
        }
    }

    @Test func journeyFilesAndBadFlags() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("lanes-file-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let journey = dir.appendingPathComponent("j.json").path
        #expect(try CLI.run(["mine", "samples/shop-journeys.csv", "-o", journey]).status == 0)
        let out = dir.appendingPathComponent("j.layout.json").path
        let file = try layout(["map", journey, "--lanes", "channel", "-o", out], output: out)
        checkLanes(file, "journey file")
        let r = try CLI.run(["map", journey, "--lanes", "device", "-o", out])
        #expect(r.status == 65 && r.stderr.contains("give the event log"), "\(r.status) \(r.stderr)")
        let bad = try CLI.run(["map", "samples/shop-journeys.csv", "--lanes", "channel", "--lanes-split", "1.5", "-o", out])
        #expect(bad.status == 64 && bad.stderr.contains("--lanes-split"), "\(bad.stderr)")
        let missing = try CLI.run(["map", "samples/shop-journeys.csv", "--lanes", "device", "-o", out])
        #expect(missing.status != 0 && missing.stderr.contains("device"), "\(missing.stderr)")
    }
}
