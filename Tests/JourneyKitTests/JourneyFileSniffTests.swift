import Foundation
import Testing
import JourneyKit
import JourneyTestSupport

/// A journey file is known by its content whatever order its keys were written in (a script
/// that loads and dumps it keeps no order; CI once met a re-written file whose `format` key came
/// after 64 KiB of lists and was read as a JSON Lines log), and a JSON Lines log is not.
@Suite struct JourneyFileSniffTests {
    let scratch = ScratchFolders("jm-sniff")

    @Test func aJourneyFileWithItsKeysInAnyOrderIsAJourneyFile() throws {
        let folder = try scratch.folder()
        let mined = try JourneyRequest(log: LogRequest(paths: ["samples/thai-shop.csv"]),
                                       template: .builtinDefault()).graph().jsonData()
        let object = try #require(try JSONSerialization.jsonObject(with: mined) as? [String: Any])
        // One line, keys in reverse order and `format` last, behind ~100 KB of padding in the lists.
        var keys = object.keys.sorted(by: >).filter { $0 != "format" }
        keys.append("format")
        // Lists first, and objects an event could name too (CI met `skipped` first: flaky by hash order).
        for first in ["touchpoints", "stages", "edges", "skipped", "source", "hidden"] {
            let ordered = [first] + keys.filter { $0 != first }
            var text = "{"
            for (i, key) in ordered.enumerated() {
                let value = try JSONSerialization.data(withJSONObject: object[key]!, options: .fragmentsAllowed)
                text += (i == 0 ? "" : ",") + "\"\(key)\":" + String(decoding: value, as: UTF8.self)
                if i == 0 { text += ",\"padding\":\"" + String(repeating: "x", count: 100_000) + "\"" }
            }
            text += "}"
            let path = try folder.write("\(first).json", text)
            #expect(LogLoader.isJourneyFile(path), "first key \(first)")
        }
        let log = try folder.write("events.jsonl", "{\"user\":\"u1\",\"event\":\"view\",\"time\":\"2024-01-01T00:00:00Z\"}\n"
                                   + "{\"user\":\"u1\",\"event\":\"buy\",\"time\":\"2024-01-01T00:05:00Z\"}\n")
        #expect(!LogLoader.isJourneyFile(log))
        let sourceFirst = try folder.write("source.jsonl", "{\"source\":\"web\",\"user\":\"u1\",\"event\":\"view\",\"time\":\"2024-01-01T00:00:00Z\"}\n"
                                           + "{\"source\":\"app\",\"user\":\"u1\",\"event\":\"buy\",\"time\":\"2024-01-01T00:05:00Z\"}\n")
        #expect(!LogLoader.isJourneyFile(sourceFirst))
    }
}
