import Foundation
import Testing
import JourneyTestSupport

/// What the engine tests need: the DuckDB CLI and the venv's Python (scripts/install-test-tools),
/// a tie-heavy generated log, and journey files compared apart from `source`.
enum EngineSupport {
    static let venv = CLI.root.appendingPathComponent(".venv/bin")
    static let ci = ProcessInfo.processInfo.environment["JM_CI"] == "1"

    /// The DuckDB CLI, or nil (the caller skips, saying so; under JM_CI=1 that is a failure).
    static func duckdb() -> String? {
        if let given = ProcessInfo.processInfo.environment["JOURNEYMAP_DUCKDB"], !given.isEmpty { return given }
        for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":") {
            let p = String(dir) + "/duckdb"
            if FileManager.default.isExecutableFile(atPath: p) { return p }
        }
        let p = venv.appendingPathComponent("duckdb").path
        return FileManager.default.isExecutableFile(atPath: p) ? p : nil
    }

    static func python() -> String? {
        let p = venv.appendingPathComponent("python").path
        return FileManager.default.isExecutableFile(atPath: p) ? p : nil
    }

    /// Records a skip: printed, or a failure under JM_CI=1.
    static func skip(_ why: String) {
        if ci { Issue.record("JM_CI=1 but \(why)") } else { print("skipping: \(why)") }
    }

    static func temporaryDirectory() throws -> URL { try TemporaryDirectory.makeFolder("jm-engine-tests") }

    /// A log with many equal timestamps within cases (timestamps on a 10-minute grid, often the
    /// same), rows interleaved across cases, activity names written in several styles (camelCase,
    /// spaces, Thai, a comma and quotes), channels, a `seq` event id not in row order, and a
    /// `region` attribute.
    static func tieHeavyLog(cases: Int = 400, seed: UInt64 = 19) -> String {
        var state = seed
        func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        let activities = ["Product Viewed", "productViewed", "view_item", "landing_page", "promo1", "cart", "kart_add",
                          "50%_off banner", "Payment Started", "payment_done", "ดูสินค้า", "it's, \"quoted\"", "purchase",
                          "add_to_cart", "checkout", "email_open", "support ticket"]
        let channels = ["web", "app", "", "Web", "store"]
        let regions = ["north", "south", "east"]
        var rows: [String] = []
        var seq = 0
        let base: Int64 = 1_704_067_200  // 2024-01-01T00:00:00Z
        for c in 0..<cases {
            var t = base + Int64(next() % (86_400 * 60))
            let n = 1 + Int(next() % 14)
            for _ in 0..<n {
                if next() % 3 == 0 { t += Int64(next() % 5) * 600 + Int64(next() % 2) * 86_400 * 2 }
                let a = activities[Int(next() % UInt64(activities.count))]
                let quoted = a.contains(",") || a.contains("\"") ? "\"" + a.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : a
                let stamp = ISO8601DateFormatter().string(from: Date(timeIntervalSince1970: TimeInterval(t)))
                seq += 1
                let id = (seq * 7919) % 100_003
                rows.append("c\(c),\(stamp),\(quoted),\(channels[Int(next() % 5)]),\(regions[Int(next() % 3)]),\(id)")
            }
        }
        // Interleave cases, keeping each case's rows in their order (so ties keep a meaning).
        var order = Array(rows.indices)
        for i in stride(from: order.count - 1, to: 0, by: -1) where next() % 4 == 0 {
            let j = Int(next() % UInt64(i + 1))
            order.swapAt(i, j)
        }
        return "user,ts,event,channel,region,seq\n" + order.map { rows[$0] }.joined(separator: "\n") + "\n"
    }

    static let customTemplate = """
        id: custom
        names: {en: Custom}
        language: en
        stages:
          - id: look
            names: {en: Look}
            color: "#4e79a7"
          - id: buy
            names: {en: Buy}
            color: "#f28e2b"
        touchpoints:
          - match: [Product Viewed]
            touchpoint: Viewed
            stage: look
          - glob: ["view_*", "*_page", "promo?"]
            stage: look
          - glob: ["[ck]art*", "50%_off*"]
            stage: buy
          - regex: ["(pay|Pay)ment.*"]
            channel: web
            touchpoint: Paying
            stage: buy
          - match: [ดูสินค้า, "it's, \\"quoted\\""]
            stage: look

        """

    /// The journey file's text without its top-level `source` object.
    static func withoutSource(_ json: String) -> String {
        var out: [Substring] = []
        var skipping = false
        for line in json.split(separator: "\n", omittingEmptySubsequences: false) {
            if !skipping && line.hasPrefix("  \"source\" : {") { skipping = true; continue }
            if skipping { if line == "  }," || line == "  }" { skipping = false }; continue }
            out.append(line)
        }
        return out.joined(separator: "\n")
    }

    /// Mines `log` locally and with `--engine duckdb` with the same flags; both files' text
    /// apart from `source`, and the engine's stderr.
    static func mineBoth(_ log: String, _ flags: [String], in dir: URL, name: String) throws -> (local: String, engine: String, stderr: String) {
        let local = dir.appendingPathComponent("\(name)-local.json").path
        let engine = dir.appendingPathComponent("\(name)-engine.json").path
        let a = try CLI.run(["mine", log, "-o", local, "--quiet"] + flags)
        #expect(a.status == 0, "local \(name): \(a.stderr)")
        let b = try CLI.run(["mine", "--engine", "duckdb", log, "-o", engine, "--quiet"] + flags)
        #expect(b.status == 0, "engine \(name): \(b.stderr)")
        let l = (try? String(contentsOfFile: local, encoding: .utf8)) ?? ""
        let e = (try? String(contentsOfFile: engine, encoding: .utf8)) ?? ""
        return (withoutSource(l), withoutSource(e), b.stderr)
    }
}
