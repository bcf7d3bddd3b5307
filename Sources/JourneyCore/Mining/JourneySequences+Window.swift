extension JourneySequences {
    /// The journeys `window` takes (R2 of `JourneyRules`: by their first or last event), in
    /// the same order, with the same touchpoint, channel and case tables: what
    /// `Miner.sequences` gives with `window` as the options' `journeyWindow` (a window keeps
    /// or drops whole journeys, so those it keeps are formed as without it).
    public func taking(_ window: JourneyWindow) -> JourneySequences {
        var offsets = [0]
        var steps: [Int32] = [], times: [Int64] = [], channels: [UInt32] = [], caseOf: [UInt32] = []
        for j in 0..<count {
            let lo = self.offsets[j], hi = self.offsets[j + 1]
            guard hi > lo, window.takes(first: self.times[lo], last: self.times[hi - 1]) else { continue }
            steps.append(contentsOf: self.steps[lo..<hi])
            times.append(contentsOf: self.times[lo..<hi])
            channels.append(contentsOf: self.channels[lo..<hi])
            offsets.append(steps.count)
            caseOf.append(caseOfJourney[j])
        }
        var windowed = JourneySequences(touchpoints: touchpoints, stages: stages, offsets: offsets, steps: steps, times: times,
                                        channels: channels, channelNames: channelNames, caseOfJourney: caseOf, caseNames: caseNames,
                                        stagesInferred: stagesInferred)
        windowed.untimed = untimed
        return windowed
    }
}
