import Foundation
import Testing
import JourneyTestSupport
#if canImport(Glibc)
import Glibc
#endif

/// Issue 15, smaller leaks, through the built binary: control characters never reach the
/// terminal, persona photos stay in their folder, and inputs that were accepted silently
/// now say something.
@Suite struct SmallerLeaksCLITests {
    /// This test's folder, removed with it.
    let folder: TemporaryDirectory
    var dir: URL { folder.url }
    static let sample = CLI.root.appendingPathComponent("samples/shop-journeys.csv").path
    static let header = "user_id,timestamp,event\n"

    init() throws {
        folder = try TemporaryDirectory("journeymap-leaks")
    }

    @discardableResult
    func write(_ name: String, _ bytes: [UInt8]) throws -> String {
        let url = dir.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(bytes).write(to: url)
        return url.path
    }

    @discardableResult
    func write(_ name: String, _ text: String) throws -> String { try write(name, Array(text.utf8)) }

    func run(_ arguments: [String]) throws -> CLI.Run { try CLI.run(arguments, in: dir) }

    static func hasControl(_ text: String) -> Bool {
        text.unicodeScalars.contains { ($0.value < 0x20 && $0 != "\n" && $0 != "\t") || (0x7F...0x9F).contains($0.value) }
    }

    // MARK: Terminal

    /// ESC and BEL in log values: `stats` shows them as `\x1b`, `\x07`; so do error messages
    /// and warnings. Nothing printed holds a control character but line feeds and tabs.
    @Test func controlCharactersNeverReachTheTerminal() throws {
        defer { try? FileManager.default.removeItem(at: dir) }
        let log = try write("esc.csv", Self.header + "u1,2024-01-01T00:00:00Z,a\u{1B}]0;PWNED\u{07}b\nu1,2024-01-01T00:01:00Z,c\u{9B}2J\n")
        let stats = try run(["stats", log])
        #expect(stats.status == 0, "\(stats.stderr)")
        #expect(stats.stdout.contains("a\\x1b]0;PWNED\\x07b"), "\(stats.stdout)")
        #expect(stats.stdout.contains("c\\u{9b}2J"), "\(stats.stdout)")
        #expect(!Self.hasControl(stats.stdout))

        // A bad value quoted in an error message.
        let bad = try write("bad.csv", Self.header + "u1,2024\u{1B}[2J\u{07},a\n")
        let error = try run(["stats", bad])
        #expect(error.status == 65)
        #expect(error.stderr.contains("2024\\x1b[2J\\x07"), "\(error.stderr)")
        #expect(!Self.hasControl(error.stderr), "\(error.stderr)")

        // A skipped row quoted in a warning, and a flag value quoted by the argument parser.
        let skipped = try run(["mine", bad, "--on-error", "skip", "-o", "j.json"])
        #expect(!Self.hasControl(skipped.stderr), "\(skipped.stderr)")
        let flag = try run(["stats", log, "--no-such-\u{1B}]0;x\u{07}"])
        #expect(flag.status == 64)
        #expect(!Self.hasControl(flag.stderr), "\(flag.stderr)")

        // The comparison report (often read on a terminal).
        let report = try run(["compare", log, log])
        #expect(!Self.hasControl(report.stdout), "\(report.stdout)")
    }

    // MARK: Persona photos

    func persona(_ name: String, photo: String) throws -> String {
        try write(name, "name: Ploy Srisuk\nrole: Student\nphoto: \(photo)\ngoals: [Cheap shipping]\n")
    }

    /// A real PNG (the map kept in git).
    static var png: [UInt8] {
        get throws { [UInt8](try Data(contentsOf: CLI.root.appendingPathComponent("output/journey-map.png"))) }
    }

