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
        let gzip = try Process.run(URL(fileURLWithPath: "/bin/sh"), arguments: ["-c", "gzip -k \(log)"])
        gzip.waitUntilExit()
        let r = try CLI.run(["mine", log + ".gz", "-o", folder.path("j.json")])
        #expect(r.status == 65, "\(r.stderr)")
        #expect(r.stderr.contains("gzip -dc \(log).gz | iconv -f CP874 -t UTF-8 > \(folder.path("orders-utf8.csv"))"), "\(r.stderr)")
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
