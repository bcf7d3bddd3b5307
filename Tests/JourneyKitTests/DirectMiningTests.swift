import Foundation
import Testing
import JourneyKit
import JourneyTestSupport

/// `DirectCSVMiner` (the fast path of `mine` for one CSV file) writes exactly the journey file
/// the general path (`CSVReader` → `EventTable` → `Miner`) writes, whatever the threads and
/// partitions, and hands every file it cannot judge back to the general reader.
@Suite struct DirectMiningTests {
    /// Folders of this suite's logs, removed with the suite value.
    let scratch = ScratchFolders("jm-direct")

    func temporaryFile(_ text: String, name: String = "log.csv") throws -> String {
        try scratch.folder().write(name, text)
    }

    /// The general path's journey file.
    func generalFile(_ path: String, read: ReadOptions, template: JourneyTemplate = .builtinDefault(),
                     mining: MiningOptions = MiningOptions()) throws -> Data {
        var request = JourneyRequest(log: LogRequest(paths: [path], read: read), template: template, mining: mining)
        request.direct = false
        return try request.graph().jsonData()
    }

    /// The direct path's journey file (nil: it gave the file back).
    func directFile(_ path: String, read: ReadOptions, template: JourneyTemplate = .builtinDefault(),
                    mining: MiningOptions = MiningOptions(), threads: Int, partitionBits: Int?) throws -> Data? {
        var options = mining
        options.threads = threads
        var miner = DirectCSVMiner(template: template, options: options, read: read)
        miner.minimumBytesPerThread = 512
        miner.partitionBits = partitionBits
        miner.mappedDropStep = 4096  // mapped pages dropped as the ranges are scanned
        let inPlace = try miner.mine(path: path)?.jsonData()
        // The same ranges through read() and buffer refills, rows cut by the refills too.
        miner.scansInPlace = false
        miner.chunkSize = 700
        let chunked = try miner.mine(path: path)?.jsonData()
        #expect(inPlace == chunked, "scanned where mapped and read in chunks differ (threads \(threads))")
        return inPlace
    }

    /// Cases recurring all over the file, equal times within a case (file order must hold),
    /// times out of order, empty channels, timestamps in several forms.
    func shuffledLog(rows: Int, seed: UInt64) -> String {
        var rng = SplitMix64(seed: seed)
        let activities = ["ad_impression", "product_view", "add_to_cart", "checkout", "payment", "review_written", "support_chat"]
        let channels = ["web", "app", "", "email"]
        var text = "user,event,time,channel\n"
        for i in 0..<rows {
            let c = Int(rng.next() % UInt64(max(1, rows / 6)))
            let second = 1_700_000_000 + Int(rng.next() % 5000)
            let stamp: String
            switch i % 5 {
            case 0: stamp = "\(second)"
            case 1: stamp = TimestampFormatting.iso(second)
            case 2: stamp = TimestampFormatting.iso(second).replacingOccurrences(of: "Z", with: "+07:00")
            case 3: stamp = TimestampFormatting.iso(second).replacingOccurrences(of: "Z", with: ".250Z")
            default: stamp = TimestampFormatting.iso(second - second % 60)  // many equal times
            }
            text += "u\(c),\(activities[Int(rng.next() % 7)]),\(stamp),\(channels[i % 4])\n"
        }
        return text
    }

    let columns = ReadOptions(columns: ColumnSpec(caseColumn: "user", activityColumn: "event", timestampColumn: "time",
                                                  channelColumn: "channel"))

    @Test(arguments: [(1, nil), (2, 0), (2, 3), (3, 6), (4, nil)] as [(Int, Int?)])
    func sameFileAsTheGeneralPath(threads: Int, partitionBits: Int?) throws {
        let path = try temporaryFile(shuffledLog(rows: 4000, seed: 7))
        let general = try generalFile(path, read: columns)
        let direct = try #require(try directFile(path, read: columns, threads: threads, partitionBits: partitionBits))
        #expect(direct == general)
    }

    /// Hundreds of byte ranges (many threads, small ranges) give the same file.
    @Test func manyRangesGiveTheSameFile() throws {
        let path = try temporaryFile(shuffledLog(rows: 4000, seed: 5))
        let general = try generalFile(path, read: columns)
        var options = MiningOptions()
        options.threads = 100
        var miner = DirectCSVMiner(template: .builtinDefault(), options: options, read: columns)
        miner.minimumBytesPerThread = 200  // ~100 threads × 4 ranges: more than 255 ranges
        let direct = try #require(try miner.mine(path: path)?.jsonData())
        #expect(direct == general)
    }

