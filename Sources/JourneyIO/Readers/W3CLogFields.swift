@_spi(JourneyIO) import JourneyCore
/// The columns of a W3C extended log (IIS, Amazon CloudFront), as its `#Fields:` directive
/// names them: `#Fields: date time c-ip cs-method cs-uri-stem sc-status cs(Referer) cs(User-Agent)`.
/// Rows are separated by spaces (IIS; a field in double quotes may hold spaces) or tabs
/// (CloudFront); `-` is an empty field. A row becomes the `AccessLogLine` the Combined Log
/// Format parser would make of the same request, so both share every access-log rule.
struct W3CLogFields {
    /// Field names in order, as written.
    var names: [String]
    /// The line of the `#Fields:` directive (for error messages).
    var line: Int
    /// The date of the `#Date:` directive, used when the rows have no `date` field.
    var directiveDate: [UInt8] = []
    let date: Int?, time: Int, ip: Int, method: Int?, stem: Int, status: Int?, bytes: Int?, referrer: Int?, agent: Int?

    /// The fields `b[start..<end]` names when it is a `#Fields:` line; nil for another line.
    /// Throws when it lacks a field journeymap needs.
    init?(_ base: UnsafePointer<UInt8>, start: Int, end: Int, line: Int, file: String) throws {
        let text = String(decoding: UnsafeRawBufferPointer(start: base + start, count: end - start), as: UTF8.self)
        guard text.hasPrefix("#Fields:") else { return nil }
        names = text.dropFirst("#Fields:".count).split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" }).map(String.init)
        self.line = line
        let lower = names.map { $0.lowercased() }
        func index(_ name: String) -> Int? { lower.firstIndex(of: name) }
        let missing = ["time", "c-ip", "cs-uri-stem"].filter { index($0) == nil }
        guard missing.isEmpty, let time = index("time"), let ip = index("c-ip"), let stem = index("cs-uri-stem") else {
            throw InputError(file: file, line: line, message:
                "the #Fields: line of this W3C extended log names no \(missing.joined(separator: ", ")); journeymap needs date and time, c-ip and cs-uri-stem (found \(names.joined(separator: " ")))")
        }
        self.time = time; self.ip = ip; self.stem = stem
        date = index("date"); method = index("cs-method"); status = index("sc-status"); bytes = index("sc-bytes")
        referrer = index("cs(referer)") ?? index("cs(referrer)"); agent = index("cs(user-agent)")
    }

    /// The fields of the row `b[start..<end]` (a CR before the end ignored): split on tabs when it
    /// has any, else on spaces outside double quotes.
    static func split(_ base: UnsafePointer<UInt8>, start: Int, end lineEnd: Int) -> (fields: [Range<Int>], tabs: Bool) {
        var end = lineEnd
        if end > start && base[end - 1] == 0x0d { end -= 1 }
        var tabs = false
        for p in start..<end where base[p] == 0x09 { tabs = true; break }
        var fields: [Range<Int>] = []
        var p = start
        if tabs {
            var s = start
            while p <= end {
                if p == end || base[p] == 0x09 { fields.append(s..<p); s = p + 1 }
                p += 1
            }
            return (fields, true)
        }
        while p < end {
            while p < end && base[p] == 0x20 { p += 1 }
            guard p < end else { break }
            if base[p] == 0x22 {
                let s = p + 1
                p = s
                while p < end && base[p] != 0x22 { p += 1 }
                fields.append(s..<p)
                if p < end { p += 1 }
            } else {
                let s = p
                while p < end && base[p] != 0x20 { p += 1 }
                fields.append(s..<p)
            }
        }
        return (fields, false)
    }

    /// How to read past such rows.
    static let skipHint = InputError.skipHint

    /// What a row that does not fit these fields was expected to look like.
    func expectation(found: Int, tabs: Bool) -> String {
        "expected \(names.count) \(tabs ? "tab" : "space")-separated fields as the #Fields: line at line \(line) names (\(names.prefix(8).joined(separator: " "))\(names.count > 8 ? " …" : "")), found \(found)" + Self.skipHint
    }

