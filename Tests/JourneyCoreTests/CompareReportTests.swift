import Foundation
import Testing
@testable import JourneyCore

@Suite struct CompareReportTests {
    let template = JourneyTemplate.builtinDefault()

    func planted(seed: UInt64 = 11) throws -> JourneyComparison {
        let miner = Miner(template: template)
        return try JourneyComparison(before: miner.mine(makeTable(JourneyGenerator.base.rows(journeys: 2000, seed: seed))),
                                     after: miner.mine(makeTable(JourneyGenerator.planted.rows(journeys: 2000, seed: seed + 1))),
                                     beforeLabel: "2024-04-18..2024-05-18", afterLabel: "2024-05-19..2024-06-07")
    }

    func tableRows(_ md: String, after heading: String) -> [String] {
        let lines = md.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard let h = lines.firstIndex(of: heading) else { return [] }
        return Array(lines[(h + 4)...].prefix { $0.hasPrefix("|") })
    }

    @Test func markdownListsLargestSignificantChangesFirst() throws {
        let c = try planted()
        let md = ComparisonReport(comparison: c).markdown()
        #expect(md.hasPrefix("# Journey comparison: 2024-04-18..2024-05-18 → 2024-05-19..2024-06-07\n"))
        #expect(md.contains("alpha = 0.05") && md.contains("over \(c.testedCount) tests"))
        #expect(md.contains("below 20 (`--min-count`)"))
        let rows = tableRows(md, after: "### Transitions")
        let significant = c.transitions.filter(\.change.significant)
        #expect(rows.count == significant.count && rows.count >= 2)
        // Sorted by |absolute change|, descending, and every one has its marker.
        let changes = rows.map { row -> Double in
            let cell = row.split(separator: "|")[4].trimmingCharacters(in: .whitespaces)
            return Double(cell.replacingOccurrences(of: " pp", with: "").replacingOccurrences(of: "−", with: "-"))!
        }
        #expect(zip(changes, changes.dropFirst()).allSatisfy { abs($0) >= abs($1) })
        #expect(rows.allSatisfy { $0.hasSuffix("▲ |") || $0.hasSuffix("▼ |") })
        #expect(rows[0].hasPrefix("| product\\_view | purchase |") || rows[0].hasPrefix("| product\\_view | (end) |"))
        // Every stage is in the funnel table, in template order.
        let stages = tableRows(md, after: "## Stage funnel").map { String($0.split(separator: "|")[0].trimmingCharacters(in: .whitespaces)) }
        #expect(stages == c.stages.map { $0.names.text("en") })
        let notSignificant = c.transitions.filter { $0.change.status == .notSignificant }.count
        #expect(md.contains("- Transitions: \(notSignificant) not significant"))
    }

    @Test func maxRowsCutsLongTables() throws {
        let md = ComparisonReport(comparison: try planted(), maxRows: 1).markdown()
        #expect(tableRows(md, after: "### Transitions").count == 1)
        #expect(md.contains("more rows in the JSON report"))
    }

    @Test func thaiHeadingsStageNamesAndLabels() throws {
        // Thai activities fall in the unassigned stage; their names must come through whole.
        var before: [(String, String, Int64)] = [], after: [(String, String, Int64)] = []
        for i in 0..<100 {
            before += [("b\(i)", "product_view", 0), ("b\(i)", i < 20 ? "ชำระเงิน" : "ดูสินค้า", 1)]
            after += [("a\(i)", "product_view", 0), ("a\(i)", i < 60 ? "ชำระเงิน" : "ดูสินค้า", 1)]
        }
        let miner = Miner(template: template)
        let c = try JourneyComparison(before: miner.mine(makeTable(before)), after: miner.mine(makeTable(after)),
                                      beforeLabel: "ก่อนแคมเปญ", afterLabel: "หลังแคมเปญ")
        let md = ComparisonReport(comparison: c, language: "th").markdown()
        #expect(md.hasPrefix("# การเปรียบเทียบเส้นทางของลูกค้า: ก่อนแคมเปญ → หลังแคมเปญ\n"))
        for text in ["## กรวยตามขั้นตอน", "| การพิจารณา |", "## การเปลี่ยนแปลงที่มีนัยสำคัญ", "| ชำระเงิน | ไม่ได้จัดกลุ่ม |",
                     "| product\\_view | ชำระเงิน | 20/100 (20.0%) | 60/100 (60.0%) | +40.0 จุด | +200.0% |"] {
            #expect(md.contains(text), "\(text)")
        }
        let json = String(decoding: try c.jsonData(), as: UTF8.self)
        #expect(json.contains("\"to\" : \"ชำระเงิน\"") && json.contains("\"label\" : \"ก่อนแคมเปญ\""))
        #expect(json.contains("\"th\" : \"การพิจารณา\""))
    }

    @Test func markdownEscapesNames() {
        #expect(ComparisonReport.escape("a|b*c_d\nx") == "a\\|b\\*c\\_d x")
        #expect(ComparisonReport.escape("ดูสินค้า") == "ดูสินค้า")
        #expect(ComparisonReport.pValue(0.00001) == "<0.0001" && ComparisonReport.pValue(0.0321) == "0.032")
        #expect(ComparisonReport.pValue(1) == "1")
        #expect(ComparisonReport.signed(-0.04, suffix: " pp") == "0.0 pp" && ComparisonReport.signed(2.25, suffix: "%") == "+2.2%")
    }

    @Test func identicalSidesHaveNothingSignificant() throws {
        let g = try Miner(template: template).mine(makeTable(JourneyGenerator.base.rows(journeys: 500, seed: 4)))
        let c = try JourneyComparison(before: g, after: g)
        #expect(c.significantCount == 0 && c.allChanges.allSatisfy { $0.direction == .unchanged })
        #expect(ComparisonReport(comparison: c).markdown().contains("No significant changes in touchpoints or transitions."))
    }

    @Test func jsonHasFormatVersionAndEveryKey() throws {
        let c = try planted()
        let object = try JSONSerialization.jsonObject(with: c.jsonData()) as! [String: Any]
        #expect(object["format"] as? String == "journeymap.comparison" && object["version"] as? Int == 1)
        #expect(Set(object.keys) == ["format", "version", "alpha", "minCount", "minimumExpected", "minEffect", "method", "before",
                                     "after", "windows", "tests", "stages", "touchpoints", "transitions", "warnings"])
        let rowKeys: Set<String> = ["before", "after", "change", "relativeChange", "direction", "test", "p", "q", "significant", "status"]
        for row in object["transitions"] as! [[String: Any]] { #expect(Set(row.keys) == rowKeys.union(["from", "to"])) }
        for row in object["touchpoints"] as! [[String: Any]] { #expect(Set(row.keys) == rowKeys.union(["name", "stage"])) }
        for row in object["stages"] as! [[String: Any]] { #expect(Set(row.keys) == rowKeys.union(["id", "names", "color"])) }
        let tests = object["tests"] as! [String: Int]
        #expect(tests["family"] == c.testedCount && tests["significant"] == c.significantCount)
        // Newer versions are refused with a message.
        let newer = String(decoding: try c.jsonData(), as: UTF8.self).replacingOccurrences(of: "\"version\" : 1", with: "\"version\" : 2")
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(JourneyComparison.self, from: Data(newer.utf8)) }
    }
}
