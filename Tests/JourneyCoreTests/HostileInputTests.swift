import Foundation
import Testing
import JourneyCore
@testable import JourneyIO

/// A source of `prefix`, then `pattern` repeated until `total` bytes, then `suffix`, made up
/// as it is read (nothing is allocated for the body). Counts the bytes handed out, so a test
/// can prove a reader stopped early instead of holding the whole input.
final class GeneratedByteSource: ByteSource {
    let name: String
    private let prefix: [UInt8], pattern: [UInt8], suffix: [UInt8]
    private let total: Int
    private(set) var served = 0

    init(name: String, prefix: String, pattern: String, total: Int, suffix: String = "") {
        self.name = name
        self.prefix = Array(prefix.utf8); self.pattern = Array(pattern.utf8); self.suffix = Array(suffix.utf8)
        self.total = total
    }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        let end = total + suffix.count
        var n = 0
        while n < buffer.count && served < end {
            let i = served
            let byte: UInt8
            if i < prefix.count { byte = prefix[i] }
            else if i < total { byte = pattern[(i - prefix.count) % pattern.count] }
            else { byte = suffix[i - total] }
            buffer[n] = byte
            n += 1
            served += 1
        }
        return n
    }
}

/// Reads `source` with `reader`, returning the error it threw (nil when it read).
func readError(_ source: GeneratedByteSource, with reader: some EventLogReader, options: ReadOptions = ReadOptions()) -> InputError? {
    var s = source
    do {
        _ = try reader.read(&s, into: EventTable(), options: options)
        return nil
    } catch let e as InputError {
        return e
    } catch {
        Issue.record("unexpected error \(error)")
        return nil
    }
}

/// Hostile and broken input (issue 8): every case below has a defined outcome, listed in
/// docs/input-handling.md — a refusal naming file and line, or a counted skip — and bounded
/// memory and time.
@Suite struct HostileInputTests {
    let csv = CSVReader(), jsonl = JSONLinesReader(), xes = XESReader()
    static let header = "user_id,timestamp,event\n"

    // MARK: XES

    /// Refused at the declarations (line 2), before any entity could be expanded.
    @Test func billionLaughsIsRefusedAtOnce() {
        var text = "<?xml version=\"1.0\"?>\n<!DOCTYPE log [\n <!ENTITY lol \"lol\">\n"
        for i in 1...9 { text += " <!ENTITY lol\(i) \"" + String(repeating: "&lol\(i == 1 ? "" : String(i - 1));", count: 10) + "\">\n" }
        text += "]>\n<log><trace><string key=\"concept:name\" value=\"&lol9;\"/></trace></log>\n"
        var caught: Error?
        do { _ = try read(text, with: xes, name: "laughs.xes") } catch { caught = error }
        let e = caught as? InputError
        #expect(e?.message.contains("entity declarations are refused") == true, "\(String(describing: caught))")
        #expect(e?.description.hasPrefix("laughs.xes:2:") == true, "\(String(describing: e))")
    }

