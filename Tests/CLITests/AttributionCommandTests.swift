import Foundation
import Testing
import JourneyTestSupport


/// A log whose chain is hand-solved in `AttributionTests.twoStatesOneDeadEnd`, with events after
/// the conversion (cut away) and channels.
private let smallLog = """
    case,activity,timestamp,channel
    1,ad,2024-01-01T00:00:00Z,search
    1,visit,2024-01-01T00:01:00Z,web
    1,purchase,2024-01-01T00:02:00Z,web
    1,ad,2024-01-01T00:03:00Z,search
    2,ad,2024-01-01T00:00:00Z,social
    3,visit,2024-01-01T00:00:00Z,web
    3,purchase,2024-01-01T00:05:00Z,web

    """

@Suite(.serialized) struct AttributionCommandTests {
    /// Output paths in a folder of this test's, removed with it.
    let folders = ScratchFolders("attribution-cli")
    func scratch(_ name: String) throws -> String { try folders.path(name) }

    private func writeLog() throws -> String {
        let path = try scratch("log.csv")
        try smallLog.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func csvOfTheHandSolvedChain() throws {
        let log = try writeLog(), out = try scratch("a.csv")
        defer { for p in [log, out] { try? FileManager.default.removeItem(atPath: p) } }
        let r = try CLI.run(["attribution", log, "--conversion", "purchase", "-o", out])
        #expect(r.status == 0, "\(r.stderr)")
        let csv = try String(contentsOfFile: out, encoding: .utf8)
        #expect(csv == "name,removal_effect,markov,first_touch,last_touch,linear\nvisit,1,1.3333333333333333,1,2,1.5\nad,0.5,0.6666666666666666,1,0,0.5\n")
    }

    /// An impression log (the shape of Kaggle's marketing attribution data: every event an
    /// "impression" on some channel, then a "conversion"): one touchpoint to credit, so the
    /// run says that `--by channel` credits the channels; with it, or with several
    /// touchpoints (`smallLog`), it says nothing of the kind.
    @Test func oneTouchpointWithChannelsPointsToByChannel() throws {
        let log = try scratch("impressions.csv"), out = try scratch("i.csv")
        defer { for p in [log, out] { try? FileManager.default.removeItem(atPath: p) } }
        try """
            customer_id,time,interaction,channel
            A1,2024-01-01T00:00:00Z,impression,Search
            A1,2024-01-01T00:01:00Z,impression,Display
            A1,2024-01-01T00:02:00Z,conversion,Display
            A2,2024-01-01T00:00:00Z,impression,Email

            """.write(toFile: log, atomically: true, encoding: .utf8)
        let hint = "only 1 touchpoint to credit, and the events carry 3 channels: --by channel credits the channels"
        let r = try CLI.run(["attribution", log, "--activity", "interaction", "--conversion", "conversion", "-o", out])
        #expect(r.status == 0 && r.stderr.contains(hint), "\(r.stderr)")
        let byChannel = try CLI.run(["attribution", log, "--activity", "interaction", "--conversion", "conversion", "--by", "channel", "-o", out])
        #expect(byChannel.status == 0 && !byChannel.stderr.contains("--by channel credits"), "\(byChannel.stderr)")
        let small = try writeLog()
        defer { try? FileManager.default.removeItem(atPath: small) }
        let several = try CLI.run(["attribution", small, "--conversion", "purchase", "-o", out])
        #expect(several.status == 0 && !several.stderr.contains("--by channel credits"), "\(several.stderr)")
    }

    @Test func byChannelAndEveryFormat() throws {
        let log = try writeLog()
        let outs = try ["a.md", "a.json", "a.png", "a.svg", "a.pdf"].map(scratch)
        defer { for p in [log] + outs { try? FileManager.default.removeItem(atPath: p) } }
        let r = try CLI.run(["attribution", log, "--conversion", "purchase", "--by", "channel", "--scale", "1"] + outs.flatMap { ["-o", $0] })
        #expect(r.status == 0, "\(r.stderr)")
        let md = try String(contentsOfFile: outs[0], encoding: .utf8)
        #expect(md.contains("| channel | removal effect |") && md.contains("| web |") && md.contains("| search |"))
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: outs[1]))) as! [String: Any]
        #expect(json["conversions"] as? Int == 2 && json["by"] as? String == "channel")
        #expect(FileManager.default.contents(atPath: outs[2])?.prefix(4) == Data([0x89, 0x50, 0x4E, 0x47]))
        let svg = try String(contentsOfFile: outs[3], encoding: .utf8)
        #expect(svg.contains("Which channels earn the conversions") || svg.contains("<path"))
        #expect(FileManager.default.contents(atPath: outs[4])?.prefix(4) == Data("%PDF".utf8))
    }

    @Test func sameBytesTwice() throws {
        let a = try scratch("1.png"), b = try scratch("2.png"), c1 = try scratch("1.csv"), c2 = try scratch("2.csv")
        defer { for p in [a, b, c1, c2] { try? FileManager.default.removeItem(atPath: p) } }
        for (png, csv) in [(a, c1), (b, c2)] {
            let r = try CLI.run(["attribution", "samples/shop-journeys.csv", "--conversion", "purchase", "--order", "2",
                                 "-o", png, "-o", csv, "--scale", "1"])
            #expect(r.status == 0, "\(r.stderr)")
        }
        #expect(FileManager.default.contents(atPath: a) == FileManager.default.contents(atPath: b))
        #expect(FileManager.default.contents(atPath: c1) == FileManager.default.contents(atPath: c2))
    }

    @Test func thaiAndStageConversion() throws {
        let out = try scratch("th.png")
        defer { try? FileManager.default.removeItem(atPath: out) }
        let r = try CLI.run(["attribution", "samples/thai-shop.csv", "--template", "thai-retail", "--lang", "th",
                             "--conversion-stage", "decision", "-o", out, "--scale", "1"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(FileManager.default.fileExists(atPath: out))
    }

    @Test func clearErrors() throws {
        let log = try writeLog(), journey = try scratch("j.json")
        defer { for p in [log, journey] { try? FileManager.default.removeItem(atPath: p) } }
        var r = try CLI.run(["attribution", log, "--conversion", "purchas"])
        #expect(r.status == 65 && r.stderr.contains("--conversion purchas") && r.stderr.contains("purchase"), "\(r.stderr)")
        r = try CLI.run(["attribution", log])
        #expect(r.status == 64 && r.stderr.contains("--conversion"), "\(r.stderr)")
        r = try CLI.run(["attribution", log, "--conversion", "purchase", "--order", "3"])
        #expect(r.status == 64 && r.stderr.contains("--order 3"), "\(r.stderr)")
        r = try CLI.run(["attribution", log, "--conversion-stage", "nowhere"])
        #expect(r.status == 65 && r.stderr.contains("nowhere"), "\(r.stderr)")
        #expect(try CLI.run(["mine", log, "-o", journey, "--quiet"]).status == 0)
        r = try CLI.run(["attribution", journey, "--conversion", "purchase"])
        #expect(r.status == 65 && r.stderr.contains("give the event log"), "\(r.stderr)")
    }

    @Test func standardOutputIsTheCSV() throws {
        let log = try writeLog()
        defer { try? FileManager.default.removeItem(atPath: log) }
        let r = try CLI.run(["attribution", log, "--conversion", "purchase"])
        #expect(r.status == 0 && r.stdout.hasPrefix("name,removal_effect,markov,first_touch,last_touch,linear\n"), "\(r.stderr)")
    }

    @Test func compareAddsTheChangeOfEachRemovalEffect() throws {
        let md = try scratch("c.md"), csv = try scratch("c.csv")
        defer { for p in [md, csv] { try? FileManager.default.removeItem(atPath: p) } }
        let r = try CLI.run(["compare", "samples/shop-journeys.csv", "--before", "2024-02-01..2024-02-29",
                             "--after", "2024-03-01..2024-03-31", "--attribution", "--conversion", "purchase", "-o", md, "-o", csv])
        #expect(r.status == 0, "\(r.stderr)")
        let report = try String(contentsOfFile: md, encoding: .utf8)
        #expect(report.contains("## Attribution: purchase") && report.contains("| effect before | effect after | change |"))
        let lines = try String(contentsOfFile: csv, encoding: .utf8).split(separator: "\n")
        #expect(lines.first == "name,removal_effect_before,removal_effect_after,change,markov_before,markov_after")
        for line in lines.dropFirst() {
            let f = line.split(separator: ",").compactMap { Double($0) }
            #expect(f.count == 5 && abs(f[1] - f[0] - f[2]) < 1e-12, "change = after − before: \(line)")
        }
        let bad = try CLI.run(["compare", "samples/shop-journeys.csv", "--before", "2024-02-01..2024-02-29",
                               "--after", "2024-03-01..2024-03-31", "--attribution"])
        #expect(bad.status == 64 && bad.stderr.contains("--conversion"), "\(bad.stderr)")
    }
}

/// Many touchpoints: the removal effects are solved all at once (one elimination per unit had
/// taken 368 s for 1,290 products), with no warning, whatever the threads.
@Suite struct AttributionManyStatesCLITests {
    let folders = ScratchFolders("attribution-many")

    @Test func manyTouchpointsAreSolvedAtOnce() throws {
        var rows = ["case,activity,timestamp"]
        for c in 0..<900 {
            for k in 0..<3 { rows.append("c\(c),page \((c * 7 + k * 131) % 450),2024-01-01T00:0\(k):00Z") }
            if c % 3 == 0 { rows.append("c\(c),purchase,2024-01-01T00:05:00Z") }
        }
        let log = try folders.path("many.csv")
        try (rows.joined(separator: "\n") + "\n").write(toFile: log, atomically: true, encoding: .utf8)
        let one = try folders.path("one.csv"), all = try folders.path("all.csv")
        let r = try CLI.run(["attribution", log, "--conversion", "purchase", "--threads", "1", "-o", one])
        #expect(r.status == 0 && !r.stderr.contains("warning"), "\(r.stderr)")
        #expect(r.stderr.contains("450 touchpoints, 300 conversions of 900 journeys (purchase)"), "\(r.stderr)")
        let s = try CLI.run(["attribution", log, "--conversion", "purchase", "-o", all])
        #expect(s.status == 0, "\(s.stderr)")
        let csv = try String(contentsOfFile: one, encoding: .utf8)
        #expect(csv == (try String(contentsOfFile: all, encoding: .utf8)))
        #expect(csv.split(separator: "\n").count == 451)
    }
}

/// A state only failing journeys pass can still earn Markov credit (the chain joins journeys
/// where they share a state): named on standard error and in the picture's footnote, not with
/// `--order 2` when the pair chain gives it none.
@Suite struct AttributionOffPathCLITests {
    let folders = ScratchFolders("attribution-offpath")

    @Test func creditWithoutAConvertingJourneyIsSaid() throws {
        // A → B → buy twice; A → X → B without buying: X leads on to B in the chain.
        var rows = ["case,activity,timestamp"]
        for c in 0..<12 {
            let steps = c % 3 == 2 ? ["A", "X", "B"] : ["A", "B", "buy"]
            for (k, s) in steps.enumerated() { rows.append("c\(c),\(s),2024-01-01T00:0\(k):00Z") }
        }
        let log = try folders.path("x.csv")
        try (rows.joined(separator: "\n") + "\n").write(toFile: log, atomically: true, encoding: .utf8)
        let csv = try folders.path("a.csv"), svg = try folders.path("a.svg")
        let r = try CLI.run(["attribution", log, "--conversion", "buy", "-o", csv, "-o", svg])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.contains("warning: Markov credit without a converting journey: X (no converting journey passes it; the chain joins journeys where they share a state; --order 2 remembers one more step)"), "\(r.stderr)")
        let x = try String(contentsOfFile: csv, encoding: .utf8).split(separator: "\n").first { $0.hasPrefix("X,") }
        #expect(x.map { $0.hasSuffix(",0,0,0") && !$0.hasPrefix("X,0,") } == true, "\(x.map(String.init) ?? "no X")")
        #expect(try String(contentsOfFile: svg, encoding: .utf8).contains("Markov credit without a converting journey: X"))
        let quiet = try CLI.run(["attribution", log, "--conversion", "buy", "-o", csv, "--quiet"])
        #expect(!quiet.stderr.contains("Markov credit"))
    }
}
