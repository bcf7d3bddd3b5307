extension TimestampFormat {
    /// Patterns real exports use, tried against a value no parser read, to suggest a
    /// `--timestamp-format` in the error (day-first before month-first where both fit).
    public static let commonPatterns = [
        "%d/%b/%Y:%H:%M:%S %z",  // web server access logs
        "%d/%m/%Y %H:%M:%S", "%d/%m/%Y %H:%M", "%d/%m/%Y",
        "%m/%d/%Y %H:%M:%S", "%m/%d/%Y %H:%M", "%m/%d/%Y",
        "%m/%d/%Y %I:%M:%S %p", "%m/%d/%Y %I:%M %p",
        "%d/%m/%y %H:%M", "%d/%m/%y", "%m/%d/%y %H:%M", "%m/%d/%y",
        "%d.%m.%Y %H:%M:%S", "%d.%m.%Y %H:%M", "%d.%m.%Y",
        "%d-%m-%Y %H:%M:%S", "%d-%m-%Y %H:%M", "%d-%m-%Y",
        "%Y/%m/%d %H:%M:%S", "%Y/%m/%d %H:%M", "%Y/%m/%d",
        // Fractions of a second (Disco and ProM exports: 2014/10/22 11:15:41.000).
        "%Y/%m/%d %H:%M:%S.%f", "%d/%m/%Y %H:%M:%S.%f", "%m/%d/%Y %H:%M:%S.%f", "%d.%m.%Y %H:%M:%S.%f",
        "%d %b %Y %H:%M:%S", "%d %b %Y %H:%M", "%d %b %Y", "%d-%b-%Y %H:%M:%S", "%d-%b-%Y %H:%M", "%d-%b-%Y",
        "%a, %d %b %Y %H:%M:%S %z",  // RFC 1123: HTTP and e-mail dates
        "%b %d, %Y %H:%M:%S", "%b %d, %Y", "%b %e %Y %H:%M:%S", "%b %d %Y",
        "%Y-%m-%d %H:%M:%S %z", "%Y%m%d%H%M%S", "%Y%m%d %H:%M:%S",
    ]

    /// The common patterns that read `value` (at most `limit`), first the likeliest.
    public static func suggestions(for value: String, limit: Int = 2) -> [String] {
        let parser = TimestampParser()
        var found: [String] = []
        var text = value.trimmingSpaces()
        text.withUTF8 { bytes in
            let b = UnsafeRawBufferPointer(bytes)
            guard !b.isEmpty else { return }
            for pattern in commonPatterns where found.count < limit {
                guard let format = try? TimestampFormat(pattern) else { continue }
                if format.parse(b, parser: parser) != nil { found.append(pattern) }
            }
        }
        return found
    }

    /// `; --timestamp-format "…" would read it` (or two choices), or "" when no common form fits.
    public static func hint(for value: String) -> String {
        let found = suggestions(for: value)
        guard !found.isEmpty else { return "" }
        return "; --timestamp-format " + found.map { "\"\($0)\"" }.joined(separator: " or ") + " would read it"
    }
}
