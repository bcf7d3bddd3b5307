import Foundation
import Testing
import JourneyTestSupport

/// A timestamp that reads day first and month first ("12/1/10 8:26", UCI Online Retail): the
/// error had offered both, day first first, and a user who took it read 1 December as 12 January
/// until "12/13/10" stopped the reading. The rows at the start of the file settle it now, through
/// the built binary.
@Suite struct TimestampFormatChoiceCLITests {
    let folder: TemporaryDirectory
    init() throws { folder = try TemporaryDirectory("journeymap-date-order") }

    /// An invoice ledger: `dates` in order, two rows each, and after the first two a row without
    /// a customer (left out before its timestamp is read: the first row the other pattern
    /// refuses is not the first row left out).
    func ledger(_ name: String, dates: [String]) throws -> String {
        var rows = ["InvoiceNo,Description,InvoiceDate,CustomerID"]
        for (i, d) in dates.enumerated() {
            rows.append("\(i),WHITE HEART,\(d),\(17850 + i % 7)")
            rows.append("\(i),LANTERN,\(d),\(17850 + i % 7)")
            if i == 0 { rows.append("0,LANTERN,\(d),") }
        }
        return try folder.write(name, rows.joined(separator: "\n") + "\n")
    }

    static let columns = ["--case", "CustomerID", "--activity", "Description", "--timestamp", "InvoiceDate"]

    func error(_ command: String, _ path: String) throws -> String {
        let r = try CLI.run([command, path] + Self.columns)
        #expect(r.status == 65, "\(r.stdout) \(r.stderr)")
        return r.stderr
    }

    @Test func monthFirstIsSettledByALaterRow() throws {
        let dates = (1...12).map { "12/\($0)/10 8:26" } + ["12/13/10 9:02", "12/20/10 10:00"]
        let path = try ledger("month-first.csv", dates: dates)
        for command in ["stats", "mine"] {
            let e = try error(command, path)
            #expect(e.contains("found \"12/1/10 8:26\"; --timestamp-format \"%m/%d/%y %H:%M\" would read it (it reads all 28 timestamps in the file; \"%d/%m/%y %H:%M\" fails on 4, the first at line 27: \"12/13/10 9:02\")"), "\(command): \(e)")
            #expect(e.contains("--on-error skip leaves such rows out"), "\(e)")
        }
        // Gzipped: the same.
        let gz = path + ".gz"
        #expect(try CLI.run(["-c", "gzip -c '\(path)' > '\(gz)'"], executable: "/bin/sh").status == 0)
        #expect(try error("stats", gz).contains("--timestamp-format \"%m/%d/%y %H:%M\" would read it (it reads all 28 timestamps in the file"))
        // And the pattern named reads the file (but the row without a customer).
        let read = try CLI.run(["stats", path, "--timestamp-format", "%m/%d/%y %H:%M", "--on-error", "skip"] + Self.columns)
        #expect(read.status == 0 && read.stdout.contains("2010-12-01T08:26:00Z .. 2010-12-20T10:00:00Z"), "\(read.stdout) \(read.stderr)")
    }

    @Test func dayFirstIsSettledByALaterRow() throws {
        let path = try ledger("day-first.csv", dates: ["01/12/2010 08:26", "05/12/2010 08:26", "13/12/2010 09:02"])
        let e = try error("stats", path)
        #expect(e.contains("--timestamp-format \"%d/%m/%Y %H:%M\" would read it (it reads all 6 timestamps in the file; \"%m/%d/%Y %H:%M\" fails on 2, the first at line 7: \"13/12/2010 09:02\")"), "\(e)")
    }

    @Test func rowsThatFitBothSaySo() throws {
        let path = try ledger("both.csv", dates: ["01/12/2010 08:26", "05/12/2010 08:26", "11/12/2010 09:02"])
        let e = try error("stats", path)
        #expect(e.contains("--timestamp-format \"%d/%m/%Y %H:%M\" or \"%m/%d/%Y %H:%M\" would read it (each reads all 6 timestamps in the file: which one the file means, its source has to say)"), "\(e)")
    }

    /// A whitespace-aligned table is read again as `LogLoader` reads it (not split on each space).
    @Test func whitespaceTablesAreSettledToo() throws {
        let rows = ["customer  item     date"] + (1...12).map { "c\($0 % 3)        lantern  12/\($0)/2010" } + ["c1        lantern  12/13/2010"]
        let path = try folder.write("ledger.txt", rows.joined(separator: "\n") + "\n")
        let r = try CLI.run(["stats", path, "--delimiter", "whitespace", "--case", "customer", "--activity", "item", "--timestamp", "date"])
        #expect(r.status == 65 && r.stderr.contains("--timestamp-format \"%m/%d/%Y\" would read it (it reads all 13 timestamps in the file; \"%d/%m/%Y\" fails on 1, the first at line 14: \"12/13/2010\")"), "\(r.stderr)")
    }

    /// One pattern only: the message is as before.
    @Test func oneSuggestionIsLeftAlone() throws {
        let path = try ledger("one.csv", dates: ["13/12/2010 08:26", "14/12/2010 08:26"])
        let e = try error("stats", path)
        #expect(e.contains("found \"13/12/2010 08:26\"; --timestamp-format \"%d/%m/%Y %H:%M\" would read it; --on-error skip"), "\(e)")
    }
}
