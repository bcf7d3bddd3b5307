@_spi(JourneyIO) import JourneyCore
/// One line of a web server access log in the Common or Combined Log Format, as Apache and
/// nginx write it: `IP ident user [17/May/2015:10:05:03 +0000] "GET /path HTTP/1.1" 200 1234`,
/// then in the Combined form `"referrer" "user agent"`. Fields are slices of the line; quoted
/// ones keep their backslash escapes (`\"`), which matter to no rule.
struct AccessLogLine {
    var ip: UnsafeRawBufferPointer
    var time: UnsafeRawBufferPointer
    var method: UnsafeRawBufferPointer
    /// The request target as written (path, query string and all).
    var target: UnsafeRawBufferPointer
    var status: UnsafeRawBufferPointer
    var bytes: UnsafeRawBufferPointer
    /// Empty in the Common Log Format.
    var referrer: UnsafeRawBufferPointer
    var userAgent: UnsafeRawBufferPointer

    /// Parses `b[start..<end]` (a CR before the end is ignored); nil when it is not such a line.
    init?(_ base: UnsafePointer<UInt8>, start: Int, end: Int) {
        var fields = LineFields(base, start: start, end: end)
        // `ip ident user [time]`; Apache's vhost_combined puts `host:port` first.
        var leading: [UnsafeRawBufferPointer] = []
        while !fields.atEnd && fields.next != 0x5b && leading.count < 4, let t = fields.token() { leading.append(t) }
        guard leading.count == 3 || leading.count == 4 else { return nil }
        let ip = leading[leading.count - 3]
        guard !ip.isEmpty else { return nil }
        guard let time = fields.enclosed(0x5b, 0x5d), let request = fields.enclosed(0x22, 0x22),
              let status = fields.token(), Self.isStatus(status), let bytes = fields.token() else { return nil }
        self.ip = ip
        self.time = time
        self.status = status
        self.bytes = bytes
        (method, target) = Self.split(request: request)
        referrer = fields.enclosed(0x22, 0x22) ?? UnsafeRawBufferPointer(start: nil, count: 0)
        userAgent = fields.enclosed(0x22, 0x22) ?? UnsafeRawBufferPointer(start: nil, count: 0)
    }

    /// Three digits.
    static func isStatus(_ t: UnsafeRawBufferPointer) -> Bool { t.count == 3 && t.allSatisfy { $0 &- 0x30 < 10 } }

    /// "GET /path HTTP/1.1" as method and target; a malformed request line ("-", junk) keeps
    /// the whole text as its target.
    static func split(request: UnsafeRawBufferPointer) -> (method: UnsafeRawBufferPointer, target: UnsafeRawBufferPointer) {
        var parts: [UnsafeRawBufferPointer] = []
        var s = 0
        for k in 0...request.count where k == request.count || request[k] == 0x20 {
            if k > s { parts.append(UnsafeRawBufferPointer(rebasing: request[s..<k])) }
            s = k + 1
        }
        return parts.count >= 2 ? (parts[0], parts[1]) : (UnsafeRawBufferPointer(start: nil, count: 0), request)
    }

    /// True when `b` starts like an access-log line (for detecting the format from content).
    static func looksLike(_ line: String) -> Bool {
        var s = line
        return s.withUTF8 { u in
            guard let base = u.baseAddress, let parsed = AccessLogLine(base, start: 0, end: u.count) else { return false }
            // The time must read as `17/May/2015:10:05:03 +0000`.
            return AccessLogRules.timeFormat.parse(parsed.time, parser: TimestampParser()) != nil
        }
    }
}

/// A log line's fields read left to right: tokens up to a space, fields in brackets or quotes
/// (backslash escapes skipped over); spaces after each are passed by.
struct LineFields {
    let base: UnsafePointer<UInt8>
    var p: Int
    let end: Int

    /// `base[start..<end]`, a CR before the end left out.
    init(_ base: UnsafePointer<UInt8>, start: Int, end lineEnd: Int) {
        self.base = base
        p = start
        end = lineEnd > start && base[lineEnd - 1] == 0x0d ? lineEnd - 1 : lineEnd
    }

    var atEnd: Bool { p >= end }
    /// The next byte (nil at the end).
    var next: UInt8? { p < end ? base[p] : nil }

    private mutating func skipSpaces() { while p < end && base[p] == 0x20 { p += 1 } }

    /// A field up to the next space; nil at the end of the line.
    mutating func token() -> UnsafeRawBufferPointer? {
        guard p < end else { return nil }
        let s = p
        while p < end && base[p] != 0x20 { p += 1 }
        let t = UnsafeRawBufferPointer(start: base + s, count: p - s)
        skipSpaces()
        return t
    }

    /// A field in `open…close`; nil when it does not start here or never closes.
    mutating func enclosed(_ open: UInt8, _ close: UInt8) -> UnsafeRawBufferPointer? {
        guard p < end, base[p] == open else { return nil }
        var q = p + 1
        let s = q
        while q < end && base[q] != close {
            if base[q] == 0x5c && q + 1 < end { q += 1 }
            q += 1
        }
        guard q < end else { return nil }
        p = q + 1
        skipSpaces()
        return UnsafeRawBufferPointer(start: base + s, count: q - s)
    }
}
