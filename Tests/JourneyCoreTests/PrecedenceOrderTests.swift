import Testing
@testable import JourneyCore

/// Phases ordered by the moves between touchpoints, not by median position alone.
@Suite struct PrecedenceOrderTests {
    /// Moves drawn backwards in `order`.
    func backward(_ order: [Int], _ moves: [(from: Int, to: Int, count: Int)]) -> Int {
        let rank = Dictionary(uniqueKeysWithValues: order.enumerated().map { ($1, $0) })
        return moves.filter { rank[$0.to]! < rank[$0.from]! }.reduce(0) { $0 + $1.count }
    }

    @Test func anOrderTheMovesAgreeWithIsKept() {
        let moves = [(from: 0, to: 1, count: 10), (from: 1, to: 2, count: 8), (from: 0, to: 2, count: 2), (from: 2, to: 1, count: 3)]
        #expect(PrecedenceOrder.order([0, 1, 2], moves: moves) == [0, 1, 2])
        // Items without moves keep their places.
        #expect(PrecedenceOrder.order([3, 0, 4, 1, 2], moves: moves) == [3, 0, 4, 1, 2])
    }

    /// The honeypot pattern: "success" (id 3) sits early by position (dozens of commands
    /// follow it in long sessions) but always comes after "version" (1).
    @Test func aStepThatAlwaysFollowsMovesAfterIt() {
        let moves = [(from: 0, to: 1, count: 100), (from: 1, to: 2, count: 70), (from: 1, to: 3, count: 30),
                     (from: 3, to: 4, count: 30), (from: 2, to: 5, count: 70), (from: 4, to: 5, count: 30)]
        let byPosition = [0, 3, 1, 4, 2, 5]
        let order = PrecedenceOrder.order(byPosition, moves: moves)
        #expect(backward(byPosition, moves) == 30)
        #expect(backward(order, moves) == 0, "\(order)")
        #expect(order.first == 0 && order.last == 5)
        #expect(order.firstIndex(of: 1)! < order.firstIndex(of: 3)! && order.firstIndex(of: 3)! < order.firstIndex(of: 4)!)
    }

    /// A loop both ways keeps the direction with more moves forwards.
    @Test func aLoopKeepsItsHeavierDirectionForwards() {
        let moves = [(from: 0, to: 1, count: 5), (from: 1, to: 0, count: 9)]
        #expect(PrecedenceOrder.order([0, 1], moves: moves) == [1, 0])
        #expect(PrecedenceOrder.order([1, 0], moves: moves) == [1, 0])
    }

    /// Moves of items the order does not hold are left out (no rank to move next to).
    @Test func movesOfItemsOutsideTheOrderOrderNothing() {
        let moves = [(from: 5, to: 0, count: 50), (from: 1, to: 5, count: 50), (from: 1, to: 0, count: 3)]
        #expect(PrecedenceOrder.order([0, 1], moves: moves) == [1, 0])
        #expect(PrecedenceOrder.order([0, 2], moves: moves) == [0, 2])
    }

    @Test func isotonicFitPoolsWhatTheOrderContradicts() {
        #expect(PrecedenceOrder.isotonic([0.1, 0.2, 0.3], weights: [1, 1, 1]) == [0.1, 0.2, 0.3])
        let fit = PrecedenceOrder.isotonic([0.0, 0.6, 0.2, 1.0], weights: [5, 1, 3, 2])
        #expect(fit[0] == 0.0 && fit[3] == 1.0)
        #expect(abs(fit[1] - 0.3) < 1e-12 && fit[1] == fit[2], "\(fit)")
        #expect(PrecedenceOrder.isotonic([], weights: []).isEmpty)
    }

    @Test func followsCountsAgreeDenseAndSparse() {
        var dense = FollowsCounts(touchpointCount: 4)
        var sparse = FollowsCounts(touchpointCount: FollowsCounts.denseLimit + 1)
        for path: [Int32] in [[0, 1, 1, 2], [2, 3, 0], [1, 2]] {
            dense.add(journey: path)
            sparse.add(journey: path)
        }
        let expected = [(0, 1, 1), (1, 2, 2), (2, 3, 1), (3, 0, 1)]
        #expect(dense.pairs.map { [$0.from, $0.to, $0.count] } == expected.map { [$0.0, $0.1, $0.2] })
        #expect(sparse.pairs.map { [$0.from, $0.to, $0.count] } == expected.map { [$0.0, $0.1, $0.2] })
        var merged = dense
        merged.merge(dense)
        #expect(merged.pairs.map(\.count) == [2, 4, 2, 2])
        var mergedSparse = sparse
        mergedSparse.merge(sparse)
        #expect(mergedSparse.pairs.map(\.count) == [2, 4, 2, 2])
    }

    /// The hash table past 1,024 touchpoints grows and counts as the matrix does.
    @Test func manyPairsCountTheSameDenseAndSparse() {
        var dense = FollowsCounts(touchpointCount: 60)
        var sparse = FollowsCounts(touchpointCount: 5_000)
        var state: UInt64 = 42
        func next() -> Int32 { state = state &* 6364136223846793005 &+ 1442695040888963407; return Int32((state >> 33) % 60) }
        for _ in 0..<2_000 {
            let path = (0..<Int(next() % 12 + 1)).map { _ in next() }
            dense.add(journey: path)
            sparse.add(journey: path)
        }
        #expect(dense.pairs.count > 1_500)
        #expect(dense.pairs.map { [$0.from, $0.to, $0.count] } == sparse.pairs.map { [$0.from, $0.to, $0.count] })
    }
}
