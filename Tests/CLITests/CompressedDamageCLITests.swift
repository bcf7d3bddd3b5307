import Foundation
import Testing
import JourneyTestSupport

/// Damaged and unusual compressed logs through the built binary, as a user meets them: damage
/// that first shows as a wrong row is reported as damage (with the row), a row that is really
/// wrong in an undamaged file is reported as the row; a zstd frame that needs a larger window
/// than the decoder gives says how to decompress it; bytes after the last zstd frame are
/// trailing garbage at the offset where the data ends; a log piped in is refused with what to do.
/// Each is bad input (65) and writes nothing.
@Suite struct CompressedDamageCLITests {
    /// This test's folder, removed with it.
    let folder: TemporaryDirectory
    var dir: URL { folder.url }
    static let sample = CLI.root.appendingPathComponent("samples/shop-journeys.csv").path

    init() throws {
        folder = try TemporaryDirectory("journeymap-damage")
    }

    /// Runs `command` with `sh -c` in the test folder.
    func sh(_ command: String) throws -> Int32 { try CLI.sh(command, in: dir) }

    func write(_ name: String, _ bytes: [UInt8]) throws {
        try Data(bytes).write(to: dir.appendingPathComponent(name))
    }

    func read(_ name: String) throws -> [UInt8] { [UInt8](try Data(contentsOf: dir.appendingPathComponent(name))) }

    /// A gzip file holding `text` in stored (uncompressed) deflate blocks, ending with `trailer`
    /// (the CRC-32 and size of the data it claims to hold): a byte changed in the text changes
    /// one character of the output, and gzip finds out only at the trailer.
    static func storedGzip(_ text: [UInt8], trailer: [UInt8]) -> [UInt8] {
        var out: [UInt8] = [0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff]
        var i = 0
        repeat {
            let n = min(65_535, text.count - i)
            out.append(i + n == text.count ? 1 : 0)
            out += [UInt8(n & 0xff), UInt8(n >> 8), UInt8(~n & 0xff), UInt8((~n >> 8) & 0xff)]
            out += text[i..<(i + n)]
            i += n
        } while i < text.count
        return out + trailer
    }

    /// Runs `mine input` and checks it is bad input naming the file, with every part of
    /// `expected` in its message and no journey file written.
    func expectBadInput(_ input: String, _ expected: [String], absent: [String] = []) throws {
        let r = try CLI.run(["mine", input, "-o", "j.json", "--quiet"], in: dir)
        #expect(r.status == 65, "\(input): \(r.stderr)")
        for part in expected { #expect(r.stderr.contains(part), "\(input): expected «\(part)» in: \(r.stderr)") }
        for part in absent { #expect(!r.stderr.contains(part), "\(input): unexpected «\(part)» in: \(r.stderr)") }
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("j.json").path))
    }

    @Test func damageSeenFirstAsAWrongRowIsReportedAsDamage() throws {
        // The sample and its rows nine times more (2 MB): gzip's check at the end comes long
        // after line 2000 has been read.
        #expect(try sh("cp '\(Self.sample)' big.csv && for i in 1 2 3 4 5 6 7 8 9; do tail -n +2 '\(Self.sample)' >> big.csv; done") == 0)
        let text = try read("big.csv")
        #expect(try sh("gzip -c -n big.csv | tail -c 8 > trailer") == 0)
        let good = Self.storedGzip(text, trailer: try read("trailer"))
        try write("good.csv.gz", good)
        // The stored file reads as the sample does.
        let ok = try CLI.run(["mine", "good.csv.gz", "-o", "good.json", "--quiet"], in: dir)
        #expect(ok.status == 0, "\(ok.stderr)")
        // One comma of line 2000 turned into a semicolon: that row has a field too few.
        let lines = text.split(separator: 0x0a, omittingEmptySubsequences: false)
        let row = Array(lines[1999])
        guard let at = good.firstRange(of: row)?.lowerBound, let comma = row.firstIndex(of: 0x2c) else {
            Issue.record("line 2000 is not stored whole")
            return
        }
        var damaged = good
        damaged[at + comma] = 0x3b
        try write("damaged.csv.gz", damaged)
        try expectBadInput("damaged.csv.gz", ["damaged.csv.gz: byte", "gzip data corrupt at byte",
                                              "line 2000 looked wrong", "gzip -t damaged.csv.gz"])
        // The same wrong row in an undamaged file is the row's error.
        var wrongText = text
        let textAt = text.firstRange(of: row)!.lowerBound
        wrongText[textAt + comma] = 0x3b
        try write("wrong.csv", wrongText)
        #expect(try sh("gzip -n -k wrong.csv") == 0)
        try expectBadInput("wrong.csv.gz", ["wrong.csv.gz:2000:"], absent: ["corrupt", "looked wrong"])
    }

