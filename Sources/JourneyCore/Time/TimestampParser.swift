/// Parses timestamps from raw bytes into microseconds since the Unix epoch (UTC).
///
/// Accepted without configuration:
/// - ISO-8601 and its common SQL form: `2024-05-19`, `2024-05-19T08:30`, `2024-05-19 08:30:00`,
///   with an optional fraction (`.123456`, any number of digits; kept to microseconds) and an
///   optional zone (`Z`, `+07:00`, `+0700`, `+07`, ` UTC`). Times without a zone are in
///   `defaultOffsetSeconds` (from `--timezone`, UTC unless set). The same with the date written
///   year first with slashes (`2014/10/22 11:15:41.000`, Disco's and ProM's CSV exports).
/// - Eight-digit dates `YYYYMMDD` (`19970101`, years 1900–2100), unless `epochUnit` is set.
/// - Epoch numbers, unit by magnitude (< 1e11 seconds, < 1e14 ms, < 1e17 µs, else ns) or as
///   given by `epochUnit`. A fraction is allowed (`1700000000.25`).
/// Pure arithmetic on bytes: no Foundation, no allocation.
public struct TimestampParser: Sendable {
    public enum EpochUnit: String, Sendable, CaseIterable, Codable {
        case seconds = "s", milliseconds = "ms", microseconds = "us", nanoseconds = "ns"
    }

    /// Unit of epoch numbers; nil guesses from magnitude.
    public var epochUnit: EpochUnit?
    /// Offset applied to times written without a zone, in seconds east of UTC.
    public var defaultOffsetSeconds: Int64
    /// Resolves a zone for local times (IANA names with daylight saving); overrides
    /// `defaultOffsetSeconds` when set. Called with the local time in µs as if it were UTC,
    /// returns the offset in seconds east of UTC.
    public var localOffset: (@Sendable (Int64) -> Int64)?
    /// A strftime-like pattern (`--timestamp-format`); when set, only it is tried.
    public var format: TimestampFormat?
    /// Added to every year read from text (`--buddhist-era`: −543, พ.ศ. 2567 is 2024), before
    /// the date is checked (leap years are the common era's). Not to epoch numbers.
    public var yearOffset = 0
    /// The Buddhist era's years run this many ahead of the common era's.
    public static let buddhistEraOffset = 543

    public init(epochUnit: EpochUnit? = nil, defaultOffsetSeconds: Int64 = 0,
                format: TimestampFormat? = nil, localOffset: (@Sendable (Int64) -> Int64)? = nil) {
        self.epochUnit = epochUnit
        self.defaultOffsetSeconds = defaultOffsetSeconds
        self.format = format
        self.localOffset = localOffset
    }

    public func parse(_ string: String) -> Int64? {
        var s = string
        return s.withUTF8 { parse(UnsafeRawBufferPointer($0)) }
    }

    /// Microseconds since the epoch, or nil when `bytes` is not a timestamp.
    public func parse(_ bytes: UnsafeRawBufferPointer) -> Int64? {
        var lo = 0, hi = bytes.count
        while lo < hi && (bytes[lo] == 0x20 || bytes[lo] == 0x09) { lo += 1 }
        while hi > lo && (bytes[hi - 1] == 0x20 || bytes[hi - 1] == 0x09 || bytes[hi - 1] == 0x0d) { hi -= 1 }
        guard lo < hi else { return nil }
        let b = UnsafeRawBufferPointer(rebasing: bytes[lo..<hi])
        if let format { return format.parse(b, parser: self) }
        // Year first with slashes (Disco and ProM exports: 2014/10/22 11:15:41.000) is read as
        // ISO: no export writes year/day/month.
        if b.count >= 10 && ((b[4] == 0x2d && b[7] == 0x2d) || (b[4] == 0x2f && b[7] == 0x2f)) { return parseISO(b) }
        return parseEpoch(b)
    }

    /// Converts a local wall-clock time (µs, as if UTC) to UTC using the zone options.
    @inline(__always)
    func localToUTC(_ local: Int64) -> Int64 {
        if let localOffset { return local - localOffset(local) * 1_000_000 }
        return local - defaultOffsetSeconds * 1_000_000
    }

