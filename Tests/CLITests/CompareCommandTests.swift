import Foundation
import Testing
import JourneyTestSupport

/// `journeymap compare` through the built binary (`swift build` first).
@Suite(.serialized) struct CompareCommandTests {
    static let root = CLI.root
    static let binary = CLI.binary
    static func sample(_ name: String) -> String { root.appendingPathComponent("samples/\(name)").path }

    static func journeymap(_ arguments: [String]) throws -> CLI.Run { try CLI.run(arguments) }

    static func temporaryDirectory(_ name: String) throws -> URL { try TemporaryDirectory.makeFolder("cli-compare-\(name)") }

    @Test
    func writesReportsAndPictures() throws {
        let dir = try Self.temporaryDirectory("all")
        defer { try? FileManager.default.removeItem(at: dir) }
        let paths = ["report.md", "report.json", "diff.svg", "diff.png", "diff.pdf", "sbs.png"].map { dir.appendingPathComponent($0).path }
        let r = try Self.journeymap(["compare", Self.sample("compare-before.csv"), Self.sample("compare-after.csv"),
                                     "-o", paths[0], "-o", paths[1], "-o", paths[2], "-o", paths[3], "-o", paths[4],
                                     "--side-by-side", paths[5]])
        #expect(r.status == 0, "stderr: \(r.stderr)")
        #expect(r.stderr.contains("tested changes significant"))
        for p in paths { #expect((try? FileManager.default.attributesOfItem(atPath: p)[.size] as? Int) ?? 0 > 100, "\(p) missing") }
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: paths[1]))) as? [String: Any]
        let touchpoints = json?["touchpoints"] as? [[String: Any]] ?? []
        #expect(touchpoints.contains { $0["name"] as? String == "landing_page" && $0["significant"] as? Bool == true })
        #expect(try String(contentsOfFile: paths[2], encoding: .utf8).contains("<svg"))
        #expect(try String(contentsOfFile: paths[0], encoding: .utf8).contains("landing\\_page"))
        // Counts of a thousand or more are grouped, as in the pictures; one point is singular.
        let report = try String(contentsOfFile: paths[0], encoding: .utf8)
        #expect(report.contains("| Events | 2,022 | 1,978 |") && report.contains("at least 1 percentage point (`--min-effect`)"), "\(report)")
        // Same inputs, same bytes.
        let again = dir.appendingPathComponent("again.svg").path
        #expect(try Self.journeymap(["compare", Self.sample("compare-before.csv"), Self.sample("compare-after.csv"),
                                     "-o", again, "--quiet"]).status == 0)
        #expect(FileManager.default.contents(atPath: again) == FileManager.default.contents(atPath: paths[2]))
    }

    /// A side too small to find changes of under 15 percentage points (23 journeys against
    /// 518: about 30) is said, on standard error and in the report's warnings (JSON too): a
    /// report without significant changes said nothing of it before. Balanced samples of a few
    /// hundred journeys a side are not warned about.
    @Test
    func aSideTooSmallToFindChangesIsSaid() throws {
        let dir = try Self.temporaryDirectory("small")
        defer { try? FileManager.default.removeItem(at: dir) }
        let lines = try String(contentsOfFile: Self.sample("shop-journeys.csv"), encoding: .utf8).split(separator: "\n")
        var users: [Substring] = []
        var rows = [lines[0]]
        for line in lines.dropFirst() {
            let user = line.prefix { $0 != "," }
            if !users.contains(user) { if users.count == 23 { continue }; users.append(user) }
            rows.append(line)
        }
        let small = dir.appendingPathComponent("small.csv").path
        try (rows.joined(separator: "\n") + "\n").write(toFile: small, atomically: true, encoding: .utf8)
        let md = dir.appendingPathComponent("r.md").path, json = dir.appendingPathComponent("r.json").path
        let r = try Self.journeymap(["compare", Self.sample("shop-journeys.csv"), small, "-o", md, "-o", json])
        #expect(r.status == 0, "\(r.stderr)")
        let warning = "only 23 journeys after, 518 before: a share near 50% would have to move by about 30 percentage points"
        #expect(r.stderr.contains("warning: " + warning), "\(r.stderr)")
        #expect(try String(contentsOfFile: md, encoding: .utf8).contains("- " + warning))
        let object = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: json))) as? [String: Any]
        #expect((object?["warnings"] as? [String] ?? []).contains { $0.hasPrefix(warning) })
        let figure = object?["detectableChange"] as? [String: Any]
        #expect(figure?["before"] as? Int == 518 && figure?["after"] as? Int == 23, "\(String(describing: figure))")
        #expect(abs((figure?["change"] as? Double ?? 0) - 0.2986) < 0.001)
        // In Thai, the report says it in Thai.
        let th = dir.appendingPathComponent("th.md").path
        #expect(try Self.journeymap(["compare", Self.sample("shop-journeys.csv"), small, "-o", th, "--lang", "th", "--quiet"]).status == 0)
        #expect(try String(contentsOfFile: th, encoding: .utf8).contains("- มีเพียง 23 เส้นทางในด้านหลัง (ด้านก่อน 518)"))
        let balanced = try Self.journeymap(["compare", Self.sample("compare-before.csv"), Self.sample("compare-after.csv"), "-o", md])
        #expect(balanced.status == 0 && !balanced.stderr.contains("percentage points for this comparison"), "\(balanced.stderr)")
    }

    @Test
    func splitsOneLogByTimeWindowsWithATheme() throws {
        let dir = try Self.temporaryDirectory("windows")
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("thai.png").path
        let r = try Self.journeymap(["compare", Self.sample("thai-shop.csv"), "--template", "thai-retail",
                                     "--before", "2023-11-15..2024-02-13", "--after", "2024-02-14..2024-05-13",
                                     "--theme", "dark", "--side-by-side", out, "--format", "json"])
        #expect(r.status == 0, "stderr: \(r.stderr)")
        #expect(FileManager.default.fileExists(atPath: out))
    }

    @Test
    func reportsOnStandardOutputWithoutOutputs() throws {
        let r = try Self.journeymap(["compare", Self.sample("compare-before.csv"), Self.sample("compare-after.csv"), "--format", "json"])
        #expect(r.status == 0)
        let json = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any]
        #expect(json?["transitions"] is [Any])
    }

    @Test(
          arguments: [
              (["--before", "2024-01-01..2024-02-01"], "go together"),
              (["--before", "2019-11", "--after", "2020-02"], "no \"..\" between start and end"),
              (["--before", "2024-01-31..2023-11-01", "--after", "2024-02-01..2024-04-30"], "the end is not after the start"),
              (["--before", "2023-11-01..2024-01-31", "--after", "2024-01-01..2024-04-30"], "overlaps --before"),
              (["--split-by", "platform"], "--split-by"),
              (["--alpha", "1.5"], "--alpha"),
              (["-o", "/tmp/x.gif"], "unknown output type"),
              (["--side-by-side", "/tmp/x.txt"], "unknown picture format"),
              (["--scale", "0"], "--scale"),
          ])
    func badFlagsExitWithUsage(_ extra: [String], _ message: String) throws {
        var args = ["compare", Self.sample("shop-journeys.csv")]
        if !extra.contains("--before") { args.append(Self.sample("compare-after.csv")) }
        if extra == ["--scale", "0"] { args += ["-o", "/tmp/never-written.svg"] }
        let r = try Self.journeymap(args + extra)
        #expect(r.status == 64, "status \(r.status), stderr: \(r.stderr)")
        #expect(r.stderr.contains(message), "stderr: \(r.stderr)")
    }

    @Test
    func emptySideIsBadInput() throws {
        let r = try Self.journeymap(["compare", Self.sample("shop-journeys.csv"), "--before", "2001-01-01..2001-02-01",
                                     "--after", "2024-01-01..2024-02-01"])
        #expect(r.status == 65, "stderr: \(r.stderr)")
        #expect(r.stderr.contains("before"))
    }
}
