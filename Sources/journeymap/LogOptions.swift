import ArgumentParser
import Foundation
import JourneyKit

/// Reading options shared by every command that takes event logs.
struct LogOptions: ParsableArguments {
    @Option(name: .customLong("case"), help: "Column (or dotted JSON path) with the case / user id.")
    var caseColumn: String?
    @Option(name: .customLong("activity"), help: "Column with the activity / event name.")
    var activityColumn: String?
    @Option(name: .customLong("timestamp"), help: "Column with the event time.")
    var timestampColumn: String?
    @Option(name: .customLong("channel"), help: "Column with the channel (web, app, store, …).")
    var channelColumn: String?
    @Option(name: .customLong("attribute"), help: "Keep another attribute by name (repeatable).")
    var attributes: [String] = []
    @Option(help: "Column names of a known export: \(ColumnPreset.allCases.map(\.rawValue).joined(separator: ", ")).")
    var preset: ColumnPreset?
    @Option(name: .customLong("input-format"), help: "csv, jsonl or xes (default: from the file extension).")
    var inputFormat: LogFormat?
    @Option(help: "CSV delimiter: , ; tab | (default: detected).")
    var delimiter: String?
    @Option(name: .customLong("timestamp-unit"), help: "Unit of epoch timestamps: s, ms, us, ns (default: by magnitude).")
    var timestampUnit: TimestampParser.EpochUnit?
    @Option(name: .customLong("timestamp-format"), help: "strftime-like pattern, e.g. \"%d/%m/%Y %H:%M\".")
    var timestampFormat: String?
    @Option(help: "Zone of times written without one: UTC, +07:00 or an IANA name like Asia/Bangkok (default UTC).")
    var timezone: String?
    @Option(name: .customLong("on-error"), help: "fail (default) or skip bad rows, reporting how many and the first few.")
    var onError: OnError = .fail
    @Option(name: .customLong("max-line-bytes"), help: "Longest row, line or XML tag accepted, in bytes (default 16 MiB); a longer one stops reading with its position.")
    var maxLineBytes: Int?
    @Flag(help: "Drop exact duplicate events (same case, activity, timestamp, channel and kept attributes), reporting how many.")
    var dedupe = false

    func readOptions(extraAttributes: [String] = []) throws -> ReadOptions {
        var columns = ColumnSpec(caseColumn: caseColumn, activityColumn: activityColumn, timestampColumn: timestampColumn,
                                 channelColumn: channelColumn, attributes: [], preset: preset)
        var attrs: [String] = []
        for a in attributes + extraAttributes where !attrs.contains(a) { attrs.append(a) }
        columns.attributes = attrs
        var parser = TimestampParser(epochUnit: timestampUnit)
        if let f = timestampFormat { parser.format = try TimestampFormat(f) }
        if let tz = timezone { try TimeZoneOption.apply(tz, to: &parser) }
        var delim: UInt8?
        if let d = delimiter {
            switch d {
            case ",": delim = 0x2c
            case ";": delim = 0x3b
            case "tab", "\\t", "\t": delim = 0x09
            case "|": delim = 0x7c
            default: throw UsageError("--delimiter \(d): expected one of , ; tab |")
            }
        }
        var options = ReadOptions(columns: columns, timestamps: parser, delimiter: delim, onError: onError)
        if let m = maxLineBytes {
            guard m >= 1024 else { throw UsageError("--max-line-bytes \(m): expected at least 1024 bytes") }
            options.maxRecordBytes = m
        }
        return options
    }
}

