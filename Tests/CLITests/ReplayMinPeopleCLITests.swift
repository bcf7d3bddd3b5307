import Foundation
import Testing

/// `replay --min-people k` through the binary (docs/privacy.md, "replay"), at k = 5 and 20 on
/// the demo sample and on ../shared/data/receipt.csv (skipped, saying so, when absent). The
/// journeys are read from the CSV here (cases, activities, times), independently of the tool:
/// every dot is matched to k journeys of k distinct people, grouped first fit by first event within
/// one path that k people or more follow, and sits at their mean times (its appearance, every
/// arrival in its boxes, its leaving); the map's counts are `map --min-people k`'s and none is below k.
@Suite struct ReplayMinPeopleCLITests {
    static let logs: [(String, String, String, String)] = [
        ("samples/shop-journeys.csv", "user_id", "event", "timestamp"),
        ("../shared/data/receipt.csv", "case:concept:name", "concept:name", "time:timestamp"),
    ]
    /// (log, k, --session-gap in seconds or 0).
    static let cases: [(Int, Int, Int)] = [(0, 5, 0), (0, 20, 0), (1, 5, 0), (1, 20, 0), (0, 5, 1800), (0, 20, 1800), (1, 5, 3600)]

    struct Journey { var person: String; var path: [String]; var times: [Int64] }

    /// Days since 1970-01-01 of a civil date (Howard Hinnant's days_from_civil).
    static func days(_ y: Int64, _ m: Int64, _ d: Int64) -> Int64 {
        let y = m <= 2 ? y - 1 : y
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// `2024-02-03T03:52:52Z`, `2011-10-11 13:45:40.276000+02:00` as µs since the epoch.
    static func micros(_ s: String) -> Int64? {
        let c = Array(s.utf8)
        guard c.count >= 19 else { return nil }
        func n(_ a: Int, _ b: Int) -> Int64 { Int64(String(decoding: c[a..<b], as: UTF8.self))! }
        var t = (days(n(0, 4), n(5, 7), n(8, 10)) * 86_400 + n(11, 13) * 3600 + n(14, 16) * 60 + n(17, 19)) * 1_000_000
        var i = 19
        if i < c.count && c[i] == UInt8(ascii: ".") {
            var digits = "", j = i + 1
            while j < c.count, c[j] >= 48, c[j] <= 57 { digits.append(Character(UnicodeScalar(c[j]))); j += 1 }
            t += Int64((digits + "000000").prefix(6))!
            i = j
        }
        if i + 6 <= c.count && (c[i] == UInt8(ascii: "+") || c[i] == UInt8(ascii: "-")) {
            let off = (n(i + 1, i + 3) * 60 + n(i + 4, i + 6)) * 60_000_000
            t += c[i] == UInt8(ascii: "+") ? -off : off
        }
        return t
    }

    /// A case's events in time order (ties: file order), cut where two are more than `gap`
    /// seconds apart (one journey per case when 0).
    static func journeys(_ path: String, caseColumn: String, activity: String, time: String, gap: Int) throws -> [Journey] {
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: true)
        let header = lines[0].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        let ci = header.firstIndex(of: caseColumn)!, ai = header.firstIndex(of: activity)!, ti = header.firstIndex(of: time)!
        var order: [String] = [], events: [String: [(Int64, Int, String)]] = [:]
        for (row, line) in lines.dropFirst().enumerated() {
            let f = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            guard f.count == header.count, let t = micros(f[ti]) else { continue }
            if events[f[ci]] == nil { order.append(f[ci]) }
            events[f[ci], default: []].append((t, row, f[ai]))
        }
        return order.flatMap { c -> [Journey] in
            let e = events[c]!.sorted { ($0.0, $0.1) < ($1.0, $1.1) }
            var out: [Journey] = [], s = 0
            for k in 1...e.count where k == e.count || (gap > 0 && e[k].0 - e[k - 1].0 > Int64(gap) * 1_000_000) {
                out.append(Journey(person: c, path: e[s..<k].map(\.2), times: e[s..<k].map(\.0)))
                s = k
            }
            return out
        }
    }

    /// The texts of an SVG's `<text>` elements (tags inside stripped).
    static func texts(_ svg: String) -> [String] {
        svg.components(separatedBy: "<text").dropFirst().map { part in
            let body = part.components(separatedBy: "</text>")[0]
            let inner = body.drop { $0 != ">" }.dropFirst()
            return String(inner).replacingOccurrences(of: "<[^>]*>", with: "", options: .regularExpression)
                .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&amp;", with: "&")
        }
    }

