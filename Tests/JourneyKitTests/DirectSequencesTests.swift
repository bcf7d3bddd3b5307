import Foundation
import Testing
import JourneyGzip
import JourneyKit
import JourneyTestSupport

/// `DirectCSVMiner.sequences` (the fast path of `sankey`, `persona` and `compare`'s diff
/// Sankey for one CSV file) gives exactly the `JourneySequences` of the general path
/// (`CSVReader` → `EventTable` → `Miner.sequences`): the same journeys in the same order
/// (cases as they first appear in the file), the same touchpoint, channel and case ids, the
/// same stages, whatever the threads, ranges and partitions; plain and compressed.
@Suite struct DirectSequencesTests {
    let scratch = ScratchFolders("jm-direct-sequences")
    let columns = ReadOptions(columns: ColumnSpec(caseColumn: "user", activityColumn: "event", timestampColumn: "time",
                                                  channelColumn: "channel"))

    func temporaryFile(_ text: String, name: String = "log.csv") throws -> String {
        try scratch.folder().write(name, text)
    }

    /// Cases recurring all over the file (first appearances spread across ranges), equal
    /// times within a case, times out of order, empty channels, a channel first seen late.
    func shuffledLog(rows: Int, seed: UInt64) -> String {
        var rng = SplitMix64(seed: seed)
        let activities = ["ad_impression", "product_view", "add_to_cart", "checkout", "payment", "review_written", "support_chat"]
        var text = "user,event,time,channel\n"
        for i in 0..<rows {
            let c = Int(rng.next() % UInt64(max(1, rows / 6)))
            let second = 1_700_000_000 + Int(rng.next() % 5000)
            let stamp = i % 3 == 0 ? "\(second)" : TimestampFormatting.iso(second - second % 60)
            let channel = i > rows * 3 / 4 && i % 7 == 0 ? "sms" : ["web", "app", "", "email"][i % 4]
            text += "u\(c),\(activities[Int(rng.next() % 7)]),\(stamp),\(channel)\n"
        }
        return text
    }

    func general(_ path: String, read: ReadOptions? = nil, template: JourneyTemplate = .builtinDefault(),
                 mining: MiningOptions = MiningOptions(), stages: StageMode = .fallback) throws -> JourneySequences {
        var request = JourneyRequest(log: LogRequest(paths: [path], read: read ?? columns), template: template, mining: mining)
        request.direct = false
        request.stages = stages
        return try request.sequences()
    }

    func direct(_ path: String, read: ReadOptions? = nil, template: JourneyTemplate = .builtinDefault(),
                mining: MiningOptions = MiningOptions(), stages: StageMode = .fallback,
                threads: Int, partitionBits: Int?, caseNames: Bool = true) throws -> JourneySequences? {
        var options = mining
        options.threads = threads
        var miner = DirectCSVMiner(template: template, options: options, read: read ?? columns)
        miner.minimumBytesPerThread = 512
        miner.chunkSize = 700
        miner.partitionBits = partitionBits
        miner.stageMode = stages
        miner.keepsCaseNames = caseNames
        return try miner.sequences(path: path)
    }

    /// Every field of the two, compared one by one (the first difference is named).
    func expectSame(_ a: JourneySequences, _ b: JourneySequences, _ what: String) {
        #expect(a.touchpoints == b.touchpoints, "touchpoints, \(what)")
        #expect(a.stages == b.stages, "stages, \(what)")
        #expect(a.offsets == b.offsets, "offsets, \(what)")
        #expect(a.steps == b.steps, "steps, \(what)")
        #expect(a.times == b.times, "times, \(what)")
        #expect(a.channels == b.channels, "channels, \(what)")
        #expect(a.channelNames == b.channelNames, "channel names, \(what)")
        #expect(a.caseOfJourney == b.caseOfJourney, "cases of journeys, \(what)")
        #expect(a.caseNames.strings == b.caseNames.strings, "case names, \(what)")
        #expect(a.stagesInferred == b.stagesInferred, "stages inferred, \(what)")
    }

    @Test(arguments: [(1, nil), (2, 0), (2, 3), (3, 6), (4, nil)] as [(Int, Int?)])
    func sameSequencesAsTheGeneralPath(threads: Int, partitionBits: Int?) throws {
        let path = try temporaryFile(shuffledLog(rows: 4000, seed: 7))
        let expected = try general(path)
        #expect(expected.count > 400)
        let got = try #require(try direct(path, threads: threads, partitionBits: partitionBits))
        expectSame(got, expected, "threads \(threads), bits \(String(describing: partitionBits))")
    }

    /// Without case names (persona's request) every other field is the general path's.
    @Test(arguments: [(1, nil), (3, 4)] as [(Int, Int?)])
    func withoutCaseNamesTheRestIsTheSame(threads: Int, partitionBits: Int?) throws {
        let path = try temporaryFile(shuffledLog(rows: 4000, seed: 9))
        var expected = try general(path)
        let got = try #require(try direct(path, threads: threads, partitionBits: partitionBits, caseNames: false))
        #expect(got.caseNames.count == 0 && expected.caseNames.count > 400)
        expected.caseNames = StringPool()
        expectSame(got, expected, "threads \(threads), no case names")
    }

