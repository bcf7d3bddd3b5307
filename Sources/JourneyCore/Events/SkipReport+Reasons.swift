/// Reasons under which rows are left out on purpose rather than refused (counted in
/// `SkipReport.reasons`, told in the footnote and on stderr). Defined here, beside the report,
/// so layout and the command line can name them without the readers (JourneyIO).
extension SkipReport {
    /// An access-log request for a static file, left out unless `--keep-static`.
    public static let staticFileReason = "static file (--keep-static)"
    /// An access-log request by a bot, left out unless `--keep-bots`.
    public static let botReason = "bot (--keep-bots)"
    /// A Segment identify, group or alias call: who someone is, not a step (`SegmentCalls`).
    public static let segmentCallReason = "Segment identify/group/alias call (not an event)"
}
