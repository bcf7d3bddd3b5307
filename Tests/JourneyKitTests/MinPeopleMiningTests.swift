import Foundation
import Testing
import JourneyKit
import JourneyTestSupport

/// Both mining paths count the same people (`PeopleCounter` fed by `Miner` and by the direct
/// CSV path), byte for byte, for any thread count; without the flag the file is unchanged.
@Suite struct MinPeopleMiningTests {
    let scratch = ScratchFolders("jm-min-people")

    func log() throws -> String {
        var text = "user,event,time\n"
        var state: UInt64 = 7
        func next() -> UInt64 { state = state &* 6364136223846793005 &+ 1442695040888963407; return state >> 33 }
        let events = ["view", "search", "cart", "checkout", "pay", "help"]
        for _ in 0..<4000 {
            text += "u\(next() % 300),\(events[Int(next() % 6)]),\(1_700_000_000 + Int(next() % 200_000))\n"
        }
        return try scratch.folder().write("log.csv", text)
    }

    func graph(_ path: String, direct: Bool, people: Bool, threads: Int = 2) throws -> JourneyGraph {
        var mining = MiningOptions(sessionGapMicros: 3_600_000_000, maxVariants: 20, threads: threads)
        mining.countsPeople = people
        var request = JourneyRequest(log: LogRequest(paths: [path], read: ReadOptions(columns: ColumnSpec(
            caseColumn: "user", activityColumn: "event", timestampColumn: "time"))), mining: mining)
        request.direct = direct
        return try request.graph()
    }

    @Test func directAndGeneralPathsCountTheSamePeople() throws {
        let path = try log()
        let general = try graph(path, direct: false, people: true)
        #expect(general.people == 300 && general.journeys > 300)
        for threads in [1, 2, 3] {
            let direct = try graph(path, direct: true, people: true, threads: threads)
            #expect(try direct.jsonData() == general.jsonData(), "threads \(threads)")
        }
        let plain = try graph(path, direct: true, people: false)
        #expect(plain.people == nil && plain.touchpoints.allSatisfy { $0.people == nil })
        var stripped = general
        stripped.people = nil
        for i in stripped.touchpoints.indices {
            stripped.touchpoints[i].people = nil; stripped.touchpoints[i].startPeople = nil; stripped.touchpoints[i].endPeople = nil
        }
        for i in stripped.edges.indices { stripped.edges[i].people = nil }
        for i in stripped.stages.indices { stripped.stages[i].people = nil }
        for i in stripped.stageEdges.indices { stripped.stageEdges[i].people = nil }
        for i in stripped.variants.top.indices { stripped.variants.top[i].people = nil }
        #expect(try stripped.jsonData() == plain.jsonData(), "counting people changes no other number")
    }
}
