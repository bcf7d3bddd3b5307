import Testing
@testable import JourneyCore
@testable import JourneyIO

/// Issue 16, the parts below the command line: timestamp forms, access-log rules, layout sniffing.
@Suite struct RealExportsReadingTests {
    func micros(_ y: Int, _ m: Int, _ d: Int, _ h: Int = 0, _ mi: Int = 0, _ s: Int = 0) -> Int64 {
        daysFromCivil(y, m, d) * 86_400_000_000 + Int64(h * 3600 + mi * 60 + s) * 1_000_000
    }

    @Test func eightDigitDatesUnlessAUnitIsGiven() {
        #expect(TimestampParser().parse("19970101") == micros(1997, 1, 1))
        #expect(TimestampParser().parse("20240229") == micros(2024, 2, 29))
        #expect(TimestampParser().parse("20230229") == Int64(20_230_229) * 1_000_000)  // no such day: epoch seconds
        #expect(TimestampParser().parse("12345678") == Int64(12_345_678) * 1_000_000)
        #expect(TimestampParser(epochUnit: .seconds).parse("19970101") == Int64(19_970_101) * 1_000_000)
        #expect(TimestampParser(defaultOffsetSeconds: 7 * 3600).parse("19970101") == micros(1997, 1, 1) - 7 * 3_600_000_000)
    }

    @Test func monthNamesTwoDigitYearsAndSpacePaddedDays() throws {
        let p = TimestampParser()
        func read(_ pattern: String, _ value: String) throws -> Int64? {
            var q = p
            q.format = try TimestampFormat(pattern)
            return q.parse(value)
        }
        #expect(try read("%d %B %Y", "3 march 2024") == micros(2024, 3, 3))
        #expect(try read("%d %B %Y", "03 MARCH 2024") == micros(2024, 3, 3))
        #expect(try read("%d %b %Y", "03 Sept 2024") == micros(2024, 9, 3))
        #expect(try read("%b %e %Y", "Sep  3 2024") == micros(2024, 9, 3))
        #expect(try read("%d/%m/%y", "01/02/69") == micros(1969, 2, 1))
        #expect(try read("%d/%m/%y", "01/02/68") == micros(2068, 2, 1))
        #expect(try read("%d/%b/%Y:%H:%M:%S %z", "17/May/2015:10:05:03 +0200") == micros(2015, 5, 17, 8, 5, 3))
        #expect(try read("%d %B %Y", "3 Mayday 2024") == nil)
        #expect(throws: TimestampFormatError.self) { try TimestampFormat("%Q") }
    }

    @Test func suggestionsNameFormatsThatReadTheValue() {
        #expect(TimestampFormat.suggestions(for: "17/May/2015:10:05:03 +0000") == ["%d/%b/%Y:%H:%M:%S %z"])
        #expect(TimestampFormat.suggestions(for: "19/05/2024 14:30") == ["%d/%m/%Y %H:%M"])
        #expect(TimestampFormat.suggestions(for: "05/06/2024") == ["%d/%m/%Y", "%m/%d/%Y"])
        #expect(TimestampFormat.suggestions(for: "May 19, 2024") == ["%b %d, %Y"])
        #expect(TimestampFormat.suggestions(for: "yesterday").isEmpty)
        // Dotted dates (pm4py's MobIS log, Disco's example log): the year after a dot is a year,
        // and two-digit years are offered too; a fraction of a second is still no year.
        #expect(TimestampFormat.suggestions(for: "16.01.2017 13:29") == ["%d.%m.%Y %H:%M"])
        #expect(TimestampFormat.suggestions(for: "9.3.10 8:05") == ["%d.%m.%y %H:%M"])
        #expect(TimestampFormat.fourDigitNumbers(in: "10:00:00.2500 16.01.2017") == [2017])
    }

    @Test func accessLogPathsFoldIdsAndDropQueries() {
        #expect(AccessLogRules.activity(path: "/product/123?ref=x") == "/product/:id")
        #expect(AccessLogRules.activity(path: "/order/7f9c2ba4-e88f-11ee-a6c5-0242ac120002/pay") == "/order/:id/pay")
        #expect(AccessLogRules.activity(path: "/blob/3f786850e387550fdab836ed7e6dc881de23001b") == "/blob/:id")
        #expect(AccessLogRules.activity(path: "/about-us") == "/about-us")
        #expect(AccessLogRules.activity(path: "/deadbeefdeadbeef") == "/deadbeefdeadbeef")  // hex letters only: a word
        #expect(AccessLogRules.activity(path: "http://proxy.example/a/1#top") == "/a/:id")
        #expect(AccessLogRules.activity(path: "") == "/")
    }

