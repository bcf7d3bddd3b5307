@_spi(JourneyIO) import JourneyCore
/// Reads a wide CSV table of milestones (CRM deals: one row per deal, a date per stage) as
/// events: every non-empty date cell of a milestone column is an event of that row's case,
/// named by `MilestoneSpec`, at that date. Events of one row keep the order of the milestone
/// columns when dates tie.
///
/// The case column is given (`--case opportunity_id`) or guessed as in an event log; the
/// channel and attributes (`--where deal_stage=Won`, `--split-by`) are read from the row and
/// given to each of its events. A row with no date is a case without events (a deal still
/// being prospected); a cell that is not a date is an error naming its row and column
/// (skipped with `--on-error skip`).
public struct MilestoneReader {
    public var spec: MilestoneSpec
    public var chunkSize: Int

    public init(spec: MilestoneSpec, chunkSize: Int = 1 << 20) {
        self.spec = spec
        self.chunkSize = chunkSize
    }

    public func read<S: ByteSource>(_ source: inout S, into table: EventTable, options: ReadOptions) throws -> ResolvedColumns {
        let file = source.name
        var buf = ReadBuffer(chunkSize: chunkSize, maxRecordBytes: options.maxRecordBytes)
        // Column names name the activities or the paths: none may be undecodable.
        let (head, resolver) = try CSVTableRows.header(&buf, &source, chunkSize: chunkSize, options: options)
        let milestones = try spec.resolve(in: resolver)

        // The case (and channel) as for an event log; activity and timestamp are the milestones.
        var spec = options.columns
        spec.activityColumn = milestones[0].column
        spec.timestampColumn = milestones[0].column
        spec.preset = nil
        var columns = try resolver.resolve(spec).columns
        columns.activityColumn = "milestones \(self.spec.description) (\(milestones.count) columns)"
        columns.guessed.removeAll { $0 == "activity" || $0 == "timestamp" }
        let caseIndex = resolver.index(of: columns.caseColumn)!
        let fallbackIndex = columns.caseFallbackColumn.flatMap { resolver.index(of: $0) } ?? -1
        let channelIndex = columns.channelColumn.flatMap { resolver.index(of: $0) } ?? -1
        var attributeIndices: [Int] = []
        for name in table.attributeNames {
            let found = try resolver.require(name, role: "attribute \"\(name)\"")
            try resolver.checkUnique(found)
            attributeIndices.append(resolver.index(of: found)!)
        }
        let eventNames = milestones.map { Array($0.event.utf8) }

        var sink = EventSink(table: table, options: options, columns: columns, file: file)
        try CSVTableRows.forEach(&buf, &source, header: head, sink: &sink) { field, sink in
            for (k, milestone) in milestones.enumerated() {
                let date = Self.trimmed(field(milestone.index))
                if date.isEmpty { continue }
                sink.columns.timestampColumn = milestone.column
                let staged = try eventNames[k].withUnsafeBytes { name in
                    try sink.stage(case: field(caseIndex), fallback: fallbackIndex >= 0 ? field(fallbackIndex) : nil,
                                   activity: name, timestamp: date,
                                   channel: channelIndex >= 0 ? field(channelIndex) : nil)
                }
                guard staged else { continue }
                for a in attributeIndices.indices { try sink.stageAttribute(a, field(attributeIndices[a])) }
                sink.commit()
            }
        }
        columns.timestampColumn = milestones.count == 1 ? milestones[0].column : "milestone dates"
        return columns
    }

    /// `value` without spaces around it (spreadsheet exports pad cells).
    static func trimmed(_ value: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer {
        var s = 0, e = value.count
        while s < e && (value[s] == 0x20 || value[s] == 0x09) { s += 1 }
        while e > s && (value[e - 1] == 0x20 || value[e - 1] == 0x09) { e -= 1 }
        return UnsafeRawBufferPointer(rebasing: value[s..<e])
    }
}
