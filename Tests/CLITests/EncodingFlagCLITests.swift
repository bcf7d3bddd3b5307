import Foundation
import Testing
import JourneyTestSupport

/// `--encoding`, through the built binary: a Thai Excel export in Windows-874 is read as it
/// is (it had to be converted with iconv first), Excel's "Unicode text" (UTF-16 with a byte
/// order mark, tab-separated) is read without a flag, and a wrong `--encoding` stops before
/// it garbles names.
@Suite struct EncodingFlagCLITests {
    let folder: TemporaryDirectory

    init() throws {
        folder = try TemporaryDirectory("journeymap-encoding-flag")
    }

    /// A log of `rows` Thai events over 40 people, names long enough that a 64 KiB buffer ends
    /// inside characters many times.
    static func thaiLog(rows: Int, delimiter: String = ",") -> String {
        let activities = ["สมัครสมาชิก", "ดูสินค้า", "ใส่ตะกร้า", "ชำระเงิน", "รีวิวสินค้า"]
        let channels = ["เว็บไซต์", "แอปพลิเคชัน", "ร้านค้า"]
        var text = ["ลูกค้า", "เวลา", "กิจกรรม", "ช่องทาง"].joined(separator: delimiter) + "\n"
        for i in 0..<rows {
            let fields = ["u\(i % 40)", String(format: "2024-03-%02d %02d:%02d:00", 1 + i / 1440 % 28, i / 60 % 24, i % 60),
                          activities[(i / 40) % activities.count], channels[i % channels.count]]
            text += fields.joined(separator: delimiter) + "\n"
        }
        return text
    }

    static func utf16LittleEndianWithMark(_ text: String) -> [UInt8] {
        [0xFF, 0xFE] + text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
    }

    /// `bytes` written to `name` and gzipped beside it: the `.gz` file's path.
    func gzipped(_ name: String, _ bytes: [UInt8]) throws -> String {
        let plain = try folder.write(name, bytes: bytes)
        let r = try ProcessRunner.run("/bin/gzip", ["-kfn", plain])
        #expect(r.status == 0, "\(r.stderr)")
        return plain + ".gz"
    }

    /// `stats` of `log` with `arguments`, the log's path replaced by `name`.
    func stats(_ log: String, _ arguments: [String] = [], as name: String) throws -> String {
        let r = try CLI.run(["stats", log] + arguments)
        #expect(r.status == 0, "\(log): \(r.stderr)")
        return r.stdout.replacingOccurrences(of: log, with: name)
    }

    @Test func aWindows874LogReadsWithTheFlagAsItsUTF8TwinDoes() throws {
        let text = Self.thaiLog(rows: 6_000)
        let utf8 = try folder.write("utf8.csv", text)
        let thai = try folder.write("thai.csv", bytes: TextEncodingCLITests.windows874(text))
        #expect(try Data(contentsOf: URL(fileURLWithPath: thai)).count > 65_536 * 2, "several buffers")
        let expected = try stats(utf8, as: "LOG")
        #expect(expected.contains("ชำระเงิน"), "\(expected)")
        #expect(try stats(thai, ["--encoding", "windows-874"], as: "LOG") == expected)
        #expect(try stats(thai, ["--encoding", "TIS-620"], as: "LOG") == expected)
        // Gzipped too (the compressed stream is converted as it is inflated).
        let gz = try gzipped("thai-gz.csv", TextEncodingCLITests.windows874(text))
        #expect(try stats(gz, ["--encoding", "cp874"], as: "LOG") == expected)
        // A map in Thai from it: the names are the UTF-8 ones.
        let r = try CLI.run(["map", thai, "--encoding", "windows-874", "-o", folder.path("map.svg")])
        #expect(r.status == 0, "\(r.stderr)")
        let svg = try String(contentsOfFile: folder.path("map.svg"), encoding: .utf8)
        #expect(svg.contains("ชำระเงิน") && svg.contains("เว็บไซต์"), "names in the map")
        // Without the flag, the error names it.
        let e = try CLI.run(["stats", thai])
        #expect(e.status == 65 && e.stderr.contains("give --encoding windows-874 to read it as it is"), "\(e.stderr)")
    }

