/// Export formats whose column names are known (`--preset`).
public enum ColumnPreset: String, Sendable, CaseIterable, Codable {
    /// GA4 BigQuery export: `user_pseudo_id`, `event_name`, `event_timestamp` (µs).
    case ga4
    /// Segment track events: `userId` else `anonymousId`, `event`, `timestamp`.
    case segment
    /// Mixpanel export: `properties.distinct_id`, `event`, `properties.time` (s).
    case mixpanel
    /// Amplitude export: `user_id` else `device_id`, `event_type`, `event_time`.
    case amplitude
}

/// The columns a reader settled on, reported to the user ("case: user_id (guessed)").
public struct ResolvedColumns: Sendable, Equatable, Codable {
    public var caseColumn: String
    public var caseFallbackColumn: String?
    public var activityColumn: String
    public var timestampColumn: String
    public var channelColumn: String?
    /// Which of them were guessed from names rather than given or preset.
    public var guessed: [String]
    /// The export recognised from its keys and read with its preset (`ga4`), said on stderr.
    public var recognisedPreset: ColumnPreset?
    /// Anonymous ids (the fallback column's) whose events were given the user id seen with
    /// them on some row (`EventTable.stitchIdentities()`); nil when none.
    public var stitchedIDs: Int?

    public init(caseColumn: String, caseFallbackColumn: String? = nil, activityColumn: String,
                timestampColumn: String, channelColumn: String? = nil, guessed: [String] = []) {
        self.caseColumn = caseColumn
        self.caseFallbackColumn = caseFallbackColumn
        self.activityColumn = activityColumn
        self.timestampColumn = timestampColumn
        self.channelColumn = channelColumn
        self.guessed = guessed
    }
}
