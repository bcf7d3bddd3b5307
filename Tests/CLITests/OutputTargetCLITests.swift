import Foundation
import Testing
import JourneyTestSupport
#if canImport(Glibc)
import Glibc
#endif

/// Issue 15, outputs: what `-o` points at is written the way its kind of file needs, through
/// the built binary. Devices are made with `mknod` in a temporary folder; the real /dev/null
/// is never used.
@Suite struct OutputTargetCLITests {
    /// This test's folder, removed with it.
    let folder: TemporaryDirectory
    var dir: URL { folder.url }
    static let sample = CLI.root.appendingPathComponent("samples/shop-journeys.csv").path

    init() throws {
        folder = try TemporaryDirectory("journeymap-outputs")
    }

    func path(_ name: String) -> String { dir.appendingPathComponent(name).path }

    struct Run { var status: Int32; var stdout: Data; var stderr: String }

    /// Runs `executable` with standard output kept as bytes (pictures go there).
    func run(_ arguments: [String], executable: String = CLI.binary) throws -> Run {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: executable)
        p.arguments = arguments
        p.currentDirectoryURL = dir
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        let box = Bytes()
        let group = DispatchGroup()
        DispatchQueue.global().async(group: group) { box.data = out.fileHandleForReading.readDataToEndOfFile() }
        let e = err.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        p.waitUntilExit()
        return Run(status: p.terminationStatus, stdout: box.data, stderr: String(decoding: e, as: UTF8.self))
    }

    func fileType(_ path: String, follow: Bool = false) -> mode_t? {
        var st = stat()
        guard (follow ? stat(path, &st) : lstat(path, &st)) == 0 else { return nil }
        return st.st_mode & S_IFMT
    }

    func leftovers() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.contains(".tmp") }
    }

    // MARK: -o -

    @Test func dashWritesToStandardOutputInEveryCommand() throws {
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = path("j.json")
        #expect(try run(["mine", Self.sample, "-o", file, "--quiet"]).status == 0)
        let mine = try run(["mine", Self.sample, "-o", "-"])
        #expect(mine.status == 0, "\(mine.stderr)")
        #expect(mine.stdout == (try Data(contentsOf: URL(fileURLWithPath: file))), "-o - differs from the file")
        #expect(mine.stderr.contains("→ standard output"), "\(mine.stderr)")
        #expect(!FileManager.default.fileExists(atPath: path("-")))

        let cases: [(args: [String], magic: String)] = [
            (["map", Self.sample, "-o", "-", "--format", "svg"], "<?xml"),
            (["map", Self.sample, "-o", "-", "--format", "pdf"], "%PDF"),
            (["sankey", Self.sample, "-o", "-", "--format", "png"], "\u{89}PNG"),
            (["persona", "nok-thai-shopper", "-o", "-", "--format", "svg"], "<?xml"),
            (["persona", Self.sample, "--write-yaml", "-", "--clusters", "2"], "#"),
            (["compare", "samples/compare-before.csv", "samples/compare-after.csv", "-o", "-", "--format", "json"], "{"),
            (["compare", "samples/compare-before.csv", "samples/compare-after.csv", "-o", "-", "--format", "svg"], "<?xml"),
            (["compare", "samples/compare-before.csv", "samples/compare-after.csv", "-o", "-"], "#"),
        ]
        for c in cases {
            let args = c.args.map { $0.hasPrefix("samples/") ? CLI.root.appendingPathComponent($0).path : $0 }
            let r = try run(args + ["--quiet"])
            #expect(r.status == 0, "\(c.args): \(r.stderr)")
            let magic = Data(c.magic.unicodeScalars.map { UInt8($0.value) })
            #expect(r.stdout.starts(with: magic), "\(c.args): \(String(decoding: r.stdout.prefix(40), as: UTF8.self))")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["j.json"])
    }

    @Test func dashNeedsAFormatForPicturesAndOnlyOnce() throws {
        defer { try? FileManager.default.removeItem(at: dir) }
        let noFormat = try run(["map", Self.sample, "-o", "-"])
        #expect(noFormat.status == 64, "\(noFormat.stderr)")
        #expect(noFormat.stderr.contains("--format svg, png or pdf"), "\(noFormat.stderr)")
        #expect(noFormat.stdout.isEmpty)
        let demo = try run(["demo", "-o", "-"])
        #expect(demo.status == 64 && demo.stderr.contains("-o names a folder, not standard output"), "\(demo.stderr)")
        for args in [["map", Self.sample, "-o", "-", "-o", "-", "--format", "svg"],
                     ["map", Self.sample, "-o", "-", "-o", "/dev/stdout", "--format", "svg"],
                     ["persona", Self.sample, "-o", "-", "--write-yaml", "-", "--format", "png"],
                     ["compare", CLI.root.appendingPathComponent("samples/compare-before.csv").path,
                      CLI.root.appendingPathComponent("samples/compare-after.csv").path, "-o", "-", "--side-by-side", "-", "--format", "svg"]] {
            let r = try run(args)
            #expect(r.status == 64, "\(args): \(r.stderr)")
            #expect(r.stderr.contains("outputs go to standard output; at most one can"), "\(args): \(r.stderr)")
            #expect(r.stdout.isEmpty)
        }
    }

    // MARK: Devices, FIFOs, sockets

    /// A `/dev/null`-like device made here (`mknod c 1 3`): written, and still a device after.
    @Test func characterDeviceIsWrittenNotReplaced() throws {
        defer { try? FileManager.default.removeItem(at: dir) }
        let node = path("null")
        guard mknod(node, S_IFCHR | 0o666, dev_t((1 << 8) | 3)) == 0 else {
            print("skipped: mknod needs root (or CAP_MKNOD) here: \(String(cString: strerror(errno)))")
            return
        }
        for args in [["mine", Self.sample, "-o", node], ["map", Self.sample, "-o", node, "--format", "png"],
                     ["compare", CLI.root.appendingPathComponent("samples/compare-before.csv").path,
                      CLI.root.appendingPathComponent("samples/compare-after.csv").path, "-o", node, "--format", "json"]] {
            let r = try run(args + ["--quiet"])
            #expect(r.status == 0, "\(args): \(r.stderr)")
            #expect(fileType(node) == S_IFCHR, "\(args): the device was replaced")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["null"])
    }

    /// A FIFO gets the bytes (its reader sees the whole journey file) and stays a FIFO.
    @Test func fifoIsWrittenNotReplaced() throws {
        defer { try? FileManager.default.removeItem(at: dir) }
        let fifo = path("pipe")
        #expect(mkfifo(fifo, 0o600) == 0)
        let expected = path("j.json")
        #expect(try run(["mine", Self.sample, "-o", expected, "--quiet"]).status == 0)
        let box = Bytes()
        let group = DispatchGroup()
        DispatchQueue.global().async(group: group) {
            box.data = FileHandle(forReadingAtPath: fifo)?.readDataToEndOfFile() ?? Data()
        }
        let r = try run(["mine", Self.sample, "-o", fifo, "--quiet"])
        #expect(group.wait(timeout: .now() + 30) == .success, "the reader never finished")
        #expect(r.status == 0, "\(r.stderr)")
        #expect(box.data == (try Data(contentsOf: URL(fileURLWithPath: expected))), "the FIFO's reader got \(box.data.count) bytes")
        #expect(fileType(fifo) == S_IFIFO)
        #expect(try leftovers().isEmpty)
    }

    /// A Unix socket is connected to and written.
    @Test func unixSocketIsConnectedTo() throws {
        defer { try? FileManager.default.removeItem(at: dir) }
        let socketPath = path("s.sock")
        let listener = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        #expect(listener >= 0)
        defer { close(listener) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(socketPath.utf8)
        withUnsafeMutableBytes(of: &address.sun_path) { raw in raw.copyBytes(from: bytes); raw[bytes.count] = 0 }
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(listener, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        #expect(bound == 0 && listen(listener, 1) == 0)
        let box = Bytes()
        let group = DispatchGroup()
        DispatchQueue.global().async(group: group) {
            let conn = accept(listener, nil, nil)
            guard conn >= 0 else { return }
            box.data = FileHandle(fileDescriptor: conn, closeOnDealloc: true).readDataToEndOfFile()
        }
        let r = try run(["mine", Self.sample, "-o", socketPath, "--quiet"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(group.wait(timeout: .now() + 30) == .success)
        #expect(box.data.starts(with: Data("{".utf8)) && box.data.count > 1000)
        #expect(fileType(socketPath) == S_IFSOCK)
    }

    @Test func folderAsOutputIsRefused() throws {
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.createDirectory(atPath: path("out"), withIntermediateDirectories: false)
        let r = try run(["mine", Self.sample, "-o", path("out")])
        #expect(r.status == 73)
        #expect(r.stderr.contains("out: cannot write: is a folder"), "\(r.stderr)")
    }

    // MARK: Symlinks

    @Test func symlinkIsFollowedAndStaysALink() throws {
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.createDirectory(atPath: path("real"), withIntermediateDirectories: false)
        let target = path("real/j.json")
        try Data("old".utf8).write(to: URL(fileURLWithPath: target))
        #expect(symlink("real/j.json", path("link.json")) == 0)        // relative
        #expect(symlink(path("link.json"), path("chain.json")) == 0)    // absolute, to a link
        for link in ["link.json", "chain.json"] {
            try Data("old".utf8).write(to: URL(fileURLWithPath: target))
            let r = try run(["mine", Self.sample, "-o", link, "--quiet"])
            #expect(r.status == 0, "\(r.stderr)")
            #expect(fileType(path(link)) == S_IFLNK, "\(link) replaced by a regular file")
            #expect(try Data(contentsOf: URL(fileURLWithPath: target)).starts(with: Data("{".utf8)), "target not written")
        }
        // A dangling link: its target is created when the target's folder exists.
        #expect(symlink("real/new.svg", path("dangling.svg")) == 0)
        let made = try run(["map", Self.sample, "-o", "dangling.svg", "--quiet"])
        #expect(made.status == 0, "\(made.stderr)")
        #expect(fileType(path("dangling.svg")) == S_IFLNK)
        #expect(fileType(path("real/new.svg")) == S_IFREG)
        // Into a folder that does not exist: exit 73 naming the link's target.
        #expect(symlink("missing/x.json", path("nowhere.json")) == 0)
        let missing = try run(["mine", Self.sample, "-o", "nowhere.json"])
        #expect(missing.status == 73)
        #expect(missing.stderr.contains("nowhere.json: cannot write: folder missing does not exist"), "\(missing.stderr)")
        // A loop.
        #expect(symlink("loop2.json", path("loop1.json")) == 0 && symlink("loop1.json", path("loop2.json")) == 0)
        let loop = try run(["mine", Self.sample, "-o", "loop1.json"])
        #expect(loop.status == 73 && loop.stderr.contains("too many levels of symbolic links"), "\(loop.stderr)")
        #expect(try leftovers().isEmpty)
        #expect(Set(try FileManager.default.contentsOfDirectory(atPath: path("real"))) == ["j.json", "new.svg"])
    }

    // MARK: Temporary files

    /// The temporary file's name cannot be guessed: a symlink planted where the old scheme
    /// (`.NAME.tmp-PID`) put it is left alone, and the file it points at is not written.
    /// `$$` is the shell's PID, which `exec` hands to journeymap.
    @Test func plantedTemporaryLinkIsNotFollowed() throws {
        defer { try? FileManager.default.removeItem(at: dir) }
        let victim = path("victim.txt")
        try Data("precious".utf8).write(to: URL(fileURLWithPath: victim))
        let script = "ln -s \"$1\" .j.json.tmp-$$ && exec \"$0\" mine \"$2\" -o j.json --quiet"
        let r = try run(["-c", script, CLI.binary, victim, Self.sample], executable: "/bin/sh")
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: victim)) == Data("precious".utf8), "the planted link was followed")
        #expect(try Data(contentsOf: URL(fileURLWithPath: path("j.json"))).starts(with: Data("{".utf8)))
    }

    /// The output's mode follows the umask (0666 & ~umask), as a shell's `>` would.
    @Test func outputModeFollowsTheUmask() throws {
        defer { try? FileManager.default.removeItem(at: dir) }
        for (mask, mode) in [("027", 0o640), ("022", 0o644), ("077", 0o600)] as [(String, mode_t)] {
            let r = try run(["-c", "umask \(mask) && exec \"$0\" mine \"$1\" -o j.json --quiet", CLI.binary, Self.sample],
                            executable: "/bin/sh")
            #expect(r.status == 0, "\(r.stderr)")
            var st = stat()
            #expect(stat(path("j.json"), &st) == 0)
            #expect(st.st_mode & 0o777 == mode, "umask \(mask): mode \(String(st.st_mode & 0o777, radix: 8))")
        }
    }

    /// `ulimit -f` in a plain shell (SIGXFSZ not ignored by the parent): the write fails with
    /// EFBIG, exit 73, no temporary file, the older output kept. Before issue 15 the process
    /// was killed by SIGXFSZ (exit 153) and left its temporary file.
    @Test func fileSizeLimitIsExit73NotASignal() throws {
        defer { try? FileManager.default.removeItem(at: dir) }
        for (command, name, extra) in [("mine", "j.json", [String]()), ("map", "m.png", []), ("map", "m.pdf", [])] {
            try Data("old".utf8).write(to: URL(fileURLWithPath: path(name)))
            let r = try run(["-c", "ulimit -f 1; exec \"$0\" \"$@\"", CLI.binary, command, Self.sample, "-o", name] + extra,
                            executable: "/bin/sh")
            #expect(r.status == 73, "\(command) → \(name): \(r.status) \(r.stderr)")
            #expect(r.stderr.contains("\(name): cannot write: File too large"), "\(r.stderr)")
            #expect(try Data(contentsOf: URL(fileURLWithPath: path(name))) == Data("old".utf8))
            #expect(try leftovers().isEmpty, "temporary file left")
        }
    }

    // MARK: Labels every format can draw

    /// A noncharacter (U+FFFE, U+FDD0), controls (ESC, BEL, DEL, C1) in activities: SVG, PNG and
    /// PDF all written in one run (the PDF used to fail with "input string not valid UTF-8").
    @Test func oddLabelsDrawInEveryFormat() throws {
        defer { try? FileManager.default.removeItem(at: dir) }
        // Noncharacters cannot be written as literals.
        func scalar(_ v: UInt32) -> String { String(Unicode.Scalar(v)!) }
        let odd = ["a\(scalar(0xFFFE))b", "c\(scalar(0xFDD0))d", "e\u{1B}[2J\u{07}f", "g\u{7F}\u{85}h", "i\(scalar(0x10FFFF))j"]
        var csv = "user_id,timestamp,event\n"
        for u in 0..<4 { for (i, a) in odd.enumerated() { csv += "u\(u),2024-01-01T00:0\(i):00Z,\(a)\n" } }
        try Data(csv.utf8).write(to: URL(fileURLWithPath: path("odd.csv")))
        let r = try run(["map", "odd.csv", "-o", "m.svg", "-o", "m.png", "-o", "m.pdf", "--title", "T" + scalar(0xFFFE)])
        #expect(r.status == 0, "\(r.stderr)")
        for (name, magic) in [("m.svg", "<?xml"), ("m.png", "\u{89}PNG"), ("m.pdf", "%PDF")] {
            let data = (try? Data(contentsOf: URL(fileURLWithPath: path(name)))) ?? Data()
            #expect(data.starts(with: Data(magic.unicodeScalars.map { UInt8($0.value) })), "\(name) not written")
        }
        let sankey = try run(["sankey", "odd.csv", "-o", "s.pdf", "--quiet"])
        #expect(sankey.status == 0, "\(sankey.stderr)")
        // Bytes that are not UTF-8 scalars: an encoded lone surrogate, an overlong NUL, past U+10FFFF.
        var raw = Array("user_id,timestamp,event\n".utf8)
        for (i, bad) in [[0xED, 0xA0, 0x80], [0xC0, 0x80], [0xF4, 0x90, 0x80, 0x80]].enumerated() as EnumeratedSequence<[[UInt8]]> {
            raw += Array("u1,2024-01-01T00:0\(i):00Z,x".utf8) + bad + Array("y\n".utf8)
        }
        try Data(raw).write(to: URL(fileURLWithPath: path("bytes.csv")))
        // They are not read as names (U+FFFD marks could make two names one): the reading
        // stops at the first, naming its line and bytes, and nothing is drawn.
        let bytes = try run(["map", "bytes.csv", "-o", "b.svg", "-o", "b.png", "-o", "b.pdf", "--quiet"])
        #expect(bytes.status == 65, "\(bytes.stderr)")
        #expect(bytes.stderr.contains("bytes.csv:2: column \"event\": the activity is not UTF-8 text (bytes 78 ED A0 80 79)"), "\(bytes.stderr)")
        #expect(!FileManager.default.fileExists(atPath: path("b.svg")))
        // The journey file keeps the names exactly; only drawing replaces what cannot be drawn.
        #expect(try run(["mine", "odd.csv", "-o", "j.json", "--quiet"]).status == 0)
        let graph = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path("j.json")))) as? [String: Any]
        let names = Set(((graph?["touchpoints"] as? [[String: Any]]) ?? []).compactMap { $0["name"] as? String })
        #expect(names == Set(odd))
    }
}

/// Bytes read on another thread; `DispatchGroup.wait` orders the write before the read.
private final class Bytes: @unchecked Sendable {
    var data = Data()
}
