import Foundation
import Testing
@testable import JourneyCore
@testable import JourneyIO

/// Case names are interned in batches of rows after the rows are appended; the batch must be
/// flushed before the read buffer moves, and ids must stay first-seen order.
@Suite struct ReadersCaseBatchTests {
    /// A shuffled-looking log: cases revisited out of order, some quoted with doubled quotes,
    /// some longer than 16 bytes, runs of the same case, and rows skipped in between.
    static func log() -> (text: String, cases: [String]) {
        var lines = ["user,ts,event"]
        var cases: [String] = []
        var x: UInt64 = 12345
        for i in 0..<3000 {
            x = x &* 6364136223846793005 &+ 1442695040888963407
            let k = Int(x >> 33) % 400
            var name = k % 7 == 0 ? "a-rather-long-customer-name-\(k)" : "u\(k)"
            if k % 11 == 0 { name = "q\"\(k)" }
            let field = name.contains("\"") ? "\"\(name.replacingOccurrences(of: "\"", with: "\"\""))\"" : name
            if i % 97 == 5 { lines.append("\(field),not a time,view"); continue }
            let repeats = i % 13 == 0 ? 3 : 1
            for _ in 0..<repeats {
                lines.append("\(field),2024-01-01T00:00:\(String(format: "%02d", i % 60))Z,view")
                cases.append(name)
            }
        }
        return (lines.joined(separator: "\n") + "\n", cases)
    }

    @Test(arguments: [5, 64, 1 << 20])
    func casesMatchRowsAndFirstSeenOrder(chunkSize: Int) throws {
        let (text, cases) = Self.log()
        let (table, _) = try read(text, with: CSVReader(chunkSize: chunkSize), options: options(case: "user", activity: "event", timestamp: "ts", onError: .skip))
        #expect(table.count == cases.count)
        #expect((0..<table.count).map { table.cases.string(table.caseIDs[$0]) } == cases)
        var firstSeen: [String] = []
        var seen = Set<String>()
        for c in cases where seen.insert(c).inserted { firstSeen.append(c) }
        #expect(table.cases.strings == firstSeen)
    }
}
