import Foundation
import Testing

/// `compare --diff-sankey OUT --min-people k` through the real binary, by step and by stage, at
/// k = 5 and 20, with and without `--session-gap 1h`: on the sample pair and on receipt.csv split by `--before/--after` windows. The
/// checker (Tests/Scripts/diff_sankey_min_people_check.py) counts both sides from the logs itself
/// and finds every drawn node, ribbon and column header equal to its counts and resting on k
/// people or more on each side, nothing withheld given back by subtraction (a node minus its
/// drawn links, a header minus its drawn nodes, all paths minus a column), and no text export
/// (.mmd, .sankeymatic.txt, .dot, .html) holding more than the SVG draws. The same checker fails
/// the diff Sankey drawn without `--min-people`, and its subtraction checks fail that picture with
/// only the numbers under k people taken out (it is not blind). Legend and footnote say it.
@Suite(.serialized) struct CompareDiffSankeyMinPeopleCLITests {
    static let pair = ["samples/compare-before.csv", "samples/compare-after.csv"]
    static let pairColumns = ["--columns", "user_id,event,timestamp"]
    static let windows = ["2010-10-01..2011-05-09", "2011-05-10..2012-01-31"]
    static let formats = ["svg", "layout.json", "html", "mmd", "dot", "sankeymatic.txt", "png", "pdf"]
    static let cases: [(String, Int, String, Bool)] = ["pair", "receipt.csv"].flatMap { input in
        [5, 20].flatMap { k in ["stage", "step"].flatMap { by in [false, true].map { (input, k, by, $0) } } }
    }

    static func python(_ arguments: [String]) throws -> CLI.Run { try CLI.checker("diff_sankey_min_people_check.py", arguments) }

    @Test(arguments: cases)
    func publishedByBothSides(_ input: String, _ k: Int, _ by: String, _ sessions: Bool) throws {
        let dir = try MinPeopleCLITests().scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        func file(_ name: String) -> String { dir.appendingPathComponent(name).path }
        // With --session-gap a person has several journeys: people are counted, not journeys.
        let gap = sessions ? ["--session-gap", "1h"] : []
        let logs: [String], split: [String], checkerInputs: [String]
        var stageMaps: [String] = []
        if input == "pair" {
            logs = Self.pair
            split = []
            checkerInputs = Self.pair + ["\(k)"]
            for (side, log) in zip(["before", "after"], logs) {
                let r = try CLI.run(["mine", log, "--people", "--quiet", "-o", file("\(side).json")] + gap)
                #expect(r.status == 0, "\(r.stderr)")
                stageMaps.append(file("\(side).json"))
            }
        } else {
            let path = AttributionReferenceTests.shared.appendingPathComponent(input).path
            guard FileManager.default.fileExists(atPath: path) else {
                print("CompareDiffSankeyMinPeopleCLITests: skipped \(input): not found (../shared/data is next to the worktree on the build machine)")
                return
            }
            logs = [path]
            split = ["--before", Self.windows[0], "--after", Self.windows[1]]
            checkerInputs = [path, path, "\(k)"]
            let r = try CLI.run(["mine", path, "--people", "--quiet", "-o", file("all.json")] + gap)
            #expect(r.status == 0, "\(r.stderr)")
            stageMaps.append(file("all.json"))
        }
        let common = ["compare"] + logs + split + ["--diff-sankey-by", by, "--quiet"] + gap
        let full = try CLI.run(common + ["--diff-sankey", file("full.svg"), "--diff-sankey", file("full.layout.json")])
        #expect(full.status == 0, "\(full.stderr)")
        let outputs = Self.formats.map { file("pub.\($0)") }
        let published = try CLI.run(common + ["--min-people", "\(k)", "-o", file("c.json")] + outputs.flatMap { ["--diff-sankey", $0] })
        #expect(published.status == 0, "\(published.stderr)")
        guard published.status == 0 else { return }

        let options = ["--by", by] + (input == "pair" ? Self.pairColumns : ["--windows"] + Self.windows)
            + (by == "stage" ? ["--stage-map"] + stageMaps : []) + (sessions ? ["--session-gap", "3600"] : [])
        let exports = ["--exports", file("pub.mmd"), file("pub.sankeymatic.txt"), file("pub.dot"), file("pub.html")]
        let check = try Self.python(checkerInputs + [file("full.layout.json"), file("pub.svg"), file("pub.layout.json")] + exports + options)
        #expect(check.status == 0 && check.stdout == "ok\n", "\(input) k=\(k) by \(by) sessions=\(sessions): \(check.stdout)\(check.stderr)")

        // Not blind: the picture drawn without --min-people fails the same check.
        let blind = try Self.python(checkerInputs + [file("full.layout.json"), file("full.svg"), file("full.layout.json")] + options)
        #expect(blind.status == 0 && blind.stdout != "ok\n" && blind.stdout.contains("people < \(k)"),
                "\(input) k=\(k) by \(by) sessions=\(sessions): the diff Sankey without --min-people passed: \(blind.stdout)\(blind.stderr)")

