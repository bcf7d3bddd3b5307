import Foundation
import JourneyTestSupport
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Issue 8 through the built binary: documented exit codes, broken inputs with their
/// outcomes (docs/input-handling.md), `--dedupe`, layout bounds and Ctrl-C leaving nothing.
@Suite struct RobustnessCLITests {
    /// This test's folder, removed with it.
    let folder: TemporaryDirectory
    var dir: URL { folder.url }

    init() throws {
        folder = try TemporaryDirectory("journeymap-robust")
    }

    func path(_ name: String) -> String { dir.appendingPathComponent(name).path }

    func write(_ name: String, _ text: String) throws -> String {
        try Data(text.utf8).write(to: dir.appendingPathComponent(name))
        return path(name)
    }

    /// Runs the binary with extra environment variables.
    func run(_ arguments: [String], environment: [String: String] = [:], executable: String = CLI.binary) throws -> CLITests.Run {
        let r = try ProcessRunner.run(executable, arguments, environment: environment)
        return CLITests.Run(status: r.status, stdout: r.stdout, stderr: r.stderr)
    }

    func leftovers(except keep: Set<String>) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { !keep.contains($0) }
    }

    static let header = "user_id,timestamp,event\n"

    // MARK: Exit codes

    @Test func exitCodesAreTheDocumentedOnes() throws {
        defer { try? FileManager.default.removeItem(at: dir) }
        let sample = "samples/shop-journeys.csv"
        let nul = try write("nul.csv", Self.header + "u1,2024-01-01T00:00:00Z,a\0b\n")
        let blocker = try write("not-a-folder", "x")
        let cases: [(args: [String], env: [String: String], code: Int32, message: String)] = [
            (["stats", sample, "--no-such-flag"], [:], 64, "Unknown option '--no-such-flag'"),
            (["stats", sample, "--max-line-bytes", "5"], [:], 64, "--max-line-bytes 5: expected at least 1024 bytes"),
            (["map", sample, "-o", path("m.svg"), "--max-touchpoints", "500"], [:], 64, "--allow-slow-layout"),
            (["stats", nul], [:], 65, "nul.csv:2: NUL byte in the row"),
            // Only debug builds stop on the probe; the shipped (release) binary ignores it.
            JourneymapBinary.configuration == "debug"
                ? (["stats", sample], ["JOURNEYMAP_TEST_INTERNAL_ERROR": "1"], 70, "internal error")
                : (["stats", sample], ["JOURNEYMAP_TEST_INTERNAL_ERROR": "1"], 0, ""),
            (["mine", sample, "-o", blocker + "/j.json"], [:], 73, "not-a-folder/j.json: cannot write"),
        ]
        for c in cases {
            let r = try run(c.args, environment: c.env)
            #expect(r.status == c.code, "\(c.args): \(r.stderr)")
            if c.message.isEmpty {
                #expect(!r.stderr.contains("internal error"), "\(c.args): \(r.stderr)")
            } else {
                #expect(r.stderr.contains(c.message), "\(c.args): \(r.stderr)")
            }
        }
        #expect(try leftovers(except: ["nul.csv", "not-a-folder"]).isEmpty)
        let help = try run(["--help"])
        for code in ["64", "65", "70", "73"] { #expect(help.stdout.contains(code)) }
    }

    // MARK: Broken input

    @Test func brokenLogsHaveTheirDocumentedOutcome() throws {
        defer { try? FileManager.default.removeItem(at: dir) }
        let h = Self.header
        let cases: [(name: String, text: String, extra: [String], code: Int32, message: String)] = [
            ("empty.csv", "", [], 65, "empty.csv:1: empty file: expected a header row"),
            ("header.csv", h, [], 65, "header.csv: no events: the log has a header but no rows"),
            ("quote.csv", h + "u1,2024-01-01T00:00:00Z,a\nu1,2024-01-01T00:01:00Z,\"b\n", ["--on-error", "skip"], 65,
             "quote.csv:3: a quoted field opened on this line is never closed"),
            ("dupname.csv", "user_id,event,timestamp,event\nu1,a,2024-01-01T00:00:00Z,b\n", [], 65,
             "dupname.csv:1: column \"event\": the header has this name twice (columns 2 and 4); rename one"),
            ("nul.csv", h + "u1,2024-01-01T00:00:00Z,a\0\nu1,2024-01-01T00:01:00Z,b\n", ["--on-error", "skip"], 0,
             "skipped 1 bad rows; first: "),
            ("empty.jsonl", "\n", [], 65, "empty file: expected one JSON object per line"),
        ]
        for c in cases {
            let log = try write(c.name, c.text)
            let r = try run(["mine", log, "-o", path("j.json")] + c.extra)
            #expect(r.status == c.code, "\(c.name): \(r.stderr)")
            #expect(r.stderr.contains(c.message), "\(c.name): \(r.stderr)")
            if c.code != 0 { #expect(!FileManager.default.fileExists(atPath: path("j.json")), "\(c.name)") }
            try? FileManager.default.removeItem(atPath: path("j.json"))
        }
    }

    /// A 100 MB line stops reading with file:line, in bounded memory (measured by
    /// /usr/bin/time); `--max-line-bytes` raises the limit.
    @Test func hundredMegabyteLineIsRefusedInBoundedMemory() throws {
        defer { try? FileManager.default.removeItem(at: dir) }
        let log = path("long.csv")
        FileManager.default.createFile(atPath: log, contents: Data((Self.header + "u1,2024-01-01T00:00:00Z,a\nu1,2024-01-01T00:01:00Z,").utf8))
        let handle = try #require(FileHandle(forWritingAtPath: log))
        handle.seekToEndOfFile()
        let block = Data(repeating: 0x78, count: 1 << 20)
        for _ in 0..<100 { handle.write(block) }
        handle.write(Data("\n".utf8))
        try handle.close()
        let timed = ["-f", "maxrss-kb %M", CLI.binary]
        let r = try run(timed + ["stats", log], executable: "/usr/bin/time")
        #expect(r.status == 65, "\(r.stderr)")
        #expect(r.stderr.contains("long.csv:3: a row (line or XML tag) starting here is longer than 16777216 bytes"), "\(r.stderr)")
        #expect(r.stderr.contains("--max-line-bytes"))
        let kb = r.stderr.components(separatedBy: "maxrss-kb ").last.flatMap { Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
        #expect((kb ?? .max) < 150_000, "peak memory \(kb ?? -1) KB for a 100 MB line")
        // --stages template: inferring stages for a 100 MB name reads and normalises it again
        // (about 3× the time in a debug build); the limit is what this test is about.
        let raised = try run(["mine", log, "-o", path("j.json"), "--quiet", "--stages", "template", "--max-line-bytes", "200000000"])
        #expect(raised.status == 0, "\(raised.stderr)")
    }

    @Test func dedupeIsReportedByMineStatsAndTheJourneyFile() throws {
        defer { try? FileManager.default.removeItem(at: dir) }
        let log = try write("dup.csv", Self.header + "u1,2024-01-01T00:00:00Z,a\nu1,2024-01-01T00:00:00Z,a\n"
            + "u1,2024-01-01T00:01:00Z,b\nu1,2024-01-01T00:01:00Z,b\nu1,2024-01-01T00:02:00Z,a\n")
        let journey = path("j.json")
        let mined = try run(["mine", log, "-o", journey, "--dedupe"])
        #expect(mined.status == 0, "\(mined.stderr)")
        #expect(mined.stderr.contains("3 events") && mined.stderr.contains("dropped 2 exact duplicate events (--dedupe)"), "\(mined.stderr)")
        #expect(!mined.stderr.contains("bad rows"))
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: journey))) as? [String: Any]
        let skipped = json?["skipped"] as? [String: Any]
        #expect((skipped?["reasons"] as? [String: Int])?["duplicate event (--dedupe)"] == 2, "\(String(describing: skipped))")
        let stats = try run(["stats", log, "--dedupe"])
        #expect(stats.stdout.contains("Events:      3") && stats.stdout.contains("duplicate event (--dedupe): 2"), "\(stats.stdout)")
        // Without the flag, duplicates are events like any other.
        let plain = try run(["stats", log])
        #expect(plain.stdout.contains("Events:      5") && !plain.stdout.contains("duplicate"))
    }

    // MARK: Bounded work

    /// Touchpoints beyond `--max-touchpoints` are hidden and the map says so; labels beyond
    /// `--max-label` get an ellipsis.
    @Test func touchpointAndLabelLimitsAreStated() throws {
        defer { try? FileManager.default.removeItem(at: dir) }
        let long = String(repeating: "verylongactivityname", count: 5)
        var csv = Self.header
        for u in 0..<20 {
            for k in 0..<60 { csv += "u\(u),2024-01-01T\(String(format: "%02d", k / 60)):\(String(format: "%02d", k % 60)):00Z,act\((u + k) % 60)\n" }
            for s in 0..<3 { csv += "u\(u),2024-01-02T00:00:0\(s)Z,\(long)\n" }
        }
        let log = try write("many.csv", csv)
        let svg = path("m.svg"), pdf = path("m.pdf")
        let r = try run(["map", log, "-o", svg, "-o", pdf, "--max-touchpoints", "20"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.contains("20 touchpoints") && r.stderr.contains("Hidden for readability: 41 less visited touchpoints"), "\(r.stderr)")
        #expect(try String(contentsOfFile: svg, encoding: .utf8).contains("Hidden for readability: 41 less visited touchpoints"))
        // SVG text is drawn as glyphs: read the labels back from the PDF (wrapped lines joined).
        func pdfText() throws -> String {
            try run([pdf, "-"], executable: "/usr/bin/pdftotext").stdout.replacingOccurrences(of: "\n", with: "")
        }
        var text = try pdfText()
        #expect(text.contains(String(long.prefix(47)) + "…") && !text.contains(long), "no ellipsis: \(text)")
        #expect(try run(["map", log, "-o", pdf, "--max-touchpoints", "20", "--max-label", "120", "--quiet"]).status == 0)
        text = try pdfText()
        #expect(text.contains(long))
        let slow = try run(["map", log, "-o", path("slow.svg"), "--max-edges", "1000"])
        #expect(slow.status == 64 && slow.stderr.contains("--max-edges 1000") && slow.stderr.contains("--allow-slow-layout"), "\(slow.stderr)")
        #expect(!FileManager.default.fileExists(atPath: path("slow.svg")))
    }

    /// Ctrl-C while `mine` writes its output (and while it reads): exit 130, and neither a
    /// temporary file nor a partial output is left; an older output stays whole.
    @Test func interruptLeavesNoPartialOutput() throws {
        defer { try? FileManager.default.removeItem(at: dir) }
        // 4,000 activities, 300,000 events: an ~85 MB journey file, written for ~0.2 s.
        var csv = Self.header
        csv.reserveCapacity(11 << 20)
        var seed: UInt64 = 1
        for u in 0..<30_000 {
            for k in 0..<10 {
                seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                csv += "u\(u),2024-01-01T00:0\(k):00Z,act\((seed >> 33) % 4000)\n"
            }
        }
        let log = try write("big.csv", csv)
        let out = path("j.json")
        try Data("old".utf8).write(to: URL(fileURLWithPath: out))

        // While writing: send SIGINT as soon as the temporary file appears.
        var caughtWriting = false
        for _ in 0..<3 where !caughtWriting {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: CLI.binary)
            p.arguments = ["mine", log, "-o", out, "--quiet"]
            try p.run()
            while p.isRunning {
                if try leftovers(except: ["big.csv", "j.json"]).contains(where: { $0.hasPrefix(".j.json.tmp") }) {
                    kill(p.processIdentifier, SIGINT)
                    caughtWriting = true
                    break
                }
                usleep(1_000)
            }
            p.waitUntilExit()
            if caughtWriting { #expect(p.terminationStatus == 130) }
            #expect(try leftovers(except: ["big.csv", "j.json"]).isEmpty, "temporary file left")
        }
        #expect(caughtWriting, "never saw the temporary file")
        #expect(try Data(contentsOf: URL(fileURLWithPath: out)) == Data("old".utf8), "output replaced although interrupted")

        // While reading and mining: as soon as the process says it started reading (its phase
        // marks with JOURNEYMAP_TIMING=1), not after a guess of how long starting takes.
        let p = try ProcessRunner.start(CLI.binary, ["mine", log, "-o", path("k.json"), "--quiet"],
                                        environment: ["JOURNEYMAP_TIMING": "1"])
        #expect(p.waitForStandardError(containing: "timing: direct: start"), "never started reading: \(p.standardError)")
        kill(p.pid, SIGINT)
        #expect(p.wait() == 130, "\(p.standardError)")
        #expect(try leftovers(except: ["big.csv", "j.json"]).isEmpty)
    }

    /// A write that fails part way (disk full, quota): the file-size limit makes every write
    /// past 16 KiB fail with EFBIG (SIGXFSZ ignored), as a full disk fails with ENOSPC. Each
    /// output kind is refused with exit 73 and the file named; nothing partial is left and an
    /// older output stays whole. (Checked by hand on a 64 KiB tmpfs too: "No space left on device".)
    @Test func failedWritesLeaveNoPartialOutput() throws {
        defer { try? FileManager.default.removeItem(at: dir) }
        let sample = CLITests.root.appendingPathComponent("samples/shop-journeys.csv").path
        for (command, name) in [("mine", "j.json"), ("map", "m.png"), ("map", "m.svg"), ("map", "m.pdf"), ("sankey", "s.png")] {
            let out = path(name)
            try Data("old".utf8).write(to: URL(fileURLWithPath: out))
            let r = try run(["-c", "trap '' XFSZ; ulimit -f 16; exec \"$0\" \"$@\"", CLI.binary, command, sample, "-o", out],
                            executable: "/bin/bash")
            #expect(r.status == 73, "\(command) → \(name): \(r.stderr)")
            #expect(r.stderr.contains("\(name): cannot write"), "\(r.stderr)")
            #expect(try Data(contentsOf: URL(fileURLWithPath: out)) == Data("old".utf8), "\(name) replaced by a partial file")
            #expect(try leftovers(except: ["j.json", "m.png", "m.svg", "m.pdf", "s.png"]).isEmpty, "temporary file left")
        }
    }
}
