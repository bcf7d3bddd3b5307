import Foundation
import Testing
import JourneyTestSupport

/// Layout rules checked on the layout export (`-o NAME.layout.json`) of real logs: no stage
/// column over another, no box, header, label, legend or arrow head over anything it does not
/// belong to, dashes only on moves that go back in the drawn order, edge strokes at 3:1, and
/// `--max-edges` a true maximum. Maps, Sankeys and comparisons, default template.
@Suite(.serialized) struct LayoutGeometryTests {
    /// Output paths in a folder of this test's, removed with it.
    let folders = ScratchFolders("layout")
    func scratch(_ name: String) throws -> String { try folders.path(name) }

    static let shared = CLI.root.deletingLastPathComponent().appendingPathComponent("shared/data")
    static let ecom = "Tests/Fixtures/retentioneering-ecom/ecom-excerpt-full.csv"

    /// Logs: the demo's, a real clickstream whose events the template places only in part
    /// (an Unassigned column beside Consideration and Decision), and every shared process log.
    static let logs: [String] = ["samples/shop-journeys.csv", "samples/thai-shop.csv", ecom]
        + ["receipt.csv", "helpdesk.xes.gz", "roadtraffic100traces.csv", "running-example.xes", "running-example.csv"]
            .map { shared.appendingPathComponent($0).path }


    private func present(_ log: String) -> Bool {
        let path = log.hasPrefix("/") ? log : CLI.root.appendingPathComponent(log).path
        if FileManager.default.fileExists(atPath: path) { return true }
        print("LayoutGeometryTests: skipped \(log): not found (../shared/data is next to the worktree on the build machine)")
        return false
    }

    private func layout(_ arguments: [String], output: String) throws -> LayoutFile {
        let r = try CLI.run(arguments + ["--quiet"])
        #expect(r.status == 0, "\(arguments): \(r.stderr)")
        return try LayoutFile.read(output)
    }

