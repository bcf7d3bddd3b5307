extension Miner {
    /// Refuses filters (`--since`, `--until`, `--where`) that leave no event, which would
    /// otherwise give an empty map and exit 0 (issue 15). The message names the log's time
    /// span and, for each `--where`, the most frequent values of its attribute, so the next
    /// try can hit. (Comparisons check each side themselves: `ComparisonError.emptySide`.)
    public func checkFiltersMatch(_ table: EventTable, files: String) throws {
        guard table.count > 0, options.since != nil || options.until != nil || !options.whereClauses.isEmpty else { return }
        let since = options.since ?? Int64.min, until = options.until ?? Int64.max
        let clauses: [(column: Int, values: Set<UInt32>)] = options.whereClauses.compactMap { clause in
            table.attributeIndex(clause.attribute).map { ($0, Set(clause.values.compactMap { table.attributeValues.lookup($0) })) }
        }
        // A --where on an attribute the log lacks is reported by `eventFilter` with its own message.
        guard clauses.count == options.whereClauses.count else { return }
        for i in 0..<table.count {
            let t = table.timestamps[i]
            guard t >= since && t < until else { continue }
            if clauses.allSatisfy({ $0.values.contains(table.attributeColumns[$0.column][i]) }) { return }
        }
        var asked: [String] = []
        if let s = options.since { asked.append("--since \(formatISO8601(s))") }
        if let u = options.until { asked.append("--until \(formatISO8601(u))") }
        asked += options.whereClauses.map { "--where \($0.description)" }
        var message = "\(files): no event matches \(asked.joined(separator: " ")) (of \(CountFormat.grouped(table.count)) events"
        if let first = table.timestamps.min(), let last = table.timestamps.max() {
            message += " from \(formatISO8601(first)) to \(formatISO8601(last))"
        }
        message += ")"
        for (clause, c) in zip(options.whereClauses, clauses) {
            var counts: [UInt32: Int] = [:]
            for v in table.attributeColumns[c.column] { counts[v, default: 0] += 1 }
            let top = counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.prefix(5)
            let shown = top.map { (table.attributeValues.string($0.key).isEmpty ? "(empty)" : table.attributeValues.string($0.key)) + " (\(CountFormat.grouped($0.value)))" }.joined(separator: ", ")
            message += "; \(clause.attribute) has \(counts.count) value\(counts.count == 1 ? "" : "s")"
                + (counts.isEmpty ? "" : ", most often: \(shown)")
        }
        throw MiningError(message)
    }
}
