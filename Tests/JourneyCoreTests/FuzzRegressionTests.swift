import Testing
@testable import JourneyCore
@testable import JourneyIO

/// Inputs the fuzzers (scripts/fuzz, Sources/Fuzz) found or that stress the same paths,
/// replayed the way the fuzz targets read them. Each must end in events or an `InputError`,
/// never a trap, under every chunk size and error policy the fuzzers use.
@Suite struct FuzzRegressionTests {
    /// Reads `bytes` like Sources/Fuzz/FuzzSupport/FuzzReadLog.swift does, for every variant
    /// the fuzzer picks from an input's length (chunk size, on-error, delimiter, attributes).
    /// Returns how many variants threw an `InputError`.
    @discardableResult
    static func replay(_ bytes: [UInt8], _ format: LogFormat) throws -> Int {
        var refused = 0
        for chunk in [8192, 512, 64, 7, 1] {
            for onError in OnError.allCases {
                for delimiter in format == .csv ? [nil, UInt8(ascii: ";")] : [nil] {
                    for attributes in [[], ["channel", "amount"]] {
                        var options = ReadOptions()
                        options.onError = onError
                        options.delimiter = delimiter
                        let table = EventTable(attributeNames: attributes)
                        var source = MemoryByteSource(bytes, name: "fuzz")
                        do {
                            _ = try readLog(&source, format: format, into: table, options: options, chunkSize: chunk)
                        } catch is InputError {
                            refused += 1
                            continue
                        }
                        #expect(table.activityIDs.count == table.count && table.timestamps.count == table.count)
                        #expect(table.caseIDs.allSatisfy { Int($0) < table.cases.count })
                    }
                }
            }
        }
        return refused
    }

    @discardableResult
    static func replay(_ text: String, _ format: LogFormat) throws -> Int {
        try replay(Array(text.utf8), format)
    }

    // Inputs shaped like the fuzzers' first mutations of the seeds; they pin the behaviour.

    @Test func csvEdgesEndInEventsOrInputErrors() throws {
        let header = "user_id,timestamp,event,channel\n"
        #expect(try Self.replay("", .csv) > 0)
        #expect(try Self.replay(header, .csv) >= 0)
        try Self.replay(header + "u1,2024-01-01T00:00:00Z,\"open", .csv)          // unbalanced quote at EOF
        try Self.replay(header + "u1,2024-01-01T00:00:00Z,a\0b,web\n", .csv)      // NUL byte
        try Self.replay(Array(header.utf8) + [0x75, 0xff, 0xfe, 0x2c, 0x31, 0x2c, 0x78, 0x0a], .csv) // bad UTF-8
        try Self.replay(header + "u1,1700000000,a,web\r\nu1,1700000000,\"b\"\"\",web\r", .csv)
    }

    @Test func jsonLinesEdgesEndInEventsOrInputErrors() throws {
        try Self.replay(#"{"user_id":"u","event":"a","timestamp":1700000000}"# + "\n" + #"{"user_id":"#, .jsonl)
        try Self.replay(#"{"user_id":"\ud800","event":"\u0000","timestamp":"2024-01-01"}"#, .jsonl)
        // Deep nesting must not exhaust the stack.
        let deep = #"{"user_id":"u","event":"a","timestamp":1,"x":"# + String(repeating: "[", count: 100_000)
        try Self.replay(deep, .jsonl)
    }

    @Test func xesEdgesEndInEventsOrInputErrors() throws {
        let open = #"<log><trace><string key="concept:name" value="c"/><event><string key="concept:name" value="a"/>"#
        try Self.replay(open + #"<date key="time:timestamp" value="2024-01-01T00:00:00Z"/></event></trace></log>"#, .xes)
        try Self.replay(open + #"<date key="time:timestamp" value="2024-01-01T00:00:00"#, .xes)  // cut mid-attribute
        try Self.replay(#"<!DOCTYPE log [<!ENTITY a "aaaa">]><log>&a;&#0;&#x110000;</log>"#, .xes)
        // Deep nesting must not exhaust the stack.
        try Self.replay(open + String(repeating: "<list key=\"k\">", count: 100_000), .xes)
    }

    // FuzzTimestamp, .build/fuzz-artifacts/timestamp/crash-b42e1883…: a 19-digit epoch number
    // overflowed Int64 while its digits were added up (trap). Now: not a timestamp.
    @Test func epochNumberBeyondInt64IsNotATimestamp() {
        let bytes: [UInt8] = Array("9333333333333333333333333333333336".utf8) + [0xca, 0xd2, 0xcf, 0xca, 0xd2, 0xce,
                              0xc6, 0xab] + Array("08;30".utf8)
        #expect(bytes.withUnsafeBytes { TimestampParser().parse($0) } == nil)
        #expect(TimestampParser().parse("9333333333333333333") == nil)
        #expect(TimestampParser().parse("9223372036854775807") == 9_223_372_036_854_775)  // ns → µs
        #expect(TimestampParser().parse("-9223372036854775807") == -9_223_372_036_854_775)
    }

    // Found reading the same code: a given unit scaled past Int64 (seconds × 10⁶ plus a
    // fraction) wrapped or trapped; formatISO8601 trapped near Int64.min.
    @Test func scaledEpochBeyondInt64IsNotATimestamp() {
        let seconds = TimestampParser(epochUnit: .seconds)
        #expect(seconds.parse("9223372036854.999999") == nil)
        #expect(seconds.parse("9223372036854") == 9_223_372_036_854_000_000)
        #expect(TimestampParser(epochUnit: .milliseconds).parse("9223372036854776") == nil)
        let micros = TimestampParser(epochUnit: .microseconds)
        #expect(micros.parse("-9223372036854775807") == -9_223_372_036_854_775_807)
        #expect(formatISO8601(Int64.min).hasSuffix("Z"))
        #expect(formatISO8601(Int64.max).hasSuffix("Z"))
        #expect(formatISO8601(-1) == "1969-12-31T23:59:59.999999Z")
        #expect(formatISO8601(-86_400_000_000) == "1969-12-31T00:00:00Z")
    }
}

