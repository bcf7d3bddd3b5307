import Foundation
import Testing
import JourneyKit
@testable import JourneyIO
import JourneyTestSupport

/// Byte ranges of a plain file are scanned where the file is mapped (`MappedRange`), each
/// mapping running `maxRecordBytes` past its range: the direct path still gives the general
/// path's journey file, and a row too long for the mapping (so too long for the limit) gives
/// the file back to the general reader, which reports it with its line.
@Suite struct MappedRangeTests {
    let scratch = ScratchFolders("jm-mapped")
    let columns = ReadOptions(columns: ColumnSpec(caseColumn: "user", activityColumn: "event", timestampColumn: "time"))

    /// `rows` rows, the one at `longAt` with an activity of `longBytes` bytes.
    func log(rows: Int, longAt: Int, longBytes: Int) -> String {
        var text = "user,event,time\n"
        for i in 0..<rows {
            let event = i == longAt ? String(repeating: "x", count: longBytes) : ["view", "cart", "buy"][i % 3]
            text += "u\(i % 97),\(event),\(TimestampFormatting.iso(1_700_000_000 + i))\n"
        }
        return text
    }

    func miner(maxRecordBytes: Int) -> DirectCSVMiner {
        var read = columns
        read.maxRecordBytes = maxRecordBytes
        var options = MiningOptions()
        options.threads = 3
        var miner = DirectCSVMiner(template: .builtinDefault(), options: options, read: read)
        miner.minimumBytesPerThread = 1024  // a dozen ranges
        return miner
    }

    @Test(arguments: [1, 3])
    func mappedRangesGiveTheGeneralPathsFile(threads: Int) throws {
        let path = try scratch.folder().write("log.csv", log(rows: 3000, longAt: 1500, longBytes: 3000))
        var request = JourneyRequest(log: LogRequest(paths: [path], read: columns), template: .builtinDefault())
        request.direct = false
        let expected = try request.graph().jsonData()
        var miner = miner(maxRecordBytes: 1 << 20)
        miner.options.threads = threads
        miner.mappedDropStep = 4096  // pages dropped every 4 KiB scanned (a page at a time)
        let before = MappedRange.opened.load(ordering: .relaxed)
        let direct = try #require(try miner.mine(path: path), "the direct path gave the file back")
        #expect(MappedRange.opened.load(ordering: .relaxed) > before, "no range was mapped")
        #expect(try direct.jsonData() == expected)
    }

    @Test func aRowLongerThanTheMappingGoesToTheGeneralReader() throws {
        // Mid-file (the mapping of its range ends before the file does), longer than the limit.
        let path = try scratch.folder().write("log.csv", log(rows: 3000, longAt: 1500, longBytes: 5000))
        #expect(try miner(maxRecordBytes: 2048).mine(path: path) == nil, "the direct path read a row past its mapping")
        var request = JourneyRequest(log: LogRequest(paths: [path], read: { var r = columns; r.maxRecordBytes = 2048; return r }()),
                                     template: .builtinDefault())
        request.direct = false
        #expect(throws: InputError.self) { _ = try request.graph() }
    }
}