    /// Photos are read from the YAML's folder and below; outside it (by path, `..` or a
    /// symlink) the warning is the same whether the file exists or not, and nothing is embedded.
    @Test func photosStayInThePersonaFolder() throws {
        defer { try? FileManager.default.removeItem(at: dir) }
        try write("outside.png", try Self.png)
        try write("p/photos/face.png", try Self.png)
        #expect(symlink(dir.appendingPathComponent("outside.png").path, dir.appendingPathComponent("p/link.png").path) == 0)
        func warning(_ photo: String, extra: [String] = []) throws -> (String, Bool) {
            let yaml = try persona("p/a.yaml", photo: photo)
            let r = try run(["persona", yaml, "-o", "c.svg"] + extra)
            #expect(r.status == 0, "\(photo): \(r.stderr)")
            let svg = (try? String(contentsOf: dir.appendingPathComponent("c.svg"), encoding: .utf8)) ?? ""
            return (r.stderr.components(separatedBy: "\n").first { $0.contains("warning") } ?? "", svg.contains("<image"))
        }
        let inside = try warning("photos/face.png")
        #expect(inside.0.isEmpty && inside.1, "a photo inside the folder is drawn: \(inside.0)")
        for photo in ["../outside.png", "link.png", dir.appendingPathComponent("outside.png").path, "photos/../../outside.png"] {
            let (w, embedded) = try warning(photo)
            #expect(!embedded, "\(photo) was embedded")
            #expect(w.contains("outside the persona file's folder") && w.contains("--allow-photos-outside"), "\(photo): \(w)")
        }
        // The same words for a file that is not there: nothing tells whether it exists.
        let (there, _) = try warning("../outside.png"), (missing, _) = try warning("../missing.png")
        #expect(there.replacingOccurrences(of: "outside.png", with: "X") == missing.replacingOccurrences(of: "missing.png", with: "X"))
        let allowed = try warning("../outside.png", extra: ["--allow-photos-outside"])
        #expect(allowed.0.isEmpty && allowed.1, "--allow-photos-outside: \(allowed.0)")
    }

