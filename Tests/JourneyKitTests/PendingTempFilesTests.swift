import Foundation
import Testing
@testable import JourneyKit

/// The signal handler's table of temporary files (`PendingTempFiles`): what it unlinks is
/// exactly what was added and not yet removed; a full table or an over-long path is refused
/// rather than overwritten. (`RobustnessCLITests` sends the real SIGINT through the binary.)
@Suite(.serialized) struct PendingTempFilesTests {
    @Test func unlinksWhatIsRecordedAndNothingElse() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("pending-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let names = ["a", "b c", "ไทย", "d"].map { dir + "/.out-" + $0 }
        for n in names { #expect(FileManager.default.createFile(atPath: n, contents: Data("x".utf8))) }
        let slots = names.map(PendingTempFiles.add)
        #expect(slots.allSatisfy { $0 != nil })
        #expect(Set(slots.compactMap { $0 }).count == names.count)
        PendingTempFiles.remove(slots[1])
        #expect(Set(PendingTempFiles.paths()).isSuperset(of: [names[0], names[2], names[3]]))
        #expect(!PendingTempFiles.paths().contains(names[1]))
        PendingTempFiles.unlinkAll()
        for (i, n) in names.enumerated() { #expect(FileManager.default.fileExists(atPath: n) == (i == 1), "\(n)") }
        for s in slots { PendingTempFiles.remove(s) }
        #expect(PendingTempFiles.paths().allSatisfy { !$0.hasPrefix(dir) })
    }

    @Test func aFullTableOrALongPathIsRefused() {
        let long = "/tmp/" + String(repeating: "x", count: PendingTempFiles.slotBytes)
        #expect(PendingTempFiles.add(long) == nil)
        var taken: [Int] = []
        while let s = PendingTempFiles.add("/nonexistent/slot-\(taken.count)") { taken.append(s) }
        #expect(taken.count <= PendingTempFiles.slots && !taken.isEmpty)
        #expect(PendingTempFiles.add("/nonexistent/one-more") == nil)
        PendingTempFiles.remove(taken[0])
        // (Other suites may write outputs meanwhile; the freed slot is taken again by one of us.)
        let again = PendingTempFiles.add("/nonexistent/reused")
        #expect(again != nil)
        #expect(PendingTempFiles.paths().contains("/nonexistent/reused"))
        for s in taken.dropFirst() + [again].compactMap({ $0 }) { PendingTempFiles.remove(s) }
    }
}
