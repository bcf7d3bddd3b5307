import Foundation
import Testing
import JourneyTestSupport

/// Logs that are not UTF-8, through the built binary: a Thai Excel export in Windows-874
/// (TIS-620) was read as U+FFFD marks without a word, and names that differ only in Thai
/// letters could be counted as one. Now the reading stops on the first such name, says
/// what it reads as and how to convert the file; nothing is written.
@Suite struct TextEncodingCLITests {
    let folder: TemporaryDirectory

    init() throws {
        folder = try TemporaryDirectory("journeymap-encoding")
    }

    /// `text` in Windows-874: Thai letters (U+0E01–U+0E5B) are TIS-620's 0xA1–0xFB.
    static func windows874(_ text: String) -> [UInt8] {
        text.unicodeScalars.map { c in
            if c.isASCII { return UInt8(c.value) }
            precondition((0x0E01...0x0E5B).contains(c.value), "not Thai: \(c)")
            return UInt8(c.value - 0x0E01 + 0xA1)
        }
    }

    static let thaiLog = """
        user_id,timestamp,event,channel
        u1,2024-01-01 10:00:00,สมัครสมาชิก,เว็บ
        u1,2024-01-01 10:05:00,ซื้อสินค้า,เว็บ
        u2,2024-01-02 10:00:00,สมัครสมาชิก,แอป
        u2,2024-01-02 11:00:00,ดูสินค้า,แอป

        """

    @Test func aThaiWindows874LogStopsWithWhatItReadsAsAndTheIconvCommand() throws {
        let log = try folder.write("orders.csv", bytes: Self.windows874(Self.thaiLog))
        // mine (the direct path gives the file back to the general reader), map, sankey, stats.
        for args in [["mine", log, "-o", folder.path("j.json")], ["map", log, "-o", folder.path("m.svg")],
                     ["sankey", log, "-o", folder.path("s.svg")], ["stats", log]] {
            let r = try CLI.run(args)
            #expect(r.status == 65, "\(args[0]): \(r.stderr)")
            #expect(r.stderr.contains("orders.csv:2: column \"event\": the activity is not UTF-8 text (bytes CA C1 D1 A4"), "\(r.stderr)")
            #expect(r.stderr.contains("Thai in Windows-874 (TIS-620)") && r.stderr.contains("it reads \"สมัครสมาชิก\""), "\(r.stderr)")
            #expect(r.stderr.contains("iconv -f CP874 -t UTF-8 \(log) > \(folder.path("orders-utf8.csv"))"), "\(r.stderr)")
            #expect(!r.stderr.contains("--on-error skip"), "every Thai row would be left out: \(r.stderr)")
        }
        #expect(try folder.contents() == ["orders.csv"], "nothing written")
        // The command it gives makes a log that reads as the UTF-8 one does.
        let converted = try Process.run(URL(fileURLWithPath: "/bin/sh"),
                                        arguments: ["-c", "iconv -f CP874 -t UTF-8 \(log) > \(folder.path("orders-utf8.csv"))"])
        converted.waitUntilExit()
        let utf8 = try folder.write("utf8.csv", Self.thaiLog)
        let a = try CLI.run(["stats", folder.path("orders-utf8.csv")]), b = try CLI.run(["stats", utf8])
        #expect(a.status == 0 && a.stdout.contains("สมัครสมาชิก: 2 events"), "\(a.stdout)\(a.stderr)")
        #expect(a.stdout.replacingOccurrences(of: folder.path("orders-utf8.csv"), with: utf8) == b.stdout)
    }

    @Test func aThaiChannelAndAThaiHeaderAreCaughtToo() throws {
        let channelOnly = Self.thaiLog.replacingOccurrences(of: "สมัครสมาชิก", with: "signup")
            .replacingOccurrences(of: "ซื้อสินค้า", with: "buy").replacingOccurrences(of: "ดูสินค้า", with: "view")
        let log = try folder.write("channels.csv", bytes: Self.windows874(channelOnly))
        let r = try CLI.run(["mine", log, "-o", folder.path("j.json")])
        #expect(r.status == 65 && r.stderr.contains("channels.csv:2: column \"channel\": the channel is not UTF-8 text"), "\(r.stderr)")
        #expect(r.stderr.contains("it reads \"เว็บ\""), "\(r.stderr)")

        let header = try folder.write("header.csv", bytes: Self.windows874("รหัสลูกค้า,เวลา,กิจกรรม\nc1,2024-01-01 10:00:00,signup\n"))
        let h = try CLI.run(["stats", header])
        #expect(h.status == 65 && h.stderr.contains("header.csv:1: column name 1 is not UTF-8 text"), "\(h.stderr)")
        #expect(h.stderr.contains("it reads \"รหัสลูกค้า\""), "\(h.stderr)")
    }

