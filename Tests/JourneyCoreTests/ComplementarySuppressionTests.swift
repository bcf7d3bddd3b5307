import Testing
@testable import JourneyCore

/// The overlap the single-group rule missed (found in review on receipt.csv's stage Sankey):
/// a flow withheld in one group protects another group's small flow, but comes back by
/// subtraction in a third group where it is the only one withheld.
@Suite struct ComplementarySuppressionTests {
    // Items: 0 box A (1,236), 1 A→B (1,229), 2 A→Drop (7), 3 C→Drop (2), 4 Drop (9).
    // Groups: A's outflows (total A), Drop's inflows (total Drop). Everyone is one person.
    static let items = [1236, 1229, 7, 2, 9].map { ComplementarySuppression.Item(value: $0, people: $0) }
    static let groups = [
        ComplementarySuppression.Group(members: [1, 2], total: 0),
        ComplementarySuppression.Group(members: [2, 3], total: 4),
    ]

    @Test func aProtectorThatComesBackElsewhereProtectsNothing() {
        let rule = ComplementarySuppression(items: Self.items, groups: Self.groups)
        let hidden = rule.withheld(minPeople: 5)
        #expect(hidden[3], "C→Drop rests on 2 people")
        // Nothing resting on fewer than 5 people can be worked out from what is shown.
        let back = rule.recoverable(hidden)
        #expect(!back.contains { Self.items[$0].people < 5 }, "recoverable: \(back)")
        // Before the fix A→Drop was withheld only for its own group and came back as 1,236 − 1,229.
        #expect(hidden[2] && (hidden[1] || hidden[0] || hidden[4]))
    }

    @Test func recoverableFollowsChainsOfSums() {
        let rule = ComplementarySuppression(items: Self.items, groups: Self.groups)
        // Only A→Drop and C→Drop withheld: A→Drop from A's group, then C→Drop from Drop's.
        #expect(rule.recoverable([false, false, true, true, false]) == [2, 3])
        // With A→B withheld too, A's group has two unknowns and nothing comes back.
        #expect(rule.recoverable([false, true, true, true, false]) == [])
    }

    /// Three sums, two unknowns each, no chain of single sums gives anything back, but solved
    /// together they do: e1 + x1 = 11, x1 + z = 20, e1 + z = 11 give e1 = 1 (one person).
    /// Items: 0 e1 (1), 1 x1 (10), 2 z (10), 3 T1 (11), 4 T2 (20), 5 T3 (11).
    @Test func sumsSolvedTogetherGiveNothingBack() {
        let items = [1, 10, 10, 11, 20, 11].map { ComplementarySuppression.Item(value: $0, people: $0) }
        let groups = [
            ComplementarySuppression.Group(members: [0, 1], total: 3),
            ComplementarySuppression.Group(members: [1, 2], total: 4),
            ComplementarySuppression.Group(members: [0, 2], total: 5),
        ]
        let rule = ComplementarySuppression(items: items, groups: groups)
        // The single-sum rule alone withholds e1, x1 and z: each sum has two unknowns.
        #expect(rule.recoverable([true, true, true, false, false, false]) == [])
        #expect(rule.determined([true, true, true, false, false, false]) == [0, 1, 2])
        let hidden = rule.withheld(minPeople: 5)
        #expect(hidden[0] && hidden[1] && hidden[2])
        #expect(hidden[3] || hidden[4] || hidden[5], "one of the sums is withheld too")
        #expect(!rule.determined(hidden).contains(0))
    }

    /// Fixed items (another output's published pattern) are never withheld; the free ones are.
    @Test func fixedItemsStayAsTheyWerePublished() {
        // 0 Other node (11, free), 1 start G (8, fixed shown), 2 start H (3, fixed withheld):
        // Other = G + H. Showing Other would give H back, so Other is withheld, not G.
        let items = [11, 8, 3].map { ComplementarySuppression.Item(value: $0, people: $0) }
        let rule = ComplementarySuppression(items: items, groups: [.init(members: [1, 2], total: 0)])
        #expect(rule.withheld(minPeople: 5) == [false, true, true], "alone: G withheld with H")
        #expect(rule.withheld(minPeople: 5, fixed: [nil, false, true]) == [true, false, true])
    }
}
