import Foundation
import Testing
@testable import JourneyEngines

@Suite struct AggregateRowsTests {
    @Test func readsQuotedFieldsAndReportsLines() throws {
        let csv = "kind,key1,key2,n1,n2,n3\r\ntouchpoint,0,\"a, \"\"b\"\"\nc\",1,0,0\nnode,0,,5,2,\nbucket,0,0,12.0,3,0\n"
        let rows = try AggregateRows(csv: Data(csv.utf8), file: "r.csv")
        #expect(rows.rows.count == 3)
        #expect(rows.rows[0].key2 == "a, \"b\"\nc")
        #expect(rows.rows[1].line == 4)
        #expect(rows.rows[1].n == [5, 2, 0])
        #expect(rows.rows[2].n[0] == 12)
        let again = try AggregateRows(csv: Data(rows.csv().utf8), file: "again")
        #expect(again.rows.map(\.key2) == rows.rows.map(\.key2))
    }

    @Test func errorsNameFileLineAndExpectation() {
        #expect(throws: AggregateRowsError(file: "r.csv", line: 1, message: "header \"a,b\": expected kind,key1,key2,n1,n2,n3 (the columns of the query `mine --engine sql` prints)")) {
            try AggregateRows(csv: Data("a,b\n".utf8), file: "r.csv")
        }
        #expect(throws: AggregateRowsError(file: "r.csv", line: 3, message: "n2 \"x\": expected a whole number")) {
            try AggregateRows(csv: Data("kind,key1,key2,n1,n2,n3\nnode,0,,1,1,0\nnode,1,,1,x,0\n".utf8), file: "r.csv")
        }
        #expect(throws: AggregateRowsError(file: "r.csv", line: 2, message: "kind \"nodes\": expected one of bucket, channel, edge, end, events, journeys, node, position, read, stage, stage_edge, start, touchpoint, variant, variants")) {
            try AggregateRows(csv: Data("kind,key1,key2,n1,n2,n3\nnodes,0,,1,1,0\n".utf8), file: "r.csv")
        }
    }
}
