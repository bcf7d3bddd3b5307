import Foundation
import Testing
@testable import JourneyCore

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
}
