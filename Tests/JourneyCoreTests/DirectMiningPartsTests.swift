import Foundation
import Testing
@testable import JourneyCore
@testable import JourneyIO
import CRowScan

/// The shortcuts `DirectCSVMiner` takes agree with what they stand in for.
@Suite struct DirectMiningPartsTests {
    /// `UTCStampCache` gives `TimestampParser.parse`'s answer for every string, cached or not.
    @Test func stampCacheAgreesWithTheParser() {
        var rng = SplitMix64(seed: 42)
        let parser = TimestampParser()
        var cache = UTCStampCache(parser: parser)
        var strings: [String] = ["2024-02-29T23:59:59Z", "2023-02-29T10:00:00Z", "2024-01-01T24:00:00Z",
                                 "2024-01-01T23:60:00Z", "2024-01-01T23:59:60Z", "2024-13-01T10:00:00Z",
                                 "2024-01-01t10:00:00z", "2024-01-01T1a:00:00Z", "2024-01-01T10:00:00+07",
                                 "2024-01-01 10:00:00Z", "1700000000", "0000-01-01T00:00:00Z", "9999-12-31T23:59:59Z"]
        for _ in 0..<20_000 {
            let day = Int(rng.next() % 40), hour = Int(rng.next() % 26), minute = Int(rng.next() % 61)
            let second = Int(rng.next() % 61)
            strings.append(String(format: "2024-%02d-%02dT%02d:%02d:%02dZ", 1 + day % 13, 1 + day, hour, minute, second))
        }
        for round in 0..<2 {  // the second round hits the cache
            for s in strings {
                var copy = s
                let expected = parser.parse(s)
                let got = copy.withUTF8 { cache.parse(UnsafeRawBufferPointer($0)) }
                #expect(got == expected, "\(s) (round \(round))")
            }
        }
        var withFormat = parser
        withFormat.format = try? TimestampFormat("%Y-%m-%dT%H:%M:%SZ")
        if withFormat.format != nil {
            var formatted = UTCStampCache(parser: withFormat)
            var s = "2024-05-01T10:00:00Z"
            #expect(s.withUTF8 { formatted.parse(UnsafeRawBufferPointer($0)) } == withFormat.parse(s))
        }
    }

    struct Sample: Encodable {
        var name = "a\"b\\c\n\t\r\u{8}\u{c}\u{1}\u{1f}\u{7f}/é ก 😀"
        var empty: [Int] = []
        var emptyObject: [String: Int] = [:]
        var keys: [String: Int] = ["a10": 1, "a9": 2, "B": 3, "a": 4, "é": 5, "ก": 6, "": 7, "a_b": 8]
        var numbers: [Double] = [0, -0.0, 1, 0.1, 1.0 / 3, 1e-7, 1e16, 1e21, 123456789.125, 5e-324, -2.5]
        var integers: [Int64] = [Int64.min, -1, 0, Int64.max]
        var flags = [true, false]
        var optional: Int? = nil
        var present: Int? = 3
        var nested: [[String: [Int]]] = [["x": [1, 2]], [:]]
    }