    /// Calls `body` with the request on the row `b[start..<end]`, its time rewritten as a Combined
    /// Log Format time in UTC (`01/Apr/2012:00:00:13 +0000`) and its user agent decoded (`+` for
    /// a space in IIS, percent-encoding in CloudFront). Returns what was wrong with the row
    /// instead when it does not fit the fields.
    func withRequest(_ base: UnsafePointer<UInt8>, start: Int, end: Int, storage: inout [UInt8],
                     _ body: (AccessLogLine) throws -> Void) rethrows -> String? {
        let (fields, tabs) = Self.split(base, start: start, end: end)
        guard fields.count == names.count else { return expectation(found: fields.count, tabs: tabs) }
        func bytes(_ k: Int?) -> ArraySlice<UInt8> {
            guard let k else { return [] }
            let r = fields[k]
            if r.count == 1 && base[r.lowerBound] == 0x2d { return [] }
            return ArraySlice(UnsafeBufferPointer(start: base + r.lowerBound, count: r.count))
        }
        let dateText = date.map { bytes($0) } ?? ArraySlice(directiveDate)
        guard let time = Self.clfTime(date: dateText, time: bytes(time)) else {
            let found = String(decoding: dateText, as: UTF8.self) + " " + String(decoding: bytes(time), as: UTF8.self)
            return "expected the date and time as W3C extended logs write them (2012-04-01 00:00:13, UTC), found \"\(found)\"" + Self.skipHint
        }
        var agent = Array(bytes(agent))
        if !tabs { agent = agent.map { $0 == 0x2b ? 0x20 : $0 } }
        // CloudFront encodes the user agent, sometimes twice (`%2520` for a space).
        for _ in 0..<2 where agent.contains(0x25) { agent = Self.percentDecoded(agent) }
        // One buffer for every field, sliced once it stops growing.
        storage.removeAll(keepingCapacity: true)
        var ranges: [Range<Int>] = []
        for part in [bytes(ip), ArraySlice(time), bytes(method), bytes(stem), bytes(status), bytes(self.bytes),
                     bytes(referrer), ArraySlice(agent)] {
            let s = storage.count
            storage.append(contentsOf: part)
            ranges.append(s..<storage.count)
        }
        try storage.withUnsafeBytes { b in
            func slice(_ k: Int) -> UnsafeRawBufferPointer { UnsafeRawBufferPointer(rebasing: b[ranges[k]]) }
            try body(AccessLogLine(ip: slice(0), time: slice(1), method: slice(2), target: slice(3), status: slice(4),
                                   bytes: slice(5), referrer: slice(6), userAgent: slice(7)))
        }
        return nil
    }

    /// `2012-04-01` and `00:00:13` (fractions of a second dropped) as `01/Apr/2012:00:00:13 +0000`.
    static func clfTime(date: ArraySlice<UInt8>, time: ArraySlice<UInt8>) -> [UInt8]? {
        let d = Array(date), t = Array(time.prefix(8))
        func digits(_ a: [UInt8], _ r: Range<Int>) -> Bool { r.allSatisfy { a[$0] &- 0x30 < 10 } }
        guard d.count == 10, d[4] == 0x2d, d[7] == 0x2d, digits(d, 0..<4), digits(d, 5..<7), digits(d, 8..<10),
              t.count == 8, t[2] == 0x3a, t[5] == 0x3a, digits(t, 0..<2), digits(t, 3..<5), digits(t, 6..<8),
              time.count == 8 || time[time.startIndex + 8] == 0x2e else { return nil }
        let month = Int(d[5] - 0x30) * 10 + Int(d[6] - 0x30)
        guard (1...12).contains(month) else { return nil }
        let names = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        return Array(d[8..<10]) + [0x2f] + Array(names[month - 1].utf8) + [0x2f] + Array(d[0..<4]) + [0x3a] + t
            + Array(" +0000".utf8)
    }

    /// `%XX` sequences decoded; anything else kept.
    static func percentDecoded(_ s: [UInt8]) -> [UInt8] {
        func hex(_ c: UInt8) -> UInt8? {
            switch c {
            case 0x30...0x39: return c - 0x30
            case 0x41...0x46: return c - 0x37
            case 0x61...0x66: return c - 0x57
            default: return nil
            }
        }
        var out: [UInt8] = []
        out.reserveCapacity(s.count)
        var k = 0
        while k < s.count {
            if s[k] == 0x25, k + 2 < s.count, let h = hex(s[k + 1]), let l = hex(s[k + 2]) {
                out.append(h << 4 | l); k += 3
            } else {
                out.append(s[k]); k += 1
            }
        }
        return out
    }

    /// The date of a `#Date: 2012-04-01 00:00:13` directive, nil for another line.
    static func directiveDate(_ base: UnsafePointer<UInt8>, start: Int, end: Int) -> [UInt8]? {
        let text = String(decoding: UnsafeRawBufferPointer(start: base + start, count: end - start), as: UTF8.self)
        guard text.hasPrefix("#Date:") else { return nil }
        return Array(text.dropFirst("#Date:".count).drop(while: { $0 == " " }).prefix(10).utf8)
    }

    /// True when `lines` (a file's first lines) start with `#` directives, one of them `#Fields:`.
    static func looksLike(_ lines: [String]) -> Bool {
        for line in lines {
            guard line.hasPrefix("#") else { return false }
            if line.hasPrefix("#Fields:") { return true }
        }
        return false
    }
}

extension AccessLogLine {
    /// A request made of fields read elsewhere (`W3CLogFields`).
    init(ip: UnsafeRawBufferPointer, time: UnsafeRawBufferPointer, method: UnsafeRawBufferPointer,
         target: UnsafeRawBufferPointer, status: UnsafeRawBufferPointer, bytes: UnsafeRawBufferPointer,
         referrer: UnsafeRawBufferPointer, userAgent: UnsafeRawBufferPointer) {
        self.ip = ip; self.time = time; self.method = method; self.target = target
        self.status = status; self.bytes = bytes; self.referrer = referrer; self.userAgent = userAgent
    }
}