    @Test func zstdDamageIsPlacedNearWhereItIs() throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/zstd") else {
            print("skipped: no zstd command (apt-get install zstd)")
            return
        }
        // 25,000 rows of varied ids and times: 1.2 MB, about 300 KB as zstd, so that the middle is
        // far from byte 0 while the reader asks for all of it at once.
        var text = "user_id,timestamp,event,channel\n"
        var state: UInt64 = 5
        let events = ["ad_impression", "product_view", "add_to_cart", "checkout", "purchase", "review_written"]
        for _ in 0..<25_000 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let day = 1 + Int(state >> 59) % 28, second = Int((state >> 20) % 86_400)
            text += "u\(state >> 40),2024-03-\(day < 10 ? "0" : "")\(day)T\(second / 36_000)\(second / 3600 % 10):\((second / 60) % 60 / 10)\(second / 60 % 10):00Z,"
                + "\(events[Int(state >> 8) % events.count]),ch\(state % 97)\n"
        }
        try write("big.csv", Array(text.utf8))
        #expect(try sh("zstd -q big.csv -o big.csv.zst") == 0)
        var bytes = try read("big.csv.zst")
        #expect(bytes.count > 300_000, "\(bytes.count) bytes of zstd")
        let damageAt = bytes.count / 2
        for k in 0..<16 { bytes[damageAt + k] ^= 0xa5 }
        try write("bad.csv.zst", bytes)
        let r = try CLI.run(["mine", "bad.csv.zst", "-o", "j.json", "--quiet"], in: dir)
        #expect(r.status == 65, "\(r.stderr)")
        // The offset given is where zstd was when it failed: at most a block (128 KiB) and a piece
        // of input (16 KiB) before the damage, or after it; never the start of the file.
        let offset = r.stderr.firstMatch(of: /bad\.csv\.zst: byte (\d+): zstd data corrupt/).flatMap { Int($0.1) }
        #expect(offset != nil, "\(r.stderr)")
        if let offset { #expect(offset >= damageAt - (144 << 10) && offset <= bytes.count, "\(offset) for damage at \(damageAt): \(r.stderr)") }
    }

    @Test func aZstdWindowLargerThanTheDecoderGivesSaysHowToDecompressIt() throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/zstd") else {
            print("skipped: no zstd command (apt-get install zstd)")
            return
        }
        // From a pipe, so zstd does not know the size and keeps the 1 GiB window.
        #expect(try sh("cat '\(Self.sample)' | zstd -q --long=30 > long.csv.zst") == 0)
        try expectBadInput("long.csv.zst", ["long.csv.zst: byte 0:", "needs a window of 1024 MiB",
                                            "zstd -d --long=31 long.csv.zst -o long.csv"], absent: ["corrupt"])
        // zstd itself decodes it so, and the result reads.
        #expect(try sh("zstd -q -d --long=31 long.csv.zst -o long.csv") == 0)
        let r = try CLI.run(["mine", "long.csv", "-o", "long.json", "--quiet"], in: dir)
        #expect(r.status == 0, "\(r.stderr)")
    }

    @Test func bytesAfterTheLastZstdFrameAreTrailingGarbage() throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/zstd") else {
            print("skipped: no zstd command (apt-get install zstd)")
            return
        }
        #expect(try sh("zstd -q -c '\(Self.sample)' > clean.zst") == 0)
        let clean = try read("clean.zst")
        try write("tail.csv.zst", clean + Array("garbage\n".utf8))
        let end = "\(clean.count)"
        try expectBadInput("tail.csv.zst", ["tail.csv.zst: byte \(end): trailing garbage: the zstd data ends at byte \(end)",
                                            "head -c \(end) tail.csv.zst > fixed.zst"])
        // What the message says keeps the data.
        #expect(try sh("head -c \(end) tail.csv.zst > fixed.csv.zst") == 0)
        let r = try CLI.run(["mine", "fixed.csv.zst", "-o", "fixed.json", "--quiet"], in: dir)
        #expect(r.status == 0, "\(r.stderr)")
    }

    /// A log piped in (`-`) is refused with what to do, not as a format that cannot be told or a
    /// file named "-" that cannot be opened.
    @Test func standardInputIsRefusedWithWhatToDo() throws {
        let log = Data("user_id,timestamp,event\nu1,2024-01-01T00:00:00Z,view\n".utf8)
        for extra: [String] in [[], ["--input-format", "csv"]] {
            let r = try CLI.run(["mine", "-", "-o", "j.json", "--quiet"] + extra, in: dir, stdin: log)
            #expect(r.status == 65, "\(extra): \(r.stderr)")
            #expect(r.stderr.contains("-: journeymap reads log files, not standard input; save it to a file first"), "\(extra): \(r.stderr)")
            #expect(!r.stderr.contains("cannot open") && !r.stderr.contains("give --input-format"), "\(extra): \(r.stderr)")
        }
    }
}