    @Test func aWesternWindows1252LogIsToldApartFromAThaiOne() throws {
        // "Café" (0xE9 is also a Thai tone mark) and "Achat €" (0x80).
        var bytes = Array("user,time,event\nu1,2024-01-01 10:00,Caf".utf8) + [0xE9]
        bytes += Array(" visit\nu1,2024-01-01 11:00,Achat ".utf8) + [0x80] + Array("\n".utf8)
        let log = try folder.write("shop.csv", bytes: bytes)
        let r = try CLI.run(["map", log, "-o", folder.path("m.svg")])
        #expect(r.status == 65, "\(r.stderr)")
        #expect(r.stderr.contains("Windows-1252 (Western European)") && r.stderr.contains("it reads \"Café visit\""), "\(r.stderr)")
        #expect(r.stderr.contains("iconv -f WINDOWS-1252 -t UTF-8"), "\(r.stderr)")
    }

    @Test func compressedLogsGetACommandThatDecompressesFirst() throws {
        let log = try folder.write("orders.csv", bytes: Self.windows874(Self.thaiLog))
        let gzip = try Process.run(URL(fileURLWithPath: "/bin/sh"), arguments: ["-c", "gzip -k \(log) && cp \(log).gz \(folder.path("plain.csv"))"])
        gzip.waitUntilExit()
        let r = try CLI.run(["mine", log + ".gz", "-o", folder.path("j.json")])
        #expect(r.status == 65, "\(r.stderr)")
        #expect(r.stderr.contains("gzip -dc \(log).gz | iconv -f CP874 -t UTF-8 > \(folder.path("orders-utf8.csv"))"), "\(r.stderr)")
        // Compressed under a plain name: known by its first bytes, as the reader knows it.
        let p = try CLI.run(["stats", folder.path("plain.csv")])
        #expect(p.status == 65 && p.stderr.contains("gzip -dc \(folder.path("plain.csv")) | iconv -f CP874"), "\(p.stderr)")
    }

    @Test func attributeValuesAreCheckedTooThoughNotUnusedColumns() throws {
        // --activity-detail and --case A+B read attribute values: Thai ones of one length had
        // turned into the same marks and been counted as one.
        let log = try folder.write("detail.csv", bytes: Self.windows874("user_id,timestamp,event,category\nu1,2024-01-01 10:00:00,view,กข\nu1,2024-01-01 10:01:00,view,คง\n"))
        let d = try CLI.run(["stats", log, "--activity-detail", "category"])
        #expect(d.status == 65 && d.stderr.contains("detail.csv:2: column \"category\": the value is not UTF-8 text"), "\(d.stderr)")
        let c = try CLI.run(["stats", log, "--case", "user_id+category"])
        #expect(c.status == 65 && c.stderr.contains("column \"category\": the value is not UTF-8"), "\(c.stderr)")
        let skipped = try CLI.run(["stats", log, "--activity-detail", "category", "--on-error", "skip"])
        #expect(skipped.status == 65 && skipped.stderr.contains("all 2 rows were left out (2 not UTF-8)"), "\(skipped.stderr)")
        // A column not read may have any bytes, in its name too.
        var bytes = Array("user,time,event,Cat".utf8) + [0xE9] + Array("gorie\nu1,2024-01-01 10:00,signup,caf".utf8) + [0xE9]
        bytes += Array("\n".utf8)
        let unused = try folder.write("unused.csv", bytes: bytes)
        let u = try CLI.run(["stats", unused])
        #expect(u.status == 0 && u.stdout.contains("Events:      1"), "\(u.stderr)")
    }

