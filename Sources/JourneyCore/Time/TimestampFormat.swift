/// A user-given timestamp pattern (`--timestamp-format`), strftime-like:
/// `%Y` year, `%m` month, `%d` day, `%H` hour, `%M` minute, `%S` second, `%f` fraction,
/// `%z` zone (`Z`, `+07:00`, `+0700`), `%b` English month abbreviation, `%p` AM/PM with `%I`,
/// `%%` a percent sign; other characters must match literally.
public struct TimestampFormat: Sendable, Equatable {
    public let pattern: String

    /// Throws when the pattern has an unknown directive.
    public init(_ pattern: String) throws {
        self.pattern = pattern
        let known: Set<Character> = ["Y", "m", "d", "H", "I", "M", "S", "f", "z", "b", "p", "%"]
        var it = pattern.makeIterator()
        while let c = it.next() {
            if c == "%" {
                guard let d = it.next(), known.contains(d) else {
                    throw TimestampFormatError(pattern: pattern)
                }
            }
        }
    }

    func parse(_ b: UnsafeRawBufferPointer, parser: TimestampParser) -> Int64? {
        // Implemented in TimestampFormat+Parse.swift.
        parseWithPattern(b, parser: parser)
    }
}

public struct TimestampFormatError: CategorizedError {
    public var category: ErrorCategory { .usage }
    public let pattern: String
    public var description: String {
        "timestamp format \"\(pattern)\": unknown directive; use %Y %m %d %H %I %M %S %f %z %b %p %%"
    }
}
