import Foundation

/// Every log of ../shared/data as a CSV file an engine can load (engines read tables and CSV,
/// not XES: XES logs are converted by Tests/Scripts/xes_to_csv.py, events in file order), with
/// the flags the exactness tests run on each: the default template, a template of globs,
/// `--session-gap`, a `--since/--until` window inside its time span and a `--where` on one of
/// its attributes. The conversion is checked by `conversionKeepsTheJourneyFile`: local mining
/// of the CSV equals local mining of the XES file apart from `source`.
struct SharedEngineLog {
    /// The file name in ../shared/data.
    let name: String
    let original: URL
    /// The file itself (CSV) or its conversion (XES).
    let csv: URL
    let filter: String
    let window: [String]

    var isXES: Bool { csv != original }

    static let columns = ["--case", "case:concept:name", "--activity", "concept:name", "--timestamp", "time:timestamp"]

    /// `columns`, and the channel when the log has a trace attribute `case:channel` (receipt):
    /// named, not guessed, so that a query written without the data (`--engine sql`) has it too.
    var columns: [String] {
        let header = (try? String(contentsOf: csv, encoding: .utf8))?.prefix { $0 != "\n" } ?? ""
        return Self.columns + (header.split(separator: ",").contains("case:channel") ? ["--channel", "case:channel"] : [])
    }

    /// (a --where on one of its attributes, a --since/--until window) per log, by name without
    /// extension; a log not listed here gets no --where and a window over all time.
    static let parameters: [String: (String, [String])] = [
        "running-example": ("org:resource=Pete,Mike", ["--since", "2011-01-01", "--until", "2011-01-10"]),
        "roadtraffic100traces": ("vehicleClass=A", ["--since", "2006-01-01", "--until", "2007-06-01"]),
        "receipt": ("org:group=Group 1", ["--since", "2011-01-01", "--until", "2011-06-01"]),
        "helpdesk": ("org:resource=Value 1,Value 5", ["--since", "2011-06-01", "--until", "2012-06-01"]),
    ]

    /// The exactness runs: (label, mining flags apart from the columns).
    func variants(globTemplate: URL) -> [(String, [String])] {
        var runs: [(String, [String])] = [
            ("default", []),
            ("glob template", ["--template", globTemplate.path]),
            ("session gap", ["--session-gap", "2d"]),
            ("since-until", window),
        ]
        if !filter.isEmpty { runs.append(("where", ["--where", filter])) }
        return runs
    }

    /// Every log of ../shared/data (sorted by name; README.md left out), XES ones converted
    /// into `folder`; nil when ../shared/data is absent.
    static func all(convertingInto folder: URL) throws -> [SharedEngineLog]? {
        let data = EngineTestSupport.dataDir
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: data.path) else { return nil }
        var logs: [SharedEngineLog] = []
        for name in names.sorted() where name.hasSuffix(".csv") || name.hasSuffix(".xes") || name.hasSuffix(".xes.gz") {
            let original = data.appendingPathComponent(name)
            var csv = original
            if !name.hasSuffix(".csv") {
                csv = folder.appendingPathComponent(name + ".csv")
                if !FileManager.default.fileExists(atPath: csv.path) {
                    let r = try EngineTestSupport.run("/usr/bin/python3", [converter, original.path, csv.path])
                    guard r.status == 0 else { throw ConversionError(message: "xes_to_csv.py \(name): \(r.stderr)") }
                }
            }
            let base = String(name.prefix { $0 != "." })
            let (filter, window) = parameters[base] ?? ("", ["--since", "1970-01-01", "--until", "2100-01-01"])
            logs.append(SharedEngineLog(name: name, original: original, csv: csv, filter: filter, window: window))
        }
        return logs
    }

    static let converter = CLI.root.appendingPathComponent("Tests/Scripts/xes_to_csv.py").path

    struct ConversionError: Error, CustomStringConvertible { var message: String; var description: String { message } }

    /// Local mining of the conversion equals local mining of the XES file apart from `source`
    /// (nil when it does; else what differs).
    func conversionDifference(in folder: URL) throws -> String? {
        guard isXES else { return nil }
        let a = folder.appendingPathComponent("\(name)-xes.json").path, b = folder.appendingPathComponent("\(name)-csv.json").path
        let x = try EngineTestSupport.journeymap(["mine", original.path, "-o", a, "--quiet"])
        let c = try EngineTestSupport.journeymap(["mine", csv.path] + columns + ["-o", b, "--quiet"])
        guard x.status == 0, c.status == 0 else { return "mining failed: \(x.stderr) \(c.stderr)" }
        let l = EngineTestSupport.withoutSource(try String(contentsOfFile: a, encoding: .utf8))
        let r = EngineTestSupport.withoutSource(try String(contentsOfFile: b, encoding: .utf8))
        return l == r ? nil : "\(name): mining its CSV conversion gives another journey file than mining the XES file"
    }
}
