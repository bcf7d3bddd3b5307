extension JourneyGraph.Touchpoint {
    /// A channel must have this share of a touchpoint's events (those with a channel) to
    /// stand for it; below it the touchpoint's `channel` is `mixedChannel`.
    public static let dominantShare = 0.6
    /// `channel` of a touchpoint whose events come through several channels, none dominant.
    public static let mixedChannel = "mixed"

    /// The channel that stands for events counted in `channels`: the commonest (ties:
    /// alphabetical) when it has `dominantShare` of them, else `mixedChannel`; nil without channels.
    public static func representativeChannel(_ channels: [String: Int]) -> String? {
        let total = channels.values.reduce(0, +)
        guard total > 0, let top = channels.max(by: { $0.value != $1.value ? $0.value < $1.value : $0.key > $1.key }) else { return nil }
        return Double(top.value) >= dominantShare * Double(total) ? top.key : mixedChannel
    }

    /// The channels with their share of the events that have one, largest first (ties:
    /// alphabetical), at most `limit`.
    public func channelMix(limit: Int = 3) -> [(name: String, share: Double)] {
        let total = channels.values.reduce(0, +)
        guard total > 0 else { return [] }
        return channels.filter { !$0.key.isEmpty && $0.value > 0 }
            .sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
            .prefix(limit)
            .map { ($0.key, Double($0.value) / Double(total)) }
    }

    /// `channel web` for one channel; else `channels mixed: web 45%, app 35%, store 20%` (the
    /// representative channel, then the mix; `+N more` when there are more than `limit`).
    public func channelSummary(limit: Int = 3) -> String? {
        let mix = channelMix(limit: limit)
        guard let channel, !mix.isEmpty else { return nil }
        if mix.count == 1 && channels.count == 1 { return "channel \(channel)" }
        let shares = mix.map { "\($0.name) \(Int(($0.share * 100).rounded()))%" }.joined(separator: ", ")
        let more = channels.count > limit ? ", +\(channels.count - limit) more" : ""
        return "channels \(channel): \(shares)\(more)"
    }
}
