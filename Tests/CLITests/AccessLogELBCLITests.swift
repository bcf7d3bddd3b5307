import Foundation
import Testing
import JourneyTestSupport

/// AWS Elastic Load Balancing access logs (Classic and Application), through the built binary:
/// refused before as "cannot tell the format" (a new user's trial with the PaytmLabs
/// WeblogChallenge log, session 26). Lines as AWS documents them and as Paytm's log has them.
@Suite struct AccessLogELBCLITests {
    let folder: TemporaryDirectory
    init() throws { folder = try TemporaryDirectory("journeymap-elb") }

    static let agent = "Mozilla/5.0 (Windows NT 6.1; WOW64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/43.0.2357.130 Safari/537.36"

    /// A Classic line: `time`, a client, a request.
    static func classic(_ time: String, _ client: String, _ request: String, status: String = "200", agent: String = agent) -> String {
        "\(time) marketpalce-shop \(client) 10.0.6.158:80 0.000022 0.026109 0.00002 \(status) 200 0 699 \"\(request)\" \"\(agent)\" ECDHE-RSA-AES128-GCM-SHA256 TLSv1.2"
    }

    /// Two visitors, lines out of time order (as balancers write them), a static file and a bot.
    static var classicLog: String {
        [classic("2015-07-22T09:00:28.019143Z", "123.242.248.130:54635", "GET https://paytm.com:443/shop/authresponse?code=f2405b05&state=null HTTP/1.1"),
         classic("2015-07-22T09:00:27.894580Z", "123.242.248.130:54635", "GET https://paytm.com:443/shop/wallet/txnhistory?page_size=10 HTTP/1.1"),
         classic("2015-07-22T09:00:29.500000Z", "123.242.248.130:54700", "POST https://paytm.com:443/papi/v1/expresscart/verify HTTP/1.1"),
         classic("2015-07-22T09:00:27.885745Z", "1.39.32.179:56419", "GET https://paytm.com:443/shop/p/phone-123456 HTTP/1.1"),
         classic("2015-07-22T09:00:30.100000Z", "1.39.32.179:56419", "GET https://paytm.com:443/shop/cart HTTP/1.1"),
         classic("2015-07-22T09:00:30.200000Z", "1.39.32.179:56419", "GET https://paytm.com:443/images/logo.png HTTP/1.1"),
         classic("2015-07-22T09:00:31.000000Z", "66.249.66.1:40000", "GET https://paytm.com:443/shop/cart HTTP/1.1", agent: "Googlebot/2.1 (+http://www.google.com/bot.html)")]
            .joined(separator: "\n") + "\n"
    }

    func journeys(_ path: String, _ extra: [String] = []) throws -> (json: [String: Any], stderr: String) {
        let out = folder.url.appendingPathComponent("j-\(UUID().uuidString).json").path
        let r = try CLI.run(["mine", path, "-o", out, "--stages", "template"] + extra)
        #expect(r.status == 0, "\(r.stderr)")
        let data = try #require(FileManager.default.contents(atPath: out))
        return (try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any]), r.stderr)
    }

    /// The variants' paths, joined.
    func paths(_ json: [String: Any]) -> Set<String> {
        let top = (json["variants"] as? [String: Any])?["top"] as? [[String: Any]] ?? []
        return Set(top.map { ($0["path"] as? [String] ?? []).joined(separator: " > ") })
    }

    @Test func classicLogIsReadAsVisits() throws {
        let path = try folder.write("elb.log", Self.classicLog)
        let (json, stderr) = try journeys(path)
        #expect(stderr.contains("5 events, 2 journeys"), "\(stderr)")
        #expect(stderr.contains("1 request for static files") && stderr.contains("1 request by bots"), "\(stderr)")
        // In time order, host and query left out, POST named, the client's port not part of the visitor.
        #expect(paths(json) == ["/shop/wallet/txnhistory > /shop/authresponse > POST /papi/v1/expresscart/verify",
                                "/shop/p/phone-123456 > /shop/cart"], "\(paths(json))")
        #expect(json["firstTimestamp"] as? Int == 1_437_555_627_885_745)
        let stats = try CLI.run(["stats", path, "--attribute", "status", "--where", "status=200"])
        #expect(stats.status == 0 && stats.stdout.contains("Columns:     case ip + user agent, activity path, timestamp time, channel referrer"), "\(stats.stdout) \(stats.stderr)")
        #expect(stats.stdout.contains("channel direct"), "\(stats.stdout)")
        // Gzipped, and named .txt: found by content all the same.
        let gz = path + ".gz"
        #expect(try CLI.run(["-c", "gzip -c '\(path)' > '\(gz)'"], executable: "/bin/sh").status == 0)
        #expect(paths(try journeys(gz).json) == paths(json))
        let txt = try folder.write("elb.txt", Self.classicLog)
        #expect(paths(try journeys(txt).json) == paths(json))
    }

    /// An Application Load Balancer's line starts with its request type and has more fields.
    @Test func applicationLogIsReadTheSameWay() throws {
        let line = { (time: String, client: String, target: String) in
            "https \(time) app/my-loadbalancer/50dc6c495c0c9188 \(client) 10.0.0.1:80 0.000 0.001 0.000 200 200 34 366 \"GET \(target) HTTP/1.1\" \"\(Self.agent)\" ECDHE-RSA-AES128-GCM-SHA256 TLSv1.2 arn:aws:elasticloadbalancing:us-east-2:123456789012:targetgroup/my-targets/73e2d6bc24d8a067 \"Root=1-58337262-36d228ad5d99923122bbe354\" \"www.example.com\" \"arn:aws:acm:us-east-2:123456789012:certificate/12345678-1234-1234-1234-123456789012\" 1 2018-07-02T22:22:48.364000Z \"authenticate,forward\" \"-\" \"-\" \"10.0.0.1:80\" \"200\" \"-\" \"-\""
        }
        let path = try folder.write("alb.log", [line("2018-07-02T22:23:00.186641Z", "192.168.131.39:2817", "https://www.example.com:443/"),
                                                line("2018-07-02T22:23:05.000000Z", "192.168.131.39:2817", "https://www.example.com:443/pricing")].joined(separator: "\n") + "\n")
        let (json, stderr) = try journeys(path)
        #expect(stderr.contains("2 events, 1 journey"), "\(stderr)")
        #expect(paths(json) == ["/ > /pricing"], "\(paths(json))")
    }

    /// A line of another shape names the file's form, the line and `--on-error skip`.
    @Test func aBrokenLineSaysWhatWasExpected() throws {
        let path = try folder.write("broken.log", Self.classicLog + "this is not a request\n")
        let r = try CLI.run(["stats", path])
        #expect(r.status == 65, "\(r.stderr)")
        #expect(r.stderr.contains("broken.log:8: expected an AWS ELB access-log line like the file's first"), "\(r.stderr)")
        #expect(r.stderr.contains("found \"this is not a request\"; --on-error skip leaves such rows out"), "\(r.stderr)")
        #expect(try CLI.run(["stats", path, "--on-error", "skip"]).status == 0)
    }
}