    @Test func excelsUnicodeTextIsReadWithoutAFlag() throws {
        let text = Self.thaiLog(rows: 3_000, delimiter: "\t")
        let utf8 = try folder.write("utf8.tsv", text)
        let wide = try folder.write("unicode.txt", bytes: Self.utf16LittleEndianWithMark(text))
        let expected = try stats(utf8, as: "LOG")
        #expect(try stats(wide, as: "LOG") == expected)
        #expect(try stats(wide, ["--encoding", "utf-16"], as: "LOG") == expected)
        // mine's journey file is the UTF-8 log's (the fast path reads only UTF-8, so both went
        // different ways), its source aside.
        for (log, out) in [(utf8, "a.json"), (wide, "b.json")] {
            let r = try CLI.run(["mine", log, "-o", folder.path(out)])
            #expect(r.status == 0, "\(r.stderr)")
        }
        let a = try String(contentsOfFile: folder.path("a.json"), encoding: .utf8)
        let b = try String(contentsOfFile: folder.path("b.json"), encoding: .utf8)
        #expect(a.replacingOccurrences(of: utf8, with: "LOG") == b.replacingOccurrences(of: wide, with: "LOG"))
        // Gzipped, its text is not sniffed: the error says which flag reads it.
        let gz = try gzipped("unicode.tsv", Self.utf16LittleEndianWithMark(text))
        let e = try CLI.run(["stats", gz])
        #expect(e.status == 65 && e.stderr.contains("the file is UTF-16") && e.stderr.contains("--encoding utf-16"), "\(e.stderr)")
        #expect(try stats(gz, ["--encoding", "utf-16"], as: "LOG") == expected)
    }

    @Test func aWrongEncodingStopsBeforeItGarblesNames() throws {
        let utf8 = try folder.write("utf8.csv", Self.thaiLog(rows: 50))
        // UTF-8 Thai read as Windows-874 would be valid Thai letters, all wrong.
        let r = try CLI.run(["map", utf8, "--encoding", "windows-874", "-o", folder.path("m.svg")])
        #expect(r.status == 65 && r.stderr.contains("the file is UTF-8 already") && r.stderr.contains("leave out --encoding"), "\(r.stderr)")
        // ASCII as UTF-16 would be Chinese characters.
        let ascii = try folder.write("ascii.csv", "user,time,event\nu1,2024-01-01 10:00:00,view\n")
        let w = try CLI.run(["stats", ascii, "--encoding", "utf-16"])
        #expect(w.status == 65 && w.stderr.contains("the file is UTF-8 already"), "\(w.stderr)")
        // An ASCII file converts to itself from any single-byte encoding.
        #expect(try CLI.run(["stats", ascii, "--encoding", "windows-1252"]).status == 0)
        // A byte the encoding has no character for: the line it is on.
        let bad = try folder.write("bad.csv", bytes: Array("user,time,event\nu1,2024-01-01 10:00:00,view\n".utf8) + [0x75, 0x32, 0x2C, 0xFC, 0xFD, 0x0A])
        let b = try CLI.run(["stats", bad, "--encoding", "windows-874"])
        #expect(b.status == 65 && b.stderr.contains("bad.csv:3: the bytes FC FD 0A are not windows-874 text"), "\(b.stderr)")
        // A name iconv does not know is a usage error.
        let u = try CLI.run(["stats", utf8, "--encoding", "klingon"])
        #expect(u.status == 64 && u.stderr.contains("--encoding klingon: not an encoding") && u.stderr.contains("iconv -l"), "\(u.stderr)")
        #expect(try folder.contents().sorted() == ["ascii.csv", "bad.csv", "utf8.csv"], "nothing written")
    }