    @Test func staticFilesAndBots() {
        for path in ["/style2.css", "/js/app.js?v=3", "/images/a.PNG", "/fonts/x.woff2", "/favicon.ico", "/robots.txt"] {
            #expect(AccessLogRules.isStatic(path: path), "\(path)")
        }
        for path in ["/", "/blog/post.html", "/api/items", "/download.pdf"] { #expect(!AccessLogRules.isStatic(path: path), "\(path)") }
        #expect(AccessLogRules.isBot(userAgent: "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"))
        #expect(AccessLogRules.isBot(userAgent: "Mozilla/5.0 (compatible; Baiduspider/2.0)"))
        #expect(AccessLogRules.isBot(userAgent: "curl/8.4.0"))
        #expect(!AccessLogRules.isBot(userAgent: "Mozilla/5.0 (X11; Linux x86_64; rv:25.0) Gecko/20100101 Firefox/25.0"))
    }

    @Test func channelsFromReferrers() {
        let site: Set<String> = ["shop.example"]
        #expect(AccessLogRules.channel(referrer: "-", siteHosts: site) == "direct")
        #expect(AccessLogRules.channel(referrer: "", siteHosts: site) == "direct")
        #expect(AccessLogRules.channel(referrer: "https://www.shop.example/cart", siteHosts: site) == "internal")
        #expect(AccessLogRules.channel(referrer: "https://www.google.co.uk/url?q=x", siteHosts: site) == "search")
        #expect(AccessLogRules.channel(referrer: "https://duckduckgo.com/", siteHosts: site) == "search")
        #expect(AccessLogRules.channel(referrer: "https://t.co/abc", siteHosts: site) == "social")
        #expect(AccessLogRules.channel(referrer: "https://m.facebook.com/", siteHosts: site) == "social")
        #expect(AccessLogRules.channel(referrer: "https://mail.google.com/mail/u/0", siteHosts: site) == "email")
        #expect(AccessLogRules.channel(referrer: "https://news.example/?utm_medium=email", siteHosts: site) == "email")
        #expect(AccessLogRules.channel(referrer: "http://en.wikipedia.org/wiki/Xvfb", siteHosts: site) == "other site")
    }

    @Test func sniffsAccessLogsAndWhitespaceTables() {
        let clf = "127.0.0.1 - frank [10/Oct/2000:13:55:36 -0700] \"GET /apache_pb.gif HTTP/1.0\" 200 2326\n"
        let combined = "1.2.3.4 - - [17/May/2015:10:05:03 +0000] \"GET / HTTP/1.1\" 200 5 \"-\" \"Mozilla/5.0\"\n"
        #expect(LogSniffer.layout(of: Array((clf + combined).utf8)) == .accessLog)
        let vhost = "shop.example:443 5.6.7.8 - - [17/May/2015:10:05:03 +0000] \"GET /a HTTP/1.1\" 200 5 \"-\" \"Mozilla/5.0\"\n"
        #expect(LogSniffer.layout(of: Array((vhost + vhost).utf8)) == .accessLog)
        let line = Array(vhost.utf8.dropLast())
        line.withUnsafeBufferPointer { b in
            let parsed = AccessLogLine(b.baseAddress!, start: 0, end: b.count)
            #expect(parsed.map { String(decoding: $0.ip, as: UTF8.self) } == "5.6.7.8")
            #expect(parsed.map { String(decoding: $0.target, as: UTF8.self) } == "/a")
        }
        // One malformed line among the first ones does not hide the format.
        #expect(LogSniffer.layout(of: Array((String(repeating: combined, count: 5) + "garbage\n").utf8)) == .accessLog)
        let ledger = " customer_id  date number_of_cds\n 00001 19970101  1\n 00002 19970112  5\n"
        #expect(LogSniffer.layout(of: Array(ledger.utf8)) == .whitespaceTable)
        #expect(LogSniffer.layout(of: Array("user,event,time\nu1,a,2024-01-01\n".utf8)) == nil)
        #expect(LogSniffer.layout(of: Array("user event time\nu1 a\n".utf8)) == nil)  // uneven fields
        #expect(LogSniffer.layout(of: Array("{\"a\": 1}\n".utf8)) == nil)
    }

    @Test func channelMixAndTheSixtyPercentRule() {
        #expect(JourneyGraph.Touchpoint.representativeChannel(["web": 6, "app": 4]) == "web")
        #expect(JourneyGraph.Touchpoint.representativeChannel(["web": 59, "app": 41]) == "mixed")
        #expect(JourneyGraph.Touchpoint.representativeChannel([:]) == nil)
        let t = JourneyGraph.Touchpoint(name: "x", stage: "s", channel: "mixed", channels: ["a": 2, "b": 1, "c": 1, "d": 1],
                                        events: 5, journeys: 5, starts: 0, ends: 0)
        #expect(t.channelSummary() == "channels mixed: a 40%, b 20%, c 20%, +1 more")
    }
}
