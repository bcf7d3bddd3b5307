import Testing
@testable import JourneyCore

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
                            switch format {
                            case .csv: _ = try CSVReader(chunkSize: chunk).read(&source, into: table, options: options)
                            case .jsonl: _ = try JSONLinesReader(chunkSize: chunk).read(&source, into: table, options: options)
                            case .xes: _ = try XESReader(chunkSize: chunk).read(&source, into: table, options: options)
                            }
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
}

