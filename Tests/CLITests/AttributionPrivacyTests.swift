import Foundation
import Testing

/// `attribution --min-people k` on the shared logs at k = 5 and 20: a checker that counts the
/// people behind every number itself (Tests/Scripts/markov_attribution_reference.py
/// --check-min-people) finds no shown number resting on fewer than k people and no withheld one
/// that subtraction from the column totals gives back (docs/privacy.md); the picture says so.
@Suite(.serialized) struct AttributionPrivacyTests {
    static let cases: [(String, String, Int)] = [
        ("helpdesk.xes.gz", "Resolve ticket"),
        ("receipt.csv", "T10 Determine necessity to stop indication"),
        ("roadtraffic100traces.csv", "Payment"),
        ("roadtraffic100traces.xes", "Payment"),
        ("running-example.csv", "pay compensation"),
        ("running-example.xes", "pay compensation"),
    ].flatMap { log in [5, 20].map { (log.0, log.1, $0) } }

    @Test(arguments: cases)
    func noNumberBelowK(_ log: String, _ conversion: String, _ k: Int) throws {
        guard AttributionReferenceTests.available() else { return }
        let path = AttributionReferenceTests.shared.appendingPathComponent(log).path
        guard FileManager.default.fileExists(atPath: path) else {
            print("AttributionPrivacyTests: skipped \(log): not found (../shared/data is next to the worktree on the build machine)")
            return
        }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("attribution-privacy-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let csv = dir.appendingPathComponent("a.csv").path, json = dir.appendingPathComponent("a.json").path
        let md = dir.appendingPathComponent("a.md").path, pdf = dir.appendingPathComponent("a.pdf").path
        let r = try CLI.run(["attribution", path, "--conversion", conversion, "--stages", "template", "--min-people", "\(k)",
                             "-o", csv, "-o", json, "-o", md, "-o", pdf, "--quiet"])
        #expect(r.status == 0, "\(log): \(r.stderr)")
        let check = try CLI.run([AttributionReferenceTests.script, path, "--conversion", conversion,
                                 "--check-min-people", "\(k)", csv, json], executable: AttributionReferenceTests.python)
        #expect(check.status == 0 && check.stdout == "ok\n", "\(log) k=\(k): \(check.stdout)\(check.stderr)")
        // The picture says it in its legend and footnote (text read back with poppler's pdftotext).
        let text = try CLI.run([pdf, "-"], executable: "/usr/bin/pdftotext")
        #expect(text.stdout.components(separatedBy: "numbers from fewer than \(k) people hidden").count == 3, "\(log): \(text.stdout)")
        let report = try String(contentsOfFile: md, encoding: .utf8)
        #expect(report.contains("numbers from fewer than \(k) people hidden"))
    }
}
