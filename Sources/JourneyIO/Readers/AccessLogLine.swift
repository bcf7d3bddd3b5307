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
    init?(_ base: UnsafePointer<UInt8>, start: Int, end lineEnd: Int) {
        var end = lineEnd
        if end > start && base[end - 1] == 0x0d { end -= 1 }
        var p = start
        func slice(_ s: Int, _ e: Int) -> UnsafeRawBufferPointer { UnsafeRawBufferPointer(start: base + s, count: e - s) }
        /// A field up to the next space; nil at the end of the line.
        func token() -> UnsafeRawBufferPointer? {
            guard p < end else { return nil }
            let s = p
            while p < end && base[p] != 0x20 { p += 1 }
            let t = slice(s, p)
            while p < end && base[p] == 0x20 { p += 1 }
            return t
        }
        /// A field in `open…close`, escapes skipped over; nil when it does not start here or never closes.
        func enclosed(_ open: UInt8, _ close: UInt8) -> UnsafeRawBufferPointer? {
            guard p < end, base[p] == open else { return nil }
            p += 1
            let s = p
            while p < end && base[p] != close {
                if base[p] == 0x5c && p + 1 < end { p += 1 }
                p += 1
            }
            guard p < end else { return nil }
            let t = slice(s, p)
            p += 1
            while p < end && base[p] == 0x20 { p += 1 }
            return t
        }
        // `ip ident user [time]`; Apache's vhost_combined puts `host:port` first.
        var leading: [UnsafeRawBufferPointer] = []
        while p < end && base[p] != 0x5b && leading.count < 4, let t = token() { leading.append(t) }
        guard leading.count == 3 || leading.count == 4 else { return nil }
        let ip = leading[leading.count - 3]
        guard !ip.isEmpty else { return nil }
        guard let time = enclosed(0x5b, 0x5d), let request = enclosed(0x22, 0x22),
              let status = token(), status.count == 3, status.allSatisfy({ $0 &- 0x30 < 10 }),
              let bytes = token() else { return nil }
        self.ip = ip
        self.time = time
        self.status = status
        self.bytes = bytes
        // "GET /path HTTP/1.1"; a malformed request line ("-", junk) keeps the whole text as its target.
        var parts: [UnsafeRawBufferPointer] = []
        var s = 0
        for k in 0...request.count where k == request.count || request[k] == 0x20 {
            if k > s { parts.append(UnsafeRawBufferPointer(rebasing: request[s..<k])) }
            s = k + 1
        }
        if parts.count >= 2 {
            method = parts[0]; target = parts[1]
        } else {
            method = UnsafeRawBufferPointer(start: nil, count: 0); target = request
        }
        referrer = enclosed(0x22, 0x22) ?? UnsafeRawBufferPointer(start: nil, count: 0)
        userAgent = enclosed(0x22, 0x22) ?? UnsafeRawBufferPointer(start: nil, count: 0)
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
