import Foundation
import Testing
import JourneyTestSupport

/// Segment's `userId` is null until someone signs in or is identified, while `anonymousId`
/// is on every call: read as "userId else anonymousId", a person's events before sign-in made
/// a journey of their own. Rows that carry both ids (track calls after sign-in, identify
/// calls) now join them (`IdentityLinks`); `--no-stitch-ids` keeps the old reading.
@Suite struct IdentityStitchingCLITests {
    static let fixture = CLI.root.appendingPathComponent("Tests/Fixtures/segment/segment-export.ndjson").path

    /// People in the fixture, computed independently: anonymous ids and user ids joined
    /// whenever one line has both (union–find over the lines' ids), counted over the lines
    /// the tool reads as events (track, page, screen).
    func peopleInFixture() throws -> Int {
        var parent: [String: String] = [:]
        func find(_ x: String) -> String {
            var r = x
            while let p = parent[r], p != r { r = p }
            return r
        }
        func union(_ a: String, _ b: String) { let (x, y) = (find(a), find(b)); if x != y { parent[x] = y } }
        var eventKeys: [String] = []
        let text = try String(contentsOfFile: Self.fixture, encoding: .utf8)
        for line in text.split(separator: "\n") {
            let o = try #require(JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            let anonymous = o["anonymousId"] as? String, user = o["userId"] as? String
            for id in [anonymous, user].compactMap({ $0 }) where parent[id] == nil { parent[id] = id }
            if let anonymous, let user { union(anonymous, user) }
            if ["track", "page", "screen"].contains(o["type"] as? String ?? "track") {
                eventKeys.append(user ?? anonymous!)
            }
        }
        return Set(eventKeys.map(find)).count
    }

    @Test func segmentPeopleAreOneJourneyEachAcrossSignIn() throws {
        let people = try peopleInFixture()
        let (journey, run) = try CLI.mineJourney([Self.fixture])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(journey["journeys"] as? Int == people, "\(journey["journeys"] ?? "nil") journeys for \(people) people")
        #expect(run.stderr.contains("joined 4 anonymousId values to the userId"), "\(run.stderr)")
        let columns = (journey["source"] as? [String: Any])?["columns"] as? [String: Any]
        #expect(columns?["stitchedIDs"] as? Int == 4)

        let (apart, run2) = try CLI.mineJourney([Self.fixture, "--no-stitch-ids"])
        #expect(run2.status == 0, "\(run2.stderr)")
        #expect(apart["journeys"] as? Int == 12)
        #expect(!run2.stderr.contains("joined"), "\(run2.stderr)")
        #expect(((apart["source"] as? [String: Any])?["columns"] as? [String: Any])?["stitchedIDs"] == nil)
        #expect(apart["events"] as? Int == journey["events"] as? Int)
    }

    /// A CSV with Segment's columns goes through the general reader when ids are stitched
    /// (the direct path reads one case column); the first user seen with a shared device wins.
    @Test func csvWithSegmentColumnsStitchesAndKeepsTheFirstUser() throws {
        let dir = try TemporaryDirectory("journeymap-stitch")
        let path = dir.path("tracks.csv")
        try """
        anonymousId,userId,event,timestamp,messageId
        a1,,Product Viewed,2024-05-19T08:00:00Z,m1
        a1,,Add to Cart,2024-05-19T08:01:00Z,m2
        a1,u1,Order Completed,2024-05-19T08:02:00Z,m3
        a2,,Product Viewed,2024-05-19T09:00:00Z,m4
        a3,,Product Viewed,2024-05-19T10:00:00Z,m5
        a3,u3,Order Completed,2024-05-19T10:05:00Z,m6
        a3,u4,Product Viewed,2024-05-19T11:00:00Z,m7

        """.write(toFile: path, atomically: true, encoding: .utf8)
        let (journey, run) = try CLI.mineJourney([path, "--preset", "segment"])
        #expect(run.status == 0, "\(run.stderr)")
        // a1+u1, a2, a3+u3, u4: four journeys; a3's second user (u4) keeps its own.
        #expect(journey["journeys"] as? Int == 4, "\(run.stderr)")
        #expect(run.stderr.contains("joined 2 anonymousId values"), "\(run.stderr)")
        let edges = (journey["edges"] as? [[String: Any]] ?? []).map { "\($0["from"] ?? "")>\($0["to"] ?? ""):\($0["count"] ?? "")" }
        #expect(edges.contains("Product Viewed>Add to Cart:1") && edges.contains("Add to Cart>Order Completed:1"), "\(edges)")

        let (apart, run2) = try CLI.mineJourney([path, "--preset", "segment", "--no-stitch-ids"])
        #expect(run2.status == 0, "\(run2.stderr)")
        #expect(apart["journeys"] as? Int == 6)
    }
}
