import Foundation
import Testing
import JourneyTestSupport
import JourneyGzip
import JourneyKit

/// Compressed logs (`.gz`, `.zst`) are mined by the direct path from a stream cut into blocks
/// of whole lines (`DirectCSVMiner.mine(stream:)`, `LineBlockPipeline`): the journey file is
/// the one the general path writes for the plain file, whatever the threads and block size,
/// and anything the blocks cannot settle goes back to the general reader.
@Suite struct CompressedMiningTests {
    /// This test's folder, removed with it.
    let folder: TemporaryDirectory
    var dir: URL { folder.url }
    let columns = ReadOptions(columns: ColumnSpec(caseColumn: "user", activityColumn: "event", timestampColumn: "time",
                                                  channelColumn: "channel"))

    init() throws {
        folder = try TemporaryDirectory("jm-compressed")
    }

    func file(_ name: String, _ bytes: [UInt8]) throws -> String {
        let path = dir.appendingPathComponent(name).path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    /// Cases recurring all over the file, equal times within a case, empty channels.
    func log(rows: Int, seed: UInt64) -> String {
        var rng = SplitMix64(seed: seed)
        let activities = ["ad_impression", "product_view", "add_to_cart", "checkout", "payment", "review_written"]
        var text = "user,event,time,channel\n"
        for i in 0..<rows {
            let c = Int(rng.next() % UInt64(max(1, rows / 6)))
            let second = 1_700_000_000 + Int(rng.next() % 5000)
            let stamp = i % 2 == 0 ? "\(second)" : TimestampFormatting.iso(second - second % 60)
            text += "u\(c),\(activities[Int(rng.next() % 6)]),\(stamp),\(["web", "app", "", "email"][i % 4])\n"
        }
        return text
    }

    func general(_ path: String, mining: MiningOptions = MiningOptions()) throws -> Data {
        var request = JourneyRequest(log: LogRequest(paths: [path], read: columns), mining: mining)
        request.direct = false
        return try request.graph().jsonData()
    }

    func direct(_ path: String, threads: Int) throws -> Data {
        var request = JourneyRequest(log: LogRequest(paths: [path], read: columns, threads: threads))
        request.direct = true
        return try request.graph().jsonData()
    }

    @Test(arguments: [(1, 1024), (2, 4096), (3, 700), (2, 1 << 20)])
    func streamGivesTheGeneralPathsFile(threads: Int, blockSize: Int) throws {
        let text = log(rows: 4000, seed: 3)
        let plain = try file("log.csv", Array(text.utf8))
        var options = MiningOptions()
        options.threads = threads
        var miner = DirectCSVMiner(template: .builtinDefault(), options: options, read: columns)
        miner.chunkSize = 300  // rows cut by buffer refills inside a block too (not scanned in place)
        for inPlace in [true, false] {
            miner.scansInPlace = inPlace
            let streamed = try #require(try miner.mine(stream: MemoryByteSource(text, name: plain), expectedBytes: text.utf8.count,
                                                       blockSize: blockSize))
            #expect(try streamed.jsonData() == general(plain), "blocks scanned in place: \(inPlace)")
        }
    }

    @Test func sessionsAndVariantsGiveTheSameFile() throws {
        var lines = log(rows: 3000, seed: 11).split(separator: "\n").map(String.init)
        let header = lines.removeFirst()
        lines.sort { $0.split(separator: ",")[0] < $1.split(separator: ",")[0] }
        let text = ([header] + lines).joined(separator: "\n") + "\n"
        let plain = try file("sorted.csv", Array(text.utf8))
        let mining = MiningOptions(sessionGapMicros: 600_000_000, maxVariants: 7)
        var options = mining
        options.threads = 2
        let miner = DirectCSVMiner(template: .builtinDefault(), options: options, read: columns)
        let streamed = try #require(try miner.mine(stream: MemoryByteSource(text, name: plain), expectedBytes: 0, blockSize: 2048))
        #expect(try streamed.jsonData() == general(plain, mining: mining))
    }

    /// A line longer than a block, a quoted line break, a row the general reader would skip:
    /// the stream is given back (nil), and the general reader reads the file.
    @Test func whatBlocksCannotSettleIsGivenBack() throws {
        let miner = DirectCSVMiner(template: .builtinDefault(), options: MiningOptions(), read: columns)
        let long = "user,event,time,channel\nu1,product_view,1700000000,web\nu1,\(String(repeating: "x", count: 5000)),1700000001,web\n"
        #expect(try miner.mine(stream: MemoryByteSource(long), expectedBytes: 0, blockSize: 1024) == nil)
        let quoted = "user,event,time,channel\nu1,\"product\nview\",1700000000,web\nu2,payment,1700000001,web\n"
        #expect(try miner.mine(stream: MemoryByteSource(quoted), expectedBytes: 0, blockSize: 40) == nil)
        let bad = "user,event,time,channel\nu1,product_view,yesterday,web\n"
        #expect(try miner.mine(stream: MemoryByteSource(bad), expectedBytes: 0) == nil)
    }

    /// Through `JourneyRequest`: two gzip members and two zstd frames give the plain file's
    /// journeys, at one and several threads.
    /// The journey file with `path` (its `sources`) written as `plain`.
    func named(_ data: Data, _ path: String, as plain: String) -> String {
        String(decoding: data, as: UTF8.self).replacingOccurrences(of: path, with: plain)
    }

    @Test func gzipMembersAndZstdFramesGiveThePlainFilesJourneys() throws {
        let text = log(rows: 5000, seed: 9)
        let bytes = Array(text.utf8)
        let plain = try file("log.csv", bytes)
        let expected = String(decoding: try general(plain), as: UTF8.self)
        let half = bytes.count / 2
        let gz = try file("log.csv.gz", try gzipCompress(Array(bytes[..<half])) + gzipCompress(Array(bytes[half...])))
        for threads in [1, 2, 3] {
            #expect(named(try direct(gz, threads: threads), gz, as: plain) == expected, "gzip, \(threads) threads")
        }
        #expect(named(try general(gz), gz, as: plain) == expected)
        guard let zstdFrames = try zstd(Array(bytes[..<half])).flatMap({ a in try zstd(Array(bytes[half...])).map { a + $0 } }) else {
            print("skipped: no zstd command to write .zst test files (apt-get install zstd)")
            return
        }
        let zst = try file("log.csv.zst", zstdFrames)
        for threads in [1, 2, 3] {
            #expect(named(try direct(zst, threads: threads), zst, as: plain) == expected, "zstd, \(threads) threads")
        }
        #expect(named(try general(zst), zst, as: plain) == expected)
        // By magic bytes, under a name that says nothing.
        let unnamed = try file("log-zstd.csv", zstdFrames)
        #expect(named(try direct(unnamed, threads: 2), unnamed, as: plain) == expected)
    }

    @Test func truncatedAndCorruptFilesAreErrorsNamingTheFile() throws {
        let bytes = Array(log(rows: 3000, seed: 4).utf8)
        let gz = try gzipCompress(bytes)
        var cases: [(String, [UInt8], String)] = [
            ("cut.csv.gz", Array(gz[..<(gz.count / 2)]), "gzip data truncated at byte"),
            ("bad.csv.gz", Array(gz[..<40]) + [UInt8](repeating: 0xff, count: 64) + gz[104...], "gzip data corrupt at byte"),
            ("crc.csv.gz", Array(gz[..<(gz.count - 8)]) + [0, 0, 0, 0] + gz[(gz.count - 4)...], "gzip data corrupt at byte"),
        ]
        if let zst = try zstd(bytes) {
            cases.append(("cut.csv.zst", Array(zst[..<(zst.count / 2)]), "zstd data truncated at byte"))
            cases.append(("bad.csv.zst", Array(zst[..<20]) + [UInt8](repeating: 0xff, count: 64) + zst[84...], "zstd data corrupt at byte"))
            cases.append(("tail.csv.zst", zst + Array("GARBAGE!".utf8), "trailing garbage: the zstd data ends at byte \(zst.count)"))
        } else {
            print("skipped: the .zst cases (no zstd command; apt-get install zstd)")
        }
        cases.append(("plain.csv.zst", bytes, "not zstd data"))
        for (name, content, message) in cases {
            let path = try file(name, content)
            for isDirect in [true, false] {
                var request = JourneyRequest(log: LogRequest(paths: [path], read: columns, threads: 2))
                request.direct = isDirect
                do {
                    _ = try request.graph()
                    Issue.record("\(name): no error")
                } catch let error as InputError {
                    #expect("\(error)".contains(path) && "\(error)".contains(message), "\(name): \(error)")
                }
            }
        }
    }

    /// `zstd -c` of `bytes`; nil when the command is missing.
    func zstd(_ bytes: [UInt8]) throws -> [UInt8]? {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/zstd") else { return nil }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/zstd")
        p.arguments = ["-q", "-c", "-3"]
        let input = Pipe(), output = Pipe()
        p.standardInput = input
        p.standardOutput = output
        try p.run()
        let writer = DispatchQueue(label: "zstd-input")
        writer.async {
            input.fileHandleForWriting.write(Data(bytes))
            try? input.fileHandleForWriting.close()
        }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return [UInt8](data)
    }
}
