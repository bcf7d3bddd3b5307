@_spi(JourneyIO) import JourneyCore
extension ColumnResolver {
    /// Likely case columns, most specific first (compared lowercased).
    public static let caseCandidates = [
        "case:concept:name", "case_id", "caseid",
        // Process-mining tools' exports: Disco, ProM and Fluxicon ("Case ID"), Celonis ("_CASE_KEY").
        "case id", "case key", "case_key", "_case_key", "case", "user_id", "userid", "user", "customer_id",
        "customer", "session_id", "visitor_id", "distinct_id", "anonymous_id", "device_id",
        // Added for real exports (before "id", which a table of anything may have):
        "user_pseudo_id", "anonymousid", "distinct id", "person_id", "contact_id", "lead_id", "opportunity_id",
        "deal_id", "account_id", "client_id", "ip", "client_ip", "remote_addr", "id",
        // Thai: customer, user, member, ticket and order numbers (not a bare "code" or "No.":
        // Thai sheets number their rows เลขที่, and รหัส names product codes as often).
        "รหัสลูกค้า", "ลูกค้า", "ผู้ใช้", "รหัสผู้ใช้", "รหัสสมาชิก", "เลขเรื่อง", "เลขที่เรื่อง", "หมายเลขเรื่อง",
        "รหัสเรื่อง", "เลขที่คำสั่งซื้อ", "รหัสคำสั่งซื้อ", "หมายเลขคำสั่งซื้อ",
    ]
    /// Likely activity columns.
    public static let activityCandidates = [
        "concept:name", "activity", "event", "event_name", "event_type", "action", "touchpoint", "step", "page",
        "activity name", "activity_name", "activity_en", "interaction", "interaction_type", "event_action",
        "กิจกรรม", "เหตุการณ์", "จุดสัมผัส", "การกระทำ", "ขั้นตอน",
    ]
    /// Likely timestamp columns.
    public static let timestampCandidates = [
        "time:timestamp", "timestamp", "time", "event_time", "event_timestamp", "datetime", "date", "created_at", "ts",
        // Disco, ProM and Celonis exports: the completion time (an interval log's start is the second choice).
        "complete timestamp", "completed timestamp", "end timestamp", "eventtime", "event time", "start timestamp",
        // Disco's own example exports ("Start Date", "End Date"), the end first as above.
        // pm4py's MobIS log, "start" and "end": the end first again.
        "end date", "end time", "start date", "start time", "end", "start",
        "วันที่และเวลา", "วันเวลาที่เกิด", "เวลาที่เกิด", "วันเวลา", "เวลา", "วันที่",
    ]
    /// Likely channel columns (optional: none found means no channel).
    /// (`case:channel`: a trace attribute as pm4py and ProM write XES logs to CSV.)
    public static let channelCandidates = ["channel", "case:channel", "source", "medium", "utm_medium", "utm_source", "platform",
                                           "ช่องทาง", "แหล่งที่มา"]
}

/// The column names an export format uses; each role lists alternatives, first found wins
/// (JSON exports nest Mixpanel's properties, flattened CSV exports do not).
struct PresetColumns {
    var caseNames: [String]
    var caseFallbackNames: [String]?
    var activityNames: [String]
    var timestampNames: [String]
    var epochUnit: TimestampParser.EpochUnit?

    static func of(_ preset: ColumnPreset) -> PresetColumns {
        switch preset {
        case .ga4:
            PresetColumns(caseNames: ["user_pseudo_id"], activityNames: ["event_name"],
                          timestampNames: ["event_timestamp"], epochUnit: .microseconds)
        case .segment:
            PresetColumns(caseNames: ["userId", "user_id"], caseFallbackNames: ["anonymousId", "anonymous_id"],
                          activityNames: ["event"], timestampNames: ["timestamp"])
        case .mixpanel:
            PresetColumns(caseNames: ["properties.distinct_id", "distinct_id"], activityNames: ["event"],
                          timestampNames: ["properties.time", "time"], epochUnit: .seconds)
        case .amplitude:
            // amplitude_id, in every exported event, is Amplitude's own merge of a person's
            // device and user ids: user_id is null until sign-in, so user_id-else-device_id
            // cut one person's journey in two at the sign-in.
            PresetColumns(caseNames: ["amplitude_id", "user_id"], caseFallbackNames: ["device_id"],
                          activityNames: ["event_type"], timestampNames: ["event_time"])
        }
    }
}