    @Test func aStrayRowInAUTF8FileIsNotAdvisedToConvertTheWholeFile() throws {
        var bytes = Array("user,time,event\nu1,2024-01-01 10:00,สมัครสมาชิก\nu2,2024-01-01 11:00,Caf".utf8) + [0xE9] + Array("\n".utf8)
        let log = try folder.write("mostly.csv", bytes: bytes)
        let r = try CLI.run(["stats", log])
        #expect(r.status == 65, "\(r.stderr)")
        #expect(r.stderr.contains("mostly.csv:3:") && r.stderr.contains("the file's names before it are UTF-8 (\"สมัครสมาชิก\"), so it mixes encodings"), "\(r.stderr)")
        #expect(r.stderr.contains("--on-error skip") && !r.stderr.contains("iconv"), "\(r.stderr)")
        // Emoji as encoded surrogates (CESU-8, Oracle's "UTF8"): no iconv either.
        bytes = Array("user,time,event\nu1,2024-01-01 10:00,ok ".utf8) + [0xED, 0xA0, 0xBD, 0xED, 0xB8, 0x80] + Array("\n".utf8)
        let cesu = try folder.write("cesu.csv", bytes: bytes)
        let e = try CLI.run(["stats", cesu])
        #expect(e.status == 65 && e.stderr.contains("(CESU-8: Oracle's \"UTF8\"") && e.stderr.contains("AL32UTF8") && !e.stderr.contains("iconv"), "\(e.stderr)")
    }

    @Test func textThatIsNeitherThaiNorWesternIsNotGuessed() throws {
        // Portuguese "Promoção" in Windows-1252 (0xE7 0xE3 are Thai marks too, after an "o").
        var bytes = Array("user,time,event\nu1,2024-01-01 10:00,Promo".utf8) + [0xE7, 0xE3] + Array("o\n".utf8)
        let pt = try folder.write("pt.csv", bytes: bytes)
        let p = try CLI.run(["stats", pt])
        #expect(p.stderr.contains("Windows-1252") && p.stderr.contains("reads \"Promoção\""), "\(p.stderr)")
        // Russian in Windows-1251: neither.
        bytes = Array("user,time,event\nu1,2024-01-01 10:00,".utf8) + [0xCF, 0xF0, 0xE8, 0xE2, 0xE5, 0xF2] + Array("\n".utf8)
        let ru = try folder.write("ru.csv", bytes: bytes)
        let r = try CLI.run(["stats", ru])
        #expect(r.status == 65 && r.stderr.contains("another encoding") && r.stderr.contains("iconv -f ENCODING -t UTF-8"), "\(r.stderr)")
        #expect(r.stderr.contains("--encoding ENCODING (windows-874 Thai") && r.stderr.contains("cp1251 Cyrillic"), "\(r.stderr)")
        // Which the flag then reads.
        let read = try CLI.run(["stats", ru, "--encoding", "cp1251"])
        #expect(read.status == 0 && read.stdout.contains("Привет"), "\(read.stdout)\(read.stderr)")
        // Thai within Windows-874's curly quotes is still Thai.
        let quoted = try folder.write("quoted.csv", bytes: Array("user,time,event\nu1,2024-01-01 10:00,".utf8) + [0x93]
                                      + Self.windows874("สมัคร") + [0x94] + Array("\n".utf8))
        let q = try CLI.run(["stats", quoted])
        #expect(q.stderr.contains("Thai in Windows-874") && q.stderr.contains("reads \"“สมัคร”\""), "\(q.stderr)")
    }

    @Test func withOnErrorSkipTheRowsAreCountedUnderTheirReason() throws {
        // One stray row in another encoding among UTF-8 ones.
        var bytes = Array("user,time,event\nu1,2024-01-01 10:00,signup\nu1,2024-01-01 11:00,".utf8)
        bytes += Self.windows874("ซื้อ") + Array("\nu1,2024-01-01 12:00,review\n".utf8)
        let log = try folder.write("mixed.csv", bytes: bytes)
        let r = try CLI.run(["stats", log, "--on-error", "skip"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("Events:      2"), "\(r.stdout)")
        #expect(r.stdout.contains("not UTF-8"), "\(r.stdout)")
        // Valid UTF-8 beyond ASCII is read as it is.
        let fine = try folder.write("fine.csv", "user,time,event\nu1,2024-01-01 10:00,ซื้อ 🛒\nu1,2024-01-01 11:00,Café\n")
        let f = try CLI.run(["stats", fine])
        #expect(f.status == 0 && f.stdout.contains("ซื้อ 🛒") && f.stdout.contains("Café"), "\(f.stdout)\(f.stderr)")
    }
}
