import Foundation
import Testing
import JourneyTestSupport

/// Compressed logs through the built binary: `mine` writes byte for byte the same journey
/// file for the plain, gzipped (several members) and zstd (several frames) demo log, at any
/// `--threads`; truncated and corrupt files are bad input (65) naming the file.
@Suite struct CompressedInputCLITests {
    /// This test's folder, removed with it.
    let folder: TemporaryDirectory
    var dir: URL { folder.url }
    static let sample = CLI.root.appendingPathComponent("samples/shop-journeys.csv").path

    init() throws {
        folder = try TemporaryDirectory("journeymap-compressed")
    }

    /// Runs `command` with `sh -c` in the test folder.
    func sh(_ command: String) throws -> Int32 { try CLI.sh(command, in: dir) }

    func bytes(_ name: String) throws -> Data { try Data(contentsOf: dir.appendingPathComponent(name)) }

    @Test func plainGzipAndZstdGiveTheSameJourneyFile() throws {
        defer { try? FileManager.default.removeItem(at: dir) }
        // Two members / two frames: the halves of the log, cut at a line. Each kind is named
        // log.csv in its own folder (found by its magic bytes), so the journey files, which
        // name their source, must be equal byte for byte.
        #expect(try sh("mkdir plain gz zst && cp '\(Self.sample)' plain/log.csv && head -n 2000 plain/log.csv > a && tail -n +2001 plain/log.csv > b") == 0)
        #expect(try sh("gzip -c -n a > gz/log.csv && gzip -c -n b >> gz/log.csv") == 0)
        var kinds = ["plain", "gz"]
        if FileManager.default.isExecutableFile(atPath: "/usr/bin/zstd") {
            #expect(try sh("zstd -q -c a > zst/log.csv && zstd -q -c b >> zst/log.csv") == 0)
            kinds.append("zst")
        } else {
            print("skipped: the .zst input (no zstd command; apt-get install zstd)")
        }
        let reference = try CLI.run(["mine", "log.csv", "-o", "../reference.json", "--threads", "1", "--quiet"],
                                    in: dir.appendingPathComponent("plain"))
        #expect(reference.status == 0, "\(reference.stderr)")
        let expected = try bytes("reference.json")
        for kind in kinds {
            for threads in ["1", "2", "4"] {
                let out = "../\(kind)-\(threads).json"
                let r = try CLI.run(["mine", "log.csv", "-o", out, "--threads", threads, "--quiet"], in: dir.appendingPathComponent(kind))
                #expect(r.status == 0, "\(kind) --threads \(threads): \(r.stderr)")
                #expect(try bytes("\(kind)-\(threads).json") == expected, "\(kind) --threads \(threads)")
            }
        }
        // By name too: log.csv.gz and log.csv.zst give the same file but for the source's name.
        #expect(try sh("cp gz/log.csv log.csv.gz && cp zst/log.csv log.csv.zst 2>/dev/null; true") == 0)
        for name in ["log.csv.gz"] + (kinds.contains("zst") ? ["log.csv.zst"] : []) {
            let r = try CLI.run(["mine", name, "-o", "\(name).json", "--quiet"], in: dir)
            #expect(r.status == 0, "\(name): \(r.stderr)")
            let text = String(decoding: try bytes("\(name).json"), as: UTF8.self).replacingOccurrences(of: "\"\(name)\"", with: "\"log.csv\"")
            #expect(text == String(decoding: expected, as: UTF8.self), "\(name)")
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
