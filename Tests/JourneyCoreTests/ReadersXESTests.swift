import Testing
import JourneyCore
@testable import JourneyIO

@Suite struct ReadersXESTests {
    let xes = XESReader()
    let log = """
        <?xml version="1.0" encoding="UTF-8"?>
        <log xes.version="1.0">
          <global scope="event"><string key="concept:name" value="name"/></global>
          <trace>
            <string key="concept:name" value="case 1"/>
            <string key="region" value="north"/>
            <event>
              <string key="concept:name" value="register &amp; check"/>
              <date key="time:timestamp" value="2024-01-01T10:00:00.000+07:00"/>
              <string key="lifecycle:transition" value="complete"/>
              <string key="org:resource" value="Pete"/>
            </event>
            <event>
              <date key="time:timestamp" value="2024-01-01T04:00:00Z"/>
              <string key="concept:name" value="ตัดสินใจ"/>
              <list key="nested"><string key="org:resource" value="ignored"/></list>
            </event>
          </trace>
          <trace>
            <event><string key="concept:name" value="a"/><date key="time:timestamp" value="2024-01-02"/></event>
            <string key="concept:name" value="case 2"/>
          </trace>
        </log>
        """

    @Test func traceNameIsCaseEventNameIsActivity() throws {
        let (table, columns) = try read(log, with: xes, name: "t.xes", attributes: ["org:resource", "case:region"])
        #expect(columns.caseColumn == "case:concept:name")
        #expect(columns.activityColumn == "concept:name")
        #expect(columns.timestampColumn == "time:timestamp")
        #expect(table.rows == [
            Row(caseName: "case 1", activity: "register & check", timestamp: micros("2024-01-01T03:00:00Z"),
                channel: "", attributes: ["Pete", "north"]),
            Row(caseName: "case 1", activity: "ตัดสินใจ", timestamp: micros("2024-01-01T04:00:00Z"),
                channel: "", attributes: ["", "north"]),
            // The trace's name may come after its events.
            Row(caseName: "case 2", activity: "a", timestamp: micros("2024-01-02T00:00:00Z"), channel: "", attributes: ["", ""]),
        ])
    }

    @Test(arguments: [1, 5, 64])
    func chunkBoundariesDoNotMatter(_ chunk: Int) throws {
        let (whole, _) = try read(log, with: xes, attributes: ["org:resource"])
        let (chunked, _) = try read(log, with: XESReader(chunkSize: chunk), attributes: ["org:resource"])
        #expect(chunked.rows == whole.rows)
    }

    @Test func otherKeysCanBeChosen() throws {
        let (table, _) = try read(log, with: xes, options: options(case: "case:region", activity: "org:resource",
                                                                    onError: .skip))
        #expect(table.rows.map(\.caseName) == ["north"])
        #expect(table.rows.map(\.activity) == ["Pete"])
        #expect(table.skipped.count == 2)
    }

    @Test func errorsSayWhereAndWhat() throws {
        let noTime = "<log>\n<trace><string key=\"concept:name\" value=\"c\"/>\n<event><string key=\"concept:name\" value=\"a\"/></event>\n</trace></log>"
        let error = inputError { _ = try read(noTime, with: xes, name: "x.xes") }
        #expect(error?.file == "x.xes")
        #expect(error?.line == 3)
        #expect(error?.message.contains("missing timestamp") == true)
        #expect(inputError { _ = try read("<foo/>", with: xes) }?.message.contains("no <log> element") == true)
        let broken = "<log>\n<trace>\n<event><string key=\"concept:name\" value=\"a></event></trace></log>"
        #expect(inputError { _ = try read(broken, with: xes) }?.line != nil)
    }
}