    @inline(__always)
    private func parseISO(_ b: UnsafeRawBufferPointer) -> Int64? {
        let n = b.count
        guard let written = digits(b, 0, 4), let month = digits(b, 5, 2), let day = digits(b, 8, 2) else { return nil }
        let year = written + yearOffset
        guard (1...12).contains(month), day >= 1, day <= daysInMonth(year, month) else { return nil }
        var hour = 0, minute = 0, second = 0
        var micros: Int64 = 0
        var i = 10
        if i < n && (b[i] == 0x54 || b[i] == 0x20 || b[i] == 0x74) && i + 1 < n && isDigit(b[i + 1]) {
            guard i + 6 <= n, let h = digits(b, i + 1, 2), b[i + 3] == 0x3a, let m = digits(b, i + 4, 2),
                  h <= 24, m <= 59 else { return nil }
            hour = h; minute = m; i += 6
            if i < n && b[i] == 0x3a {
                guard i + 3 <= n, let s = digits(b, i + 1, 2), s <= 60 else { return nil }
                second = s; i += 3
                if i < n && (b[i] == 0x2e || b[i] == 0x2c) {
                    i += 1
                    var scale: Int64 = 100_000
                    let start = i
                    while i < n && isDigit(b[i]) {
                        micros += Int64(b[i] - 0x30) * scale
                        scale /= 10
                        i += 1
                    }
                    if i == start { return nil }
                }
            }
        }
        var local = daysFromCivil(year, month, day) * 86_400_000_000
        local += Int64(hour * 3600 + minute * 60 + second) * 1_000_000 + micros
        // Zone.
        while i < n && b[i] == 0x20 { i += 1 }
        if i == n { return localToUTC(local) }
        let c = b[i]
        if (c == 0x5a || c == 0x7a) && i + 1 == n { return local }  // Z
        if c == 0x55 && n - i == 3 && b[i + 1] == 0x54 && b[i + 2] == 0x43 { return local }  // UTC
        if c == 0x47 && n - i == 3 && b[i + 1] == 0x4d && b[i + 2] == 0x54 { return local }  // GMT
        guard c == 0x2b || c == 0x2d else { return nil }
        let sign: Int64 = c == 0x2b ? 1 : -1
        i += 1
        guard let oh = digits(b, i, 2), oh <= 18 else { return nil }
        i += 2
        var om = 0
        if i < n {
            if b[i] == 0x3a { i += 1 }
            guard let m = digits(b, i, 2), m <= 59 else { return nil }
            om = m; i += 2
        }
        guard i == n else { return nil }
        return local - sign * Int64(oh * 3600 + om * 60) * 1_000_000
    }

    @inline(__always)
    private func parseEpoch(_ b: UnsafeRawBufferPointer) -> Int64? {
        var i = 0
        var negative = false
        if b[0] == 0x2d { negative = true; i = 1 }
        var whole: Int64 = 0
        var digitsSeen = 0
        while i < b.count && isDigit(b[i]) {
            // More than Int64 holds is not a time (19 digits can already overflow).
            let (tens, o1) = whole.multipliedReportingOverflow(by: 10)
            let (next, o2) = tens.addingReportingOverflow(Int64(b[i] - 0x30))
            guard !o1 && !o2 else { return nil }
            whole = next
            digitsSeen += 1
            i += 1
        }
        guard digitsSeen > 0 else { return nil }
        var fraction = 0.0
        if i < b.count && b[i] == 0x2e {
            i += 1
            var scale = 0.1
            while i < b.count && isDigit(b[i]) { fraction += Double(b[i] - 0x30) * scale; scale /= 10; i += 1 }
        }
        guard i == b.count else { return nil }
        // Eight digits that are a valid YYYYMMDD date (19970101) are that date, not epoch
        // seconds of 1970 (unless --timestamp-unit says so).
        if epochUnit == nil && digitsSeen == 8 && !negative && b.count == 8, let day = Self.compactDate(whole) {
            return localToUTC(day * 86_400_000_000)
        }
        let unit = epochUnit ?? Self.guessUnit(whole)
        let perUnit: Int64
        switch unit {
        case .seconds: perUnit = 1_000_000
        case .milliseconds: perUnit = 1_000
        case .microseconds: return negative ? -whole : whole
        case .nanoseconds: return negative ? -(whole / 1_000) : whole / 1_000
        }
        // Out of Int64 µs (about ±292,000 years) is not a time.
        let (scaled, o1) = whole.multipliedReportingOverflow(by: perUnit)
        let (result, o2) = scaled.addingReportingOverflow(Int64((fraction * Double(perUnit)).rounded()))
        guard !o1 && !o2 else { return nil }
        return negative ? -result : result
    }

