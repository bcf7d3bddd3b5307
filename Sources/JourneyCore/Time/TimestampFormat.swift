/// A user-given timestamp pattern (`--timestamp-format`), strftime-like:
/// `%Y` year, `%y` two-digit year (69–99 → 19xx, 00–68 → 20xx), `%m` month, `%d` day, `%e` day
/// (space-padded or not), `%H` hour, `%M` minute, `%S` second, `%f` fraction, `%z` zone
/// (`Z`, `+07:00`, `+0700`, `GMT`, `UTC`), `%b` / `%B` English month name, abbreviated or full, any case,
/// `%a` / `%A` English weekday name (read past, not checked against the date),
/// `%p` AM/PM with `%I`, `%%` a percent sign; other characters must match literally.
public struct TimestampFormat: Sendable, Equatable {
    public let pattern: String
    static let directives: Set<Character> = ["Y", "y", "m", "d", "e", "H", "I", "M", "S", "f", "z", "b", "B", "a", "A", "p", "%"]

    /// Throws when the pattern has an unknown directive.
    public init(_ pattern: String) throws {
        self.pattern = pattern
        var it = pattern.makeIterator()
        while let c = it.next() {
            if c == "%" {
                guard let d = it.next(), Self.directives.contains(d) else {
                    throw TimestampFormatError(pattern: pattern)
                }
            }
        }
    }

    /// Whether the pattern reads a year (`%Y` or `%y`): without one every time falls in 1970.
    public var hasYear: Bool { pattern.contains("%Y") || pattern.contains("%y") }

    /// A warning for a pattern without a year, or nil: times without a date all fall on
    /// 1970-01-01, so events of different days are ordered by time of day alone.
    public var missingDateWarning: String? {
        guard !hasYear else { return nil }
        let fix = "give the whole date and time (if the date is in another column, join the two into one column first)"
        if ["%d", "%e", "%m", "%b", "%B"].contains(where: pattern.contains) {
            return "--timestamp-format \"\(pattern)\" has no year (%Y or %y): every event is dated in 1970, so events of different years are ordered as if they were in one; " + fix
        }
        return "--timestamp-format \"\(pattern)\" has no date: every event is dated 1970-01-01, so events of different days are ordered as if they were on one day; " + fix
    }

    package func parse(_ b: UnsafeRawBufferPointer, parser: TimestampParser) -> Int64? {
        // Implemented in TimestampFormat+Parse.swift.
        parseWithPattern(b, parser: parser)
    }
}

public struct TimestampFormatError: CategorizedError {
    public var category: ErrorCategory { .usage }
    public let pattern: String
    public var description: String {
        "timestamp format \"\(pattern)\": unknown directive; use %Y %y %m %d %e %H %I %M %S %f %z %b %B %a %A %p %%"
    }
}
