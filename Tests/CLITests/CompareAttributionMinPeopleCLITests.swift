import Foundation
import Testing

/// `compare --attribution --min-people k` (formerly refused): each side is published by the
/// `attribution --min-people k` rules and a state's row is shown only when neither side
/// withholds its removal effect. On the sample pair at k = 5, 20 and 60, with and without
/// `--session-gap 1h`: every number of the comparison's CSV is one that `attribution
/// --min-people k` of its side shows (so nothing comes back that that does not give back: the
/// rules and their checker are `AttributionPrivacyTests`'), a state left out is withheld on a
/// side, the Markov credits are withheld when a side withholds its conversions (they add up
/// to them), and the Markdown says it.
@Suite(.serialized) struct CompareAttributionMinPeopleCLITests {
    static let sides = ["samples/compare-before.csv", "samples/compare-after.csv"]

    /// name → (removal_effect, markov) of an attribution CSV; nil for an empty (withheld) cell.
    static func rows(_ path: String) throws -> [String: (Double?, Double?)] {
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").dropFirst()
        var out: [String: (Double?, Double?)] = [:]
        for line in lines {
            let f = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            out[f[0]] = (Double(f[1]), Double(f[2]))
        }
        return out
    }

    @Test(arguments: [5, 20, 60].flatMap { k in [(k, false), (k, true)] })
    func samplePair(_ k: Int, _ sessions: Bool) throws {
        let dir = try MinPeopleCLITests().scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        func file(_ name: String) -> String { dir.appendingPathComponent(name).path }
        let gap = sessions ? ["--session-gap", "1h"] : []
        let r = try CLI.run(["compare"] + Self.sides + ["--attribution", "--conversion", "purchase", "--min-people", "\(k)", "--quiet",
                                                        "-o", file("c.csv"), "-o", file("c.md")] + gap)
        #expect(r.status == 0, "\(r.stderr)")
        var full: [[String: (Double?, Double?)]] = [], published: [[String: (Double?, Double?)]] = []
        var conversionsWithheld = false
        for (i, side) in Self.sides.enumerated() {
            let a = try CLI.run(["attribution", side, "--conversion", "purchase", "--quiet", "-o", file("full\(i).csv")] + gap)
            let p = try CLI.run(["attribution", side, "--conversion", "purchase", "--quiet", "--min-people", "\(k)",
                                 "-o", file("pub\(i).csv"), "-o", file("pub\(i).json")] + gap)
            #expect(a.status == 0 && p.status == 0, "\(a.stderr)\(p.stderr)")
            full.append(try Self.rows(file("full\(i).csv")))
            published.append(try Self.rows(file("pub\(i).csv")))
            let json = try #require(JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: file("pub\(i).json")))) as? [String: Any])
            if json["conversions"] is NSNull || json["conversions"] == nil { conversionsWithheld = true }
        }
        let lines = try String(contentsOfFile: file("c.csv"), encoding: .utf8).split(separator: "\n").dropFirst()
        var shown = Set<String>()
        for line in lines {
            let f = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            let name = f[0]
            shown.insert(name)
            for side in 0..<2 {
                let effect = try #require(Double(f[1 + side]), "\(name): an empty effect")
                if full[side][name] == nil {
                    #expect(effect == 0, "\(name) never passed on side \(side) but has an effect")
                    continue
                }
                let pub = try #require(published[side][name], "\(name) is left out of side \(side)'s attribution but shown")
                #expect(pub.0 != nil && abs(pub.0! - effect) < 1e-12, "\(name): effect \(effect), attribution shows \(String(describing: pub.0))")
                if conversionsWithheld {
                    #expect(f[4 + side].isEmpty, "\(name): a Markov credit shown with a side's conversions withheld")
                } else if let m = Double(f[4 + side]) {
                    #expect(pub.1 != nil && abs(pub.1! - m) < 1e-9, "\(name): Markov \(m), attribution shows \(String(describing: pub.1))")
                }
            }
        }
        for name in Set(full[0].keys).union(full[1].keys).subtracting(shown) {
            let withheld = (0..<2).contains { full[$0][name] != nil && published[$0][name]?.0 == nil }
            #expect(withheld, "\(name) left out but shown on both sides")
        }
        let md = try String(contentsOfFile: file("c.md"), encoding: .utf8)
        #expect(md.contains("Numbers from fewer than \(k) people hidden (--min-people \(k))"))
    }
}
