import Foundation
import Testing
import JourneyTestSupport

/// `compare LOG --before .. --after ..` reads one CSV file through the direct path
/// (`DirectCSVMiner.mineWindows`: one read, each journey counted on its window's side):
/// through the built binary, the report (Markdown, JSON; CSV with --attribution), the diff
/// map, the side-by-side maps and the diff Sankey are byte for byte the general path's
/// (`JOURNEYMAP_DIRECT=0`), at 1 and 3 threads, on the demo log sorted and shuffled, by start
/// and by end, with journeys straddling the boundary; an empty window fails alike.
@Suite struct DirectWindowsCLITests {
    let scratch = ScratchFolders("journeymap-direct-windows")

    /// The demo log, and its rows in a fixed shuffled order (header first).
    func logs(in dir: URL) throws -> [String] {
        let sorted = CLI.root.appendingPathComponent("samples/shop-journeys.csv").path
        let text = try String(contentsOfFile: sorted, encoding: .utf8)
        var lines = text.split(separator: "\n").map(String.init)
        let header = lines.removeFirst()
        var state: UInt64 = 33  // a fixed shuffle (LCG), the same on every run
        for i in stride(from: lines.count - 1, to: 0, by: -1) {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            lines.swapAt(i, Int((state >> 33) % UInt64(i + 1)))
        }
        let shuffled = dir.appendingPathComponent("shuffled.csv").path
        try ([header] + lines).joined(separator: "\n").appending("\n").write(toFile: shuffled, atomically: true, encoding: .utf8)
        return [sorted, shuffled]
    }

    @Test func compareWindowsWritesTheGeneralPathsFiles() throws {
        let dir = try scratch.folder().url
        // Adjacent windows (3 customers' journeys straddle midnight of 2024-03-03), and sessions with a gap between the windows.
        let cases: [[String]] = [
            ["--before", "2023-11-14..2024-03-02", "--after", "2024-03-03..2024-05-31"],
            ["--before", "2023-11-14..2024-03-02", "--after", "2024-03-03..2024-05-31", "--assign-by", "end"],
            ["--before", "..2024-01-31", "--after", "2024-03-01..", "--session-gap", "2d", "--min-people", "2"],
            ["--before", "2023-12-01..2024-01-31", "--after", "2024-03-01..2024-04-30", "--session-gap", "1d", "--assign-by", "end"],
            // Paths too (the diff Sankey, the attribution change): the journeys split by window.
            ["--before", "2023-11-14..2024-03-02", "--after", "2024-03-03..2024-05-31", "--attribution", "--conversion", "purchase"],
            ["--before", "..2024-01-31", "--after", "2024-03-01..", "--session-gap", "2d", "--assign-by", "end", "--attribution", "--conversion", "purchase"],
        ]
        for log in try logs(in: dir) {
            for flags in cases {
                var outputs: [Data] = []
                var warnings: [String] = []
                for (direct, threads) in [("0", "1"), ("1", "1"), ("1", "3")] {
                    let out = dir.appendingPathComponent("\(direct)-\(threads)").path
                    let paths = flags.contains("--attribution")
                    let names = (["report.md", "report.json", "diff.svg"] + (paths ? ["report.csv"] : [])).map { "\(out)-\($0)" }
                    let pictures = ["--side-by-side", "\(out)-sides.svg"] + (paths ? ["--diff-sankey", "\(out)-sankey.svg"] : [])
                    let r = try JourneymapBinary.run(["compare", log] + flags + names.flatMap { ["-o", $0] }
                                                     + pictures + ["--threads", threads],
                                                     environment: ["JOURNEYMAP_DIRECT": direct])
                    #expect(r.status == 0, "\(flags.joined(separator: " ")): \(r.stderr)")
                    var bytes = Data()
                    for name in names + pictures.filter({ !$0.hasPrefix("--") }) {
                        bytes += try Data(contentsOf: URL(fileURLWithPath: name))
                    }
                    outputs.append(bytes)
                    warnings.append(r.stderr.replacingOccurrences(of: out, with: "OUT"))
                }
                let what = "\((log as NSString).lastPathComponent) \(flags.joined(separator: " "))"
                #expect(outputs[0].count > 10_000, "\(what)")
                #expect(outputs[1] == outputs[0], "\(what): direct, 1 thread")
                #expect(outputs[2] == outputs[0], "\(what): direct, 3 threads")
                #expect(warnings[1] == warnings[0] && warnings[2] == warnings[0], "\(what): warnings")
                if flags.contains("2024-03-03..2024-05-31") {
                    #expect(warnings[0].contains(": 3 journeys reach outside their window"), "\(what): \(warnings[0])")
                }
            }
        }
    }

    @Test func anEmptyWindowFailsAsOnTheGeneralPath() throws {
        let dir = try scratch.folder().url
        for log in try logs(in: dir) {
            var results: [(Int32, String)] = []
            for direct in ["0", "1"] {
                let r = try JourneymapBinary.run(["compare", log, "--before", "2020-01-01..2020-12-31", "--after", "2024-02-13..",
                                                  "-o", dir.appendingPathComponent("empty-\(direct).md").path],
                                                 environment: ["JOURNEYMAP_DIRECT": direct])
                results.append((r.status, r.stderr))
            }
            #expect(results[0].0 != 0 && results[0].1.contains("2020-01-01..2020-12-31"), "\(results[0].1)")
            #expect(results[1].0 == results[0].0 && results[1].1 == results[0].1)
        }
    }
}
