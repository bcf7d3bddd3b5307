import Foundation
import Testing
@testable import JourneyCore

@Suite struct CompareInputsTests {
    let day: Int64 = 86_400_000_000
    func midnight(_ y: Int, _ m: Int, _ d: Int) -> Int64 { daysFromCivil(y, m, d) * 86_400_000_000 }

    @Test func datesAreWholeDaysAndDatetimesExact() throws {
        let w = try TimeWindow(parsing: "2024-04-18..2024-05-18")
        #expect(w.start == midnight(2024, 4, 18) && w.end == midnight(2024, 5, 19))
        let one = try TimeWindow(parsing: "2024-12-31..2024-12-31")
        #expect(one.start == midnight(2024, 12, 31) && one.end == midnight(2025, 1, 1))
        let leap = try TimeWindow(parsing: "2024-02-28..2024-02-29")
        #expect(leap.end == midnight(2024, 3, 1))
        let exact = try TimeWindow(parsing: "2024-05-19T08:00..2024-05-19 18:30:15")
        #expect(exact.start == midnight(2024, 5, 19) + 8 * 3_600_000_000)
        #expect(exact.end == midnight(2024, 5, 19) + (18 * 3600 + 30 * 60 + 15) * 1_000_000)
        let open = try TimeWindow(parsing: "..2024-05-18")
        #expect(open.start == nil && open.end == midnight(2024, 5, 19))
        let openEnd = try TimeWindow(parsing: "2024-05-19..")
        #expect(openEnd.start == midnight(2024, 5, 19) && openEnd.end == nil)
        #expect(w.description == "2024-04-18T00:00:00Z ..< 2024-05-19T00:00:00Z")
    }

    @Test func datesFollowTheTimezone() throws {
        let bangkok = TimestampParser(defaultOffsetSeconds: 7 * 3600)
        let w = try TimeWindow(parsing: "2024-04-18..2024-04-18", parser: bangkok)
        #expect(w.start == midnight(2024, 4, 18) - 7 * 3_600_000_000)
        #expect(w.end == midnight(2024, 4, 19) - 7 * 3_600_000_000)
        let zoned = try TimeWindow(parsing: "2024-04-18T00:00Z..2024-04-19T00:00+07:00", parser: bangkok)
        #expect(zoned.start == midnight(2024, 4, 18) && zoned.end == midnight(2024, 4, 19) - 7 * 3_600_000_000)
    }