    @Test func sessionsSortedLogsAndLongCasesGiveTheSameSequences() throws {
        // Sorted by case (one run per case), cut into sessions, one case longer than a run.
        var lines = shuffledLog(rows: 3000, seed: 11).split(separator: "\n").map(String.init)
        let header = lines.removeFirst()
        lines.sort { $0.split(separator: ",")[0] < $1.split(separator: ",")[0] }
        for i in 0..<70_000 { lines.append("zz_long,\(i % 3 == 0 ? "product_view" : "add_to_cart"),\(1_700_000_000 + i % 65_600),app") }
        lines.append("u1,checkout,1700000001,web")  // a case seen again after the long one
        let path = try temporaryFile(([header] + lines).joined(separator: "\n") + "\n")
        let mining = MiningOptions(sessionGapMicros: 600_000_000)
        let expected = try general(path, mining: mining)
        for (threads, bits) in [(1, 0), (2, 2), (3, nil)] as [(Int, Int?)] {
            let got = try #require(try direct(path, mining: mining, threads: threads, partitionBits: bits))
            expectSame(got, expected, "threads \(threads), bits \(String(describing: bits))")
        }
    }

    @Test func channelRulesGiveTheSameSequences() throws {
        let template = JourneyTemplate(
            id: "channels", names: LocalizedText(["en": "Channels"]),
            stages: [StageDefinition(id: "awareness", names: LocalizedText(["en": "Awareness"]), color: "#4e79a7"),
                     StageDefinition(id: "decision", names: LocalizedText(["en": "Decision"]), color: "#59a14f")],
            rules: [try TouchpointRule(pattern: .exact("product_view"), channel: "app", touchpoint: "app_view", stage: "decision"),
                    try TouchpointRule(pattern: .glob("*"), stage: "awareness")])
        let path = try temporaryFile(shuffledLog(rows: 2000, seed: 3))
        let expected = try general(path, template: template)
        #expect(expected.touchpoints.contains { $0.name == "app_view" })
        expectSame(try #require(try direct(path, template: template, threads: 2, partitionBits: 2)), expected, "channel rules")
    }

    /// Stages inferred from the same read (a process log the default template does not know).
    @Test(arguments: [StageMode.fallback, .auto])
    func inferredStagesGiveTheSameSequences(stages: StageMode) throws {
        var rng = SplitMix64(seed: 5)
        let steps = ["registered", "triaged", "assigned", "investigated", "resolved", "closed", "purchase"]
        var text = "ticket,step,time\n"
        for _ in 0..<3000 {
            let c = Int(rng.next() % 600), k = Int(rng.next() % UInt64(steps.count))
            text += "t\(c),\(steps[k]),\(1_700_000_000 + c * 100 + k * 7 + Int(rng.next() % 3))\n"
        }
        let path = try temporaryFile(text)
        let read = ReadOptions(columns: ColumnSpec(caseColumn: "ticket", activityColumn: "step", timestampColumn: "time"))
        let expected = try general(path, read: read, stages: stages)
        #expect(expected.stagesInferred)
        for threads in [1, 3] {
            let got = try #require(try direct(path, read: read, stages: stages, threads: threads, partitionBits: 3))
            expectSame(got, expected, "\(stages), threads \(threads)")
        }
    }

    /// Through `JourneyRequest`, as the commands call it: plain, gzip and zstd files give the
    /// general path's sequences; a file the direct path gives back is read the general way.
    @Test func requestsTakeTheDirectPathForPlainAndCompressedFiles() throws {
        let text = shuffledLog(rows: 3000, seed: 13)
        let plain = try temporaryFile(text)
        let expected = try general(plain)
        var paths = [plain, try temporaryFile("", name: "log.csv.gz")]
        try Data(try gzipCompress(Array(text.utf8))).write(to: URL(fileURLWithPath: paths[1]))
        if let zst = try? ProcessRunner.run("/usr/bin/zstd", ["-q", "-f", plain, "-o", plain + ".zst"]), zst.status == 0 {
            paths.append(plain + ".zst")
        } else {
            print("skipped the .zst case: no zstd command (apt-get install zstd)")
        }
        for path in paths {
            for threads in [1, 2, 4] {
                var request = JourneyRequest(log: LogRequest(paths: [path], read: columns, threads: threads))
                request.mining.threads = threads
                request.log.minimumBytesPerThread = 1024
                expectSame(try request.sequences(), expected, "\(path), threads \(threads)")
            }
        }
        // A row the general reader must judge: the file is given back and read the general way.
        var skipping = columns
        skipping.onError = .skip
        let judged = try temporaryFile(text + "u1,product_view,yesterday,web\n", name: "judged.csv")
        let direct = try JourneyRequest(log: LogRequest(paths: [judged], read: skipping, threads: 2)).sequences()
        expectSame(direct, try general(judged, read: skipping), "given back")
    }
}
