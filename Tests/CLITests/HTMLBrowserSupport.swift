import Foundation
import JourneyTestSupport
import Testing

/// Drives `Tests/BrowserChecks/check_html_page.py` (Selenium in `.venv`, Debian's chromium and
/// chromedriver) on one HTML page and returns what it found.
///
/// chromedriver is started by Selenium from the script, one per page, not as a service
/// (`scripts/services/`): each check owns its browser, no port or state is shared between
/// tests or helpers, and nothing is left running when a test stops.
enum BrowserCheck {
    static let python = CLI.root.appendingPathComponent(".venv/bin/python").path
    static let script = CLI.root.appendingPathComponent("Tests/BrowserChecks/check_html_page.py").path
    static let chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first { FileManager.default.isExecutableFile(atPath: $0) }
    static let chromedriver = ["/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver"].first { FileManager.default.isExecutableFile(atPath: $0) }

    /// Why the browser checks cannot run here, nil when they can.
    static var missing: String? {
        var parts: [String] = []
        if chromium == nil { parts.append("chromium") }
        if chromedriver == nil { parts.append("chromedriver (chromium-driver)") }
        if !FileManager.default.isExecutableFile(atPath: python) { parts.append(".venv with selenium") }
        else if (try? CLI.run(["-c", "import selenium, PIL"], executable: python))?.status != 0 { parts.append("selenium and pillow in .venv") }
        return parts.isEmpty ? nil : parts.joined(separator: ", ") + " missing; run scripts/install-test-tools"
    }

    /// True when the checks can run; otherwise says so and skips, or fails under `JM_CI=1`.
    static func available(_ test: String) -> Bool {
        guard let why = missing else { return true }
        if ProcessInfo.processInfo.environment["JM_CI"] == "1" {
            Issue.record("\(test): \(why) (JM_CI=1: the browser tests must run)")
        } else {
            print("skipping \(test): \(why)")
        }
        return false
    }

    struct Report: Decodable {
        var failures: [String]
        var measured: [String: JSONValue]
    }

    /// Runs the script with `plan` (see the script's header), paths made absolute.
    static func run(_ plan: [String: Any]) throws -> Report {
        var plan = plan
        plan["chromium"] = chromium
        plan["chromedriver"] = chromedriver
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("jm-browser-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let planFile = dir.appendingPathComponent("plan.json")
        try JSONSerialization.data(withJSONObject: plan).write(to: planFile)
        // Chromium's own scratch folders (org.chromium.Chromium.*) go in ours, removed afterwards.
        let run = try CLI.run([script, planFile.path], executable: python, environment: ["TMPDIR": dir.path])
        guard let report = try? JSONDecoder().decode(Report.self, from: Data(run.stdout.utf8)) else {
            throw BrowserError(message: "the browser check printed no report (status \(run.status)): \(run.stdout)\n\(run.stderr)")
        }
        return report
    }

    struct BrowserError: Error, CustomStringConvertible { var message: String; var description: String { message } }
}

/// Any JSON value, to print what the browser check measured.
enum JSONValue: Decodable, CustomStringConvertible {
    case number(Double), string(String), bool(Bool), array([JSONValue]), object([String: JSONValue]), null
    init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() { self = .null }
        else if let b = try? c.decode(Bool.self) { self = .bool(b) }
        else if let n = try? c.decode(Double.self) { self = .number(n) }
        else if let s = try? c.decode(String.self) { self = .string(s) }
        else if let a = try? c.decode([JSONValue].self) { self = .array(a) }
        else { self = .object(try c.decode([String: JSONValue].self)) }
    }
    var description: String {
        switch self {
        case .number(let n): return n == n.rounded() && abs(n) < 1e15 ? String(Int(n)) : String(n)
        case .string(let s): return "\"\(s)\""
        case .bool(let b): return String(b)
        case .array(let a): return "[" + a.map(\.description).joined(separator: ", ") + "]"
        case .object(let o): return "{" + o.keys.sorted().map { "\($0): \(o[$0]!)" }.joined(separator: ", ") + "}"
        case .null: return "null"
        }
    }
    var number: Double? { if case .number(let n) = self { return n }; return nil }
}

extension BrowserCheck {
    /// Runs another script of `Tests/BrowserChecks` (the replay's) with `plan`, as `run` does.
    static func runScript(_ name: String, _ plan: [String: Any]) throws -> Report {
        var plan = plan
        plan["chromium"] = chromium
        plan["chromedriver"] = chromedriver
        let dir = try TemporaryDirectory("jm-browser")
        let planFile = dir.url.appendingPathComponent("plan.json")
        try JSONSerialization.data(withJSONObject: plan).write(to: planFile)
        let script = CLI.root.appendingPathComponent("Tests/BrowserChecks/\(name)").path
        let run = try CLI.run([script, planFile.path], executable: python, environment: ["TMPDIR": dir.path])
        guard let report = try? JSONDecoder().decode(Report.self, from: Data(run.stdout.utf8)) else {
            throw BrowserError(message: "\(name) printed no report (status \(run.status)): \(run.stdout)\n\(run.stderr)")
        }
        return report
    }

    /// True when `.venv` has Pillow (the APNG and GIF decoding checks); otherwise says so and
    /// skips, or fails under `JM_CI=1`.
    static func pillowAvailable(_ test: String) -> Bool {
        if FileManager.default.isExecutableFile(atPath: python), (try? CLI.run(["-c", "import PIL"], executable: python))?.status == 0 { return true }
        let why = ".venv with pillow missing; run scripts/install-test-tools"
        if ProcessInfo.processInfo.environment["JM_CI"] == "1" { Issue.record("\(test): \(why) (JM_CI=1)") } else { print("skipping \(test): \(why)") }
        return false
    }
}
