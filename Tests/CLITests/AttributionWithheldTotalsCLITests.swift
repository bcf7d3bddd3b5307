import Foundation
import Testing

/// `attribution --min-people k` must not give withheld conversions back through a sum or a
/// product: the Markov credits (they add up to the conversions), P(conversion) of the chain
/// (× journeys = all conversions), the summary on standard error. samples/compare-before.csv:
/// 59 journeys (people) convert after a step and 2 at their first step. At k = 20 the
/// conversions are withheld to protect a cell (59 people convert: not "fewer than 20"); at
/// k = 60 because fewer than 60 people convert.
@Suite struct AttributionWithheldTotalsCLITests {
    static let log = "samples/compare-before.csv"

    /// The numbers a published text may not hold: 59 and 61 (with the first-step ones), also
    /// as "59.0", standing alone (not part of 259 or 0.59).
    static func givesBack(_ text: String, _ numbers: [Int]) -> [String] {
        numbers.compactMap { n in
            text.range(of: "(?<![0-9.])\(n)(\\.0+)?(?![0-9]|\\.[0-9]*[1-9])", options: .regularExpression).map { String(text[$0]) }
        }
    }

    /// The words of an SVG (its text nodes), without coordinates.
    static func svgText(_ svg: String) -> String {
        let r = try! NSRegularExpression(pattern: ">([^<]+)<")
        return r.matches(in: svg, range: NSRange(svg.startIndex..., in: svg))
            .map { String(svg[Range($0.range(at: 1), in: svg)!]) }.joined(separator: "\n")
    }

    @Test(arguments: [20, 60])
    func noOutputGivesTheConversionsBack(k: Int) throws {
        let dir = try MinPeopleCLITests().scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        func out(_ name: String) -> String { dir.appendingPathComponent(name).path }
        let log = CLI.root.appendingPathComponent(Self.log).path
        let base = ["attribution", log, "--conversion", "purchase"]

        // What is being withheld, from the run without the flag.
        #expect(try CLI.run(base + ["-o", out("open.json"), "--quiet"]).status == 0)
        let open = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out("open.json")))) as! [String: Any]
        let conversions = open["conversions"] as! Int, first = open["convertedAtFirstStep"] as! Int
        #expect(conversions == 59 && first == 2, "the sample changed: \(conversions), \(first)")
        let secret = [conversions, conversions + first]

        let r = try CLI.run(base + ["--min-people", "\(k)", "-o", out("a.csv"), "-o", out("a.json"), "-o", out("a.md"), "-o", out("a.svg")])
        #expect(r.status == 0, "\(r.stderr)")
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out("a.json")))) as! [String: Any]
        #expect(json["conversions"] as? Int == nil, "the conversions are withheld at k=\(k)")
        // (b) P(conversion) × journeys.
        if let p = json["conversionProbability"] as? Double {
            let journeys = Double(json["journeys"] as! Int)
            for s in secret { #expect(abs(p * journeys - Double(s)) > 0.5, "P(conversion) × journeys gives \(s) back") }
        }
        // (a) A column with every cell shown adds up to the conversions (CSV and JSON alike).
        let csv = try String(contentsOfFile: out("a.csv"), encoding: .utf8).split(separator: "\n").dropFirst()
            .map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        for (column, name) in [(2, "markov"), (3, "first_touch"), (4, "last_touch"), (5, "linear")] {
            let cells = csv.map { $0[column] }
            guard !cells.contains("") else { continue }
            let sum = cells.compactMap(Double.init).reduce(0, +)
            for s in secret { #expect(abs(sum - Double(s)) > 0.01, "CSV column \(name) adds up to \(s)") }
        }
        let states = json["states"] as! [[String: Any]]
        for key in ["markov", "firstTouch", "lastTouch", "linear"] {
            let cells = states.map { $0[key] as? Double }
            guard !cells.contains(where: { $0 == nil }) else { continue }
            let sum = cells.compactMap { $0 }.reduce(0, +)
            for s in secret { #expect(abs(sum - Double(s)) > 0.01, "JSON \(key) adds up to \(s)") }
        }
        // (c) The texts: Markdown, the picture's words, standard error.
        let md = try String(contentsOfFile: out("a.md"), encoding: .utf8)
        let svg = Self.svgText(try String(contentsOfFile: out("a.svg"), encoding: .utf8))
        let stderr = r.stderr.replacingOccurrences(of: dir.path, with: "DIR")  // no digits of the folder's name
        // A flag named in a hint ("--order 2") is no count.
        for (name, text) in [("Markdown", md), ("SVG", svg), ("stderr", stderr)].map({ ($0.0, $0.1.replacingOccurrences(of: "--order 2", with: "--order")) }) {
            #expect(Self.givesBack(text, secret).isEmpty, "\(name) gives back \(Self.givesBack(text, secret)): \(text)")
            #expect(Self.givesBack(text, [first]).isEmpty || name == "Markdown" || name == "SVG",
                    "\(name) gives back the \(first) first-step conversions: \(text)")
        }
        // The words say why: 59 people convert, so at k = 20 not "fewer than 20".
        if k == 20 {
            #expect(!md.contains("fewer than 20 converting") && !svg.contains("fewer than 20 conversions") && !r.stderr.contains("fewer than 20 conversions"), "\(md)")
            #expect(md.contains("Conversions withheld although 20 people or more convert"), "\(md)")
        } else {
            #expect(md.contains("fewer than 60 converting") && md.contains("fewer than 60 people convert"), "\(md)")
        }
    }
}
