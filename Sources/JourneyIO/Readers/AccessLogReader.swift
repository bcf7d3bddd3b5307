@_spi(JourneyIO) import JourneyCore
/// Reads web server access logs (Common and Combined Log Format, as Apache and nginx write
/// them; AWS Elastic Load Balancing's, Classic and Application: `AccessLogLine.init(elb:)`),
/// one request per line, and W3C extended logs (IIS, CloudFront: `#Fields:` names the
/// columns; `W3CLogFields` turns each row into the same `AccessLogLine`).
///
/// - Case: client IP and user agent together (split into visits by the session gap, which
///   the command line sets to 30 minutes for these logs unless `--session-gap` is given).
/// - Activity: the request path without query string, ids folded (`/product/123` →
///   `/product/:id`; `AccessLogRules.activity`), prefixed by the method unless GET or HEAD.
/// - Channel: from the referrer (`AccessLogRules.channel`); the site's own host, taken as the
///   commonest referrer host in the first chunk that is no search engine, social site or
///   webmail, is `internal`.
/// - Attributes (`--attribute`, `--where`): `status`, `referrer`, `method`, `bytes`, `ip`, `user_agent`.
/// Static files and bots are left out unless `ReadOptions.keepStatic` / `keepBots`, counted in
/// `table.skipped` under `staticReason` / `botReason`. A line of another shape is an
/// `InputError` (skipped with `--on-error skip`).
public struct AccessLogReader: EventLogReader {
    public static let staticReason = SkipReport.staticFileReason
    public static let botReason = SkipReport.botReason
    /// The attribute names an access log offers.
    public static let fields = ["status", "referrer", "method", "bytes", "ip", "user_agent"]
    public var chunkSize: Int

    public init(chunkSize: Int = 1 << 20) {
        self.chunkSize = chunkSize
    }

    public func read<S: ByteSource>(_ source: inout S, into table: EventTable, options: ReadOptions) throws -> ResolvedColumns {
        let file = source.name
        var lines = LineReader(chunkSize: chunkSize, maxRecordBytes: options.maxRecordBytes)
        let attributeFields = try table.attributeNames.map { name -> Int in
            guard let k = Self.fields.firstIndex(of: name) else {
                throw InputError(file: file, column: name, message:
                    "no such field in an access log; its fields are \(Self.fields.joined(separator: ", "))")
            }
            return k
        }
        var siteHosts: Set<String> = []
        // An AWS ELB log (ISO times, no referrer) or not, from its first request line.
        var elb = false
        if try lines.next(&source) != nil {
            siteHosts = Self.siteHosts(lines.buffer.base, count: lines.buffer.end)
            elb = Self.isELB(lines.buffer.base, count: lines.buffer.end)
            lines.unread()
        }
        let columns = ResolvedColumns(caseColumn: "ip + user agent", activityColumn: "path", timestampColumn: "time",
                                      channelColumn: "referrer", guessed: [])
        var readOptions = options
        readOptions.timestamps.format = elb ? nil : AccessLogRules.timeFormat
        readOptions.timestamps.epochUnit = nil
        var sink = EventSink(table: table, options: readOptions, columns: columns, file: file)
        sink.checksUTF8 = false
        var caseName: [UInt8] = []
        var activityCache: [String: String] = [:]
        var channelCache: [String: String] = [:]

        /// Stages one request (static files and bots left out).
        func take(_ request: AccessLogLine) throws {
            let target = String(decoding: request.target, as: UTF8.self)
            if !options.keepStatic && AccessLogRules.isStatic(path: target) {
                table.skipped.count += 1
                table.skipped.reasons[Self.staticReason, default: 0] += 1
                return
            }
            let agent = String(decoding: request.userAgent, as: UTF8.self)
            if !options.keepBots && AccessLogRules.isBot(userAgent: agent) {
                table.skipped.count += 1
                table.skipped.reasons[Self.botReason, default: 0] += 1
                return
            }
            caseName.removeAll(keepingCapacity: true)
            caseName.append(contentsOf: request.ip)
            caseName.append(0x20)
            caseName.append(contentsOf: request.userAgent)
            let method = String(decoding: request.method, as: UTF8.self)
            let key = method + " " + target
            let activity: String
            if let known = activityCache[key] { activity = known } else {
                let path = AccessLogRules.activity(path: target)
                activity = method.isEmpty || method == "GET" || method == "HEAD" ? path : method + " " + path
                if activityCache.count < 100_000 { activityCache[key] = activity }
            }
            let referrer = String(decoding: request.referrer, as: UTF8.self)
            let channel: String
            if let known = channelCache[referrer] { channel = known } else {
                channel = AccessLogRules.channel(referrer: referrer, siteHosts: siteHosts)
                if channelCache.count < 100_000 { channelCache[referrer] = channel }
            }
            var activityText = activity, channelText = channel
            let staged = try caseName.withUnsafeBytes { c in
                try activityText.withUTF8 { a in
                    try channelText.withUTF8 { ch in
                        try sink.stage(case: c, fallback: nil, activity: UnsafeRawBufferPointer(a), timestamp: request.time,
                                       channel: UnsafeRawBufferPointer(ch))
                    }
                }
            }
            guard staged else { return }
            for (k, field) in attributeFields.enumerated() {
                let value: UnsafeRawBufferPointer
                switch field {
                case 0: value = request.status
                case 1: value = request.referrer.count == 1 && request.referrer[0] == 0x2d ? UnsafeRawBufferPointer(start: nil, count: 0) : request.referrer
                case 2: value = request.method
                case 3: value = request.bytes
                case 4: value = request.ip
                default: value = request.userAgent
                }
                try sink.stageAttribute(k, value)
            }
            sink.commit()
        }
        var w3c: W3CLogFields? = nil
        var w3cStorage: [UInt8] = []
        var directiveDate: [UInt8] = []

        while let (start, end) = try lines.next(&source) {
            let base = lines.buffer.base
            if CSVReader.isBlank(base, start, end) { continue }
            sink.line = lines.line
            sink.byteOffset = lines.absolute(start)
            // W3C extended log directives (`#Version:`, `#Fields:` …); a later `#Fields:` changes the columns.
            if base[start] == 0x23 {
                if let fields = try W3CLogFields(base, start: start, end: end, line: lines.line, file: file) {
                    w3c = fields
                } else if let date = W3CLogFields.directiveDate(base, start: start, end: end) {
                    directiveDate = date
                }
                w3c?.directiveDate = directiveDate
                continue
            }
            if let fields = w3c {
                if let problem = try fields.withRequest(base, start: start, end: end, storage: &w3cStorage, take) {
                    _ = try sink.reject(problem, reason: "not a W3C extended log row")
                }
                continue
            }
            guard let request = elb ? AccessLogLine(elb: base, start: start, end: end) : AccessLogLine(base, start: start, end: end) else {
                let expected = elb
                    ? "an AWS ELB access-log line like the file's first (2015-07-22T09:00:28.019143Z my-elb 1.2.3.4:54635 10.0.6.158:80 0.000022 0.026109 0.00002 200 200 0 699 \"GET https://host:443/path HTTP/1.1\" \"user agent\" …)"
                    : "a Common or Combined Log Format line (IP - - [17/May/2015:10:05:03 +0000] \"GET /path HTTP/1.1\" 200 1234 \"referrer\" \"user agent\"), or a W3C extended log with a #Fields: line"
                _ = try sink.reject("expected \(expected), found \(quoted(UnsafeRawBufferPointer(start: base + start, count: end - start)))",
                                    reason: "not an access-log line")
                continue
            }
            try take(request)
        }
        if table.count == 0 && lines.line == 0 {
            throw InputError(file: file, line: 1, message: "empty file: expected one request per line")
        }
        return columns
    }