    /// A case with more events in a row than one run counts (32,767) is cut into runs and
    /// counted as one case.
    @Test func aCaseLongerThanARunGivesTheSameFile() throws {
        var text = "user,event,time,channel\na,ad_impression,1700000000,web\n"
        for i in 0..<70_000 {
            text += "long,\(i % 3 == 0 ? "product_view" : "add_to_cart"),\(1_700_000_000 + i % 65_600),app\n"
        }
        text += "b,checkout,1700000001,web\n"
        let path = try temporaryFile(text)
        let general = try generalFile(path, read: columns)
        for (threads, bits) in [(1, nil), (1, 2), (2, 0)] as [(Int, Int?)] {
            var options = MiningOptions()
            options.threads = threads
            var miner = DirectCSVMiner(template: .builtinDefault(), options: options, read: columns)
            miner.partitionBits = bits  // one range: the long case's rows all in one run's place
            let direct = try #require(try miner.mine(path: path)?.jsonData())
            #expect(direct == general, "threads \(threads), partition bits \(String(describing: bits))")
        }
    }

    /// Runs store whole seconds from 1970 to 2106 in four bytes (`CaseRuns`' compact runs): a
    /// case whose times leave that form part-way (fractions, before 1970, after 2106, the
    /// last second that fits and the first that does not) goes on in runs of full times, and
    /// the journey file is the general path's, sorted by case or not.
    @Test func timesOutsideCompactRunsGiveTheSameFile() throws {
        let stamps = ["2024-01-01T10:00:00Z", "2024-01-01T10:00:01.5Z", "2024-01-01T10:00:02Z", "1969-12-31T23:59:59Z",
                      "1960-05-01T00:00:00Z", "2106-02-07T06:28:15Z", "2106-02-07T06:28:16Z", "2200-01-01T00:00:00Z",
                      "1970-01-01T00:00:00Z", "2024-01-01T10:00:03.000001Z", "2024-01-01T10:00:04Z"]
        let activities = ["ad_impression", "product_view", "add_to_cart", "checkout", "payment"]
        var rows: [String] = []
        for c in 0..<40 {
            // Each case starts at a different stamp, so runs open compact and wide alike.
            for k in 0..<(5 + c % 9) {
                let stamp = stamps[(c + k * (1 + c % 3)) % stamps.count]
                rows.append("case\(c),\(activities[(c + k) % activities.count]),\(stamp),web")
            }
        }
        var rng = SplitMix64(seed: 5)
        var shuffled = rows
        for i in stride(from: shuffled.count - 1, to: 0, by: -1) { shuffled.swapAt(i, Int(rng.next() % UInt64(i + 1))) }
        for (name, lines) in [("sorted.csv", rows), ("shuffled.csv", shuffled)] {
            let path = try temporaryFile((["user,event,time,channel"] + lines).joined(separator: "\n") + "\n", name: name)
            let mining = MiningOptions(sessionGapMicros: 3_600_000_000)
            let general = try generalFile(path, read: columns, mining: mining)
            for (threads, bits) in [(1, 0), (2, 2), (3, nil)] as [(Int, Int?)] {
                let direct = try #require(try directFile(path, read: columns, mining: mining, threads: threads, partitionBits: bits))
                #expect(direct == general, "\(name), threads \(threads), bits \(String(describing: bits))")
            }
        }
    }

    @Test func sortedLogsAndSessionsGiveTheSameFile() throws {
        // Sorted by case (one run per case) and split into sessions.
        var lines = shuffledLog(rows: 3000, seed: 11).split(separator: "\n").map(String.init)
        let header = lines.removeFirst()
        lines.sort { $0.split(separator: ",")[0] < $1.split(separator: ",")[0] }
        let path = try temporaryFile(([header] + lines).joined(separator: "\n") + "\n")
        let mining = MiningOptions(sessionGapMicros: 600_000_000, maxVariants: 7)
        let general = try generalFile(path, read: columns, mining: mining)
        for (threads, bits) in [(1, 0), (2, 2), (3, nil)] as [(Int, Int?)] {
            let direct = try #require(try directFile(path, read: columns, mining: mining, threads: threads, partitionBits: bits))
            #expect(direct == general, "threads \(threads), bits \(String(describing: bits))")
        }
    }

