import Foundation

extension TimestampParser {
    /// Sets the zone of times written without one (`--timezone`): `UTC` (or `Z`, `GMT`), a
    /// fixed offset (`+07:00`, `-0530`, `+07`), or an IANA name (`Asia/Bangkok`,
    /// `Europe/Berlin`) whose daylight-saving changes are honoured.
    ///
    /// For IANA zones, a local time in a spring-forward gap is read with the offset before
    /// the change (02:30 becomes 03:30 summer time, as Foundation does), and one in a
    /// fall-back overlap as its first occurrence (summer time).
    public mutating func setTimeZone(_ zone: String) throws {
        let name = zone.trimmingSpaces()
        if let seconds = Self.fixedOffset(name) {
            defaultOffsetSeconds = seconds
            localOffset = nil
            return
        }
        guard name.contains("/"), let tz = TimeZone(identifier: name) else { throw TimeZoneError(name: zone) }
        localOffset = Self.localOffsetFunction(for: tz)
    }

    /// Seconds east of UTC of `UTC`, `Z`, `GMT`, `+HH`, `+HHMM`, `+HH:MM` (or `-`), else nil.
    static func fixedOffset(_ s: String) -> Int64? {
        let u = s.uppercased()
        if u == "UTC" || u == "Z" || u == "GMT" { return 0 }
        let b = Array(u.utf8)
        guard b.count >= 3, b[0] == 0x2b || b[0] == 0x2d else { return nil }
        var digits: [Int] = []
        for (i, c) in b.dropFirst().enumerated() {
            if c == 0x3a && i == 2 { continue }
            guard isDigit(c) else { return nil }
            digits.append(Int(c - 0x30))
        }
        guard digits.count == 2 || digits.count == 4 else { return nil }
        let h = digits[0] * 10 + digits[1]
        let m = digits.count == 4 ? digits[2] * 10 + digits[3] : 0
        guard h <= 18, m <= 59 else { return nil }
        return Int64(b[0] == 0x2b ? 1 : -1) * Int64(h * 3600 + m * 60)
    }

    /// A `localOffset` for `zone`: asks Foundation once per hour of local time and caches
    /// the answer (offsets change on whole local hours in all current zones).
    public static func localOffsetFunction(for zone: TimeZone) -> @Sendable (Int64) -> Int64 {
        let cache = LocalOffsetCache(zone: zone)
        return { cache.offset(localMicros: $0) }
    }
}

/// Offsets of one zone per local hour, computed on first use; shared by copies of a parser.
final class LocalOffsetCache: @unchecked Sendable {
    private let zone: TimeZone
    private let lock = NSLock()
    /// Local hour (hours since the epoch, as if local were UTC) → seconds east of UTC.
    private var offsets: [Int64: Int32] = [:]

    init(zone: TimeZone) { self.zone = zone }

    func offset(localMicros: Int64) -> Int64 {
        let hour = localMicros >= 0 ? localMicros / 3_600_000_000 : (localMicros - 3_599_999_999) / 3_600_000_000
        lock.lock()
        let cached = offsets[hour]
        lock.unlock()
        if let cached { return Int64(cached) }
        let computed = compute(localSeconds: hour * 3600)
        lock.lock()
        offsets[hour] = Int32(computed)
        lock.unlock()
        return computed
    }

    /// The offset to subtract from local time `local` (seconds, as if UTC) to get UTC.
    private func compute(localSeconds local: Int64) -> Int64 {
        func offset(atUTC t: Int64) -> Int64 {
            Int64(zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(t))))
        }
        let before = offset(atUTC: local - 86_400), after = offset(atUTC: local + 86_400)
        // Larger offset first: in an overlap it is the first occurrence.
        for candidate in [max(before, after), min(before, after)] where offset(atUTC: local - candidate) == candidate {
            return candidate
        }
        return before  // a gap: keep the offset in force before the change
    }
}

/// `--timezone` named something that is neither an offset nor a known IANA zone.
public struct TimeZoneError: CategorizedError, Sendable {
    public var category: ErrorCategory { .usage }
    public let name: String
    public var description: String {
        "--timezone \(name): unknown time zone; expected UTC, an offset like +07:00, or an IANA name like Asia/Bangkok"
    }
}
