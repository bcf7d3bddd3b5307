extension JourneySequences {
    /// The journeys of `before` followed by those of `after`, in one touchpoint and channel
    /// space (matched by name), for a Sankey laid out once over both sides. Returns the union
    /// and `boundary`, the first step of `after`'s journeys (`offsets[before.count]`).
    ///
    /// Case ids of `after` are moved past `before`'s, so a person never spans the two sides
    /// (`--count people` counts them once per side); the union carries no case names.
    /// - Throws: `ComparisonError.option` when the sides were mined with different stages.
    /// - Complexity: O(n + T) for n steps and T touchpoints on both sides.
    public static func union(before: JourneySequences, after: JourneySequences) throws -> (sequences: JourneySequences, boundary: Int) {
        guard before.stages.map(\.id) == after.stages.map(\.id) else {
            throw ComparisonError.option("the two sides have different stages (\(before.stages.map(\.id).joined(separator: ", ")) vs \(after.stages.map(\.id).joined(separator: ", "))): mine both with the same --template")
        }
        var touchpoints = before.touchpoints
        var touchpointID = Dictionary(before.touchpoints.enumerated().map { ($1.name, Int32($0)) }, uniquingKeysWith: { a, _ in a })
        let afterTouchpoint = after.touchpoints.map { t -> Int32 in
            if let id = touchpointID[t.name] { return id }
            let id = Int32(touchpoints.count)
            touchpoints.append(t)
            touchpointID[t.name] = id
            return id
        }
        var channelNames = before.channelNames
        var channelID = Dictionary(channelNames.enumerated().map { ($1, UInt32($0)) }, uniquingKeysWith: { a, _ in a })
        let afterChannel = after.channelNames.map { name -> UInt32 in
            if let id = channelID[name] { return id }
            let id = UInt32(channelNames.count)
            channelNames.append(name)
            channelID[name] = id
            return id
        }
        let boundary = before.steps.count
        let caseShift = UInt32((before.caseOfJourney.max() ?? 0) + 1)
        let union = JourneySequences(
            touchpoints: touchpoints, stages: before.stages,
            offsets: before.offsets + after.offsets.dropFirst().map { $0 + boundary },
            steps: before.steps + after.steps.map { afterTouchpoint[Int($0)] },
            times: before.times + after.times,
            channels: before.channels + after.channels.map { afterChannel.isEmpty ? $0 : afterChannel[Int($0)] },
            channelNames: channelNames,
            caseOfJourney: before.caseOfJourney + after.caseOfJourney.map { $0 + caseShift },
            caseNames: StringPool())
        return (union, boundary)
    }
}
