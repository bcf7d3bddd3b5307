import Foundation
import Testing

/// `map`/`mine --min-people k` and `sankey --min-people k` of the same log, published together,
/// through the real binary at k = 5 and 20 on the shared logs. The checker
/// (Tests/Scripts/joint_min_people_check.py) counts everything from the log itself, writes every
/// number of both outputs as a vector over paths (the log's and seeded random ones) and finds no
/// withheld number under k people that the published numbers of the two give back by any
/// relation that holds for every path; with the numbers under k taken out of the unsuppressed
/// outputs and nothing more, it finds some (it is not blind).
@Suite(.serialized) struct JointMinPeopleCLITests {
    static let columns = ["--case", "case:concept:name", "--activity", "concept:name", "--timestamp", "time:timestamp"]
    static let cases: [(String, Int)] = ["receipt.csv", "roadtraffic100traces.csv"].flatMap { log in
        [5, 20].map { (log, $0) }
    }

    static func python(_ arguments: [String]) throws -> CLI.Run { try CLI.checker("joint_min_people_check.py", arguments) }

    @Test(arguments: cases)
    func mapAndSankeyTogether(_ name: String, _ k: Int) throws {
        let log = AttributionReferenceTests.shared.appendingPathComponent(name).path
        guard FileManager.default.fileExists(atPath: log) else {
            print("JointMinPeopleCLITests: skipped \(name): not found (../shared/data is next to the clone on the build machine)")
            return
        }
        let dir = try MinPeopleCLITests().scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        func file(_ n: String) -> String { dir.appendingPathComponent(n).path }
        for args in [["mine", log, "--people", "-o", file("full.json")],
                     ["sankey", log, "--by", "step", "-o", file("full.html")]] {
            let r = try CLI.run(args + Self.columns + ["--quiet"])
            #expect(r.status == 0, "\(r.stderr)")
        }
        let graph = try CLI.run(["mine", log, "--min-people", "\(k)", "-o", file("pub.json"), "--quiet"] + Self.columns)
        // 20 may be more people than running-example has: then the refusal is the answer.
        if graph.status != 0 {
            #expect(graph.stderr.contains("--min-people \(k)"), "\(graph.stderr)")
            return
        }
        let sankey = try CLI.run(["sankey", log, "--by", "step", "--min-people", "\(k)", "-o", file("pub.html"), "-o", file("pub.svg"), "--quiet"] + Self.columns)
        #expect(sankey.status == 0, "\(sankey.stderr)")
        let check = try Self.python([log, "\(k)", file("full.json"), file("pub.json"), file("full.html"), file("pub.html"), file("pub.svg")])
        #expect(check.status == 0 && check.stdout == "ok\n", "\(name) k=\(k): \(check.stdout)\(check.stderr)")

        let naive = try Self.python([log, "\(k)", file("full.json"), file("full.json"), file("full.html"), file("full.html"), "-", "--naive", "--alone"])
        #expect(naive.status == 0 && naive.stdout.hasPrefix("not blind"), "\(name) k=\(k): \(naive.stdout)\(naive.stderr)")
    }

    /// `compare --diff-sankey --min-people k` on the sample pair by step: each side's numbers the
    /// diff draws, beside what the report publishes of that side (at most `mine --min-people k`
    /// of the side's log), give back no withheld number under k (before each side was suppressed
    /// beside its graph, the before side at k = 5 gave back 2); with only the numbers under k
    /// taken out of the unsuppressed diff, the check finds some at k = 5 (not blind).
    @Test(arguments: [5, 20])
    func diffSankeyBesideTheReport(_ k: Int) throws {
        let dir = try MinPeopleCLITests().scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        func file(_ n: String) -> String { dir.appendingPathComponent(n).path }
        let logs = ["samples/compare-before.csv", "samples/compare-after.csv"].map { CLI.root.appendingPathComponent($0).path }
        let common = ["compare"] + logs + ["--diff-sankey-by", "step", "--quiet"]
        let full = try CLI.run(common + ["--diff-sankey", file("full.svg"), "--diff-sankey", file("full.layout.json")])
        #expect(full.status == 0, "\(full.stderr)")
        let published = try CLI.run(common + ["--min-people", "\(k)", "-o", file("c.json"),
                                              "--diff-sankey", file("pub.svg"), "--diff-sankey", file("pub.layout.json")])
        #expect(published.status == 0, "\(published.stderr)")
        for (side, log) in zip(["before", "after"], logs) {
            for args in [["mine", log, "--people", "-o", file("\(side)-full.json")],
                         ["mine", log, "--min-people", "\(k)", "-o", file("\(side).json")]] {
                let r = try CLI.run(args + ["--quiet"])
                #expect(r.status == 0, "\(r.stderr)")
            }
            let options = ["--diff-side", side, "--columns", "user_id,event,timestamp"]
            let check = try Self.python([log, "\(k)", file("\(side)-full.json"), file("\(side).json"), file("full.layout.json"),
                                         file("pub.layout.json"), file("pub.svg")] + options)
            #expect(check.status == 0 && check.stdout == "ok\n", "k=\(k) \(side): \(check.stdout)\(check.stderr)")
            guard k == 5 else { continue }
            let naive = try Self.python([log, "\(k)", file("\(side)-full.json"), file("\(side)-full.json"), file("full.layout.json"),
                                         file("full.layout.json"), file("full.svg"), "--naive", "--alone"] + options)
            #expect(naive.status == 0 && naive.stdout.hasPrefix("not blind"), "k=\(k) \(side): \(naive.stdout)\(naive.stderr)")
        }
    }
}