    /// Days since the epoch of `value` read as YYYYMMDD (years 1900…2100), or nil when it is no date.
    static func compactDate(_ value: Int64) -> Int64? {
        let year = Int(value / 10_000), month = Int(value / 100 % 100), day = Int(value % 100)
        guard (1900...2100).contains(year), (1...12).contains(month), day >= 1, day <= daysInMonth(year, month) else { return nil }
        return daysFromCivil(year, month, day)
    }

    /// Unit of an epoch number by magnitude: seconds up to 1e11 (year 5138), then ms, µs, ns.
    public static func guessUnit(_ value: Int64) -> EpochUnit {
        let v = value.magnitude
        if v < 100_000_000_000 { return .seconds }
        if v < 100_000_000_000_000 { return .milliseconds }
        if v < 100_000_000_000_000_000 { return .microseconds }
        return .nanoseconds
    }
}

@inlinable @inline(__always) package func isDigit(_ c: UInt8) -> Bool { c &- 0x30 < 10 }

/// The decimal number in `count` bytes at `offset`, or nil when any is not a digit.
@inline(__always)
func digits(_ b: UnsafeRawBufferPointer, _ offset: Int, _ count: Int) -> Int? {
    guard offset + count <= b.count else { return nil }
    var v = 0
    for k in offset..<(offset + count) {
        let d = b[k] &- 0x30
        guard d < 10 else { return nil }
        v = v * 10 + Int(d)
    }
    return v
}

func isLeapYear(_ y: Int) -> Bool { (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 }

func daysInMonth(_ y: Int, _ m: Int) -> Int {
    switch m {
    case 2: return isLeapYear(y) ? 29 : 28
    case 4, 6, 9, 11: return 30
    default: return 31
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
public func daysFromCivil(_ year: Int, _ month: Int, _ day: Int) -> Int64 {
    let y = Int64(month <= 2 ? year - 1 : year)
    let era = (y >= 0 ? y : y - 399) / 400
    let yoe = y - era * 400
    let m = Int64(month)
    let doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + Int64(day) - 1
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
    return era * 146_097 + doe - 719_468
}

/// (year, month, day) of a day number since 1970-01-01.
public func civilFromDays(_ days: Int64) -> (year: Int, month: Int, day: Int) {
    let z = days + 719_468
    let era = (z >= 0 ? z : z - 146_096) / 146_097
    let doe = z - era * 146_097
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
    let y = yoe + era * 400
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
    let mp = (5 * doy + 2) / 153
    let d = doy - (153 * mp + 2) / 5 + 1
    let m = mp < 10 ? mp + 3 : mp - 9
    return (Int(m <= 2 ? y + 1 : y), Int(m), Int(d))
}

/// µs in a day.
public let microsPerDay: Int64 = 86_400_000_000

/// µs since the UTC midnight at or before `micros` (0 ..< `microsPerDay`, before 1970 too).
public func microsIntoDay(_ micros: Int64) -> Int64 {
    let rest = micros % microsPerDay
    return rest < 0 ? rest + microsPerDay : rest
}

/// A year as ISO 8601 writes it: at least four digits (`0999`, `2024`); before year 0 with a
/// minus (`-0044`). Years past 9999 keep their digits unsigned, as the timestamp parser reads them.
public func formatISOYear(_ year: Int) -> String {
    let digits = String(year.magnitude)
    let padded = String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    return year < 0 ? "-" + padded : padded
}

/// Formats µs since the epoch as `2024-05-19T08:30:00Z` (fraction only when non-zero).
public func formatISO8601(_ micros: Int64) -> String {
    // Floor division and a non-negative remainder, without overflow at the ends of Int64.
    var rest = micros % 86_400_000_000
    let days = micros / 86_400_000_000 - (rest < 0 ? 1 : 0)
    if rest < 0 { rest += 86_400_000_000 }
    let (y, m, d) = civilFromDays(days)
    let secs = rest / 1_000_000, frac = rest % 1_000_000
    func p2(_ v: Int64) -> String { v < 10 ? "0\(v)" : "\(v)" }
    var s = "\(formatISOYear(y))-\(p2(Int64(m)))-\(p2(Int64(d)))T\(p2(secs / 3600)):\(p2(secs / 60 % 60)):\(p2(secs % 60))"
    if frac != 0 {
        var f = String(frac)
        f = String(repeating: "0", count: 6 - f.count) + f
        while f.hasSuffix("0") { f.removeLast() }
        s += "." + f
    }
    return s + "Z"
}
