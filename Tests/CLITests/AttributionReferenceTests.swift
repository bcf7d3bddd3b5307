import Foundation
import Testing

/// `journeymap attribution` against an independent implementation (Tests/Scripts/
/// markov_attribution_reference.py: its own log reading and numpy's LU solve of the chain),
/// on the shared logs and on a generated log of 100,000 journeys: removal effects and Markov
/// credits agree to 1e-9. Needs `.venv` with numpy (scripts/install-test-tools): skipped,
/// saying so, without it, and failed instead when JM_CI=1.
@Suite(.serialized) struct AttributionReferenceTests {
    static let python = CLI.root.appendingPathComponent(".venv/bin/python").path
    static let script = CLI.root.appendingPathComponent("Tests/Scripts/markov_attribution_reference.py").path
    static let shared = CLI.root.deletingLastPathComponent().appendingPathComponent("shared/data")

    static func available() -> Bool {
        if FileManager.default.isExecutableFile(atPath: python) { return true }
        if ProcessInfo.processInfo.environment["JM_CI"] == "1" {
            Issue.record("AttributionReferenceTests: .venv/bin/python missing with JM_CI=1 (run scripts/install-test-tools)")
        } else {
            print("AttributionReferenceTests: skipped: .venv/bin/python not found (scripts/install-test-tools installs numpy there)")
        }
        return false
    }

    /// name → (removal effect, markov) from a CSV whose first three columns are those.
    static func parse(_ csv: String) -> [String: (Double, Double)] {
        var out: [String: (Double, Double)] = [:]
        for line in csv.split(separator: "\n").dropFirst() {
            // Names here hold no commas (checked: the split must give the expected count).
            let f = line.split(separator: ",", omittingEmptySubsequences: false)
            guard f.count >= 3, let e = Double(f[1]), let m = Double(f[2]) else { continue }
            out[String(f[0])] = (e, m)
        }
        return out
    }

    static func compare(log: String, conversion: String, flags: [String] = [], columns: [String] = [], order: Int = 1) throws {
        let ours = try CLI.run(["attribution", log, "--conversion", conversion, "--order", "\(order)"] + flags)
        #expect(ours.status == 0, "\(log): \(ours.stderr)")
        let theirs = try CLI.run([script, log, "--conversion", conversion, "--order", "\(order)"] + columns, executable: python)
        #expect(theirs.status == 0, "\(log): \(theirs.stderr)")
        let a = parse(ours.stdout), b = parse(theirs.stdout)
        #expect(!a.isEmpty && Set(a.keys) == Set(b.keys), "\(log): states differ: \(Set(a.keys).symmetricDifference(b.keys).sorted())")
        for (name, x) in a {
            guard let y = b[name] else { continue }
            #expect(abs(x.0 - y.0) <= 1e-9 && abs(x.1 - y.1) <= 1e-9, "\(log) \(name): ours \(x), numpy \(y)")
        }
    }

    static let logs = [
        ("helpdesk.xes.gz", "Resolve ticket"),
        ("receipt.csv", "T10 Determine necessity to stop indication"),
        ("roadtraffic100traces.csv", "Payment"),
        ("roadtraffic100traces.xes", "Payment"),
        ("running-example.csv", "pay compensation"),
        ("running-example.xes", "pay compensation"),
    ]

    /// Each shared log at order 1 and 2 (a state the last two steps; removing a touchpoint
    /// removes every pair holding it).
    @Test(arguments: logs.flatMap { l in [1, 2].map { (l.0, l.1, $0) } })
    func sharedLogs(_ log: String, _ conversion: String, _ order: Int) throws {
        guard Self.available() else { return }
        let path = Self.shared.appendingPathComponent(log).path
        guard FileManager.default.fileExists(atPath: path) else {
            print("AttributionReferenceTests: skipped \(log): not found (../shared/data is next to the worktree on the build machine)")
            return
        }
        try Self.compare(log: path, conversion: conversion, flags: ["--stages", "template"], order: order)
    }

    @Test func generatedHundredThousandJourneys() throws {
        guard Self.available() else { return }
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("attribution-100k-\(UUID().uuidString).csv").path
        defer { try? FileManager.default.removeItem(atPath: log) }
        let made = try CLI.run([Self.script, "--generate", "100000", log], executable: Self.python)
        #expect(made.status == 0, "\(made.stderr)")
        try Self.compare(log: log, conversion: "purchase", columns: ["--case", "case", "--activity", "activity", "--timestamp", "timestamp"])
    }
}
