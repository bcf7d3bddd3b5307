/// How many journeys an attribute split (`--split-by ATTR=A,B`) cuts. Each side keeps only the
/// events with its value, so a journey (a case, or one of its sessions with `--session-gap`,
/// taken over all its events) that also has events of the other value, or of neither, is
/// counted in pieces: its A events on one side, its B events on the other, the rest nowhere.
/// Time windows take whole journeys instead (`WindowAssignment`).
public struct AttributeSplitMix: Sendable, Equatable {
    public var split: AttributeSplit
    /// Journeys with at least one event of the before (after) value.
    public var before: Int
    public var after: Int
    /// Of those, journeys that also have events with another value (the other side's or neither).
    public var beforeCut: Int
    public var afterCut: Int
    /// Journeys with events of both values.
    public var both: Int

    /// The counts over `table`'s events, journeys split at `sessionGapMicros` of inactivity;
    /// nil when the table has no such attribute.
    public static func measure(table: EventTable, split: AttributeSplit, sessionGapMicros: Int64?) -> AttributeSplitMix? {
        guard let column = table.attributeIndex(split.attribute) else { return nil }
        let values = table.attributeColumns[column]
        let beforeID = table.attributeValues.lookup(split.before), afterID = table.attributeValues.lookup(split.after)
        // Events grouped by case (counting sort), in time order within a case when sessions are cut.
        let caseCount = table.cases.count
        var start = [Int](repeating: 0, count: caseCount + 1)
        for c in table.caseIDs { start[Int(c) + 1] += 1 }
        for c in 0..<caseCount { start[c + 1] += start[c] }
        var next = start
        var order = [Int32](repeating: 0, count: table.count)
        for (i, c) in table.caseIDs.enumerated() { order[next[Int(c)]] = Int32(i); next[Int(c)] += 1 }
        var mix = AttributeSplitMix(split: split, before: 0, after: 0, beforeCut: 0, afterCut: 0, both: 0)
        func tally(_ seen: UInt8) {
            let b = seen & 1 != 0, a = seen & 2 != 0, other = seen & 4 != 0
            if b { mix.before += 1; if a || other { mix.beforeCut += 1 } }
            if a { mix.after += 1; if b || other { mix.afterCut += 1 } }
            if a && b { mix.both += 1 }
        }
        for c in 0..<caseCount where start[c] < start[c + 1] {
            var events = order[start[c]..<start[c + 1]]
            if sessionGapMicros != nil { events.sort { table.timestamps[Int($0)] < table.timestamps[Int($1)] } }
            var seen: UInt8 = 0
            var last: Int64?
            for e in events {
                let t = table.timestamps[Int(e)]
                if let gap = sessionGapMicros, let l = last, t - l > gap { tally(seen); seen = 0 }
                last = t
                let v = values[Int(e)]
                seen |= v == beforeID ? 1 : v == afterID ? 2 : 4
            }
            tally(seen)
        }
        return mix
    }

    /// Journeys cut in pieces by the split.
    public var cut: Int { beforeCut + afterCut - both }

    /// The warning, or nil when the split cuts no journey.
    public var warning: String? {
        guard cut > 0 else { return nil }
        let a = split.attribute
        return "--split-by \(a)=\(split.before),\(split.after) keeps only each side's events, cutting journeys: "
            + "\(CountFormat.grouped(beforeCut)) of \(CountFormat.grouped(before)) journeys with \(a)=\(split.before) and "
            + "\(CountFormat.grouped(afterCut)) of \(CountFormat.grouped(after)) with \(a)=\(split.after) also have events with another \(a) "
            + "(\(CountFormat.grouped(both)) have both values): each side counts only its own value's events of those journeys "
            + "(docs/comparison-format.md; time windows, --before/--after, keep journeys whole)"
    }
}
