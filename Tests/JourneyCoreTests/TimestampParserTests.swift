import Testing
@testable import JourneyCore

@Suite struct TimestampParserTests {
    let p = TimestampParser()

    @Test func isoWithZoneAndFraction() {
        // 2011-10-11 13:45:40.276 +02:00 == 11:45:40.276Z
        let v = p.parse("2011-10-11 13:45:40.276000+02:00")
        #expect(v == p.parse("2011-10-11T11:45:40.276Z"))
        #expect(formatISO8601(v!) == "2011-10-11T11:45:40.276Z")
    }

    @Test func zoneForms() {
        let z = p.parse("2024-05-19T08:30:00Z")!
        #expect(p.parse("2024-05-19T15:30:00+07:00") == z)
        #expect(p.parse("2024-05-19T15:30:00+0700") == z)
        #expect(p.parse("2024-05-19T15:30:00+07") == z)
        #expect(p.parse("2024-05-19 08:30:00 UTC") == z)
        #expect(p.parse("2024-05-19T08:30") == z - 0)
    }

    /// Disco's and ProM's CSV exports write the date year first with slashes: read as ISO.
    @Test func yearFirstWithSlashes() {
        #expect(p.parse("2014/10/22 11:15:41.000") == p.parse("2014-10-22T11:15:41Z"))
        #expect(p.parse("2014/10/22") == p.parse("2014-10-22"))
        #expect(p.parse("2014/10/22T11:15:41+07:00") == p.parse("2014-10-22T04:15:41Z"))
        // Not mixed separators, not a month 13 or a day 31 in a month of 30 (no year/day/month).
        #expect(p.parse("2014/10-22") == nil)
        #expect(p.parse("2014/22/10") == nil)
        #expect(p.parse("2014/09/31") == nil)
        // Day or month first stays for --timestamp-format (which of them is the log's to say).
        #expect(p.parse("22/10/2014") == nil)
    }

    @Test func localTimesUseDefaultOffset() {
        let bangkok = TimestampParser(defaultOffsetSeconds: 7 * 3600)
        #expect(bangkok.parse("2024-05-19 15:30:00") == p.parse("2024-05-19T08:30:00Z"))
    }

    @Test func epochByMagnitude() {
        let s = p.parse("1700000000")!
        #expect(p.parse("1700000000000") == s)
        #expect(p.parse("1700000000000000") == s)
        #expect(p.parse("1700000000000000000") == s)
        #expect(p.parse("1700000000.5") == s + 500_000)
        #expect(TimestampParser(epochUnit: .milliseconds).parse("1700000000") == 1_700_000_000_000)
    }

    @Test func rejectsGarbage() {
        #expect(p.parse("yesterday") == nil)
        #expect(p.parse("2024-13-01") == nil)
        #expect(p.parse("2023-02-29") == nil)
        #expect(p.parse("") == nil)
        #expect(p.parse("2024-05-19T08:30:00+25:00") == nil)
    }

    @Test func civilRoundTrip() {
        for d: Int64 in [-800_000, -1, 0, 1, 19_000, 2_000_000] {
            let (y, m, dd) = civilFromDays(d)
            #expect(daysFromCivil(y, m, dd) == d)
        }
    }

    @Test func customFormat() throws {
        let f = TimestampParser(format: try TimestampFormat("%d/%m/%Y %I:%M %p"))
        #expect(f.parse("19/05/2024 08:30 PM") == p.parse("2024-05-19T20:30:00Z"))
        #expect(throws: TimestampFormatError.self) { try TimestampFormat("%Q") }
    }
}