    /// `/dev/zero` (outside, allowed) and a FIFO in the folder: named for what they are, never read.
    @Test func nonRegularPhotosSayWhatTheyAre() throws {
        defer { try? FileManager.default.removeItem(at: dir) }
        let zero = try persona("p/zero.yaml", photo: "/dev/zero")
        let r = try run(["persona", zero, "-o", "c.png", "--allow-photos-outside"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.contains("not a regular file: a character device"), "\(r.stderr)")
        #expect(mkfifo(dir.appendingPathComponent("p/fifo").path, 0o600) == 0)
        let fifo = try persona("p/fifo.yaml", photo: "fifo")
        let f = try run(["persona", fifo, "-o", "c.png"])
        #expect(f.status == 0, "\(f.stderr)")
        #expect(f.stderr.contains("not a regular file: a FIFO"), "\(f.stderr)")
    }

    // MARK: Said, not accepted silently

    @Test func sinceAfterUntilIsAUsageError() throws {
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try run(["stats", Self.sample, "--since", "2024-05-01", "--until", "2024-04-01"])
        #expect(r.status == 64)
        #expect(r.stderr.contains("--since 2024-05-01 is not before --until 2024-04-01"), "\(r.stderr)")
    }

    @Test func filtersMatchingNothingAreBadInput() throws {
        defer { try? FileManager.default.removeItem(at: dir) }
        let since = try run(["mine", Self.sample, "--since", "2031-01-01", "-o", "j.json"])
        #expect(since.status == 65)
        #expect(since.stderr.contains("no event matches --since 2031-01-01T00:00:00Z (of 4,000 events from 2023-11-15T04:36:50Z to 2024-05-13T12:16:55Z)"),
                "\(since.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("j.json").path))
        let whereClause = try run(["sankey", Self.sample, "--where", "channel=fax", "-o", "s.svg"])
        #expect(whereClause.status == 65)
        #expect(whereClause.stderr.contains("no event matches --where channel=fax"), "\(whereClause.stderr)")
        #expect(whereClause.stderr.contains("channel has 9 values, most often: web (1,728), app (605)"), "\(whereClause.stderr)")
        // A filter that matches something still works.
        #expect(try run(["stats", Self.sample, "--where", "channel=web"]).status == 0)
    }

    @Test func unknownLanguageIsAUsageError() throws {
        defer { try? FileManager.default.removeItem(at: dir) }
        for args in [["stats", Self.sample, "--lang", "xx"], ["map", Self.sample, "--lang", "xx", "-o", "m.svg"],
                     ["persona", "nok-thai-shopper", "--second-lang", "xx", "-o", "c.svg"]] {
            let r = try run(args)
            #expect(r.status == 64, "\(args): \(r.stderr)")
            #expect(r.stderr.contains("xx: expected one of en, th"), "\(args): \(r.stderr)")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).isEmpty)
    }

    @Test func gzipThatIsNotGzipOrHasTrailingGarbage() throws {
        defer { try? FileManager.default.removeItem(at: dir) }
        let csv = Self.header + "u1,2024-01-01T00:00:00Z,a\nu1,2024-01-01T00:01:00Z,b\n"
        let plain = try write("plain.csv.gz", csv)
        let r = try run(["stats", plain])
        #expect(r.status == 65)
        #expect(r.stderr.contains("plain.csv.gz: not gzip data"), "\(r.stderr)")
        #expect(!r.stderr.contains("incorrect header check"))

        let gz = try gzip(csv)
        try write("garbage.csv.gz", gz + Array("GARBAGE".utf8))
        let g = try run(["stats", "garbage.csv.gz"])
        #expect(g.status == 65)
        #expect(g.stderr.contains("garbage.csv.gz: byte \(gz.count): trailing garbage"), "\(g.stderr)")
        // Zero padding after the data is accepted, as are concatenated members.
        try write("padded.csv.gz", gz + [UInt8](repeating: 0, count: 512))
        #expect(try run(["stats", "padded.csv.gz"]).status == 0)
        try write("two.csv.gz", gz + (try gzip("u2,2024-01-01T00:00:00Z,a\n")))
        let two = try run(["stats", "two.csv.gz"])
        #expect(two.status == 0 && two.stdout.contains("Journeys:    2"), "\(two.stderr)")
    }

    func gzip(_ text: String) throws -> [UInt8] {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/gzip")
        p.arguments = ["-c", "-n"]
        let input = Pipe(), output = Pipe()
        p.standardInput = input
        p.standardOutput = output
        try p.run()
        input.fileHandleForWriting.write(Data(text.utf8))
        try input.fileHandleForWriting.close()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return [UInt8](data)
    }

    @Test func xesInAnotherNamespaceOrRootIsRefused() throws {
        defer { try? FileManager.default.removeItem(at: dir) }
        let body = #"<trace><string key="concept:name" value="c1"/><event><string key="concept:name" value="a"/><date key="time:timestamp" value="2024-01-01T00:00:00Z"/></event></trace>"#
        try write("other.xes", "<?xml version=\"1.0\"?>\n<log xmlns=\"http://example.com/not-xes\">\(body)</log>\n")
        let ns = try run(["stats", "other.xes"])
        #expect(ns.status == 65)
        #expect(ns.stderr.contains("other.xes:2: the root <log> is in the namespace \"http://example.com/not-xes\", not XES's"), "\(ns.stderr)")
        try write("feed.xes", "<?xml version=\"1.0\"?>\n<feed>\(body)</feed>\n")
        let root = try run(["stats", "feed.xes"])
        #expect(root.status == 65)
        #expect(root.stderr.contains("feed.xes:2: no <log> element: the root element is <feed>"), "\(root.stderr)")
        // XES's own namespace is read.
        try write("ok.xes", "<?xml version=\"1.0\"?>\n<log xmlns=\"http://www.xes-standard.org/\">\(body)</log>\n")
        #expect(try run(["stats", "ok.xes"]).status == 0)
    }

    /// CR-only line ends (classic Mac OS; Fluxicon Disco's CSV exports) had been refused: read
    /// as LF, the same journeys as the LF file, on every path (mapped file at any thread
    /// count, gzip, JSON Lines); a quoted name over two lines keeps its line break (as LF);
    /// CRLF as before.
    @Test func carriageReturnLineEndsAreReadAsLineEnds() throws {
        defer { try? FileManager.default.removeItem(at: dir) }
        func rows(_ lineEnd: String) -> String {
            ["user_id,timestamp,event", "u1,2024-01-01T00:00:00Z,a", "u1,2024-01-01T00:01:00Z,\"b\(lineEnd)c\"",
             "u2,2024-01-01T00:00:00Z,a", "u2,2024-01-01T00:02:00Z,d"].joined(separator: lineEnd) + lineEnd
        }
        try write("unix.csv", rows("\n"))
        try write("mac.csv", rows("\r"))
        try write("dos.csv", rows("\r\n"))
        let expected = try run(["mine", "unix.csv", "-o", "-"])
        #expect(expected.status == 0, "\(expected.stderr)")
        #expect(expected.stdout.contains("\"b\\nc\""), "\(expected.stdout.prefix(3000))")
        func same(_ file: String, _ flags: [String] = []) throws {
            let r = try run(["mine", file, "-o", "-"] + flags)
            #expect(r.status == 0, "\(file) \(flags): \(r.stderr)")
            #expect(r.stdout.replacingOccurrences(of: file, with: "unix.csv") == expected.stdout, "\(file) \(flags)")
        }
        try same("mac.csv")
        try same("mac.csv", ["--threads", "1"])
        try same("mac.csv", ["--threads", "2"])
        let dos = try run(["stats", "dos.csv"])
        #expect(dos.status == 0, "\(dos.stderr)")
        #expect(dos.stdout.contains("Journeys:    2"), "\(dos.stdout)")
        let gzip = Process()
        gzip.executableURL = URL(fileURLWithPath: "/bin/sh")
        gzip.arguments = ["-c", "gzip -c mac.csv > macgz.csv.gz"]
        gzip.currentDirectoryURL = dir
        try gzip.run()
        gzip.waitUntilExit()
        #expect(gzip.terminationStatus == 0)
        try same("macgz.csv.gz")
        let stats = try run(["stats", "mac.csv"])
        #expect(stats.status == 0, "\(stats.stderr)")
        #expect(stats.stdout.contains("Journeys:    2"), "\(stats.stdout)")
        try write("mac.jsonl", "{\"user_id\":\"u1\",\"timestamp\":\"2024-01-01T00:00:00Z\",\"event\":\"a\"}\r"
                  + "{\"user_id\":\"u1\",\"timestamp\":\"2024-01-01T00:01:00Z\",\"event\":\"b\"}\r")
        let jsonl = try run(["stats", "mac.jsonl"])
        #expect(jsonl.status == 0, "\(jsonl.stderr)")
        #expect(jsonl.stdout.contains("Events:      2"), "\(jsonl.stdout)")
    }

    /// Years below 1000 are printed with four digits in `stats`, the journey file and the report.
    @Test func earlyYearsArePrintedAsISO8601() throws {
        defer { try? FileManager.default.removeItem(at: dir) }
        let log = try write("old.csv", Self.header + "u1,0999-01-01T00:00:00Z,a\nu1,0999-01-01T00:01:00Z,b\nu2,0042-03-04T05:06:07Z,a\n")
        let stats = try run(["stats", log])
        #expect(stats.status == 0, "\(stats.stderr)")
        #expect(stats.stdout.contains("Time span:   0042-03-04T05:06:07Z .. 0999-01-01T00:01:00Z"), "\(stats.stdout)")
        let mine = try run(["mine", log, "--since", "0999-01-01"])
        #expect(mine.status == 0, "\(mine.stderr)")
        #expect(mine.stdout.contains("\"0999-01-01T00:00:00Z\""), "\(mine.stdout.prefix(2000))")
        #expect(!mine.stdout.contains("\"999-"))
    }
}