    /// From real exports (a Thai government CSV, Japanese bank statements): the guess named the
    /// wrong encoding when a value held nothing but a no-break space, or Shift-JIS bytes.
    @Test func theGuessLooksPastALoneNoBreakSpaceAndKnowsShiftJISIsNotWestern() throws {
        // A Thai Excel export whose only non-ASCII byte in the header is a no-break space (A0),
        // in a column not read; Thai in the rows.
        let lines = Self.thaiLog(rows: 30).split(separator: "\n").map(String.init)
        var bytes = TextEncodingCLITests.windows874(lines[0]) + Array(",Cr".utf8) + [0xA0] + Array("6+\n".utf8)
        for line in lines.dropFirst() { bytes += TextEncodingCLITests.windows874(line + ",0.1\n") }
        let thai = try folder.write("pcd.csv", bytes: bytes)
        let e = try CLI.run(["stats", thai])
        #expect(e.status == 65 && e.stderr.contains("looks like Thai in Windows-874") && e.stderr.contains("--encoding windows-874"), "\(e.stderr)")
        // TIS-620, as Thai users name it, reads it (glibc's TIS-620 has no A0).
        let r = try CLI.run(["stats", thai, "--encoding", "tis-620"])
        #expect(r.status == 0 && r.stdout.contains("สมัครสมาชิก"), "\(r.stdout)\(r.stderr)")
        // Shift-JIS column names are not called Western (they read "”NŒŽ“ú" in Windows-1252).
        let header: [UInt8] = [0x94, 0x4E, 0x8C, 0x8E, 0x93, 0xFA, 0x2C, 0x93, 0xE0, 0x97, 0x65, 0x2C, 0x89, 0xEF, 0x88, 0xF5, 0x0A]
        let japanese = try folder.write("smbc.csv", bytes: header + Array("2024-01-05,A,m1\n2024-01-06,B,m1\n".utf8))
        let j = try CLI.run(["stats", japanese])
        #expect(j.status == 65 && j.stderr.contains("another encoding") && j.stderr.contains("shift_jis Japanese")
                && !j.stderr.contains("Windows-1252 (Western"), "\(j.stderr)")
        let read = try CLI.run(["stats", japanese, "--encoding", "shift_jis", "--case", "会員", "--activity", "内容", "--timestamp", "年月日"])
        #expect(read.status == 0 && read.stdout.contains("case 会員, activity 内容, timestamp 年月日"), "\(read.stdout)\(read.stderr)")
    }

    /// UTF-16 without a byte order mark had been called a file of old Mac line ends, with a
    /// `tr` command that would have spoiled it; a two-digit year had been offered `%Y` (year 3).
    @Test func utf16WithoutAMarkIsNamedAndTwoDigitYearsGetPercentLowerY() throws {
        let text = "user,time,event\r\nu1,2024-01-05 10:00:00,view\r\n"
        let le = try folder.write("le.csv", bytes: text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })
        let be = try folder.write("be.csv", bytes: text.utf16.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] })
        for (log, flag) in [(le, "utf-16le"), (be, "utf-16be")] {
            let r = try CLI.run(["stats", log])
            #expect(r.status == 65 && r.stderr.contains("looks like UTF-16 without a byte order mark") && r.stderr.contains("--encoding \(flag)")
                    && !r.stderr.contains("tr '"), "\(r.stderr)")
            let ok = try CLI.run(["stats", log, "--encoding", flag])
            #expect(ok.status == 0 && ok.stdout.contains("view"), "\(ok.stdout)\(ok.stderr)")
        }
        let dates = try folder.write("dates.csv", "user,time,event\nu1,02/24/03,view\n")
        let d = try CLI.run(["stats", dates])
        #expect(d.status == 65 && d.stderr.contains("--timestamp-format \"%m/%d/%y\" would read it") && !d.stderr.contains("%Y"), "\(d.stderr)")
    }

    /// Labels no installed font draws (Japanese read with --encoding shift_jis on a system
    /// without a CJK font) came out as boxes without a word: now a warning names them. A
    /// private-use character stands in for them here (no font has one; CJK fonts may be installed).
    @Test func labelsNoFontDrawsAreNamedInAWarning() throws {
        let log = try folder.write("pua.csv", "user,time,event\nu1,2024-01-01 10:00:00,a\u{E000}b\nu1,2024-01-01 11:00:00,view\n")
        let r = try CLI.run(["map", log, "-o", folder.path("pua.png")])
        #expect(r.status == 0 && r.stderr.contains("warning: no font on this system draws this character of the labels: \u{E000} (U+E000)"), "\(r.stderr)")
        let quiet = try CLI.run(["map", log, "-o", folder.path("quiet.png"), "--quiet"])
        #expect(quiet.status == 0 && quiet.stderr.isEmpty, "\(quiet.stderr)")
        // Thai and Latin labels have their fonts (README's install list): no warning.
        let thai = try CLI.run(["map", "samples/thai-shop.csv", "--lang", "th", "-o", folder.path("thai.png")])
        #expect(thai.status == 0 && !thai.stderr.contains("no font"), "\(thai.stderr)")
    }

    /// Bank and shop exports put an account summary above the table (a German bank's CSV: six
    /// lines, then the header): the columns could not be told and nothing passed over them.
    @Test func skipLinesPassesOverAPreambleAndTheErrorSaysHowMany() throws {
        let table = (0..<5_000).reduce("user;time;event\n") { text, i in
            text + "u\(i % 300);2024-03-\(String(format: "%02d", 1 + i % 28)) \(String(format: "%02d", i % 24)):00:00;step\(i % 7)\n"
        }
        let preamble = "\"Kontonummer:\";\"DE85 / Privatkonto\";\n\n\"Von:\";\"05.10.2022\n\"Bis:\";\"06.10.2022\";\n\n"
        let plain = try folder.write("table.csv", table)
        let log = try folder.write("export.csv", preamble + table)
        let e = try CLI.run(["mine", log, "-o", folder.path("x.json")])
        #expect(e.status == 65 && e.stderr.contains("export.csv:1: cannot tell which columns")
                && e.stderr.contains("line 6 starts a table of 3 columns") && e.stderr.contains("--skip-lines 5"), "\(e.stderr)")
        // A header the columns cannot be guessed from, right above its rows: no such advice.
        let bare = try folder.write("bare.csv", "a;b;c\nu1;2024-01-01;x\nu2;2024-01-02;y\nu3;2024-01-03;z\n")
        let n = try CLI.run(["stats", bare])
        #expect(n.status == 65 && !n.stderr.contains("--skip-lines"), "\(n.stderr)")
        for (file, out, extra) in [(plain, "a.json", [String]()), (log, "b.json", ["--skip-lines", "5"])] {
            let r = try CLI.run(["mine", file, "-o", folder.path(out)] + extra)
            #expect(r.status == 0, "\(r.stderr)")
        }
        let a = try String(contentsOfFile: folder.path("a.json"), encoding: .utf8).replacingOccurrences(of: plain, with: "LOG")
        let b = try String(contentsOfFile: folder.path("b.json"), encoding: .utf8).replacingOccurrences(of: log, with: "LOG")
        #expect(a == b, "the same journeys as the table alone")
        // The general reader (not the fast path) agrees, and errors count lines from the file's start.
        let g = try CLI.run(["stats", log, "--skip-lines", "5", "--case", "nobody"])
        #expect(g.status == 65 && g.stderr.contains("export.csv:6:"), "\(g.stderr)")
        let past = try CLI.run(["stats", log, "--skip-lines", "9000"])
        #expect(past.status == 65 && past.stderr.contains("--skip-lines 9000: the file has only"), "\(past.stderr)")
        let jsonl = try folder.write("e.jsonl", "{\"user\":\"u1\",\"time\":\"2024-01-01T00:00:00Z\",\"event\":\"a\"}\n")
        let j = try CLI.run(["stats", jsonl, "--skip-lines", "1"])
        #expect(j.status == 65 && j.stderr.contains("does not apply"), "\(j.stderr)")
    }

    /// From the review: `--on-error skip` now skips a row with a byte the encoding lacks (it
    /// had stopped the file); a Windows-874 file whose first Thai words happen to be valid
    /// UTF-8 (ลด is C5 B4) is read, not refused as UTF-8; `--encoding utf-16` on a file with a
    /// byte order mark keeps the date checks (its head had been converted twice, then dropped).
    @Test func reviewedEdgesOfTheConversion() throws {
        let bad = try folder.write("skip.csv", bytes: Array("user,time,event\nu1,2024-01-01 10:00:00,view\nu1,2024-01-01 11:00:00,b".utf8)
                                   + [0x81] + Array("d\nu2,2024-01-01 10:00:00,view\n".utf8))
        let s = try CLI.run(["stats", bad, "--encoding", "windows-1252", "--on-error", "skip"])
        #expect(s.status == 0 && s.stdout.contains("Rows skipped: 1") && s.stdout.contains("Events:      2"), "\(s.stdout)\(s.stderr)")
        var fewBytes: [UInt8] = Array("user,time,event\n".utf8)
        for i in 0..<200 {
            let minute = String(format: "%02d", i % 60)
            let activity: [UInt8] = i == 3 ? [0xC5, 0xB4] : Array("view".utf8)
            fewBytes += Array("u\(i % 9),2024-01-01 10:\(minute):00,".utf8) + activity + [0x0A]
        }
        for _ in 0..<3 { fewBytes += Array("u1,2024-01-02 10:00:00,".utf8) + TextEncodingCLITests.windows874("ชำระเงิน") + [0x0A] }
        let few = try folder.write("few.csv", bytes: fewBytes)
        let f = try CLI.run(["stats", few, "--encoding", "windows-874"])
        #expect(f.status == 0 && f.stdout.contains("ลด") && f.stdout.contains("ชำระเงิน"), "\(f.stdout)\(f.stderr)")
        let era = "user,time,event\nu1,2567-01-05 10:00:00,view\nu1,2567-01-05 11:00:00,buy\n"
        let marked = try folder.write("era16.csv", bytes: Self.utf16LittleEndianWithMark(era))
        for extra in [[String](), ["--encoding", "utf-16"]] {
            let r = try CLI.run(["stats", marked] + extra)
            #expect(r.status == 0 && r.stderr.contains("--buddhist-era"), "\(extra): \(r.stderr)")
        }
        let e = try CLI.run(["stats", marked, "--encoding", ""])
        #expect(e.status == 64, "\(e.stderr)")
    }
}
