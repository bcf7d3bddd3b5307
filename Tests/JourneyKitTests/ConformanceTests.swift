import Foundation
import Testing
import JourneyKit

/// `shared/` beside the package (`../shared`; from a worktree in `wt/NAME`, `../../shared`):
/// public logs and pm4py's counts for them. nil when absent: the suite is skipped.
let sharedDirectory: URL? = {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<3 { url.deleteLastPathComponent() }  // Tests/JourneyKitTests/file -> package root
    for _ in 0..<2 {
        url.deleteLastPathComponent()
        let shared = url.appendingPathComponent("shared")
        if FileManager.default.fileExists(atPath: shared.appendingPathComponent("reference").path) { return shared }
    }
    return nil
}()

/// Every edge, start and end count equals what pm4py 2.7 computes (`../shared/reference`).
@Suite(.enabled(if: sharedDirectory != nil, "../shared is absent: pm4py conformance tests skipped"))
struct ConformanceTests {
    struct Reference: Decodable {
        var source: String
        var `case`: String
        var activity: String
        var timestamp: String
        var edges: [String: Int]
        var start: [String: Int]
        var end: [String: Int]
        var cases: Int
        var events: Int
    }

    static let references: [String] = {
        guard let dir = sharedDirectory?.appendingPathComponent("reference") else { return [] }
        return ((try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []).filter { $0.hasSuffix(".dfg.json") }.sorted()
    }()

    @Test(arguments: references)
    func countsMatchPm4py(referenceFile: String) throws {
        let shared = try #require(sharedDirectory)
        let data = try Data(contentsOf: shared.appendingPathComponent("reference/\(referenceFile)"))
        let ref = try JSONDecoder().decode(Reference.self, from: data)
        let log = shared.appendingPathComponent("data/\(ref.source)").path
        var read = ReadOptions()
        if !ref.source.contains(".xes") {
            read.columns = ColumnSpec(caseColumn: ref.case, activityColumn: ref.activity, timestampColumn: ref.timestamp)
        }
        var files: [Data] = []
        for threads in [1, 2] {
            var logRequest = LogRequest(paths: [log], read: read)
            logRequest.minimumBytesPerThread = 4096  // exercise the parallel CSV reader too
            let request = JourneyRequest(log: logRequest, mining: MiningOptions(threads: threads))
            let g = try request.graph()
            files.append(try g.jsonData())
            #expect(g.journeys == ref.cases)
            #expect(g.events == ref.events)
            var edges: [String: Int] = [:]
            for e in g.edges { edges["\(e.from)\t\(e.to)"] = e.count }
            #expect(edges == ref.edges, "\(ref.source): edges differ")
            let starts = Dictionary(uniqueKeysWithValues: g.touchpoints.filter { $0.starts > 0 }.map { ($0.name, $0.starts) })
            let ends = Dictionary(uniqueKeysWithValues: g.touchpoints.filter { $0.ends > 0 }.map { ($0.name, $0.ends) })
            #expect(starts == ref.start)
            #expect(ends == ref.end)
        }
        #expect(files[0] == files[1], "\(ref.source): journey.json differs between 1 and 2 threads")
    }

    @Test func sharedLogsAreFound() {
        #expect(Self.references.count >= 6)
    }
}
