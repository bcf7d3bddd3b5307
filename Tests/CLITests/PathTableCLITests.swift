import Foundation
import Testing
import JourneyTestSupport

/// Path tables — one row per distinct path with counts, as ChannelAttribution
/// (`path;total_conversions;total_conversion_value;total_null`) and Google Analytics'
/// "Top Conversion Paths" export them — had been refused ("cannot tell which columns are the
/// case, activity and timestamp"). They are read as that many journeys, converting ones ending
/// in "conversion", without times: no time span, no time labels, no ties warning; attribution
/// credits what a hand count of the table gives. Rows made up in the tables' shapes.
@Suite struct PathTableCLITests {
    let folder: TemporaryDirectory
    var dir: URL { folder.url }

    init() throws {
        folder = try TemporaryDirectory("journeymap-paths")
    }

    @discardableResult
    func write(_ name: String, _ text: String) throws -> String {
        let path = dir.appendingPathComponent(name).path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    func run(_ arguments: [String]) throws -> CLI.Run { try CLI.run(arguments, in: dir) }

    static let channelAttribution = """
        path;total_conversions;total_conversion_value;total_null
        eta > iota > alpha > eta;1;0.244;3
        iota > iota > iota > iota;2;3.195;6
        alpha > iota > alpha;2;6.754;6
        beta > eta;1;2.402;3
        alpha;0;0;5

        """

    @Test func channelAttributionTablesAreJourneys() throws {
        let log = try write("Data.csv", Self.channelAttribution)
        let stats = try run(["stats", log])
        #expect(stats.status == 0, "\(stats.stderr)")
        // 6 + 8 + 8 + 4 + 5 journeys; events: steps × journeys, plus one conversion each of 6.
        #expect(stats.stdout.contains("Journeys:    29"), "\(stats.stdout)")
        let events: Int = 4 * 4 + 4 * 8 + 3 * 8 + 2 * 4 + 5 + 6
        #expect(stats.stdout.contains("Events:      \(events)"), "\(stats.stdout)")
        #expect(!stats.stdout.contains("Time span"), "a path table has no times")
        #expect(stats.stdout.contains("conversion: 6 events, 6 journeys"), "\(stats.stdout)")
        #expect(!stats.stderr.contains("same time"), "no ties warning: \(stats.stderr)")

        let mine = try run(["mine", log, "-o", "-"])
        #expect(mine.status == 0, "\(mine.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(mine.stdout.utf8)) as? [String: Any])
        #expect((json["source"] as? [String: Any])?["untimed"] as? Bool == true)
        #expect(json["firstTimestamp"] == nil && json["timeSpan"] == nil)

        // First touch: eta 1, iota 2, alpha 2, beta 1; last touch: eta 2, iota 2, alpha 2;
        // linear: eta 1/2 + 1/2, iota 1/4 + 2 + 2/3, alpha 1/4 + 4/3, beta 1/2.
        let attribution = try run(["attribution", log, "--conversion", "conversion", "-o", "a.csv"])
        #expect(attribution.status == 0, "\(attribution.stderr)")
        let table = try String(contentsOf: dir.appendingPathComponent("a.csv"), encoding: .utf8)
        let rows = Dictionary(uniqueKeysWithValues: table.split(separator: "\n").dropFirst().map { line in
            let f = line.split(separator: ",").map(String.init)
            return (f[0], f)
        })
        #expect(rows["alpha"]?[3] == "2" && rows["alpha"]?[4] == "2", "\(table)")
        #expect(rows["beta"]?[3] == "1" && rows["beta"]?[4] == "0", "\(table)")
        #expect(abs((Double(rows["iota"]?[5] ?? "") ?? 0) - (0.25 + 2 + 2.0 / 3)) < 1e-9, "\(table)")

        let time = try run(["map", log, "--metric", "time", "-o", "m.svg"])
        #expect(time.status == 64 && time.stderr.contains("holds paths without times (a path table)"), "\(time.stderr)")
        let map = try run(["map", log, "-o", "m.svg"])
        #expect(map.status == 0, "\(map.stderr)")
    }

    /// Google Analytics' export: a `#` preamble above the header, commas in quoted counts,
    /// conversions only (every path converted).
    @Test func analyticsConversionPathsWithTheirPreamble() throws {
        let log = try write("Top Conversion Paths.csv", """
            # ----------------------------------------
            # All Web Site Data
            # Top Conversion Paths
            # 20230101-20230131
            # ----------------------------------------

            MCF Channel Grouping Path,Conversions,Conversion Value
            Organic Search > Direct,12,340.00
            Direct,30,"1,200.00"
            Paid Search > Organic Search > Direct,"1,234",99.00

            """)
        let stats = try run(["stats", log])
        #expect(stats.status == 0, "\(stats.stderr)")
        #expect(stats.stdout.contains("Journeys:    1,276"), "\(stats.stdout)")
        #expect(stats.stdout.contains("conversion: 1,276 events, 1,276 journeys"), "\(stats.stdout)")
    }

    /// A count that is no whole number names its line, column and the skip flag; an event log
    /// with a path column of breadcrumbs (`Home > Shoes`) and a time stays an event log.
    @Test func badCountsAndEventLogsWithPaths() throws {
        let bad = try write("bad.csv", "path;total_conversions;total_null\na > b;1;x\nb;2;0\n")
        let r = try run(["stats", bad])
        #expect(r.status == 65, "\(r.stderr)")
        #expect(r.stderr.contains("bad.csv:2: column \"total_null\": expected a whole number of journeys, found \"x\"")
                && r.stderr.contains("--on-error skip"), "\(r.stderr)")
        let skipped = try run(["stats", bad, "--on-error", "skip"])
        #expect(skipped.status == 0 && skipped.stdout.contains("Journeys:    2"), "\(skipped.stdout) \(skipped.stderr)")
        let crumbs = try write("crumbs.csv", "user_id,timestamp,path\nu1,2024-01-01T00:00:00Z,Home > Shoes\nu1,2024-01-01T00:01:00Z,Home > Bags\n")
        let bare = try run(["stats", crumbs])
        #expect(bare.status == 65 && bare.stderr.contains("name it with --activity (likely: path)"), "\(bare.stderr)")
        let e = try run(["stats", crumbs, "--activity", "path"])
        #expect(e.status == 0 && e.stdout.contains("Journeys:    1") && e.stdout.contains("Home > Shoes"), "\(e.stdout) \(e.stderr)")
    }
}
