import Testing
import JourneyCore
@testable import JourneyIO
import JourneyGzip
import Foundation

@Suite struct ReadersPresetTests {
    @Test func ga4TimestampsAreMicroseconds() throws {
        let text = "event_date,event_timestamp,event_name,user_pseudo_id\n20240519,1716107400123456,page_view,p1\n"
        let (table, columns) = try read(text, with: CSVReader(), options: options(preset: .ga4))
        #expect(columns.caseColumn == "user_pseudo_id")
        #expect(columns.guessed.isEmpty || !columns.guessed.contains("case"))
        #expect(table.rows == [Row(caseName: "p1", activity: "page_view", timestamp: 1_716_107_400_123_456, channel: "")])
    }

    @Test func segmentUsesUserIdElseAnonymousId() throws {
        let text = """
            {"type":"track","userId":"u1","anonymousId":"a1","event":"Signed Up","timestamp":"2024-05-19T08:30:00.000Z"}
            {"type":"track","userId":null,"anonymousId":"a2","event":"Viewed","timestamp":"2024-05-19T08:31:00Z"}
            {"type":"track","anonymousId":"a3","event":"Viewed","timestamp":"2024-05-19T08:32:00Z"}
            """
        let (table, columns) = try read(text, with: JSONLinesReader(), options: options(preset: .segment))
        #expect(columns.caseColumn == "userId")
        #expect(columns.caseFallbackColumn == "anonymousId")
        #expect(table.rows.map(\.caseName) == ["u1", "a2", "a3"])
    }

    @Test func mixpanelTimeIsSeconds() throws {
        // By magnitude alone (>= 1e11) this would be milliseconds: the preset's unit wins.
        let text = #"{"event":"Open","properties":{"distinct_id":"d1","time":171610740000}}"# + "\n"
        let (table, columns) = try read(text, with: JSONLinesReader(), options: options(preset: .mixpanel))
        #expect(columns.caseColumn == "properties.distinct_id")
        #expect(columns.timestampColumn == "properties.time")
        let expected: Int64 = 171_610_740_000 * 1_000_000
        #expect(table.rows.first?.timestamp == expected, "\(String(describing: table.rows.first?.timestamp)) vs \(expected)")
        // A flattened CSV export names the columns without `properties.`.
        let csv = "distinct_id,event,time\nd1,Open,1716107400\n"
        let (flat, _) = try read(csv, with: CSVReader(), options: options(preset: .mixpanel))
        #expect(flat.rows.first?.timestamp == 1_716_107_400_000_000)
    }

    @Test func amplitudeUsesUserIdElseDeviceId() throws {
        let text = "user_id,device_id,event_type,event_time\nu1,d1,start,2024-05-19 08:30:00.123456\n,d2,start,2024-05-19 08:31:00\n"
        let (table, columns) = try read(text, with: CSVReader(), options: options(preset: .amplitude))
        #expect(columns.caseColumn == "user_id")
        #expect(columns.caseFallbackColumn == "device_id")
        #expect(table.rows.map(\.caseName) == ["u1", "d2"])
        #expect(table.rows.first?.timestamp == micros("2024-05-19T08:30:00.123456Z"))
    }

    @Test func presetColumnMissingSaysWhatItExpects() throws {
        let text = "user,event,ts\nc,a,2024-01-01\n"
        let error = inputError { _ = try read(text, with: CSVReader(), name: "ga.csv", options: options(preset: .ga4)) }
        #expect(error?.description.hasPrefix("ga.csv:1:") == true)
        // Every missing role at once (issue 16), not only the first.
        #expect(error?.description == "ga.csv:1: preset ga4 expects a case column named \"user_pseudo_id\", an activity column named \"event_name\" and a timestamp column named \"event_timestamp\"; columns in the header: user, event, ts")
        let noCase = "event_name,event_timestamp\npage_view,1716107400123456\n"
        let e2 = inputError { _ = try read(noCase, with: CSVReader(), name: "ga.csv", options: options(preset: .ga4)) }
        #expect(e2?.message.hasPrefix("preset ga4 expects a case column named \"user_pseudo_id\"") == true)
    }
}

@Suite struct ReadersGzipTests {
    @Test func gzipFilesAreReadTransparently() throws {
        let text = "case,activity,timestamp\n" + (0..<5000).map { "c\($0 % 7),a\($0 % 5),\(1_700_000_000 + $0)\n" }.joined()
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("jm-gz-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let packed = try gzipCompress(Array(text.utf8))
        // By extension, and by magic bytes under a misleading name.
        for name in ["log.csv.gz", "log.csv"] {
            let path = dir.appendingPathComponent(name).path
            FileManager.default.createFile(atPath: path, contents: Data(packed))
            var source = try openLogSource(path: path)
            let table = EventTable()
            _ = try CSVReader(chunkSize: 333).read(&source, into: table, options: ReadOptions())
            let (plain, _) = try read(text, with: CSVReader())
            #expect(table.count == 5000)
            #expect(table.rows == plain.rows)
        }
        let corrupt = dir.appendingPathComponent("bad.csv.gz").path
        FileManager.default.createFile(atPath: corrupt, contents: Data(packed.prefix(40) + [0, 1, 2, 3]))
        #expect(throws: (any Error).self) {
            var source = try openLogSource(path: corrupt)
            _ = try CSVReader().read(&source, into: EventTable(), options: ReadOptions())
        }
    }
}
