import Foundation
import JourneyCore
@testable import JourneyIO

/// One event as strings, for comparing whole tables in tests.
struct Row: Equatable, CustomStringConvertible {
    var caseName: String
    var activity: String
    var timestamp: Int64
    var channel: String
    var attributes: [String] = []
    var description: String { "\(caseName)|\(activity)|\(formatISO8601(timestamp))|\(channel)|\(attributes)" }
}

extension EventTable {
    var rows: [Row] {
        (0..<count).map { i in
            Row(caseName: cases.string(caseIDs[i]), activity: activities.string(activityIDs[i]),
                timestamp: timestamps[i], channel: channels.string(channelIDs[i]),
                attributes: attributeColumns.map { attributeValues.string($0[i]) })
        }
    }
}

/// A source that hands out at most `step` bytes per read, whatever is asked.
struct TrickleByteSource: ByteSource {
    let name: String
    private let bytes: [UInt8]
    private var position = 0
    let step: Int

    init(_ bytes: [UInt8], step: Int, name: String = "trickle.csv") {
        self.bytes = bytes
        self.step = step
        self.name = name
    }

    mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        let n = min(step, buffer.count, bytes.count - position)
        if n > 0 {
            bytes.withUnsafeBytes { buffer.baseAddress!.copyMemory(from: $0.baseAddress! + position, byteCount: n) }
        }
        position += n
        return n
    }
}

/// Reads `text` with `reader`; the table keeps `attributes`.
func read(_ text: String, with reader: some EventLogReader, name: String = "test.csv",
          options: ReadOptions = ReadOptions(), attributes: [String] = []) throws -> (EventTable, ResolvedColumns) {
    try read(Array(text.utf8), with: reader, name: name, options: options, attributes: attributes)
}

func read(_ bytes: [UInt8], with reader: some EventLogReader, name: String = "test.csv",
          options: ReadOptions = ReadOptions(), attributes: [String] = []) throws -> (EventTable, ResolvedColumns) {
    let table = EventTable(attributeNames: attributes)
    var source = MemoryByteSource(bytes, name: name)
    let columns = try reader.read(&source, into: table, options: options)
    return (table, columns)
}

/// The `InputError` thrown by `body`, or nil.
func inputError(_ body: () throws -> Void) -> InputError? {
    do {
        try body()
        return nil
    } catch let error as InputError {
        return error
    } catch {
        return nil
    }
}

func micros(_ iso: String) -> Int64 { TimestampParser().parse(iso)! }

/// Options with the given columns and error mode.
func options(case c: String? = nil, activity: String? = nil, timestamp: String? = nil, channel: String? = nil,
             preset: ColumnPreset? = nil, delimiter: UInt8? = nil, onError: OnError = .fail) -> ReadOptions {
    ReadOptions(columns: ColumnSpec(caseColumn: c, activityColumn: activity, timestampColumn: timestamp,
                                    channelColumn: channel, preset: preset),
                delimiter: delimiter, onError: onError)
}

/// `shared/` beside the package (`../shared`; from a worktree in `wt/NAME`, `../../shared`),
/// where the public test logs live. nil on machines without it: those tests are skipped.
let sharedDirectory: URL? = {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<3 { url.deleteLastPathComponent() }  // Tests/JourneyCoreTests/file -> package root
    for _ in 0..<2 {
        url.deleteLastPathComponent()
        let shared = url.appendingPathComponent("shared")
        if FileManager.default.fileExists(atPath: shared.appendingPathComponent("data").path) { return shared }
    }
    return nil
}()