    /// Byte for byte what `JSONEncoder` writes with the journey file's options.
    @Test func prettyEncoderMatchesJSONEncoder() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let sample = Sample()
        #expect(try PrettyJSONEncoder().encode(sample) == Array(try encoder.encode(sample)))
        var rng = SplitMix64(seed: 9)
        let doubles = (0..<5000).map { _ in Double(bitPattern: rng.next() >> 2) }
        #expect(try PrettyJSONEncoder().encode(doubles) == Array(try encoder.encode(doubles)))
        #expect(throws: EncodingError.self) { _ = try PrettyJSONEncoder().encode([Double.nan]) }
    }

    /// `jm_special_mask64` (SSE2 on x86-64) marks exactly the delimiter, the quote and the bytes
    /// below 0x20, for every byte value (those above 0x7f are not below 0x20: the compare is
    /// unsigned) and delimiters of either kind, at any alignment.
    @Test func specialByteMaskIsTheDefinition() {
        var rng = SplitMix64(seed: 7)
        var bytes = (0..<4096).map { UInt8(truncatingIfNeeded: $0) }  // every value, in every lane
        for _ in 0..<8192 { bytes.append(UInt8(truncatingIfNeeded: rng.next())) }
        bytes.withUnsafeBufferPointer { b in
            for delimiter: UInt8 in [0x2c, 0x3b, 0x09, 0x7c, 0xa0, 0xff] {
                for at in stride(from: 0, to: b.count - 64, by: 13) {
                    var expected: UInt64 = 0
                    for k in 0..<64 where b[at + k] == delimiter || b[at + k] == 0x22 || b[at + k] < 0x20 {
                        expected |= 1 << UInt64(k)
                    }
                    let got = jm_special_mask64(b.baseAddress! + at, delimiter)
                    guard got == expected else {
                        Issue.record("delimiter \(delimiter) at \(at): \(String(got, radix: 2)) != \(String(expected, radix: 2))")
                        return
                    }
                }
            }
        }
    }

    /// Random rows over an alphabet of field text (ASCII and Thai UTF-8), delimiters, line
    /// ends and the bytes the splitter must leave to the scanner (quote, CR, tab, NUL).
    private static func randomRows(_ rng: inout SplitMix64, fields: Int, rows: Int) -> [UInt8] {
        let text: [[UInt8]] = [Array("u0001".utf8), Array("ad_click".utf8), Array("ก".utf8), [], Array("2024-01-01T10:00:00Z".utf8),
                               Array(String(repeating: "x", count: 70).utf8), Array("\"q,x\"".utf8)]
        let odd: [[UInt8]] = [[0x22], [0x0d], [0x09], [0], [0x22, 0x61, 0x22], [0x0d, 0x0a], [0x2c], [0x0a]]
        var out: [UInt8] = []
        for _ in 0..<rows {
            for f in 0..<fields {
                if f > 0 { out.append(0x2c) }
                let field = text[Int(rng.next() % UInt64(text.count))]
                out += field
                // After some text, so that a quote never opens a field that swallows the rest.
                if !field.isEmpty && rng.next() % 25 == 0 { out += odd[Int(rng.next() % UInt64(odd.count))] }
            }
            out += rng.next() % 7 == 0 ? [0x0d, 0x0a] : [0x0a]
            if rng.next() % 40 == 0 { out.append(0x0a) }  // a blank line
        }
        return out
    }

    /// Every row `PlainRowSplitter` splits, `CSVRowScanner` splits the same way (same fields,
    /// same next row, nothing to judge); the rest it leaves to the scanner. Also with the
    /// bytes cut anywhere (a row not ending before the cut is never split).
    @Test(arguments: [1, 3, 4, 7])
    func plainRowSplitterAgreesWithTheScanner(fields: Int) {
        var rng = SplitMix64(seed: UInt64(fields))
        let bytes = Self.randomRows(&rng, fields: fields, rows: 3000)
        var split = 0, left = 0
        bytes.withUnsafeBufferPointer { buffer in
            let b = buffer.baseAddress!, n = buffer.count
            var splitter = PlainRowSplitter(delimiter: 0x2c, fieldCount: fields)
            var scanner = CSVRowScanner(delimiter: 0x2c, maxFields: fields + 1)
            /// The next row's start, and whether the splitter split this row.
            func check(start: Int, end: Int, _ splitter: inout PlainRowSplitter) -> (next: Int, split: Bool)? {
                let got = splitter.split(b, start: start, end: end)
                guard case .row(let next) = scanner.scan(b, start: start, end: end, eof: end == n, line: 0) else {
                    #expect(got == nil, "row at \(start) split though the scanner needs more bytes")
                    return nil
                }
                guard let got else { return (next, false) }
                #expect(got == next, "row at \(start)")
                #expect(scanner.fieldCount == fields && scanner.problem == .none && !scanner.anyEscaped && scanner.newlines == 0,
                        "row at \(start) split though the scanner judges it")
                for i in 0..<min(fields, scanner.fieldCount) {
                    let fieldStart = i == 0 ? start : splitter.ends[i - 1] + 1
                    #expect(fieldStart == scanner.starts[i] && splitter.ends[i] == scanner.ends[i], "row at \(start) field \(i)")
                }
                return (next, true)
            }
            // Row by row, the splitter's block carried from row to row.
            var pos = 0
            while pos < n, let row = check(start: pos, end: n, &splitter) {
                if row.split { split += 1 } else { left += 1 }
                pos = row.next
            }
            #expect(pos == n)
            // The same walk forgetting the block before every row.
            var forgetful = PlainRowSplitter(delimiter: 0x2c, fieldCount: fields)
            pos = 0
            while pos < n, let row = check(start: pos, end: n, &forgetful) {
                forgetful.reset()
                pos = row.next
            }
            #expect(pos == n)
            // Cut anywhere: a fresh splitter per cut.
            for _ in 0..<2000 {
                let start = Int(rng.next() % UInt64(n))
                guard start == 0 || b[start - 1] == 0x0a else { continue }
                let end = start + 1 + Int(rng.next() % 200)
                guard end <= n else { continue }
                var fresh = PlainRowSplitter(delimiter: 0x2c, fieldCount: fields)
                _ = check(start: start, end: end, &fresh)
            }
        }
        #expect(split > 300 && left > 50, "split \(split), left to the scanner \(left)")
    }
}
