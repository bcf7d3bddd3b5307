/// What `journeymap attribution` credits: each journey cut at its first conversion, as a path of
/// states (touchpoints or channels) that ends in `conversion` or `null`.
public struct AttributionOptions: Sendable, Equatable {
    /// What counts as a conversion.
    public enum Conversion: Sendable, Equatable {
        /// The first step on this touchpoint (`--conversion EVENT`).
        case event(String)
        /// The first step in this stage or a later one, the unassigned stage aside
        /// (`--conversion-stage STAGE`, as persona cards read it).
        case stage(String)
    }
    /// What a state of the chain is.
    public enum Unit: String, Sendable, Equatable, CaseIterable {
        case touchpoint, channel
    }

    public var conversion: Conversion
    public var by: Unit
    /// Memory of the chain: 1 (a state is the current step) or 2 (the last two steps).
    public var order: Int
    /// More units than this have their removal effects solved all at once
    /// (`AbsorbingChain.conversionProbabilitiesEachRemoved`: equal to rounding); up to it, one
    /// elimination per unit (the numbers as before).
    public var eachRemovedAtOnceFrom = 400

    public init(conversion: Conversion, by: Unit = .touchpoint, order: Int = 1) {
        self.conversion = conversion
        self.by = by
        self.order = order
    }
}

/// Journeys cut at their first conversion, steps as unit ids (touchpoints or channels).
public struct AttributionPaths: Sendable, Equatable {
    /// Unit names, by id.
    public var names: [String]
    /// Stage index (into `stages`) of each unit: a touchpoint's stage; a channel's most frequent stage.
    public var stageOfUnit: [Int]
    public var stages: [StageDefinition]
    /// Steps before the conversion (or the whole journey), journey `j` in `offsets[j]..<offsets[j+1]`.
    public var offsets: [Int]
    public var steps: [Int32]
    public var converted: [Bool]
    /// Case (person) of each journey, as in `JourneySequences.caseOfJourney`.
    public var caseOfJourney: [UInt32]
    /// What a conversion is, in words (`purchase`, `stage decision or later`).
    public var conversionName: String
    /// Distinct channels the journeys' events carry (0 without a channel column): with few
    /// touchpoints to credit, `--by channel` may be what was meant.
    public var channelsInLog = 0

    public var count: Int { converted.count }
    public func path(_ j: Int) -> ArraySlice<Int32> { steps[offsets[j]..<offsets[j + 1]] }

    public init(names: [String], stageOfUnit: [Int], stages: [StageDefinition], offsets: [Int], steps: [Int32],
                converted: [Bool], caseOfJourney: [UInt32], conversionName: String) {
        self.names = names
        self.stageOfUnit = stageOfUnit
        self.stages = stages
        self.offsets = offsets
        self.steps = steps
        self.converted = converted
        self.caseOfJourney = caseOfJourney
        self.conversionName = conversionName
    }

    /// The journeys of `seq` cut at their first conversion.
    /// - Throws: `AttributionError` when the conversion names no touchpoint or stage of the journeys.
    /// - Complexity: O(events).
    public init(_ seq: JourneySequences, options: AttributionOptions) throws {
        var isConversion = [Bool](repeating: false, count: seq.touchpoints.count)
        switch options.conversion {
        case .event(let name):
            var ids = seq.touchpoints.indices.filter { seq.touchpoints[$0].name == name }
            if ids.isEmpty { ids = seq.touchpoints.indices.filter { seq.touchpoints[$0].name.lowercased() == name.lowercased() } }
            guard !ids.isEmpty else {
                let known = seq.touchpoints.map(\.name).sorted()
                throw AttributionError("--conversion \(name): no touchpoint of the journeys is called so; expected one of: "
                    + known.prefix(30).joined(separator: ", ") + (known.count > 30 ? ", … (\(known.count) in all)" : ""))
            }
            for i in ids { isConversion[i] = true }
            conversionName = name
        case .stage(let stage):
            let wanted = seq.stages.first { s in s.id == stage || s.names.values.values.contains(stage) }?.id ?? stage
            let conversion: JourneyConversion
            do { conversion = try JourneyConversion(stage: wanted, stages: seq.stages) } catch let e as PersonaError {
                throw AttributionError("--conversion-stage " + e.message.replacingOccurrences(of: "conversion stage ", with: ""))
            }
            for (i, t) in seq.touchpoints.enumerated() where conversion.counts(t.stageIndex) { isConversion[i] = true }
            conversionName = "stage \(wanted) or later"
        }
        stages = seq.stages
        channelsInLog = seq.channelNames.filter { !$0.isEmpty }.count
        var offsets = [0], steps: [Int32] = [], converted: [Bool] = []
        steps.reserveCapacity(seq.steps.count)
        converted.reserveCapacity(seq.count)
        var channelIDs: [UInt32: Int32] = [:], channelNames: [String] = [], channelStages: [[Int]] = []
        for j in 0..<seq.count {
            var hit = false
            let range = seq.offsets[j]..<seq.offsets[j + 1]
            for k in range {
                let t = Int(seq.steps[k])
                if isConversion[t] { hit = true; break }
                switch options.by {
                case .touchpoint: steps.append(Int32(t))
                case .channel:
                    let c = seq.channels[k]
                    let id: Int32
                    if let known = channelIDs[c] { id = known } else {
                        id = Int32(channelNames.count)
                        channelIDs[c] = id
                        channelNames.append(c == 0 || Int(c) >= seq.channelNames.count ? "(no channel)" : seq.channelNames[Int(c)])
                        channelStages.append([Int](repeating: 0, count: seq.stages.count))
                    }
                    channelStages[Int(id)][seq.touchpoints[t].stageIndex] += 1
                    steps.append(id)
                }
            }
            converted.append(hit)
            offsets.append(steps.count)
        }
        switch options.by {
        case .touchpoint:
            names = seq.touchpoints.map(\.name)
            stageOfUnit = seq.touchpoints.map(\.stageIndex)
        case .channel:
            names = channelNames
            stageOfUnit = channelStages.map { counts in counts.indices.max { (counts[$0], -$0) < (counts[$1], -$1) } ?? 0 }
        }
        self.offsets = offsets
        self.steps = steps
        self.converted = converted
        caseOfJourney = seq.caseOfJourney
    }
}

/// Attribution cannot be computed for a reason the user can fix (a conversion that names nothing,
/// no journey that converts).
public struct AttributionError: CategorizedError, Sendable, Equatable {
    public var category: ErrorCategory { .badInput }
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
