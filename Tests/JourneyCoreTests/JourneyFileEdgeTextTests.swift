import Foundation
import Testing
@testable import JourneyCore

/// `JourneyGraph.jsonData` writes the edges straight to text; the bytes must be those of the
/// encoder's tree (`PrettyJSONEncoder().encodeData(graph)`), whatever the threads.
@Suite struct JourneyFileEdgeTextTests {
    static let goldens = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Golden/journeys")

    func expectSameBytes(_ graph: JourneyGraph, _ label: String) throws {
        let tree = try PrettyJSONEncoder().encodeData(graph)
        for threads in [1, 2, 3] {
            #expect(try graph.jsonData(threads: threads) == tree, "\(label), \(threads) threads")
        }
    }

    @Test func goldenJourneyFilesGiveTheTreesBytes() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.goldens.path).filter { $0.hasSuffix(".json") }.sorted()
        #expect(files.count >= 6)
        for name in files {
            let data = try Data(contentsOf: Self.goldens.appendingPathComponent(name))
            let graph = try JourneyGraph.decode(data, file: name)
            try expectSameBytes(graph, name)
            #expect(try graph.jsonData(threads: 2) == data, "\(name): the golden file's own bytes")
        }
    }

    /// People counts, names JSON must escape (quotes, backslashes, control characters, Thai),
    /// empty and one-value durations, and more edges than one chunk of the writer.
    @Test func everyFieldAndEscapeGivesTheTreesBytes() throws {
        let names = ["a\"b", "back\\slash", "tab\there", "line\nbreak", "ซื้อสินค้า", "/pricing/", "\u{1}ctl", "plain"]
        var edges: [JourneyGraph.Edge] = []
        var histogram = DurationHistogram()
        for i in 0..<9_000 {
            if i % 3 == 0 { histogram.add(Int64(i) * 1_234_567) }
            var e = JourneyGraph.Edge(from: names[i % names.count], to: names[(i / 8) % names.count] + "\(i)",
                                      count: i + 1, journeys: i / 2 + 1, duration: i % 5 == 0 ? DurationHistogram() : histogram)
            if i % 4 == 1 { e.people = i / 3 }
            edges.append(e)
        }
        let graph = JourneyGraph(source: .init(files: ["x.csv"], columns: nil, template: "default", templateNames: LocalizedText(["en": "Default"]), defaultLanguage: "en"), stages: [], touchpoints: [],
                                 edges: edges, stageEdges: [], journeys: 10, events: 20, firstTimestamp: nil, lastTimestamp: nil,
                                 variants: .init(top: [], distinct: 0, truncated: false, limit: 20))
        try expectSameBytes(graph, "synthetic")
        var one = graph
        one.edges = [edges[1]]
        try expectSameBytes(one, "one edge")
    }

    /// What a journey file keeps of the skipped rows reads back equal (the first row of each
    /// reason, which `TimestampFormatChoice` reads, is not in the file).
    @Test func skippedRowsReadBackEqual() throws {
        var report = SkipReport()
        report.record(InputError(file: "f.csv", line: 2, column: "ts", message: "expected a timestamp"), reason: "bad timestamp")
        report.tally(reason: "missing case")
        let back = try JSONDecoder().decode(SkipReport.self, from: try JSONEncoder().encode(report))
        #expect(back == report && back.firstByReason.isEmpty && report.firstByReason.count == 1)
    }
}
