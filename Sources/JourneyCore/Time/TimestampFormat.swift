/// A user-given timestamp pattern (`--timestamp-format`), strftime-like:
/// `%Y` year, `%y` two-digit year (69–99 → 19xx, 00–68 → 20xx), `%m` month, `%d` day, `%e` day
/// (space-padded or not), `%H` hour, `%M` minute, `%S` second, `%f` fraction, `%z` zone
/// (`Z`, `+07:00`, `+0700`), `%b` / `%B` English month name, abbreviated or full, any case,
/// `%p` AM/PM with `%I`, `%%` a percent sign; other characters must match literally.
public struct TimestampFormat: Sendable, Equatable {
    public let pattern: String
    static let directives: Set<Character> = ["Y", "y", "m", "d", "e", "H", "I", "M", "S", "f", "z", "b", "B", "p", "%"]

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

    package func parse(_ b: UnsafeRawBufferPointer, parser: TimestampParser) -> Int64? {
        // Implemented in TimestampFormat+Parse.swift.
        parseWithPattern(b, parser: parser)
    }
}

public struct TimestampFormatError: CategorizedError {
    public var category: ErrorCategory { .usage }
    public let pattern: String
    public var description: String {
        "timestamp format \"\(pattern)\": unknown directive; use %Y %y %m %d %e %H %I %M %S %f %z %b %B %p %%"
    }
}
