import Testing
@testable import JourneyLayout

/// The swimlane order: fewest crossing flows, then the least moves × lanes travelled.
@Suite struct LaneOrderTests {
    typealias Flow = LaneOrder.Flow

    /// Flows a → b → c across three columns: the order that puts b between a and c needs no
    /// crossing, whatever order the names come in.
    @Test func chainNeedsNoCrossing() {
        let lanes = ["store", "email", "web"]   // a chain email → web → store
        let flows: [(Flow, Int)] = [
            (Flow(fromColumn: 0, fromLane: 1, toColumn: 1, toLane: 2), 10),
            (Flow(fromColumn: 1, fromLane: 2, toColumn: 2, toLane: 0), 10),
            (Flow(fromColumn: 0, fromLane: 0, toColumn: 1, toLane: 0), 3),
            (Flow(fromColumn: 0, fromLane: 1, toColumn: 2, toLane: 1), 3),
        ]
        let order = LaneOrder.order(lanes: lanes, flows: flows)
        #expect(Set(order) == [0, 1, 2])
        #expect(crossings(order, flows) == 0, "\(order.map { lanes[$0] })")
        // Heavier flows between nearer lanes: web sits next to both email and store.
        #expect(abs(order.firstIndex(of: 2)! - order.firstIndex(of: 1)!) == 1)
    }

    /// Beyond the exhaustive limit the barycentre order with swaps still finds a crossing-free
    /// order: 9 lanes, each flowing from one column into the next lane of a chain
    /// (`e → b → h → …`) in the next column; in the chain's order the flows run parallel.
    @Test func manyLanesByBarycentreAndSwaps() {
        let lanes = ["a", "b", "c", "d", "e", "f", "g", "h", "i"]
        let chain = ["e", "b", "h", "a", "f", "c", "i", "d", "g"].map { lanes.firstIndex(of: $0)! }
        let flows: [(Flow, Int)] = zip(chain, chain.dropFirst()).map { a, b in
            (Flow(fromColumn: 0, fromLane: a, toColumn: 1, toLane: b), 5)
        }
        let order = LaneOrder.order(lanes: lanes, flows: flows)
        #expect(lanes.count > LaneOrder.exhaustiveLimit)
        #expect(crossings(order, flows) == 0, "\(order.map { lanes[$0] })")
    }

    @Test func segmentsSharingAnEndDoNotCross() {
        #expect(!LaneOrder.cross((0, 0, 1, 1), (0, 0, 1, 2)))
        #expect(LaneOrder.cross((0, 0, 1, 1), (0, 1, 1, 0)))
    }

    private func crossings(_ order: [Int], _ flows: [(Flow, Int)]) -> Int {
        var position = Array(repeating: 0, count: order.count)
        for (p, l) in order.enumerated() { position[l] = p }
        return LaneOrder.crossings(flows.map { f, _ in
            (Double(f.fromColumn), Double(position[f.fromLane]), Double(f.toColumn), Double(position[f.toLane]))
        })
    }
}
