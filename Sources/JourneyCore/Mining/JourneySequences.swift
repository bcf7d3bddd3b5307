/// Every journey as its ordered touchpoint path, for analyses that need whole paths rather
/// than the graph's pair counts: step Sankeys, persona clustering, comparisons.
///
/// Journey `j` is `steps[offsets[j]..<offsets[j+1]]` (touchpoint ids) at `times[…]` (µs),
/// belonging to case `caseNames[caseOfJourney[j]]`. Touchpoint ids index `touchpoints`.
/// Uses the same filters, time order and session split as `Miner.mine`.
public struct JourneySequences: Sendable {
    public struct TouchpointInfo: Sendable, Equatable {
        public var name: String
        /// Stage id from the template.
        public var stage: String
        /// Index of the stage in `stages`.
        public var stageIndex: Int
        public init(name: String, stage: String, stageIndex: Int) {
            self.name = name
            self.stage = stage
            self.stageIndex = stageIndex
        }
    }

    public var touchpoints: [TouchpointInfo]
    /// Template stages then `unassigned`.
    public var stages: [StageDefinition]
    public var offsets: [Int]
    public var steps: [Int32]
    public var times: [Int64]
    /// Channel id per step (into `channelNames`; 0 = none).
    public var channels: [UInt32]
    public var channelNames: [String]
    public var caseOfJourney: [UInt32]
    public var caseNames: StringPool
    /// The stages were inferred from the data (the template's `stagesInferred`): pictures say so.
    public var stagesInferred = false
    /// The events had no times (a path table, `EventTable.untimed`): durations are not measured.
    public var untimed = false

    /// All fields given: for the direct path in JourneyIO, which builds the same value.
    package init(touchpoints: [TouchpointInfo], stages: [StageDefinition], offsets: [Int], steps: [Int32],
                 times: [Int64], channels: [UInt32], channelNames: [String], caseOfJourney: [UInt32],
                 caseNames: StringPool, stagesInferred: Bool = false) {
        self.touchpoints = touchpoints
        self.stages = stages
        self.offsets = offsets
        self.steps = steps
        self.times = times
        self.channels = channels
        self.channelNames = channelNames
        self.caseOfJourney = caseOfJourney
        self.caseNames = caseNames
        self.stagesInferred = stagesInferred
    }

    public var count: Int { offsets.count - 1 }

    /// Touchpoint ids of journey `j`.
    public func path(_ j: Int) -> ArraySlice<Int32> { steps[offsets[j]..<offsets[j + 1]] }
    public func timestamps(_ j: Int) -> ArraySlice<Int64> { times[offsets[j]..<offsets[j + 1]] }
    public func channelsOf(_ j: Int) -> ArraySlice<UInt32> { channels[offsets[j]..<offsets[j + 1]] }
}

extension Miner {
    /// The journeys of `table` as touchpoint paths (see `JourneySequences`). With
    /// `laneAttribute` (an attribute the table kept), `channels` holds that attribute's value
    /// of each step instead of its channel (`channelNames` its values): swimlanes by any column.
    /// - Complexity: O(n) for n events, as `mine`.
    public func sequences(_ table: EventTable, laneAttribute: String? = nil) throws -> JourneySequences {
        let laneColumn = laneAttribute.flatMap { table.attributeIndex($0) }.map { table.attributeColumns[$0] }
        let assignment = try assignTouchpoints(table)
        var filter = try eventFilter(table, assignment: assignment)
        let order = groupByCase(table, filter: &filter, assignment: assignment)
        var offsets = [0]
        var steps: [Int32] = []
        var times: [Int64] = []
        var caseOf: [UInt32] = []
        steps.reserveCapacity(order.count)
        times.reserveCapacity(order.count)
        var channels: [UInt32] = []
        channels.reserveCapacity(order.count)
        forEachJourney(cases: 0..<(order.caseStart.count - 1), table: table, order: order, assignment: assignment) { c, tps, ts, evs in
            steps.append(contentsOf: tps)
            times.append(contentsOf: ts)
            for e in evs { channels.append(laneColumn?[Int(e)] ?? table.channelIDs[Int(e)]) }
            offsets.append(steps.count)
            caseOf.append(c)
        }
        let infos = assignment.touchpointNames.enumerated().map { (t, name) in
            JourneySequences.TouchpointInfo(name: name, stage: assignment.stages[assignment.stageOfTouchpoint[t]].id,
                                            stageIndex: assignment.stageOfTouchpoint[t])
        }
        var sequences = JourneySequences(touchpoints: infos, stages: assignment.stages, offsets: offsets, steps: steps,
                                         times: times, channels: channels, channelNames: laneColumn == nil ? table.channels.strings : table.attributeValues.strings,
                                         caseOfJourney: caseOf, caseNames: table.cases, stagesInferred: template.stagesInferred)
        sequences.untimed = table.untimed
        return sequences
    }
}

extension JourneySequences {
    /// `body` with pointers to the offsets, steps, times and channels (valid during the call),
    /// for the loops that walk every journey (persona features and facts).
    func withColumnPointers<R>(_ body: (UnsafeBufferPointer<Int>, UnsafeBufferPointer<Int32>, UnsafeBufferPointer<Int64>,
                                        UnsafeBufferPointer<UInt32>) -> R) -> R {
        offsets.withUnsafeBufferPointer { offsets in
            steps.withUnsafeBufferPointer { steps in
                times.withUnsafeBufferPointer { times in
                    channels.withUnsafeBufferPointer { channels in body(offsets, steps, times, channels) }
                }
            }
        }
    }
}