    @Test(arguments: logs)
    func mapKeepsTheRules(_ log: String) throws {
        guard present(log) else { return }
        for flags in [[], ["--lang", "th"], ["--theme", "print", "--page", "A3"], ["--theme", "dark"]] {
            let out = try scratch("map.layout.json")
            defer { try? FileManager.default.removeItem(atPath: out) }
            let file = try layout(["map", log, "-o", out] + flags, output: out)
            #expect(file.format == "journeymap-layout" && file.version == 1)
            #expect(!file.all("touchpoint box").isEmpty && !file.all("stage column").isEmpty && !file.all("stage header").isEmpty)
            #expect(file.all("arrowhead").count == file.all("edge path").count, "\(log) \(flags)")
            // On a page a one-stage map may be wrapped into rows: "back" is then not "leftwards".
            #expect(file.problems(checkDashes: !flags.contains("--page")) == [], "\(log) \(flags)")
            for (id, c) in file.edgeContrasts() { #expect(c >= 3, "\(log) \(flags): edge \(id) has contrast \(c)") }
        }
    }

    @Test(arguments: logs)
    func sankeyKeepsTheRules(_ log: String) throws {
        guard present(log) else { return }
        let out = try scratch("sankey.layout.json")
        defer { try? FileManager.default.removeItem(atPath: out) }
        let file = try layout(["sankey", log, "-o", out], output: out)
        #expect(!file.all("touchpoint box").isEmpty && !file.all("edge path").isEmpty && !file.all("node label").isEmpty)
        #expect(file.problems() == [], "\(log)")
    }

    @Test(arguments: ["samples/shop-journeys.csv", ecom])
    func stageSankeyKeepsTheRules(_ log: String) throws {
        let out = try scratch("stages.layout.json")
        defer { try? FileManager.default.removeItem(atPath: out) }
        let file = try layout(["sankey", log, "--by", "stage", "-o", out], output: out)
        #expect(file.all("stage header").count >= 2)
        #expect(file.problems() == [], "\(log)")
    }

    @Test(arguments: logs)
    func compareKeepsTheRules(_ log: String) throws {
        guard present(log) else { return }
        let diff = try scratch("diff.layout.json"), both = try scratch("both.layout.json")
        defer { for p in [diff, both] { try? FileManager.default.removeItem(atPath: p) } }
        let r = try CLI.run(["compare", log, log, "-o", diff, "--side-by-side", both, "--quiet"])
        #expect(r.status == 0, "\(log): \(r.stderr)")
        for path in [diff, both] {
            let file = try LayoutFile.read(path)
            #expect(!file.all("touchpoint box").isEmpty)
            #expect(file.problems() == [], "\(log) \(path)")
            for (id, c) in file.edgeContrasts() { #expect(c >= 3, "\(log): edge \(id) has contrast \(c)") }
        }
        let sides = try LayoutFile.read(both)
        #expect(sides.all("divider").count == 1)
        #expect(sides.all("touchpoint box").allSatisfy { $0.id.hasPrefix("before/") || $0.id.hasPrefix("after/") })
    }

    @Test func diffSankeyKeepsTheRules() throws {
        let out = try scratch("diff-sankey.layout.json")
        defer { try? FileManager.default.removeItem(atPath: out) }
        let r = try CLI.run(["compare", "samples/compare-before.csv", "samples/compare-after.csv", "--diff-sankey", out, "--quiet"])
        #expect(r.status == 0, "\(r.stderr)")
        let file = try LayoutFile.read(out)
        #expect(!file.all("edge path").isEmpty && file.problems() == [])
    }

    /// A template that places 5 of the clickstream's 19 events (the default template's rules
    /// before its vocabulary grew), kept with `--stages template`: Unassigned gets a column of
    /// its own, in drawn order, beside Consideration and Decision, and covers neither header.
    @Test func unassignedColumnStandsApart() throws {
        let out = try scratch("ecom.layout.json"), template = try scratch("few.yaml")
        defer { for p in [out, template] { try? FileManager.default.removeItem(atPath: p) } }
        try Data("""
            id: few
            stages:
              - {id: awareness, names: {en: Awareness}}
              - {id: consideration, names: {en: Consideration}}
              - {id: decision, names: {en: Decision}}
              - {id: usage, names: {en: Usage}}
            touchpoints:
              - {match: product_view, stage: consideration}
              - {match: search, stage: consideration}
              - {match: compare, stage: consideration}
              - {match: add_to_cart, stage: decision}
              - {match: purchase, stage: decision}

            """.utf8).write(to: URL(fileURLWithPath: template))
        let file = try layout(["map", Self.ecom, "--template", template, "--stages", "template", "-o", out], output: out)
        let columns = file.all("stage column").sorted { $0.bounds.x < $1.bounds.x }.map(\.id)
        #expect(Set(columns) == ["unassigned", "consideration", "decision"])
        #expect(columns.firstIndex(of: "consideration")! < columns.firstIndex(of: "decision")!)
        #expect(file.problems(checkDashes: true) == [])
        let headers = file.all("stage header")
        #expect(headers.count == 3 && headers.allSatisfy { h in file.all("stage column").allSatisfy { $0.id == h.id || !$0.bounds.overlaps(h.bounds) } })
    }

    /// Type size on an A3 page, measured as the README says (`pdftotext -bbox`): a wide
    /// one-stage process map (`helpdesk.xes.gz`) is wrapped into rows, and a tall map of
    /// several stages (`receipt.csv`: 12 boxes in one inferred stage) gets that column split in
    /// two and low columns lifted for the page (`PageColumns`), so touchpoint names print at
    /// 9 pt or more (6.5 pt before), with no overlap.
    @Test(arguments: ["helpdesk.xes.gz", "receipt.csv"])
    func processMapPrintsNamesAtNinePointsOnA3(_ name: String) throws {
        let log = Self.shared.appendingPathComponent(name).path
        guard present(log), FileManager.default.fileExists(atPath: "/usr/bin/pdftotext") else { return }
        let pdf = try scratch("page.pdf"), json = try scratch("page.layout.json")
        let file = try layout(["map", log, "--theme", "print", "--page", "A3", "-o", pdf, "-o", json], output: json)
        #expect(file.problems() == [])
        let sizes = try Self.nameSizes(pdf: pdf, layout: file)
        #expect(sizes.count == file.all("touchpoint box").count)
        #expect((sizes.min() ?? 0) >= 9, "\(name): touchpoint names at \(sizes.min() ?? 0) pt")
    }

    /// Lane maps on A3 (print theme, `--page A3`: the way up that prints larger, gaps tightened,
    /// tall cells set side by side): the demo by channel (6.6 pt landscape / 7.7 pt portrait
    /// before) and the retentioneering excerpt by platform print names at 9 pt or more.
    @Test(arguments: [["samples/shop-journeys.csv", "channel"], [ecom, "platform"]])
    func laneMapPrintsNamesAtNinePointsOnA3(_ args: [String]) throws {
        guard FileManager.default.fileExists(atPath: "/usr/bin/pdftotext") else { return }
        let pdf = try scratch("lanes.pdf"), json = try scratch("lanes.layout.json")
        defer { for p in [pdf, json] { try? FileManager.default.removeItem(atPath: p) } }
        let file = try layout(["map", args[0], "--lanes", args[1], "--theme", "print", "--page", "A3", "-o", pdf, "-o", json], output: json)
        #expect(file.problems() == [])
        #expect(!file.all("swimlane").isEmpty)
        let sizes = try Self.nameSizes(pdf: pdf, layout: file)
        #expect(sizes.count == file.all("touchpoint box").count)
        #expect((sizes.min() ?? 0) >= 9, "\(args): touchpoint names at \(sizes.min() ?? 0) pt")
    }

    /// Font sizes (pt) of the first word of each touchpoint box's name in the PDF: the word's
    /// box height from `pdftotext -bbox` over DejaVu Sans's line height (1.164 em).
    static func nameSizes(pdf: String, layout: LayoutFile) throws -> [Double] {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/pdftotext")
        p.arguments = ["-bbox", pdf, "-"]
        let pipe = Pipe()
        p.standardOutput = pipe
        try p.run()
        let xml = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        let regex = try NSRegularExpression(pattern: #"<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)</word>"#)
        let words = regex.matches(in: xml, range: NSRange(xml.startIndex..., in: xml)).map { m -> (x: Double, y0: Double, y1: Double, text: String) in
            func g(_ i: Int) -> String { String(xml[Range(m.range(at: i), in: xml)!]) }
            return (Double(g(1))!, Double(g(2))!, Double(g(3))!, g(4))
        }
        return layout.all("touchpoint box").compactMap { box in
            guard let first = box.text?.first?.split(separator: " ").first.map(String.init) else { return nil }
            let b = box.bounds
            return words.first { $0.text == first && $0.x >= b.x - 1 && $0.x <= b.maxX && $0.y0 >= b.y - 1 && $0.y0 <= b.maxY }
                .map { ($0.y1 - $0.y0) / 1.164 }
        }
    }

    @Test(arguments: [5, 12, 30])
    func maxEdgesIsATrueMaximum(_ n: Int) throws {
        let out = try scratch("max.layout.json")
        defer { try? FileManager.default.removeItem(atPath: out) }
        let r = try CLI.run(["map", Self.ecom, "--max-edges", "\(n)", "-o", out])
        #expect(r.status == 0, "\(r.stderr)")
        let file = try LayoutFile.read(out)
        #expect(file.all("edge path").count == n)
        #expect(r.stderr.contains("\(n) transitions drawn"))
    }

    /// A flow of 1 is drawn thin (0.75 pt) even when the strongest flow is small.
    @Test func aFlowOfOneIsThin() throws {
        let out = try scratch("thin.layout.json")
        defer { try? FileManager.default.removeItem(atPath: out) }
        let file = try layout(["map", Self.ecom, "--max-edges", "60", "-o", out], output: out)
        let labels = Dictionary(file.all("edge label").map { ($0.id, $0.text?.first ?? "") }, uniquingKeysWith: { a, _ in a })
        let ones = file.all("edge path").filter { labels[$0.id] == "1" }
        #expect(!ones.isEmpty)
        for e in ones { #expect((e.strokeWidth ?? 99) <= 0.75, "\(e.id): \(e.strokeWidth ?? 0) pt") }
    }

    @Test func layoutExportIsDeterministicAndNeedsItsSuffix() throws {
        let a = try scratch("a.layout.json"), b = try scratch("b.layout.json"), bad = try scratch("x.json")
        defer { for p in [a, b, bad] { try? FileManager.default.removeItem(atPath: p) } }
        _ = try CLI.run(["map", "samples/shop-journeys.csv", "-o", a, "--quiet"])
        _ = try CLI.run(["map", "samples/shop-journeys.csv", "-o", b, "--quiet"])
        #expect(FileManager.default.contents(atPath: a) == FileManager.default.contents(atPath: b))
        let r = try CLI.run(["map", "samples/shop-journeys.csv", "-o", bad])
        #expect(r.status != 0 && r.stderr.contains(".layout.json"))
        #expect(!FileManager.default.fileExists(atPath: bad))
    }
}

/// The checker itself: a picture that breaks the rules is caught.
@Suite struct LayoutRulesCheckerTests {
    @Test func catchesOverlapsPilesAndFaintStrokes() throws {
        let json = """
        {"format":"journeymap-layout","version":1,"units":"pt","width":300,"height":200,"background":"#ffffff","title":"t",
         "elements":[
          {"role":"stage column","id":"decision","bounds":{"x":100,"y":0,"width":80,"height":200}},
          {"role":"stage column","id":"unassigned","bounds":{"x":150,"y":0,"width":120,"height":200}},
          {"role":"touchpoint box","id":"a","stage":"decision","bounds":{"x":110,"y":50,"width":60,"height":30}},
          {"role":"edge path","id":"b→a","from":"b","to":"a","bounds":{"x":20,"y":50,"width":90,"height":30},
           "stroke":"#6e7781","opacity":0.35,"strokeWidth":1},
          {"role":"arrowhead","id":"b→a","to":"a","bounds":{"x":100,"y":60,"width":10,"height":8},"polygon":[[110,64],[100,60],[100,68]]},
          {"role":"arrowhead","id":"c→a","to":"a","bounds":{"x":101,"y":61,"width":9,"height":8},"polygon":[[110,65],[101,61],[101,69]]}
         ]}
        """
        let file = try JSONDecoder().decode(LayoutFile.self, from: Data(json.utf8))
        let problems = file.problems()
        #expect(problems.contains("stage column decision overlaps stage column unassigned"))
        #expect(problems.contains("touchpoint box a overlaps stage column unassigned"))
        #expect(problems.contains("arrowhead b→a overlaps arrowhead c→a"))
        #expect(!problems.contains { $0.contains("overlaps touchpoint box a") })
        #expect(file.edgeContrasts().allSatisfy { $0.contrast < 3 })
    }
}
