import Foundation
import Testing
import JourneyKit
import JourneyTestSupport

/// The journey file is the same bytes whatever the number of threads, on unsorted input.
@Suite struct DeterminismTests {
    @Test func journeyFileIsIdenticalForAnyThreadCount() throws {
        // Cases scattered over the file, equal timestamps within a case (ties keep file order),
        // enough cases for the miner to split them over threads. Seeded: a failure replays.
        var rng = SplitMix64(seed: 20_241_203)
        var text = "user_id,timestamp,event,channel\n"
        let activities = ["ad_impression", "landing_page", "product_view", "add_to_cart", "purchase", "ไทย"]
        for _ in 0..<40_000 {
            let user = Int.random(in: 0..<6000, using: &rng)
            let t = 1_700_000_000 + Int.random(in: 0..<2000, using: &rng) * 60
            text += "u\(user),\(t),\(activities.randomElement(using: &rng)!),ch\(Int.random(in: 0..<3, using: &rng))\n"
        }
        let dir = try TemporaryDirectory("jm-det")
        let path = try dir.write("shuffled.csv", text)

        var outputs: [Data] = []
        for threads in [1, 2, 3, 4] {
            var log = LogRequest(paths: [path])
            log.minimumBytesPerThread = 50_000
            let graph = try JourneyRequest(log: log, mining: MiningOptions(threads: threads)).graph()
            #expect(graph.events == 40_000)
            outputs.append(try graph.jsonData())
        }
        for k in 1..<outputs.count { #expect(outputs[k] == outputs[0], "threads \(k + 1) differs from 1") }
    }
}
