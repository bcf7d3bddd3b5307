import Foundation
import Testing
import JourneyCore
import JourneyKit
import JourneyTestSupport

/// `IdentityLinks` and `EventTable.stitchIdentities()`, and the links surviving the parallel
/// CSV reader (parts read apart, their tables absorbed in file order).
@Suite struct IdentityStitchingTests {
    @Test func linksKeepTheFirstUserAndCountConflicts() {
        var links = IdentityLinks()
        links.link(anonymous: "a", user: "u1")
        links.link(anonymous: "a", user: "u1")
        links.link(anonymous: "a", user: "u2")
        links.link(anonymous: "x", user: "x")
        #expect(links.userOf == ["a": "u1"])
        #expect(links.conflicts == 1)
        var later = IdentityLinks()
        later.link(anonymous: "a", user: "u3")
        later.link(anonymous: "b", user: "u3")
        links.merge(later)
        #expect(links.userOf == ["a": "u1", "b": "u3"])
        #expect(links.conflicts == 2)
    }

    @Test func stitchingRewritesOnlyLinkedCases() {
        let table = EventTable()
        table.append(case: "a", activity: "view", timestamp: 1)
        table.append(case: "b", activity: "view", timestamp: 2)
        table.append(case: "u1", activity: "buy", timestamp: 3)
        table.identityLinks.link(anonymous: "a", user: "u1")
        table.identityLinks.link(anonymous: "never-a-case", user: "u9")
        #expect(table.stitchIdentities() == 1)
        #expect(table.caseIDs.map { table.cases.string($0) } == ["u1", "b", "u1"])
    }

    /// An anonymous id that is also a user id (found in review: `u1,a1` then `u2,u1`) is not
    /// stitched: u1's own events stay u1's, and u1 and u2 are not merged.
    @Test func anAnonymousIDThatIsAUserIDIsLeftApart() {
        let table = EventTable()
        table.append(case: "a1", activity: "view", timestamp: 1)
        table.append(case: "u1", activity: "checkout", timestamp: 2)
        table.append(case: "u1", activity: "view", timestamp: 3)
        table.append(case: "u2", activity: "buy", timestamp: 4)
        table.identityLinks.link(anonymous: "a1", user: "u1")
        table.identityLinks.link(anonymous: "u1", user: "u2")
        #expect(table.stitchIdentities() == 1)
        #expect(table.caseIDs.map { table.cases.string($0) } == ["u1", "u1", "u1", "u2"])
    }

    /// A link found in a later part of the file reaches the anonymous rows of an earlier one.
    @Test func linksCrossTheParallelReadersParts() throws {
        let dir = try TemporaryDirectory("journeymap-stitch-parts")
        var rows = ["anonymousId,userId,event,timestamp,messageId"]
        for k in 0..<400 { rows.append("a\(k),,view,2024-01-01T00:00:00Z,m\(k)") }
        for k in 0..<400 { rows.append("a\(k),u\(k),buy,2024-01-01T01:00:00Z,n\(k)") }
        let path = dir.path("parts.csv")
        try (rows.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        var read = ReadOptions()
        read.columns.preset = .segment
        for threads in [1, 3] {
            var request = LogRequest(paths: [path], read: read, threads: threads)
            request.minimumBytesPerThread = 1024
            let log = try LogLoader.load(request)
            #expect(log.columns?.stitchedIDs == 400, "threads \(threads)")
            #expect(Set(log.table.caseIDs).count == 400, "threads \(threads)")
        }
    }
}