    /// The map's counts: box lines ("1,307 events · 91% of journeys"), badges and flow labels;
    /// the integers in them (not percentages).
    static func counts(_ svg: String) -> [String] {
        texts(svg).filter { t in
            t.contains("events ·") || t.contains("journeys ·")
                || (!t.isEmpty && t.range(of: "^[▶■↻\\s\\d,]+$", options: .regularExpression) != nil)
        }.sorted()
    }

    static func integers(_ text: String) -> [Int] {
        let stripped = text.replacingOccurrences(of: "<?[\\d.,]+%", with: "", options: .regularExpression)
            .replacingOccurrences(of: "\\d{4}-\\d\\d-\\d\\d", with: "", options: .regularExpression)
        return stripped.components(separatedBy: CharacterSet(charactersIn: "0123456789,").inverted)
            .compactMap { Int($0.replacingOccurrences(of: ",", with: "")) }
    }

    @Test(arguments: cases)
    func dotsAreGroupsOfKPeopleAtTheirMeanTimes(_ logIndex: Int, _ k: Int, _ gap: Int) throws {
        let (name, caseColumn, activity, time) = Self.logs[logIndex]
        let log = CLI.root.appendingPathComponent(name).standardizedFileURL.path
        guard FileManager.default.fileExists(atPath: log) else {
            print("ReplayMinPeopleCLITests: skipped \(name): not found (../shared/data is next to the worktree on the build machine)")
            return
        }
        let dir = try MinPeopleCLITests().scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        func file(_ n: String) -> String { dir.appendingPathComponent(n).path }
        let duration = 30.0
        let sessions = gap > 0 ? ["--session-gap", "\(gap)s"] : []
        let replay = try CLI.run(["replay", log, "--min-people", "\(k)", "-o", file("r.svg"), "--duration", "30s"] + sessions)
        let journeys = try Self.journeys(log, caseColumn: caseColumn, activity: activity, time: time, gap: gap)
        var byPath: [[String]: [Int]] = [:]
        for (j, x) in journeys.enumerated() { byPath[x.path, default: []].append(j) }
        func people(_ js: [Int]) -> Int { Set(js.map { journeys[$0].person }).count }
        if replay.status != 0 {
            // Only when nothing can be drawn, said so (the demo's commonest path has 13 people).
            #expect(replay.status == 65 && replay.stderr.contains("no path is followed by \(k) people"), "\(replay.stderr)")
            if name.hasPrefix("samples") && k == 20 && gap == 0 { #expect(byPath.values.map(people).max()! < 20) }
            #expect(!FileManager.default.fileExists(atPath: file("r.svg")))
            return
        }
        #expect(replay.stderr.contains("each dot: \(k) journeys of one path"), "\(replay.stderr)")
        let svg = try String(contentsOfFile: file("r.svg"), encoding: .utf8)
        #expect(svg.contains("numbers from fewer than \(k) people hidden"))
        #expect(svg.contains("each dot: \(k) journeys of one path (\(k) people), at their mean times"))

        // The map's counts are map --min-people k's, none below k.
        let map = try CLI.run(["map", log, "--min-people", "\(k)", "--quiet", "-o", file("m.svg"), "-o", file("m.layout.json")] + sessions)
        #expect(map.status == 0, "\(map.stderr)")
        let mapSVG = try String(contentsOfFile: file("m.svg"), encoding: .utf8)
        #expect(Self.counts(svg) == Self.counts(mapSVG))
        let small = Self.counts(svg).filter { Self.integers($0).contains { $0 > 0 && $0 < k } }
        #expect(small.isEmpty, "numbers below \(k): \(small)")

        // Box centres of the same layout.
        let layout = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: file("m.layout.json")))) as! [String: Any]
        var centres: [String: (Double, Double)] = [:]
        for e in layout["elements"] as! [[String: Any]] where e["role"] as? String == "touchpoint box" {
            let b = e["bounds"] as! [String: Double]
            centres[e["id"] as! String] = (b["x"]! + b["width"]! / 2, b["y"]! + b["height"]! / 2)
        }

        // Candidate groups, computed here: within a path, in order of first event, each journey
        // joins the earliest open group without its person; a group closes at k.
        // The clock spans the published span: whole UTC days (the first and last events are one
        // person's each), from the first event's midnight to the last second of the last one's day.
        let day: Int64 = 86_400_000_000
        let midnight = { (t: Int64) in t - ((t % day) + day) % day }
        let start = midnight(journeys.flatMap(\.times).min()!), end = midnight(journeys.flatMap(\.times).max()!) + day - 1_000_000
        struct Group { var path: [String]; var members: [Int]; var arrivals: [Double] }
        var candidates: [Group] = []
        for path in byPath.keys.sorted(by: { $0.joined(separator: "\u{1}") < $1.joined(separator: "\u{1}") }) {
            let members = byPath[path]!
            guard people(members) >= k else { continue }
            let sorted = members.sorted { (journeys[$0].times[0], $0) < (journeys[$1].times[0], $1) }
            var open: [[Int]] = [], closed: [[Int]] = []
            for j in sorted {
                if let o = open.firstIndex(where: { !$0.contains { journeys[$0].person == journeys[j].person } }) {
                    open[o].append(j)
                    if open[o].count == k { closed.append(open.remove(at: o)) }
                } else if k == 1 { closed.append([j]) } else { open.append([j]) }
            }
            for g in closed {
                var arrivals: [Double] = []
                for s in path.indices {
                    let base = journeys[g[0]].times[s]
                    let mean = Double(base) + (g.reduce(0.0) { $0 + Double(journeys[$1].times[s] - base) } / Double(k)).rounded()
                    let due = (mean - Double(start)) / Double(end - start) * duration
                    let a = arrivals.last.map { max(due, $0 + 0.4) } ?? due
                    if a > duration { break }
                    arrivals.append(a)
                }
                candidates.append(Group(path: path, members: g, arrivals: arrivals))
            }
        }
        let tokens = ReplayCommandTests.tokens(svg)
        // Each dot's appearance and disappearance: the keys of its visibility animation.
        let visible: [(Double, Double)] = svg.components(separatedBy: "<circle").dropFirst().compactMap { c in
            guard c.contains("<animateMotion"), let r = c.range(of: "attributeName=\"visibility\"") else { return nil }
            let rest = c[r.upperBound...]
            guard let kt = rest.range(of: "keyTimes=\"") else { return nil }
            let times = rest[kt.upperBound...].prefix { $0 != "\"" }.split(separator: ";").compactMap { Double($0) }
            return times.count > 1 ? (times[1], times.count > 2 ? times[2] : 1) : nil
        }
        let appears = visible.map(\.0)
        try #require(appears.count == tokens.count)
        #expect(!tokens.isEmpty)
        var used = Set<Int>()
        for (i, token) in tokens.enumerated() {
            let match = candidates.indices.first { c in
                let g = candidates[c]
                guard !used.contains(c), abs(appears[i] * duration - g.arrivals[0]) < 0.001,
                      abs(visible[i].1 * duration - min(duration, g.arrivals.last! + 0.6)) < 0.001 else { return false }
                return g.arrivals.indices.allSatisfy { s in
                    ReplayCommandTests.near(ReplayCommandTests.position(token, at: g.arrivals[s] / duration), centres[g.path[s]], within: 1)
                }
            }
            guard let c = match else {
                Issue.record("\(name) k=\(k) gap=\(gap): dot \(i) (appears at \(appears[i] * duration) s) is no group of \(k) journeys of one path at their mean times")
                continue
            }
            used.insert(c)
            let g = candidates[c]
            #expect(Set(g.members.map { journeys[$0].person }).count == k)
            #expect(people(byPath[g.path]!) >= k)
        }

        // Subtraction: a published number minus k × the dots it counts is the journeys it counts
        // that are not drawn; they rest on no one or on k people or more.
        let mined = try CLI.run(["mine", log, "--min-people", "\(k)", "--quiet", "-o", file("pub.json")] + sessions)
        #expect(mined.status == 0, "\(mined.stderr)")
        let pub = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: file("pub.json")))) as! [String: Any]
        let drawn = Set(used.flatMap { candidates[$0].members })
        var rest: [String: Set<String>] = [:]
        for (j, x) in journeys.enumerated() where !drawn.contains(j) {
            var items: Set<String> = ["all", "start " + x.path[0], "end " + x.path[x.path.count - 1]]
            for (s, t) in x.path.enumerated() {
                items.insert("box " + t)
                if s > 0 { items.insert("flow " + x.path[s - 1] + " → " + t) }
            }
            for i in items { rest[i, default: []].insert(x.person) }
        }
        var shown = ["all"]
        for t in pub["touchpoints"] as! [[String: Any]] {
            let n = t["name"] as! String
            shown.append("box " + n)
            if (t["starts"] as! Int) > 0 { shown.append("start " + n) }
            if (t["ends"] as! Int) > 0 { shown.append("end " + n) }
        }
        for e in pub["edges"] as! [[String: Any]] { shown.append("flow \(e["from"] as! String) → \(e["to"] as! String)") }
        let bad = shown.filter { (1..<k).contains(rest[$0]?.count ?? 0) }
        #expect(bad.isEmpty, "\(name) k=\(k) gap=\(gap): published numbers minus their dots rest on fewer than \(k) people: \(bad)")
    }

    /// What --min-people does not take is refused, nothing written; --people alone too.
    @Test func refusals() throws {
        let dir = try MinPeopleCLITests().scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let svg = dir.appendingPathComponent("r.svg").path, demo = "samples/shop-journeys.csv"
        for (args, words) in [(["--min-people", "5", "--color-by", "channel"], "--color-by channel"),
                              (["--min-people", "5", "--span", "2024-01-01..2024-02-01"], "--span"),
                              (["--min-people", "5", "--versus", "samples/compare-after.csv"], "--versus"),
                              (["--people"], "--people with replay")] {
            let r = try CLI.run(["replay", demo, "-o", svg] + args)
            #expect(r.status == 64 && r.stderr.contains(words), "\(args): \(r.stderr)")
            #expect(!FileManager.default.fileExists(atPath: svg))
        }
        let thai = try CLI.run(["replay", demo, "--min-people", "5", "--lang", "th", "-o", svg])
        #expect(thai.status == 0, "\(thai.stderr)")
        let text = try String(contentsOfFile: svg, encoding: .utf8)
        #expect(text.contains("ซ่อนตัวเลขที่มาจากคนน้อยกว่า 5 คน") && text.contains("แต่ละจุด = 5 เส้นทาง"))
    }

    /// More journeys to draw than --max-tokens × k: a dot stands for k × N journeys of as many
    /// people (said on the picture and on stderr), and there are at most --max-tokens dots.
    @Test func groupsGrowAboveMaxTokens() throws {
        let dir = try MinPeopleCLITests().scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let svg = dir.appendingPathComponent("r.svg").path
        let r = try CLI.run(["replay", "samples/shop-journeys.csv", "--session-gap", "30m", "--min-people", "5",
                             "--max-tokens", "40", "-o", svg])
        #expect(r.status == 0, "\(r.stderr)")
        let line = try #require(r.stderr.split(separator: "\n").first { $0.contains(" dots of ") }, "\(r.stderr)")
        let words = line.split(separator: " ")
        let i = try #require(words.firstIndex(of: "dots"))
        let dots = try #require(Int(words[i - 1])), size = try #require(Int(words[i + 2]))
        #expect(size > 5 && size % 5 == 0 && dots >= 1 && dots <= 40, "\(line)")
        let text = try String(contentsOfFile: svg, encoding: .utf8)
        #expect(text.contains("each dot: \(size) journeys of one path (\(size) people)"))
        #expect(ReplayCommandTests.tokens(text).count == dots)
    }

    /// With --session-gap a person's journeys count once: a group is k journeys of k different
    /// people. Five people with two sessions each on view → cart make two dots. One person with
    /// four sessions first, then four others with one (k = 4): taken four at a time the person's
    /// sessions would be a dot; first fit makes {p0, p1, p2, p3} the only group, and the rest
    /// (p0 three times and p4: two people) would come back as the box's count minus 4, so it is
    /// not drawn either: nothing is, and it is said.
    @Test func groupsAreOfDistinctPeopleUnderSessionGaps() throws {
        let dir = try MinPeopleCLITests().scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        func file(_ n: String) -> String { dir.appendingPathComponent(n).path }
        func write(_ name: String, _ sessions: [(String, Int)]) throws -> String {
            var csv = "user_id,timestamp,event,channel\n"
            for (person, day) in sessions {
                let d = String(format: "2024-01-%02d", day)
                csv += "\(person),\(d)T10:00:00Z,product_view,web\n\(person),\(d)T10:05:00Z,add_to_cart,web\n"
            }
            try csv.write(toFile: file(name), atomically: true, encoding: .utf8)
            return file(name)
        }
        let five = try write("five.csv", (1...2).flatMap { day in (0..<5).map { ("p\($0)", day * 2 + $0 % 2) } })
        let r = try CLI.run(["replay", five, "--session-gap", "1h", "--min-people", "5", "-o", file("a.svg")])
        #expect(r.status == 0 && r.stderr.contains("2 dots of 5 journeys each"), "\(r.stderr)")
        let one = try write("one.csv", (1...4).map { ("p0", $0) } + (1...4).map { ("p\($0)", 4 + $0) })
        let s = try CLI.run(["replay", one, "--session-gap", "1h", "--min-people", "4", "-o", file("b.svg")])
        #expect(s.status == 65 && s.stderr.contains("no path is followed by 4 people"), "\(s.stderr)")
        #expect(!FileManager.default.fileExists(atPath: file("b.svg")))
    }
}