/// Filters, sessions and simplification shared by every command that mines.
struct MiningFlags: ParsableArguments {
    @Option(help: "Journey template: a name in templates/ or a YAML file (default: the built-in six-stage journey).")
    var template: String?
    @Option(help: "Where stages come from: auto (inferred from the data; matched template stages keep their names) or template (the template's, whatever it matches). Default: the template's unless it places less than half of the events.")
    var stages: StageMode?
    @Option(name: .customLong("session-gap"), help: "Split a case into journeys at inactivity gaps, e.g. 30m, 2h, 1d.")
    var sessionGap: String?
    @Option(help: "Keep events at or after this date/time (ISO-8601).")
    var since: String?
    @Option(help: "Keep events before this date/time (a date alone means the end of that day).")
    var until: String?
    @Option(name: .customLong("where"), help: "Keep events whose ATTR equals VALUE (ATTR=V1,V2; repeatable).")
    var whereClauses: [String] = []
    @Option(name: .customLong("keep-activities"), help: "Keep the most frequent touchpoints covering this % of events (e.g. 90); their neighbours reconnect.")
    var keepActivities: Double?
    @Option(name: .customLong("keep-paths"), help: "Keep the strongest transitions covering this % of transitions (e.g. 95).")
    var keepPaths: Double?
    @Option(name: .customLong("min-edge-count"), help: "Hide transitions seen fewer times than this.")
    var minEdgeCount: Int = 0
    @Option(help: "How many of the most frequent variants to keep.")
    var variants: Int = 50
    @Option(help: "Threads for mining (default: all cores).")
    var threads: Int?

    var attributesNeeded: [String] {
        whereClauses.compactMap { MiningOptions.WhereClause(parsing: $0)?.attribute }
    }

    func journeyTemplate() throws -> JourneyTemplate {
        try TemplateLocator.load(template)
    }

    func miningOptions() throws -> MiningOptions {
        var o = MiningOptions(maxVariants: variants, threads: threads ?? ProcessInfo.processInfo.activeProcessorCount)
        if let g = sessionGap {
            guard let seconds = DurationParser.seconds(g) else { throw UsageError("--session-gap \(g): expected a duration like 30m, 2h, 1d or 90s") }
            o.sessionGapMicros = Int64(seconds * 1e6)
        }
        let p = TimestampParser()
        if let s = since {
            guard let v = p.parse(s) else { throw UsageError("--since \(s): expected a date or date-time like 2024-05-19 or 2024-05-19T08:00:00Z") }
            o.since = v
        }
        if let u = until {
            guard let v = p.parse(u) else { throw UsageError("--until \(u): expected a date or date-time like 2024-05-19 or 2024-05-19T08:00:00Z") }
            // A bare date includes the whole day.
            o.until = u.count == 10 ? v + 86_400_000_000 : v
        }
        o.whereClauses = try whereClauses.map {
            guard let c = MiningOptions.WhereClause(parsing: $0) else { throw UsageError("--where \($0): expected ATTR=VALUE") }
            return c
        }
        if let k = keepActivities {
            guard k > 0 && k <= 100 else { throw UsageError("--keep-activities \(k): expected a percentage in (0, 100]") }
            o.keepActivities = k / 100
        }
        return o
    }

    func simplification() throws -> (keepPaths: Double?, minEdgeCount: Int) {
        if let k = keepPaths, !(k > 0 && k <= 100) { throw UsageError("--keep-paths \(k): expected a percentage in (0, 100]") }
        return (keepPaths.map { $0 / 100 }, minEdgeCount)
    }
}

extension ColumnPreset: ExpressibleByArgument {}
extension StageMode: ExpressibleByArgument {}
extension LogFormat: ExpressibleByArgument {}
extension TimestampParser.EpochUnit: ExpressibleByArgument {}
extension OnError: ExpressibleByArgument {}

/// Builds a `JourneyRequest` from the shared options.
func journeyRequest(inputs: [String], log: LogOptions, mining: MiningFlags) throws -> JourneyRequest {
    let read = try log.readOptions(extraAttributes: mining.attributesNeeded)
    let simple = try mining.simplification()
    var logRequest = LogRequest(paths: inputs, format: log.inputFormat, read: read)
    logRequest.dedupe = log.dedupe
    var request = JourneyRequest(log: logRequest,
                                 template: try mining.journeyTemplate(), mining: try mining.miningOptions(),
                                 keepPaths: simple.keepPaths, minEdgeCount: simple.minEdgeCount)
    request.stages = mining.stages ?? .fallback
    return request
}
