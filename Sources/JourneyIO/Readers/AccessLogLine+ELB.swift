@_spi(JourneyIO) import JourneyCore
extension AccessLogLine {
    /// Request types that open an Application Load Balancer's line (a Classic one starts
    /// with its time).
    static let albTypes: Set<String> = ["http", "https", "h2", "grpcs", "ws", "wss"]

    /// One line of an AWS Elastic Load Balancing access log: Classic
    /// (`2015-07-22T09:00:28.019143Z my-elb 1.2.3.4:54635 10.0.6.158:80 0.000022 0.026109 0.00002 200 200 0 699 "GET https://host:443/path HTTP/1.1" "user agent" cipher protocol`,
    /// the PaytmLabs WeblogChallenge's log) or Application (the same after its request type,
    /// `https 2018-07-02T22:23:00.186641Z app/my-lb/… 192.168.131.39:2817 …`, with more fields
    /// after the user agent). The client's address without its port is the IP, the time is
    /// ISO 8601 (read as such: `AccessLogReader` reads a whole file in one form), the sent
    /// bytes are the bytes; ELB logs have no referrer (every visit is `direct`).
    init?(elb base: UnsafePointer<UInt8>, start: Int, end: Int) {
        var fields = LineFields(base, start: start, end: end)
        /// A token, not a quoted field.
        func token() -> UnsafeRawBufferPointer? { fields.next == 0x22 ? nil : fields.token() }
        guard var time = token() else { return nil }
        if Self.albTypes.contains(String(decoding: time, as: UTF8.self)) {
            guard let t = token() else { return nil }
            time = t
        }
        // 2015-07-22T09:00:28.019143Z
        guard time.count >= 20, time[4] == 0x2d, time[7] == 0x2d, time[10] == 0x54 else { return nil }
        guard token() != nil, let client = token(), let colon = client.lastIndex(of: 0x3a), colon > 0,
              token() != nil, token() != nil, token() != nil, token() != nil,
              let elbStatus = token(), token() != nil, token() != nil, let sent = token(),
              let request = fields.enclosed(0x22, 0x22), let agent = fields.enclosed(0x22, 0x22) else { return nil }
        // A request the balancer cut off has status "-" from the back end, never from itself.
        guard Self.isStatus(elbStatus) else { return nil }
        ip = UnsafeRawBufferPointer(rebasing: client[..<colon])
        self.time = time
        status = elbStatus
        bytes = sent
        (method, target) = Self.split(request: request)
        referrer = UnsafeRawBufferPointer(start: nil, count: 0)
        userAgent = agent
    }

    /// True when `line` reads as an ELB access-log line whose time is a timestamp.
    static func looksLikeELB(_ line: String) -> Bool {
        var s = line
        return s.withUTF8 { u in
            guard let base = u.baseAddress, let parsed = AccessLogLine(elb: base, start: 0, end: u.count) else { return false }
            return TimestampParser().parse(parsed.time) != nil
        }
    }
}
