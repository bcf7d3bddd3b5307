import Foundation
import Testing

/// Compressed logs through the built binary: `mine` writes byte for byte the same journey
/// file for the plain, gzipped (several members) and zstd (several frames) demo log, at any
/// `--threads`; truncated and corrupt files are bad input (65) naming the file.
@Suite struct CompressedInputCLITests {
    let dir: URL
    static let sample = CLI.root.appendingPathComponent("samples/shop-journeys.csv").path

    init() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("journeymap-compressed-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    }

    /// Runs `command` with `sh -c` in the test folder.
    func sh(_ command: String) throws -> Int32 {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/sh")
        p.arguments = ["-c", command]
        p.currentDirectoryURL = dir
        try p.run()
        p.waitUntilExit()
        return p.terminationStatus
    }

    func bytes(_ name: String) throws -> Data { try Data(contentsOf: dir.appendingPathComponent(name)) }

    @Test func plainGzipAndZstdGiveTheSameJourneyFile() throws {
        defer { try? FileManager.default.removeItem(at: dir) }
        // Two members / two frames: the halves of the log, cut at a line.
        #expect(try sh("cp '\(Self.sample)' log.csv && head -n 2000 log.csv > a && tail -n +2001 log.csv > b") == 0)
        #expect(try sh("gzip -c -n a > log.csv.gz && gzip -c -n b >> log.csv.gz") == 0)
        var inputs = ["log.csv", "log.csv.gz"]
        if FileManager.default.isExecutableFile(atPath: "/usr/bin/zstd") {
            #expect(try sh("zstd -q -c a > log.csv.zst && zstd -q -c b >> log.csv.zst") == 0)
            inputs.append("log.csv.zst")
        } else {
            print("skipped: the .zst input (no zstd command; apt-get install zstd)")
        }
        let reference = try CLI.run(["mine", "log.csv", "-o", "reference.json", "--threads", "1", "--quiet"], in: dir)
        #expect(reference.status == 0, "\(reference.stderr)")
        let expected = try bytes("reference.json")
        for input in inputs {
            for threads in ["1", "2", "4"] {
                let out = "\(input)-\(threads).json"
                let r = try CLI.run(["mine", input, "-o", out, "--threads", threads, "--quiet"], in: dir)
                #expect(r.status == 0, "\(input) --threads \(threads): \(r.stderr)")
                #expect(try bytes(out) == expected, "\(input) --threads \(threads)")
            }
        }
    }

    @Test func truncatedAndCorruptFilesAreBadInput() throws {
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(try sh("gzip -c -n '\(Self.sample)' > full.gz && head -c 20000 full.gz > cut.csv.gz") == 0)
        #expect(try sh("(head -c 100 full.gz; head -c 300 /dev/zero | tr '\\0' '\\377'; tail -c +401 full.gz) > bad.csv.gz") == 0)
        var cases = [("cut.csv.gz", "cut.csv.gz: byte", "gzip data truncated at byte"),
                     ("bad.csv.gz", "bad.csv.gz: byte", "gzip data corrupt at byte")]
        if FileManager.default.isExecutableFile(atPath: "/usr/bin/zstd") {
            #expect(try sh("zstd -q -c '\(Self.sample)' > full.zst && head -c 20000 full.zst > cut.csv.zst") == 0)
            #expect(try sh("(head -c 100 full.zst; head -c 300 /dev/zero | tr '\\0' '\\377'; tail -c +401 full.zst) > bad.csv.zst") == 0)
            cases += [("cut.csv.zst", "cut.csv.zst: byte", "zstd data truncated at byte"),
                      ("bad.csv.zst", "bad.csv.zst: byte", "zstd data corrupt at byte")]
        }
        for (input, file, message) in cases {
            let r = try CLI.run(["mine", input, "-o", "j.json", "--quiet"], in: dir)
            #expect(r.status == 65, "\(input): \(r.stderr)")
            #expect(r.stderr.contains(file) && r.stderr.contains(message), "\(input): \(r.stderr)")
            #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("j.json").path))
        }
    }
}