    @Test(arguments: [
        ("2024-05-18", "no \"..\""), ("2024-02-30..2024-03-01", "\"2024-02-30\" is not a date"),
        ("2024-05-18..2024-05-17", "not after the start"), ("..", "both ends are empty"),
        ("2024-01-01..2024-02-01..2024-03-01", "more than one"), ("2024-05-18..tomorrow", "end \"tomorrow\""),
        ("2024-05-19T10:00..2024-05-19T10:00", "not after the start"),
    ])
    func badWindowsSayWhatIsWrong(_ text: String, _ expected: String) {
        do {
            _ = try TimeWindow(parsing: text, flag: "--after")
            Issue.record("\(text) was accepted")
        } catch let e as ComparisonError {
            #expect(e.description.hasPrefix("--after \"\(text)\": "))
            #expect(e.description.contains(expected), "\(e)")
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test func overlap() throws {
        let a = try TimeWindow(parsing: "2024-04-18..2024-05-18"), b = try TimeWindow(parsing: "2024-05-19..2024-06-07")
        #expect(!a.overlaps(b) && !b.overlaps(a))
        #expect(a.overlaps(try TimeWindow(parsing: "2024-05-18..")))
        #expect(try TimeWindow(parsing: "..2024-05-01").overlaps(try TimeWindow(parsing: "..2024-01-01")))
    }

    @Test func attributeSplitParsing() throws {
        #expect(try AttributeSplit(parsing: "platform=mobile,desktop") == AttributeSplit(attribute: "platform", before: "mobile", after: "desktop"))
        for bad in ["platform", "=a,b", "platform=mobile", "platform=a,b,c", "platform=a,", "platform=a,a"] {
            #expect(throws: ComparisonError.self) { try AttributeSplit(parsing: bad) }
        }
    }

    /// Six days of journeys, one per hour, platform alternating.
    func log() -> EventTable {
        var rows: [(String, String, Int64)] = []
        var platform: [String] = []
        let start = daysFromCivil(2024, 5, 16) * 86_400
        for r in JourneyGenerator.base.rows(journeys: 144, seed: 9, start: start) {
            rows.append(r)
            platform.append(Int(r.0.dropFirst())! % 2 == 0 ? "mobile" : "desktop")
        }
        return makeTable(rows, attributes: ["platform": platform])
    }

    @Test func splitByWindowsMinesEachSide() throws {
        let table = log()
        let template = JourneyTemplate.builtinDefault()
        let before = try TimeWindow(parsing: "2024-05-16..2024-05-17"), after = try TimeWindow(parsing: "2024-05-19..")
        let pair = try ComparisonInputs.split(table: table, template: template, by: .windows(before: before, after: after))
        #expect(pair.before.journeys == 48 && pair.after.journeys == 72)
        #expect(pair.beforeLabel == "2024-05-16..2024-05-17" && pair.afterLabel == "2024-05-19..")
        let direct = try Miner(template: template, options: MiningOptions(since: midnight(2024, 5, 19))).mine(table)
        // Windows take whole journeys (none of these crosses midnight): the same journeys as an
        // event filter, and the pair says how they were assigned.
        #expect(pair.after.journeys == direct.journeys && pair.after.events == direct.events)
        #expect(pair.windows == WindowAssignment(assignBy: "start", journeys: 144, spanningBefore: 0, spanningAfter: 0, leftOut: 24))
        // A user --since narrows the window further.
        let narrowed = try ComparisonInputs.split(table: table, template: template,
                                                  options: MiningOptions(since: midnight(2024, 5, 17)),
                                                  by: .windows(before: before, after: after))
        #expect(narrowed.before.journeys == 24)
        let c = try pair.compare()
        #expect(c.before.label == "2024-05-16..2024-05-17" && c.before.journeys == 48)
    }

    @Test func splitByAttribute() throws {
        let pair = try ComparisonInputs.split(table: log(), template: JourneyTemplate.builtinDefault(),
                                              by: .attribute(try AttributeSplit(parsing: "platform=mobile,desktop")))
        #expect(pair.before.journeys == 72 && pair.after.journeys == 72)
        #expect(pair.beforeLabel == "platform=mobile" && pair.before.filters.whereClauses == ["platform=mobile"])
        let union = try pair.unionGraph()
        #expect(union.journeys == 144)
    }

    @Test func splitErrorsAreActionable() throws {
        let table = log(), template = JourneyTemplate.builtinDefault()
        let a = try TimeWindow(parsing: "2024-05-16..2024-05-18"), b = try TimeWindow(parsing: "2024-05-18..")
        #expect(throws: ComparisonError.self) { try ComparisonInputs.split(table: table, template: template, by: .windows(before: a, after: b)) }
        do {
            _ = try ComparisonInputs.split(table: table, template: template,
                                           by: .attribute(AttributeSplit(attribute: "country", before: "th", after: "sg")))
            Issue.record("missing attribute accepted")
        } catch let e as ComparisonError {
            #expect(e.description.contains("no attribute \"country\"") && e.description.contains("read: platform"))
        }
        do {
            _ = try ComparisonInputs.split(table: table, template: template,
                                           by: .windows(before: try TimeWindow(parsing: "2023-01-01..2023-01-31"), after: b))
            Issue.record("empty side accepted")
        } catch let e as ComparisonError {
            #expect(e.description.contains("the before side has no journeys"))
            #expect(e.description.contains("from 2024-05-16T00:00:00Z"))
        }
    }
}