    /// Whether the first line in `base[0..<count]` that is not blank or a `#` directive is an
    /// AWS ELB access-log line and not a Common/Combined one.
    static func isELB(_ base: UnsafePointer<UInt8>, count: Int) -> Bool {
        var start = 0
        for p in 0...count where p == count || base[p] == 0x0a {
            defer { start = p + 1 }
            guard p > start, base[start] != 0x23, !CSVReader.isBlank(base, start, p) else { continue }
            return AccessLogLine(base, start: start, end: p) == nil && AccessLogLine(elb: base, start: start, end: p) != nil
        }
        return false
    }

    /// The site's own host: the commonest referrer host among the lines in `base[0..<count]`
    /// that is not a known search engine, social site or webmail (its `www.` form too).
    static func siteHosts(_ base: UnsafePointer<UInt8>, count: Int) -> Set<String> {
        var counts: [String: Int] = [:]
        var start = 0
        var w3c: W3CLogFields? = nil
        var storage: [UInt8] = []
        func tally(_ line: AccessLogLine) {
            if let host = AccessLogRules.host(ofReferrer: String(decoding: line.referrer, as: UTF8.self)),
               !AccessLogRules.isKnownOutside(host) {
                counts[host, default: 0] += 1
            }
        }
        for p in 0..<count where base[p] == 0x0a {
            defer { start = p + 1 }
            if p > start && base[start] == 0x23 {
                if let fields = try? W3CLogFields(base, start: start, end: p, line: 0, file: "") { w3c = fields }
            } else if let w3c {
                _ = w3c.withRequest(base, start: start, end: p, storage: &storage, tally)
            } else if let line = AccessLogLine(base, start: start, end: p) {
                tally(line)
            }
        }
        guard let top = counts.max(by: { $0.value != $1.value ? $0.value < $1.value : $0.key > $1.key }) else { return [] }
        return [top.key]
    }
}