        // Nor are its subtraction checks: that picture with only its nodes and ribbons under k
        // people taken out (no subtraction rule) fails them.
        let naive = try Self.python(checkerInputs + [file("full.layout.json"), file("full.svg"), file("full.layout.json"), "--naive"] + options)
        #expect(naive.stdout.contains("subtraction gives back"), "\(input) k=\(k) by \(by) sessions=\(sessions): naive suppression passed: \(naive.stdout)\(naive.stderr)")

        // Legend and footnote say it, in every picture and text export.
        let svg = try String(contentsOfFile: file("pub.svg"), encoding: .utf8)
        #expect(svg.contains("numbers from fewer than \(k) people hidden") && svg.contains("Numbers from fewer than \(k) people hidden"))
        for name in ["pub.mmd", "pub.sankeymatic.txt", "pub.dot", "pub.html", "pub.layout.json"] {
            let text = try String(contentsOfFile: file(name), encoding: .utf8)
            #expect(text.contains("Numbers from fewer than \(k) people hidden"), "\(name) says it")
        }
        let pdf = try CLI.run([file("pub.pdf"), "-"], executable: "/usr/bin/pdftotext")
        if pdf.status == 0 {
            #expect(pdf.stdout.replacingOccurrences(of: "\n", with: " ").contains("people hidden"), "the PDF says it")
        }
        let png = try Data(contentsOf: URL(fileURLWithPath: file("pub.png")))
        #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]))
        let fullSVG = try String(contentsOfFile: file("full.svg"), encoding: .utf8)
        #expect(!fullSVG.contains("people hidden"))
    }

    /// With `--lang th` the legend and footnote say it in Thai.
    @Test func thaiPictureSaysItInThai() throws {
        let dir = try MinPeopleCLITests().scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let svg = dir.appendingPathComponent("th.svg").path
        let r = try CLI.run(["compare"] + Self.pair + ["--lang", "th", "--min-people", "10", "--quiet", "--diff-sankey", svg])
        #expect(r.status == 0, "\(r.stderr)")
        let text = try String(contentsOfFile: svg, encoding: .utf8)
        #expect(text.components(separatedBy: "ซ่อนตัวเลขที่มาจากคนน้อยกว่า 10 คน").count >= 3, "legend and footnote")
    }

    /// A side with fewer than k people: an error naming --min-people, nothing written.
    @Test func tooFewPeopleIsAnError() throws {
        let dir = try MinPeopleCLITests().scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let svg = dir.appendingPathComponent("d.svg").path
        let r = try CLI.run(["compare"] + Self.pair + ["--min-people", "100000", "--quiet", "--diff-sankey", svg])
        #expect(r.status != 0 && r.stderr.contains("--min-people"), "\(r.stderr)")
        #expect(!FileManager.default.fileExists(atPath: svg))
    }
}
