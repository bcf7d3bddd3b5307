import Testing
import JourneyCore
@testable import JourneyIO

@Suite struct ReadersJSONLinesTests {
    let jsonl = JSONLinesReader()

    @Test func dottedPathsReachNestedKeys() throws {
        let text = """
            {"event":"visit","properties":{"distinct_id":"u1","time":1716107400,"plan":"pro"}}

            {"event":"buy","properties":{"distinct_id":"u1","time":1716107460.5,"plan":null}}
            {"properties":{"time":1716107400,"distinct_id":"ไทย"},"event":"visit","extra":[1,{"a":2}]}
            """
        let spec = ColumnSpec(caseColumn: "properties.distinct_id", activityColumn: "event",
                              timestampColumn: "properties.time", attributes: ["properties.plan"])
        let (table, columns) = try read(text, with: jsonl, name: "t.jsonl", options: ReadOptions(columns: spec),
                                        attributes: spec.attributes)
        #expect(columns.caseColumn == "properties.distinct_id")
        #expect(table.rows == [
            Row(caseName: "u1", activity: "visit", timestamp: 1_716_107_400_000_000, channel: "", attributes: ["pro"]),
            Row(caseName: "u1", activity: "buy", timestamp: 1_716_107_460_500_000, channel: "", attributes: [""]),
            Row(caseName: "ไทย", activity: "visit", timestamp: 1_716_107_400_000_000, channel: "", attributes: [""]),
        ])
    }

    @Test func escapedStringsAreDecoded() throws {
        let text = #"{"user_id":"a\"b","event":"caf\u00e9 \\ \n","timestamp":"2024-01-01T00:00:00Z"}"# + "\n"
        let (table, _) = try read(text, with: jsonl)
        #expect(table.rows.first?.caseName == "a\"b")
        #expect(table.rows.first?.activity == "café \\ \n")
    }

    @Test(arguments: [1, 3, 16])
    func chunkBoundariesDoNotMatter(_ chunk: Int) throws {
        let text = (0..<20).map { #"{"user":"u\#($0 % 3)","event":"e\#($0)","ts":\#(1_700_000_000 + $0)}"# }
            .joined(separator: "\r\n")
        let (whole, _) = try read(text, with: jsonl)
        let (chunked, _) = try read(text, with: JSONLinesReader(chunkSize: chunk))
        #expect(whole.count == 20)
        #expect(chunked.rows == whole.rows)
    }

    @Test func badLinesGiveFileLineAndExpectation() throws {
        let text = "{\"user\":\"u\",\"event\":\"a\",\"ts\":1700000000}\n{\"user\":\"u\",\"event\":\"b\",\"ts\":}\n"
        let error = inputError { _ = try read(text, with: jsonl, name: "log.jsonl") }
        #expect(error?.file == "log.jsonl")
        #expect(error?.line == 2)
        #expect(error?.description == "log.jsonl:2: invalid JSON at column 30: expected a value (string, number, object, array, true, false or null), found '}'; --on-error skip leaves such rows out")
        let (table, _) = try read(text, with: jsonl, options: options(onError: .skip))
        #expect(table.count == 1)
        #expect(table.skipped.reasons == ["invalid JSON": 1])
    }

    @Test func missingKeyInFirstObjectIsNamed() throws {
        let text = "{\"user\":\"u\",\"event\":\"a\",\"ts\":1700000000}\n"
        let error = inputError { _ = try read(text, with: jsonl, options: options(case: "properties.distinct_id")) }
        #expect(error?.column == "properties.distinct_id")
        #expect(error?.message.contains("no key \"properties.distinct_id\" for the case") == true)
        #expect(inputError { _ = try read("\n\n", with: jsonl) }?.message == "empty file: expected one JSON object per line")
    }
}
