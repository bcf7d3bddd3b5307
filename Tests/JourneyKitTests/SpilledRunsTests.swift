import Foundation
import Testing
import JourneyKit
@testable import JourneyIO
import JourneyTestSupport

/// Case runs spilled to a temporary file (`SpillFile`, large logs) give the journey file and
/// the journeys the general path gives: with many small ranges, partitions outgrowing their
/// slices (grown mappings come from the file too), stages inferred (a counting pass before the
/// counting), sessions, any thread count.
@Suite(.serialized) struct SpilledRunsTests {
    let scratch = ScratchFolders("jm-spill")

    let columns = ReadOptions(columns: ColumnSpec(caseColumn: "user", activityColumn: "event", timestampColumn: "time",
                                                  channelColumn: "channel"))

    /// Cases recurring all over the file (many runs per case), a few long cases (partitions
    /// that outgrow their slices), equal times.
    func log(rows: Int, seed: UInt64) -> String {
        var rng = SplitMix64(seed: seed)
        let activities = ["ad_impression", "product_view", "add_to_cart", "checkout", "payment", "review_written", "support_chat"]
        let channels = ["web", "app", "", "email"]
        var text = "user,event,time,channel\n"
        for i in 0..<rows {
            let c = i % 7 == 0 ? Int(rng.next() % 3) : Int(rng.next() % UInt64(rows / 5))
            let second = 1_700_000_000 + Int(rng.next() % 9000)
            text += "u\(c),\(activities[Int(rng.next() % 7)]),\(TimestampFormatting.iso(second)),\(channels[i % 4])\n"
        }
        return text
    }

    func miner(threads: Int, bits: Int?, spills: Bool, mining: MiningOptions = MiningOptions(),
               stages: StageMode = .fallback) -> DirectCSVMiner {
        var options = mining
        options.threads = threads
        var miner = DirectCSVMiner(template: .builtinDefault(), options: options, read: columns)
        miner.minimumBytesPerThread = 512
        miner.chunkSize = 700
        miner.partitionBits = bits
        miner.stageMode = stages
        miner.spillAboveBytes = spills ? 0 : Int.max
        miner.spillRangeBytes = 4096  // ~90 rows a range: dozens of ranges
        return miner
    }

    func general(_ path: String, mining: MiningOptions = MiningOptions(), stages: StageMode = .fallback) throws -> JourneyRequest {
        var request = JourneyRequest(log: LogRequest(paths: [path], read: columns), template: .builtinDefault(), mining: mining)
        request.direct = false
        request.stages = stages
        return request
    }

    @Test(arguments: [(1, 0), (2, 4), (3, nil)] as [(Int, Int?)])
    func spilledRunsGiveTheGeneralPathsFile(threads: Int, bits: Int?) throws {
        let path = try scratch.folder().write("log.csv", log(rows: 3000, seed: 11))
        for (mining, stages) in [(MiningOptions(), StageMode.fallback), (MiningOptions(), .auto),
                                 (MiningOptions(sessionGapMicros: 600_000_000), .template)] {
            let expected = try general(path, mining: mining, stages: stages).graph().jsonData()
            let before = SpillFile.opened.load(ordering: .relaxed)
            let spilled = try #require(try miner(threads: threads, bits: bits, spills: true, mining: mining, stages: stages)
                .mine(path: path), "the direct path gave the file back")
            #expect(SpillFile.opened.load(ordering: .relaxed) > before, "no spill file was opened")
            #expect(try spilled.jsonData() == expected, "threads \(threads), bits \(String(describing: bits)), \(stages)")
        }
    }

    @Test func spilledRunsGiveTheSameJourneys() throws {
        let path = try scratch.folder().write("log.csv", log(rows: 4000, seed: 3))
        let expected = try general(path).sequences()
        for threads in [1, 3] {
            let got = try #require(try miner(threads: threads, bits: 3, spills: true).sequences(path: path))
            #expect(got.offsets == expected.offsets && got.steps == expected.steps && got.times == expected.times
                    && got.caseNames.strings == expected.caseNames.strings, "threads \(threads)")
        }
    }

    /// Below the threshold nothing is spilled (the suite is serialized and no other suite
    /// spills: their files are far below 2 GiB).
    @Test func filesBelowTheThresholdAreNotSpilled() throws {
        let path = try scratch.folder().write("log.csv", log(rows: 500, seed: 5))
        var m = miner(threads: 2, bits: 2, spills: false)
        m.spillAboveBytes = 1 << 20
        let before = SpillFile.opened.load(ordering: .relaxed)
        #expect(try m.mine(path: path) != nil)
        #expect(SpillFile.opened.load(ordering: .relaxed) == before)
    }
}
