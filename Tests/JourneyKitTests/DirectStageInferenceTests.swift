import Foundation
import Testing
import JourneyKit
import JourneyTestSupport

/// Stages inferred on the direct CSV path (issue 17): from the same read, without loading the
/// log a second time, and giving exactly the journey file the general path gives (which mines
/// the loaded table with the template, infers, and mines again), whatever the threads and
/// partitions, with and without sessions, for `--stages auto` and the default fallback.
@Suite struct DirectStageInferenceTests {
    let scratch = ScratchFolders("jm-direct-stages")

    func temporaryFile(_ text: String) throws -> String {
        try scratch.folder().write("log.csv", text)
    }

    /// A log whose activities the default template mostly does not know (a process log:
    /// registered → triaged → … → closed), with a few it does (`purchase`), shuffled, with
    /// equal times and times out of order.
    func processLog(rows: Int, seed: UInt64) -> String {
        var rng = SplitMix64(seed: seed)
        let steps = ["registered", "triaged", "assigned", "investigated", "escalated", "resolved", "closed", "purchase"]
        var text = "ticket,step,time\n"
        var clock = [Int](repeating: 0, count: max(1, rows / 5))
        for _ in 0..<rows {
            let c = Int(rng.next() % UInt64(clock.count))
            let k = min(steps.count - 1, clock[c] + Int(rng.next() % 3))
            clock[c] = k
            let second = 1_700_000_000 + c * 100 + k * 7 + Int(rng.next() % 3)
            text += "t\(c),\(steps[k]),\(second)\n"
        }
        return text
    }

    let read = ReadOptions(columns: ColumnSpec(caseColumn: "ticket", activityColumn: "step", timestampColumn: "time"))

    func graph(_ path: String, direct: Bool, stages: StageMode, mining: MiningOptions = MiningOptions()) throws -> JourneyGraph {
        var request = JourneyRequest(log: LogRequest(paths: [path], read: read), template: .builtinDefault(), mining: mining)
        request.direct = direct
        request.stages = stages
        return try request.graph()
    }

    @Test(arguments: [StageMode.fallback, .auto])
    func sameFileAsTheGeneralPath(stages: StageMode) throws {
        let path = try temporaryFile(processLog(rows: 3000, seed: 5))
        let general = try graph(path, direct: false, stages: stages)
        #expect(general.source.stagesInferred == true)
        #expect(try graph(path, direct: true, stages: stages).jsonData() == general.jsonData())
        for (threads, bits) in [(1, 0), (2, 3), (3, nil)] as [(Int, Int?)] {
            var options = MiningOptions()
            options.threads = threads
            var miner = DirectCSVMiner(template: .builtinDefault(), options: options, read: read)
            miner.minimumBytesPerThread = 512
            miner.chunkSize = 700
            miner.partitionBits = bits
            miner.stageMode = stages
            let direct = try #require(try miner.mine(path: path), "the direct path gave the file back")
            #expect(try direct.jsonData() == general.jsonData(), "threads \(threads), bits \(String(describing: bits))")
        }
    }

    @Test func sessionsAndTheTemplateModeGiveTheSameFile() throws {
        let path = try temporaryFile(processLog(rows: 2000, seed: 9))
        let sessions = MiningOptions(sessionGapMicros: 60_000_000)
        #expect(try graph(path, direct: true, stages: .fallback, mining: sessions).jsonData()
                == graph(path, direct: false, stages: .fallback, mining: sessions).jsonData())
        // --stages template keeps the Unassigned column: nothing inferred on either path.
        let template = try graph(path, direct: true, stages: .template)
        #expect(template.source.stagesInferred != true)
        #expect(try template.jsonData() == graph(path, direct: false, stages: .template).jsonData())
    }
}
