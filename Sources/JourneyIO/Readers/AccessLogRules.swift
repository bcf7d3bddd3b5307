@_spi(JourneyIO) import JourneyCore
/// What the access-log reader makes of a request: the touchpoint name (the path with ids
/// folded), whether it is a static file or a bot, and the channel its referrer implies.
public enum AccessLogRules {
    /// The time field of Common and Combined Log Format lines.
    static let timeFormat = try! TimestampFormat("%d/%b/%Y:%H:%M:%S %z")

    /// Extensions of files a page pulls in by itself (left out unless `--keep-static`).
    static let staticExtensions: Set<String> = [
        "css", "js", "mjs", "map", "png", "jpg", "jpeg", "gif", "svg", "ico", "webp", "avif", "bmp", "tif", "tiff",
        "woff", "woff2", "ttf", "otf", "eot",
    ]
    /// Paths fetched by browsers and crawlers on their own.
    static let staticPaths: Set<String> = ["/favicon.ico", "/robots.txt", "/apple-touch-icon.png", "/apple-touch-icon-precomposed.png"]
    /// Words in a user agent that mark a program rather than a person (lowercase).
    static let botMarkers = ["bot", "crawler", "crawl", "spider", "slurp", "feedparser", "feedfetcher", "rss", "curl/",
                             "wget/", "python-requests", "python-urllib", "go-http-client", "java/", "libwww", "httpclient",
                             "scrapy", "headless", "facebookexternalhit", "pingdom", "uptime", "monitor"]

    /// The path without query string or fragment, each id-like segment folded to `:id`:
    /// all digits (`/product/123`), a UUID, or a hex hash of 16 or more characters.
    public static func activity(path target: String) -> String {
        var path = Substring(target)
        if let cut = path.firstIndex(where: { $0 == "?" || $0 == "#" }) { path = path[..<cut] }
        // An absolute URL as the target (proxies): keep its path.
        if path.hasPrefix("http://") || path.hasPrefix("https://") {
            let rest = path.drop(while: { $0 != ":" }).dropFirst(3)
            path = rest.firstIndex(of: "/").map { rest[$0...] } ?? "/"
        }
        if path.isEmpty { return "/" }
        let segments = path.split(separator: "/", omittingEmptySubsequences: false).map { isID($0) ? ":id" : String($0) }
        return segments.joined(separator: "/")
    }

    static func isID(_ s: Substring) -> Bool {
        guard !s.isEmpty else { return false }
        if s.allSatisfy(\.isASCIIDigit) { return true }
        let hex = s.filter { $0 != "-" }
        if hex.count >= 16 && hex.allSatisfy(\.isHexDigit) && hex.contains(where: \.isASCIIDigit) {
            return s.count == hex.count || isUUID(s)
        }
        return false
    }

    static func isUUID(_ s: Substring) -> Bool {
        let parts = s.split(separator: "-", omittingEmptySubsequences: false)
        return parts.map(\.count) == [8, 4, 4, 4, 12]
    }

    /// A static file: by extension of the last segment, or one of `staticPaths`.
    public static func isStatic(path: String) -> Bool {
        var p = Substring(path)
        if let cut = p.firstIndex(where: { $0 == "?" || $0 == "#" }) { p = p[..<cut] }
        let lower = p.lowercased()
        if staticPaths.contains(lower) { return true }
        guard let last = lower.split(separator: "/").last, let dot = last.lastIndex(of: ".") else { return false }
        return staticExtensions.contains(String(last[last.index(after: dot)...]))
    }

    public static func isBot(userAgent: String) -> Bool {
        let ua = userAgent.lowercased()
        return botMarkers.contains { ua.contains($0) }
    }

    /// The host of a referrer URL, lowercased, without `www.` and port; nil for `-` or no URL.
    public static func host(ofReferrer referrer: String) -> String? {
        guard let scheme = referrer.range(of: "://") else { return nil }
        var host = referrer[scheme.upperBound...].prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        if let at = host.lastIndex(of: "@") { host = host[host.index(after: at)...] }
        if let colon = host.lastIndex(of: ":") { host = host[..<colon] }
        var h = host.lowercased()
        if h.hasPrefix("www.") { h.removeFirst(4) }
        return h.isEmpty ? nil : h
    }

    static let searchHosts = ["google.", "bing.", "yahoo.", "duckduckgo.", "baidu.", "yandex.", "ecosia.", "ask.", "search.", "naver.", "seznam."]
    static let socialHosts = ["facebook.", "fb.", "t.co", "twitter.", "x.com", "linkedin.", "lnkd.in", "instagram.", "pinterest.",
                              "reddit.", "youtube.", "tiktok.", "news.ycombinator.", "vk.com", "tumblr.", "quora.", "threads.net", "mastodon"]
    static let emailHosts = ["mail.", "outlook.", "webmail", "gmail."]

    /// The channel a referrer implies: `direct` (none), `internal` (one of `siteHosts`, the
    /// site itself), `email` (a webmail host or `utm_medium=email`), `search`, `social`, else
    /// `other site`.
    public static func channel(referrer: String, siteHosts: Set<String>) -> String {
        guard let host = host(ofReferrer: referrer) else { return "direct" }
        if siteHosts.contains(host) { return "internal" }
        let lower = referrer.lowercased()
        if lower.contains("utm_medium=email") || lower.contains("utm_medium=e-mail") || emailHosts.contains(where: { host.contains($0) }) {
            return "email"
        }
        if searchHosts.contains(where: { host.hasPrefix($0) || host.contains("." + $0) }) { return "search" }
        if socialHosts.contains(where: { host.hasPrefix($0) || host.contains("." + $0) || host == $0 }) { return "social" }
        return "other site"
    }

    static func isKnownOutside(_ host: String) -> Bool {
        (searchHosts + socialHosts + emailHosts).contains { host.hasPrefix($0) || host.contains("." + $0) || host == $0 }
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