    @Test func channelRulesGiveTheSameFile() throws {
        let template = JourneyTemplate(
            id: "channels", names: LocalizedText(["en": "Channels"]),
            stages: [StageDefinition(id: "awareness", names: LocalizedText(["en": "Awareness"]), color: "#4e79a7"),
                     StageDefinition(id: "decision", names: LocalizedText(["en": "Decision"]), color: "#59a14f")],
            rules: [try TouchpointRule(pattern: .exact("product_view"), channel: "app", touchpoint: "app_view", stage: "decision"),
                    try TouchpointRule(pattern: .glob("*"), stage: "awareness")])
        let path = try temporaryFile(shuffledLog(rows: 2000, seed: 3))
        let general = try generalFile(path, read: columns, template: template)
        let direct = try #require(try directFile(path, read: columns, template: template, threads: 2, partitionBits: 2))
        #expect(direct == general)
        #expect(String(decoding: direct, as: UTF8.self).contains("app_view"))
    }

    @Test func quotedFieldsAreReadLikeTheGeneralReader() throws {
        let text = "user,event,time,channel\n\"u1\",\"product_view\",2024-01-01T10:00:00Z,\"web\"\nu1,\"add_to_cart\",2024-01-01T10:05:00Z,web\n"
        let path = try temporaryFile(text)
        #expect(try directFile(path, read: columns, threads: 1, partitionBits: nil) == generalFile(path, read: columns))
    }

    /// Rows the general reader must judge: the direct path gives the file back, and `mine`
    /// reports or skips exactly as it always did.
    @Test func rowsToJudgeGoBackToTheGeneralReader() throws {
        let good = shuffledLog(rows: 600, seed: 5)
        let cases: [(String, String)] = [
            ("bad timestamp", "u1,product_view,yesterday,web\n"),
            ("wrong field count", "u1,product_view\n"),
            ("empty case", ",product_view,2024-01-01T10:00:00Z,web\n"),
            ("doubled quote", "\"u\"\"1\",product_view,2024-01-01T10:00:00Z,web\n"),
            ("quoted line break", "u1,\"product\nview\",2024-01-01T10:00:00Z,web\n"),
            ("long case name", String(repeating: "x", count: 300) + ",product_view,2024-01-01T10:00:00Z,web\n"),
        ]
        for (what, row) in cases {
            let path = try temporaryFile(good + row + "u2,payment,2024-01-02T10:00:00Z,web\n")
            #expect(try directFile(path, read: columns, threads: 2, partitionBits: 3) == nil, "\(what)")
            var skipping = columns
            skipping.onError = .skip
            let viaRequest = try JourneyRequest(log: LogRequest(paths: [path], read: skipping, threads: 2)).graph().jsonData()
            #expect(viaRequest == (try generalFile(path, read: skipping)), "\(what)")
        }
        // Not skipping: the error names the file and the row's line (601 data rows + header).
        let path = try temporaryFile(good + "u1,product_view,yesterday,web\n")
        var request = JourneyRequest(log: LogRequest(paths: [path], read: columns, threads: 2))
        request.mining.threads = 2
        #expect(throws: InputError.self) { try request.graph() }
        do { _ = try request.graph() } catch let error as InputError {
            #expect(error.line == 602)
            #expect(error.file == path)
        }
    }

    @Test func headerProblemsAreReportedAsByTheGeneralReader() throws {
        let path = try temporaryFile("user,event,channel\nu1,a,web\n")
        #expect(throws: InputError.self) { _ = try directFile(path, read: columns, threads: 1, partitionBits: nil) }
        let empty = try temporaryFile("user,event,time,channel\n")
        #expect(try directFile(empty, read: columns, threads: 2, partitionBits: nil) == nil)
    }

    @Test func filtersAndAttributesUseTheGeneralPath() {
        var read = columns
        #expect(DirectCSVMiner(template: .builtinDefault(), options: MiningOptions(), read: read).applies)
        #expect(!DirectCSVMiner(template: .builtinDefault(), options: MiningOptions(since: 0), read: read).applies)
        #expect(!DirectCSVMiner(template: .builtinDefault(), options: MiningOptions(keepActivities: 0.8), read: read).applies)
        read.columns.attributes = ["country"]
        #expect(!DirectCSVMiner(template: .builtinDefault(), options: MiningOptions(), read: read).applies)
    }
}

/// ISO strings of epoch seconds (UTC), for test logs.
enum TimestampFormatting {
    static func iso(_ seconds: Int) -> String {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime]
        return f.string(from: Date(timeIntervalSince1970: TimeInterval(seconds)))
    }
}

