@_spi(JourneyIO) import JourneyCore

/// Segment's call types (segment.com/docs/connections/spec): `track` records what someone did
/// (`event`), `page` and `screen` that they saw a page or app screen (`name`, optional, and
/// `properties.title`/`path`), while `identify`, `group` and `alias` record who someone is or
/// which account they belong to — no step of a journey.
///
/// Read with the Segment preset, a page call becomes the activity `Page: NAME` (its `name`,
/// else `properties.name`, `properties.title`, `properties.path`; `Page` when it has none), a
/// screen call `Screen: NAME`; identify, group and alias calls are left out and counted under
/// `leftOutReason` (said on standard error, not counted as bad rows).
public enum SegmentCalls {
    /// `skipped.reasons` key of the identify, group and alias calls left out.
    public static let leftOutReason = SkipReport.segmentCallReason

    /// Paths a Segment export is asked for besides the preset's roles.
    static let paths = ["type", "name", "properties.name", "properties.title", "properties.path"]

    enum Kind { case event, page, screen, leftOut }

    /// The call's kind from its `type` (absent or unknown: an event, read as before).
    static func kind(_ type: UnsafeRawBufferPointer?) -> Kind {
        guard let type else { return .event }
        switch String(decoding: type, as: UTF8.self) {
        case "page": return .page
        case "screen": return .screen
        case "identify", "group", "alias": return .leftOut
        default: return .event
        }
    }

    /// `Page: Pricing` from the first non-empty of `names` (`Page` when none), into `buffer`.
    static func activity(_ kind: Kind, names: [UnsafeRawBufferPointer?], into buffer: inout [UInt8]) {
        buffer.removeAll(keepingCapacity: true)
        buffer.append(contentsOf: kind == .screen ? Array("Screen".utf8) : Array("Page".utf8))
        if let name = names.lazy.compactMap({ $0 }).first(where: { !$0.isEmpty }) {
            buffer.append(contentsOf: Array(": ".utf8))
            buffer.append(contentsOf: name)
        }
    }
}