    @Test(arguments: [
        "<!DOCTYPE log [ <!ENTITY xxe SYSTEM \"file:///etc/passwd\"> ]>",
        "<!DOCTYPE log [ <!ENTITY % dtd SYSTEM \"http://10.255.255.1/evil.dtd\"> %dtd; ]>",
        "<!ENTITY xxe SYSTEM \"file:///etc/passwd\">",
    ])
    func externalEntitiesAreRefused(_ doctype: String) {
        let text = "<?xml version=\"1.0\"?>\n\(doctype)\n<log><trace><event><string key=\"concept:name\" value=\"&xxe;\"/></event></trace></log>"
        #expect {
            _ = try read(text, with: xes, name: "xxe.xes")
        } throws: { ($0 as? InputError)?.message.contains("<!ENTITY") == true }
    }

    /// An external DTD is never fetched (the tokenizer does no I/O): the file reads although
    /// the DTD is unreachable (a fetch would hang for the TCP connect timeout, ~2 minutes, then
    /// fail the read); an undeclared entity is an error, never a lookup. The limit only stops a
    /// hang: one minute was exceeded by CI's test pool on a busy 2-core machine.
    @Test(.timeLimit(.minutes(10))) func externalDTDIsIgnoredAndUnknownEntitiesRefused() throws {
        let doc = "<?xml version=\"1.0\"?>\n<!DOCTYPE log SYSTEM \"http://10.255.255.1/evil.dtd\">\n<log><trace>"
            + "<string key=\"concept:name\" value=\"c1\"/><event><string key=\"concept:name\" value=\"%@\"/>"
            + "<date key=\"time:timestamp\" value=\"2024-01-01T00:00:00Z\"/></event></trace></log>"
        let table = try? read(doc.replacingOccurrences(of: "%@", with: "a"), with: xes, name: "dtd.xes").0
        #expect(table?.count == 1)
        #expect {
            _ = try read(doc.replacingOccurrences(of: "%@", with: "&passwd;"), with: xes, name: "dtd.xes")
        } throws: { ($0 as? InputError)?.message.contains("unknown entity &passwd;") == true }
    }

    @Test func nestingDepthIsBounded() {
        let deep = String(repeating: "<list key=\"x\">", count: 300)
        let text = "<log><trace>\(deep)</trace></log>"
        #expect {
            _ = try read(text, with: xes, name: "deep.xes")
        } throws: { ($0 as? InputError)?.message.contains("nested deeper than 256 levels") == true }
    }

    /// 100 MB of ever deeper elements: refused within the first chunk read, fast.
    @Test func deepLargeFileFailsFast() {
        let source = GeneratedByteSource(name: "deep.xes", prefix: "<log>", pattern: "<a>", total: 100_000_000)
        let e = readError(source, with: xes)
        #expect(e?.message.contains("nested deeper") == true)
        #expect(source.served <= 2 << 20, "read \(source.served) bytes before refusing")
    }

    /// A tag that never ends (100 MB attribute value) stops at the row limit.
    @Test func endlessTagIsBounded() {
        let source = GeneratedByteSource(name: "tag.xes", prefix: "<log>\n<trace value=\"", pattern: "x", total: 100_000_000)
        var options = ReadOptions()
        options.maxRecordBytes = 1 << 20
        let e = readError(source, with: xes, options: options)
        #expect(e?.line == 2 && e?.message.contains("longer than 1048576 bytes") == true, "\(String(describing: e))")
        #expect(source.served <= 4 << 20)
    }

    // MARK: A 100 MB line

    @Test(arguments: ["csv", "jsonl"])
    func hundredMegabyteLineIsRefusedWithBoundedMemory(_ format: String) {
        let prefix = format == "csv" ? Self.header + "u1,2024-01-01T00:00:00Z,a\nu1,2024-01-01T00:01:00Z,"
            : "{\"user_id\":\"u1\",\"timestamp\":\"2024-01-01T00:00:00Z\",\"event\":\"a\"}\n{\"user_id\":\"u1\",\"event\":\""
        let source = GeneratedByteSource(name: "long.\(format)", prefix: prefix, pattern: "x", total: 100_000_000, suffix: "\n")
        let e = format == "csv" ? readError(source, with: csv) : readError(source, with: jsonl)
        #expect(e?.description.hasPrefix("long.\(format):\(format == "csv" ? 3 : 2): a row") == true, "\(String(describing: e))")
        #expect(e?.message.contains("--max-line-bytes") == true)
        // At most about twice the 16 MiB limit was ever buffered.
        #expect(source.served <= 40 << 20, "read \(source.served) bytes")
    }

    @Test func raisedLimitReadsTheLongLine() throws {
        let long = String(repeating: "x", count: 3 << 20)
        var options = ReadOptions()
        options.maxRecordBytes = 2 << 20
        #expect(throws: InputError.self) { _ = try read(Self.header + "u1,2024-01-01T00:00:00Z,\(long)\n", with: csv, options: options) }
        options.maxRecordBytes = 4 << 20
        let (table, _) = try read(Self.header + "u1,2024-01-01T00:00:00Z,\(long)\n", with: csv, options: options)
        #expect(table.count == 1 && table.activities.string(table.activityIDs[0]).utf8.count == 3 << 20)
        // The limit is exact: a row of `maxRecordBytes` bytes (line break excluded) is read, one more byte is not.
        options.maxRecordBytes = 1 << 20
        let row = "u1,2024-01-01T00:00:00Z,"
        let fits = row + String(repeating: "y", count: (1 << 20) - row.utf8.count)
        #expect(try read(Self.header + fits + "\n", with: csv, options: options).0.count == 1)
        #expect(throws: InputError.self) { _ = try read(Self.header + fits + "y\n", with: csv, options: options) }
    }

    // MARK: CSV and JSON Lines defects

    /// Names that are not UTF-8 stop the reading with their line (U+FFFD marks could make
    /// different names one), or are counted as skipped.
    @Test func invalidUTF8NamesFailWithTheirLineOrAreCountedAsSkipped() throws {
        let bytes = Array(Self.header.utf8) + Array("u1,2024-01-01T00:00:00Z,a".utf8) + [0xff, 0xfe] + Array("b\n".utf8)
        #expect { _ = try read(bytes, with: csv) } throws: {
            ($0 as? InputError)?.description.hasPrefix("test.csv:2: column \"event\": the activity is not UTF-8 text (bytes 61 FF FE 62)") == true
        }
        var skip = ReadOptions(); skip.onError = .skip
        let (table, _) = try read(bytes + Array("u1,2024-01-01T00:01:00Z,c\n".utf8), with: csv, options: skip)
        #expect(table.count == 1 && table.skipped.reasons["not UTF-8"] == 1)
        let json = Array("{\"user_id\":\"u1\",\"timestamp\":\"2024-01-01T00:00:00Z\",\"event\":\"a".utf8) + [0xc3] + Array("\"}\n".utf8)
        #expect { _ = try read(json, with: jsonl, name: "t.jsonl") } throws: {
            ($0 as? InputError)?.description.hasPrefix("t.jsonl:1: column \"event\": the activity is not UTF-8 text") == true
        }
    }

    @Test func nulByteFailsWithLineOrIsCountedAsSkipped() throws {
        let text = Self.header + "u1,2024-01-01T00:00:00Z,a\0b\nu1,2024-01-01T00:01:00Z,c\n"
        #expect { _ = try read(text, with: csv) } throws: { ($0 as? InputError)?.description.hasPrefix("test.csv:2: NUL byte") == true }
        var skip = ReadOptions(); skip.onError = .skip
        let (table, _) = try read(text, with: csv, options: skip)
        #expect(table.count == 1 && table.skipped.reasons["NUL byte"] == 1)
        let json = "{\"user_id\":\"u1\",\"timestamp\":\"2024-01-01T00:00:00Z\",\"event\":\"a\0\"}\n"
        #expect { _ = try read(json, with: jsonl, name: "t.jsonl") } throws: {
            ($0 as? InputError)?.description.hasPrefix("t.jsonl:1: invalid JSON") == true
        }
    }

    @Test func unbalancedQuoteAtEndOfFileIsFatalWithItsLine() {
        let text = Self.header + "u1,2024-01-01T00:00:00Z,a\nu1,2024-01-01T00:01:00Z,\"never closed\n\n"
        var skip = ReadOptions(); skip.onError = .skip
        for options in [ReadOptions(), skip] {
            #expect { _ = try read(text, with: csv, options: options) } throws: {
                ($0 as? InputError)?.description.hasPrefix("test.csv:3: a quoted field opened on this line is never closed") == true
            }
        }
        #expect { _ = try read("{\"user_id\":\"u1\",\"event\":\"a", with: jsonl, name: "t.jsonl") } throws: {
            ($0 as? InputError)?.description.hasPrefix("t.jsonl:1: invalid JSON") == true
        }
    }

    @Test func emptyFileAndHeaderOnly() throws {
        #expect { _ = try read("", with: csv) } throws: { ($0 as? InputError)?.description == "test.csv:1: empty file: expected a header row" }
        #expect { _ = try read("\n\n", with: jsonl, name: "t.jsonl") } throws: { ($0 as? InputError)?.message.hasPrefix("empty file") == true }
        let (table, _) = try read(Self.header, with: csv)
        #expect(table.count == 0)  // the commands then say "no events: the log has a header but no rows"
    }

    @Test func duplicateHeaderNames() throws {
        #expect { _ = try read("user_id,event,timestamp,event\nu1,a,2024-01-01T00:00:00Z,b\n", with: csv) } throws: {
            ($0 as? InputError)?.description == "test.csv:1: column \"event\": the header has this name twice (columns 2 and 4); rename one"
        }
        // A repeated name that is not used is harmless.
        let (table, _) = try read("user_id,x,timestamp,x,event\nu1,1,2024-01-01T00:00:00Z,2,a\n", with: csv)
        #expect(table.count == 1)
        // JSON: a repeated key, the last value wins (as in most JSON parsers).
        let (t2, _) = try read("{\"user_id\":\"u1\",\"event\":\"a\",\"event\":\"b\",\"timestamp\":\"2024-01-01T00:00:00Z\"}\n",
                               with: jsonl, name: "t.jsonl")
        #expect(t2.activities.string(t2.activityIDs[0]) == "b")
    }

    // MARK: Mining edge cases

    func variants(_ text: String) throws -> [String] {
        let (table, columns) = try read(text, with: csv)
        let g = try Miner(template: .builtinDefault(), options: MiningOptions(threads: 1)).mine(table, columns: columns)
        return g.variants.top.map { $0.path.joined(separator: ">") }
    }

    @Test func oneEventCaseAllEqualAndOutOfOrderTimestamps() throws {
        #expect(try variants(Self.header + "u1,2024-01-01T00:00:00Z,a\n") == ["a"])
        // Equal times keep input order (stable sort).
        #expect(try variants(Self.header + "u1,2024-01-01T00:00:00Z,b\nu1,2024-01-01T00:00:00Z,a\nu1,2024-01-01T00:00:00Z,c\n") == ["b>a>c"])
        // Out of order rows are ordered by time within each case.
        #expect(try variants(Self.header + "u1,2024-01-01T00:02:00Z,c\nu2,2024-01-01T00:00:00Z,a\nu1,2024-01-01T00:00:00Z,a\nu1,2024-01-01T00:01:00Z,b\n")
                .sorted() == ["a", "a>b>c"])
    }

    @Test func dedupeDropsExactDuplicatesOnlyAndCountsThem() throws {
        let text = "user_id,timestamp,event,channel,store\n"
            + "u1,2024-01-01T00:00:00Z,a,web,s1\n"
            + "u1,2024-01-01T00:00:00Z,a,web,s1\n"  // duplicate
            + "u1,2024-01-01T00:00:00Z,a,app,s1\n"  // other channel
            + "u1,2024-01-01T00:00:00Z,a,web,s2\n"  // other attribute
            + "u2,2024-01-01T00:00:00Z,a,web,s1\n"  // other case
            + "u1,2024-01-01T00:00:01Z,a,web,s1\n"  // other time
            + "u1,2024-01-01T00:00:00Z,a,web,s1\n"  // duplicate again
        var options = ReadOptions()
        options.columns.channelColumn = "channel"
        let (table, _) = try read(text, with: csv, options: options, attributes: ["store"])
        let d = table.deduplicated()
        #expect(d.count == 5)
        #expect(d.rows == [0, 2, 3, 4, 5].map { table.rows[$0] })
        #expect(d.skipped.count == 2 && d.skipped.reasons[EventTable.duplicateReason] == 2)
        #expect(d.skipped.examples.first == "duplicate event dropped (--dedupe): case \"u1\", activity \"a\" at 2024-01-01T00:00:00Z")
        let g = try Miner(template: .builtinDefault(), options: MiningOptions(threads: 1)).mine(d, columns: nil)
        #expect(g.skipped.reasons[EventTable.duplicateReason] == 2 && g.events == 5)
        // Nothing to drop: the same table.
        #expect(d.deduplicated() === d)
    }
}
