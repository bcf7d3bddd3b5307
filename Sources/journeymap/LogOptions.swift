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
    @Option(name: .customLong("input-format"), help: "csv, jsonl, xes or access-log (default: from the file extension, else from the first lines).")
    var inputFormat: LogFormat?
    @Option(help: "CSV delimiter: , ; tab | or whitespace (runs of spaces/tabs, for aligned text; also: space) (default: detected).")
    var delimiter: String?
    @Option(name: .customLong("timestamp-unit"), help: "Unit of epoch timestamps: s, ms, us, ns (default: by magnitude).")
    var timestampUnit: TimestampParser.EpochUnit?
    @Option(name: .customLong("timestamp-format"), help: "strftime-like pattern, e.g. \"%d/%m/%Y %H:%M\".")
    var timestampFormat: String?
    @Option(help: "Zone of times written without one: UTC, +07:00 or an IANA name like Asia/Bangkok (default UTC).")
    var timezone: String?
    @Flag(name: .customLong("buddhist-era"), help: "Years in the timestamps are Buddhist-era (พ.ศ., e.g. 2567 = 2024): 543 is taken off each.")
    var buddhistEra = false
    @Option(name: .customLong("on-error"), help: "fail (default) or skip bad rows, reporting how many and the first few.")
    var onError: OnError = .fail
    @Option(name: .customLong("max-line-bytes"), help: "Longest row, line or XML tag accepted, in bytes (default 16 MiB); a longer one stops reading with its position.")
    var maxLineBytes: Int?
    @Flag(name: .customLong("keep-static"), help: "Access logs: keep requests for static files (css, js, images, fonts, favicon, robots.txt).")
    var keepStatic = false
    @Flag(name: .customLong("keep-bots"), help: "Access logs: keep requests whose user agent is a bot, crawler or spider.")
    var keepBots = false
    @Flag(name: .customLong("stitch-ids"), inversion: .prefixedNo, help: "With userId else anonymousId (Segment) or user_id else device_id (Amplitude): give an anonymous id's events to the user id seen with it on some row, so a journey does not break at sign-in.")
    var stitchIDs = true
    @Flag(help: "Drop exact duplicate events (same case, activity, timestamp, channel and kept attributes), reporting how many.")
    var dedupe = false
    @Option(name: .customLong("activity-detail"), help: "A second column joined to the activity: --activity event_type --activity-detail category_code names touchpoints \"view · phones\".")
    var activityDetail: String?
    @Option(help: "A wide table, one row per case: date columns that are events, \"engage_date=Engaging,close_date=Closed\" or a glob \"Date entered *\" (each named after its *).")
    var milestones: String?
    @Option(help: "Text encoding of the logs when not UTF-8: windows-874 (Thai, TIS-620, as Excel saves it), windows-1252, utf-16, or any name iconv -l lists (default: UTF-8; UTF-16 with a byte order mark is recognised).")
    var encoding: String?
    @Option(name: .customLong("skip-lines"), help: "Lines above a CSV file's header to pass over (an export's title or account summary above its table).")
    var skipLines: Int?

    func readOptions(extraAttributes: [String] = []) throws -> ReadOptions {
        // --case a+b: the case is a's value joined with b's (GA4 sessions: user_pseudo_id+event_params.ga_session_id).
        let caseParts = caseColumn.map { $0.split(separator: "+", omittingEmptySubsequences: false).map(String.init) } ?? []
        // `--case ""`: the header's unnamed column (pandas writes its index so).
        if caseColumn != "" && caseParts.contains(where: \.isEmpty) { throw UsageError("--case \(caseColumn!): expected COLUMN or COLUMN+COLUMN…, e.g. user_pseudo_id+event_params.ga_session_id") }
        var columns = ColumnSpec(caseColumn: caseParts.first, activityColumn: activityColumn, timestampColumn: timestampColumn,
                                 channelColumn: channelColumn, attributes: [], preset: preset)
        columns.casePartColumns = Array(caseParts.dropFirst())
        columns.activityDetailColumn = activityDetail
        var attrs: [String] = []
        for a in attributes + extraAttributes + columns.casePartColumns + (activityDetail.map { [$0] } ?? [])
            where !attrs.contains(a) { attrs.append(a) }
        columns.attributes = attrs
        var parser = TimestampParser(epochUnit: timestampUnit)
        if let f = timestampFormat { parser.format = try TimestampFormat(f) }
        if let tz = timezone { try parser.setTimeZone(tz) }
        if buddhistEra { parser.yearOffset = -TimestampParser.buddhistEraOffset }
        var delim: UInt8?
        if let d = delimiter {
            switch d {
            case ",": delim = 0x2c
            case ";": delim = 0x3b
            case "tab", "\\t", "\t": delim = 0x09
            case "|": delim = 0x7c
            case "space", "whitespace", " ": delim = ReadOptions.whitespaceDelimiter
            default: throw UsageError("--delimiter \(d): expected one of , ; tab | whitespace")
            }
        }
        var options = ReadOptions(columns: columns, timestamps: parser, delimiter: delim, onError: onError)
        if let m = milestones {
            do { options.milestones = try MilestoneSpec(parsing: m) } catch let e as MilestoneSpec.ParseError {
                throw UsageError("--milestones \(m): \(e.message)")
            }
            if activityColumn != nil || timestampColumn != nil {
                throw UsageError("--milestones names the events and their dates; leave out --activity and --timestamp")
            }
        }
        if let e = encoding, !LogTextEncoding.namesUTF8(e) {
            guard !e.trimmingCharacters(in: .whitespaces).isEmpty, LogTextEncoding.isKnown(e) else {
                throw UsageError("--encoding \(e): not an encoding this system's iconv knows; e.g. windows-874 (Thai, TIS-620), windows-1252, utf-16, shift_jis, gbk (iconv -l lists them)")
            }
            options.encoding = e
        }
        if let n = skipLines {
            guard n >= 0 else { throw UsageError("--skip-lines \(n): expected 0 or more lines") }
            options.skipLines = n
        }
        options.keepStatic = keepStatic
        options.stitchIdentities = stitchIDs
        options.keepBots = keepBots
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
    @Option(help: "Threads for mining (default: all cores; at most 4 × the cores).")
    var threads: Int?

    /// `--threads`, else all cores (checked by `miningOptions`).
    var threadCount: Int { threads ?? ProcessInfo.processInfo.activeProcessorCount }
    @Option(name: .customLong("include"), help: "Keep only activities matching this glob (view*, *checkout*) or re:REGEX (repeatable); before mining.")
    var includePatterns: [String] = []
    @Option(name: .customLong("exclude"), help: "Leave out activities matching this glob or re:REGEX (repeatable; after --include); before mining.")
    var excludePatterns: [String] = []

    var attributesNeeded: [String] {
        whereClauses.compactMap { MiningOptions.WhereClause(parsing: $0)?.attribute }
    }

    func journeyTemplate() throws -> JourneyTemplate {
        try TemplateLocator.load(template)
    }

    /// The options; with `logs`, access logs get visits of a 30-minute gap unless `--session-gap` is given.
    func miningOptions(logs: LogRequest? = nil) throws -> MiningOptions {
        let cores = ProcessInfo.processInfo.activeProcessorCount
        if let t = threads {
            guard t >= 1 else { throw UsageError("--threads \(t): expected 1 or more") }
            // Each thread keeps its own counters and variant table (--threads 10000 took 4.4 GB).
            guard t <= 4 * cores else { throw UsageError("--threads \(t): at most 4 × the \(cores) cores (\(4 * cores))") }
        }
        var o = MiningOptions(maxVariants: variants, threads: threadCount)
        if sessionGap == nil, let logs, logs.paths.contains(where: { path in
            !LogLoader.isJourneyFile(path) && (try? LogLoader.readingPlan(path: path, request: logs))?.0 == .accessLog
        }) {
            o.sessionGapMicros = 30 * 60 * 1_000_000
        }
        if let g = sessionGap {
            do {
                o.sessionGapMicros = try DurationParser.micros(g)
            } catch .noUnit {
                throw UsageError("--session-gap \(g): give a unit, e.g. \(g)s, \(g)m, \(g)h or \(g)d")
            } catch .tooLong {
                throw UsageError("--session-gap \(g): at most 100 years (36500d)")
            } catch {
                throw UsageError("--session-gap \(g): expected a positive duration like 30m, 2h, 1d or 90s")
            }
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
        if let s = o.since, let u = o.until, s >= u {
            throw UsageError("--since \(since!) is not before --until \(until!): no event can match (--until excludes its own time; a date alone means the end of that day)")
        }
        o.whereClauses = try whereClauses.map {
            guard let c = MiningOptions.WhereClause(parsing: $0) else { throw UsageError("--where \($0): expected ATTR=VALUE") }
            return c
        }
        o.activityFilter = ActivityFilter(include: includePatterns, exclude: excludePatterns)
        do { _ = try o.activityFilter.compiled() } catch let e as MiningError {
            throw UsageError("--include/--exclude \(e.message)")
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

extension LogOptions {
    /// An access log's roles are fixed by its format, so `--case`, `--activity`, `--timestamp`,
    /// `--channel` or `--preset` on one would be ignored: refused instead (64), saying what the
    /// access-log reader uses and which flag to drop.
    func checkAccessLogRoles(_ request: LogRequest) throws {
        let given = [("--case", caseColumn), ("--activity", activityColumn), ("--timestamp", timestampColumn),
                     ("--channel", channelColumn), ("--preset", preset?.rawValue)]
            .compactMap { flag, value in value.map { "\(flag) \($0)" } }
        guard !given.isEmpty, let path = request.paths.first(where: { path in
            !LogLoader.isJourneyFile(path) && (try? LogLoader.readingPlan(path: path, request: request))?.0 == .accessLog
        }) else { return }
        let flags = given.map { $0.split(separator: " ", maxSplits: 1)[0] }.joined(separator: " and ")
        throw UsageError("\(given.joined(separator: ", ")): \(path) is read as a web server access log, whose columns are fixed: "
            + "the case is the client IP + user agent (visits split at --session-gap, 30m by default), the activity the request path "
            + "(query string dropped, ids folded: /product/:id), the timestamp the request time, the channel from the referrer. "
            + "Drop \(flags); keep other fields with --attribute (status, referrer, method, bytes, ip, user_agent), "
            + "or give --input-format csv if the file is not an access log")
    }
}

extension ColumnPreset: ExpressibleByArgument {}
extension StageMode: ExpressibleByArgument {}
extension LogFormat: ExpressibleByArgument {}
extension TimestampParser.EpochUnit: ExpressibleByArgument {}
extension OnError: ExpressibleByArgument {}

/// Builds a `JourneyRequest` from the shared options.
///
/// Every command that reads logs comes through here, so here each log's timestamps are
/// checked (`JourneyRequest.timestampWarnings`: numbers read as epoch times before 1990 or after
/// 2100, dates without a time of day unless `tiebreak` orders their ties) and the warnings
/// printed on standard error, once per file, unless `quiet`.
func journeyRequest(inputs: [String], log: LogOptions, mining: MiningFlags, extraAttributes: [String] = [],
                    tiebreak: String? = nil, quiet: Bool) throws -> JourneyRequest {
    let read = try log.readOptions(extraAttributes: mining.attributesNeeded + extraAttributes)
    let simple = try mining.simplification()
    var logRequest = LogRequest(paths: inputs, format: log.inputFormat, read: read)
    logRequest.dedupe = log.dedupe
    try log.checkAccessLogRoles(logRequest)
    var request = JourneyRequest(log: logRequest,
                                 template: try mining.journeyTemplate(), mining: try mining.miningOptions(logs: logRequest),
                                 keepPaths: simple.keepPaths, minEdgeCount: simple.minEdgeCount)
    request.stages = mining.stages ?? .fallback
    if !quiet {
        var checked = request
        checked.tiebreak = tiebreak
        RunNotes.printTimestampWarnings(checked)
    }
    return request
}

/// `--min-people` and `--people` (docs/privacy.md), on every command that reads logs or
/// journey files and publishes their numbers.
struct PrivacyFlags: ParsableArguments {
    @Option(name: .customLong("min-people"), help: "Withhold every number resting on fewer than this many distinct people (cases, before --session-gap), and enough others that none comes back by subtraction (docs/privacy.md).")
    var minPeople: Int?
    @Flag(help: "Count the distinct people behind every number and write them to the journey file (with --session-gap; without it people = journeys), so that --min-people can be applied to it later.")
    var people = false

    func validate() throws { try Self.checkRange(minPeople) }

    /// `--min-people k` takes 1…1,000,000 (every command that has the flag).
    static func checkRange(_ minPeople: Int?) throws {
        if let k = minPeople, !(1...1_000_000).contains(k) { throw ValidationError("--min-people \(k): expected 1…1000000") }
    }

    /// `request` with the flags applied.
    func apply(to request: inout JourneyRequest) {
        request.minPeople = minPeople
        if people || minPeople != nil { request.mining.countsPeople = true }
    }
}
