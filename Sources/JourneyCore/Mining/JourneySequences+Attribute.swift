extension Miner {
    /// The value of attribute `attribute` (an index into `table.attributeNames`) at each
    /// journey's first event, journeys in the order `sequences(table)` gives them ("" when
    /// the event has none). The replay colours its tokens by it (`--color-by COLUMN`).
    /// - Complexity: O(n) for n events, as `sequences`.
    public func firstValues(_ table: EventTable, attribute: Int) throws -> [String] {
        precondition(table.attributeNames.indices.contains(attribute), "no such attribute")
        let assignment = try assignTouchpoints(table)
        var filter = try eventFilter(table, assignment: assignment)
        let order = groupByCase(table, filter: &filter, assignment: assignment)
        let column = table.attributeColumns[attribute]
        var values: [String] = []
        forEachJourney(cases: 0..<(order.caseStart.count - 1), table: table, order: order, assignment: assignment) { _, _, _, evs in
            values.append(evs.first.map { table.attributeValues.string(column[Int($0)]) } ?? "")
        }
        return values
    }
}
